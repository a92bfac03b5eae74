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

from waarborg.api.gateway_admission import Admitted, admission, record_tokens
from waarborg.api.gateway_errors import GatewayError, KeyIdentity, bad_request, rejected
from waarborg.api.gateway_format import Chunks, completion, completion_id, label_suffix, usage
from waarborg.api.gateway_request import authenticate, read_json
from waarborg.api.gateway_schema import ChatBody, parse_chat
from waarborg.governance.policy import Caller
from waarborg.pipeline.generation import Delta
from waarborg.pipeline.governed import GovernedPath
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.turn import QuestionError, TurnRequest
from waarborg.request_scope import get_runtime

log = logging.getLogger("waarborg.gateway")
router = APIRouter(prefix="/v1", tags=["gateway"])


def _turn(who: KeyIdentity, body: ChatBody, max_chars: int) -> TurnRequest:
    return TurnRequest(
        organisation_id=who.organisation_id,
        use_case_slug=body.use_case,
        caller=Caller(api_key_id=who.key_id),
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


@router.post("/chat/completions", name="gateway_chat_completions")
async def chat_completions(request: Request) -> Response:
    runtime = get_runtime(request)
    settings = runtime.settings
    try:
        who = await authenticate(request, runtime.database)
    except GatewayError as error:
        return error.response()
    try:
        data = await read_json(request, settings.gateway_max_body_bytes)
        body = parse_chat(data, settings.gateway_max_message_chars)
        turn = _turn(who, body, settings.gateway_max_message_chars)
        turn.normalised_question()
    except GatewayError as error:
        return await rejected(runtime.database, who, error)
    except QuestionError as error:
        return await rejected(
            runtime.database, who, bad_request("invalid_question", str(error), "messages")
        )
    admitted = await to_thread.run_sync(
        admission, runtime.database, settings, who, body.use_case, body.model_key
    )
    if not isinstance(admitted, Admitted):
        return await rejected(runtime.database, who, admitted.error, use_case=admitted.use_case)
    path = runtime.governed_path()
    if body.stream:
        return StreamingResponse(
            _stream(path, turn, body, who, admitted),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    try:
        result = await path.answer(turn)
    except Exception as failure:  # the type only: a message might quote the request
        log.error("the governed path failed for a gateway request: %s", type(failure).__name__)
        return GatewayError(500, "internal_error", "Interne fout.").response()
    used = usage(result, _prompt_text(body))
    await to_thread.run_sync(
        record_tokens, runtime.database, who, admitted.use_case_id, used["total_tokens"]
    )
    return JSONResponse(completion(result, body.model, completion_id(), used))


async def _stream(
    path: GovernedPath, turn: TurnRequest, body: ChatBody, who: KeyIdentity, admitted: Admitted
) -> AsyncIterator[str]:
    chunks = Chunks(body.model)
    yield chunks.delta({"role": "assistant", "content": ""})
    sent = False
    result: AnswerResult | None = None
    try:
        async for event in path.events(turn, stream=True):
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
    await to_thread.run_sync(
        record_tokens, path.database, who, admitted.use_case_id, used["total_tokens"]
    )
    if not sent and result.answer:
        yield chunks.delta({"content": result.answer})
    suffix = label_suffix(result)
    if suffix:
        yield chunks.delta({"content": suffix})
    yield chunks.final(result)
    if body.include_usage:
        yield chunks.usage(used)
    yield chunks.done()
