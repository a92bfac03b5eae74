"""``POST /v1/chat/completions``: the OpenAI-compatible chat endpoint over the governed path.

``model`` is a use case's slug, or ``slug:catalogue-model-key`` to choose one of the use
case's allowed models. The last user message is the question, earlier user and assistant
messages are the history; system messages are not passed on (the use case's own instructions
govern). Nothing is kept in a conversation (the client keeps its history); the history is
pseudonymised before it is passed on; every answer and every rejection is in the audit chain.
See docs/gateway.md.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from anyio import to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy.orm import Session

from waarborg.api.gateway_errors import GatewayError, bad_request
from waarborg.api.gateway_flow import Ready, Rejection, Unauthorised, admit_and_prepare
from waarborg.api.gateway_format import Chunks, completion, completion_id, label_suffix, usage
from waarborg.api.gateway_limits import spend
from waarborg.api.gateway_request import bearer_secret, read_json
from waarborg.api.gateway_schema import ChatBody, parse_chat
from waarborg.governance.policy import Caller
from waarborg.pipeline.cpu_slots import cpu_slots
from waarborg.pipeline.generation import Delta, Final
from waarborg.pipeline.governed import Charge, GovernedPath
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.turn import QuestionError, TurnRequest
from waarborg.request_scope import get_runtime
from waarborg.settings import Settings

log = logging.getLogger("waarborg.gateway")
router = APIRouter(prefix="/v1", tags=["gateway"])


def _turn(body: ChatBody, max_chars: int) -> TurnRequest:
    """The turn; its organisation and caller are filled in once the key is known."""
    return TurnRequest(
        organisation_id="",
        use_case_slug=body.use_case,
        caller=Caller(),
        question=body.question,
        model_key=body.model_key,
        channel="api",
        owner=None,
        history=body.history,
        max_tokens=body.max_tokens,
        temperature=body.temperature,
        max_question=max_chars,
    )


def _prompt_text(body: ChatBody) -> str:
    return " ".join([*(m.content for m in body.history), body.question])


async def _parsed(
    request: Request, settings: Settings
) -> tuple[ChatBody, TurnRequest] | GatewayError:
    try:
        data = await read_json(request, settings.gateway_max_body_bytes)
        body = parse_chat(data, settings.gateway_max_message_chars)
        turn = _turn(body, settings.gateway_max_message_chars)
        turn.normalised_question()
    except GatewayError as error:
        return error
    except QuestionError as error:
        return bad_request("invalid_question", str(error), "messages")
    return body, turn


def _charge(ready: Ready, body: ChatBody) -> Charge:
    """Add the answer's tokens to the day's budgets, in the audit event's transaction."""
    who = ready.who

    def charge(session: Session, result: AnswerResult) -> None:
        tokens = usage(result, _prompt_text(body))["total_tokens"]
        spend(session, who.organisation_id, who.key_id, ready.decided.use_case_id, tokens)

    return charge


@router.post("/chat/completions", name="gateway_chat_completions")
async def chat_completions(request: Request) -> Response:
    runtime = get_runtime(request)
    try:
        secret = bearer_secret(request)
    except GatewayError as error:
        return error.response()
    parsed = await _parsed(request, runtime.settings)
    # One hop for the key, the policy, the limits, the privacy guard and retrieval.
    ready = await to_thread.run_sync(
        admit_and_prepare, runtime, secret, parsed, limiter=cpu_slots()
    )
    if isinstance(ready, Unauthorised):
        return ready.error.response()
    if isinstance(ready, Rejection):
        log.info("gateway rejected a request: %s (%s)", ready.error.code, ready.error.status)
        return ready.error.response()
    body = ready.body
    path = runtime.governed_path()
    if body.stream:
        return StreamingResponse(
            _stream(path, ready, body),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    try:
        result = await _answer(path, ready, body)
    except Exception as failure:  # the type only: a message might quote the request
        log.error("the governed path failed for a gateway request: %s", type(failure).__name__)
        return GatewayError(500, "internal_error", "Interne fout.").response()
    used = usage(result, _prompt_text(body))
    return JSONResponse(completion(result, body.model, completion_id(), used))


async def _answer(path: GovernedPath, ready: Ready, body: ChatBody) -> AnswerResult:
    events = path.events_from(
        ready.turn, ready.prepared, ready.trace, stream=False, charge=_charge(ready, body)
    )
    async for event in events:
        if isinstance(event, Final):
            return event.result
    raise RuntimeError("the governed path ended without a result")  # pragma: no cover


async def _stream(path: GovernedPath, ready: Ready, body: ChatBody) -> AsyncIterator[str]:
    chunks = Chunks(body.model)
    yield chunks.delta({"role": "assistant", "content": ""})
    sent = False
    result: AnswerResult | None = None
    events = path.events_from(
        ready.turn, ready.prepared, ready.trace, stream=True, charge=_charge(ready, body)
    )
    try:
        async for event in events:
            if isinstance(event, Delta):
                if event.text:
                    sent = True
                    yield chunks.delta({"content": event.text})
            else:
                result = event.result
    except Exception as failure:  # the type only: a message might quote the request
        log.error("the governed path failed during a gateway stream: %s", type(failure).__name__)
        error = {"message": "Interne fout.", "type": "api_error", "param": None, "code": None}
        yield chunks.sse({"error": error})
        yield chunks.done()
        return
    if result is None:  # pragma: no cover - the path always ends with a Final
        yield chunks.done()
        return
    used = usage(result, _prompt_text(body))
    if not sent and result.answer:
        yield chunks.delta({"content": result.answer})
    suffix = label_suffix(result)
    if suffix:
        yield chunks.delta({"content": suffix})
    yield chunks.final(result)
    if body.include_usage:
        yield chunks.usage(used)
    yield chunks.done()
