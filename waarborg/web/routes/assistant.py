"""The employee assistant: pick an approved use case, ask, and get a cited, labelled answer.

Every question goes through the governed path (``GovernedPath``), the same one as the API and
the widget; this module only renders it. The form works without JavaScript (the answer comes
back as a page); ``assistent.js`` streams the same answer from ``/assistent/stream``.
Conversation history, deleting and feedback live in ``assistant_history``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from waarborg.conversations.store import Turn
from waarborg.db.base import utcnow
from waarborg.pipeline.generation import Delta, Final
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.turn import MAX_QUESTION, QuestionError, TurnRequest
from waarborg.request_scope import get_runtime
from waarborg.web.csrf import verify_csrf
from waarborg.web.routes.assistant_history import router as history_router
from waarborg.web.routes.assistant_view import caller_of, load, owner_of, page
from waarborg.web.visitor import DbSession, SignedIn, Visitor

router = APIRouter(prefix="/assistent", dependencies=[Depends(verify_csrf)])
router.include_router(history_router)
CHANNEL = "assistent"


@router.get("", name="assistant")
async def show(
    request: Request, visitor: SignedIn, db: DbSession, toepassing: str = ""
) -> Response:
    shown = await run_in_threadpool(load, request, db, visitor, None)
    if shown is None:  # pragma: no cover - only a named conversation can be missing
        raise HTTPException(status_code=404)
    return page(request, visitor, shown, chosen=toepassing)


@router.get("/gesprekken/{conversation_id}", name="assistant_conversation")
async def show_conversation(
    request: Request, visitor: SignedIn, db: DbSession, conversation_id: str
) -> Response:
    shown = await run_in_threadpool(load, request, db, visitor, conversation_id)
    if shown is None:
        raise HTTPException(status_code=404)
    return page(request, visitor, shown)


def turn_for(visitor: Visitor, toepassing: str, vraag: str, gesprek: str) -> TurnRequest:
    return TurnRequest(
        organisation_id=visitor.tenant.id,
        use_case_slug=toepassing,
        caller=caller_of(visitor),
        question=vraag,
        language=visitor.language,
        channel=CHANNEL,
        owner=owner_of(visitor),
        conversation_id=gesprek or None,
    )


Choice = Annotated[str, Form(max_length=64)]
Question = Annotated[str, Form(max_length=MAX_QUESTION)]


@router.post("")
async def ask_question(
    request: Request,
    visitor: SignedIn,
    db: DbSession,
    toepassing: Choice = "",
    vraag: Question = "",
    gesprek: Choice = "",
) -> Response:
    path = get_runtime(request).governed_path()
    try:
        result = await path.answer(turn_for(visitor, toepassing, vraag, gesprek))
    except QuestionError as problem:
        shown = await run_in_threadpool(load, request, db, visitor, gesprek or None)
        if shown is None:
            raise HTTPException(status_code=404) from problem
        return page(request, visitor, shown, chosen=toepassing, question=vraag, error=str(problem))
    shown = await run_in_threadpool(load, request, db, visitor, result.conversation_id)
    if shown is None:  # pragma: no cover - the path just kept it for this owner
        raise HTTPException(status_code=404)
    if result.conversation_id is None:  # nothing kept (a policy refusal): show it on its own
        shown.turns = [*(shown.turns or []), *loose_turns(vraag, result)]
    return page(request, visitor, shown, chosen=toepassing)


def loose_turns(question: str, result: AnswerResult) -> list[Turn]:
    now = utcnow()
    citations = final_event(result)["citations"]
    return [
        Turn(id="", ordinal=0, role="user", text=question, created_at=now),
        Turn(
            id="",
            ordinal=1,
            role="assistant",
            text=result.answer,
            created_at=now,
            citations=citations,
            refused=result.refused,
            reason=result.reason,
        ),
    ]


def final_event(result: AnswerResult) -> dict[str, Any]:
    return {
        "answer": result.answer,
        "citations": [
            {"number": c.number, "url": c.url, "title": c.title, "page": c.page}
            for c in result.citations
        ],
        "label": result.label,
        "refused": result.refused,
        "reason": result.reason,
        "conversation_id": result.conversation_id,
        "message_id": result.message_id,
        "flagged_claims": result.flagged_claims,
    }


def sse(event: str, data: object) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


@router.post("/stream")
async def stream(
    request: Request,
    visitor: SignedIn,
    toepassing: Choice = "",
    vraag: Question = "",
    gesprek: Choice = "",
) -> Response:
    """Server-sent events: ``delta`` pieces ({"text": ...}), then one ``final``. An unusable
    question answers 400 before the stream starts (the script then submits the form)."""
    turn = turn_for(visitor, toepassing, vraag, gesprek)
    try:
        turn.normalised_question()
    except QuestionError as problem:
        return Response(str(problem), status_code=400, media_type="text/plain")
    path = get_runtime(request).governed_path()

    async def events() -> AsyncIterator[bytes]:
        async for event in path.events(turn, stream=True):
            if isinstance(event, Delta):
                yield sse("delta", {"text": event.text})
            elif isinstance(event, Final):
                yield sse("final", final_event(event.result))

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
