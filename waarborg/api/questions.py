"""``POST /api/v1/toepassingen/{slug}/vragen``: the governed question path for programs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from waarborg.api.auth import Caller
from waarborg.conversations.store import Owner
from waarborg.governance.policy import Caller as PolicyCaller
from waarborg.pipeline.turn import MAX_QUESTION, QuestionError, TurnRequest
from waarborg.request_scope import get_runtime

router = APIRouter(prefix="/api/v1", tags=["vragen"])


class Question(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION)
    language: str = Field(default="nl", pattern="^(nl|en)$")
    model: str | None = Field(default=None, max_length=64, description="A model of the use case.")
    conversation: str | None = Field(
        default=None,
        max_length=32,
        description="Continue this conversation of the key (from an earlier answer).",
    )
    keep: bool = Field(
        default=False,
        description="Keep the question and answer in a conversation for the use case's retention.",
    )


@router.post("/toepassingen/{slug}/vragen", name="api_ask")
async def ask_question(
    request: Request, caller: Caller, slug: str, body: Question
) -> dict[str, Any]:
    """Answer from the use case's approved sources, with citations and the AI label. A refusal
    (policy or no relevant source) is a normal answer with ``refused: true`` and a reason."""
    keep = body.keep or body.conversation is not None
    turn = TurnRequest(
        organisation_id=caller.organisation.id,
        use_case_slug=slug,
        caller=PolicyCaller(api_key_id=caller.key.id),
        question=body.question,
        language=body.language,
        model_key=body.model,
        channel="api",
        owner=Owner(api_key_id=caller.key.id) if keep else None,
        conversation_id=body.conversation,
    )
    try:
        result = await get_runtime(request).governed_path().answer(turn)
    except QuestionError as error:
        raise HTTPException(
            400, detail={"error": {"code": "invalid_question", "message": str(error)}}
        ) from None
    return result.to_json()
