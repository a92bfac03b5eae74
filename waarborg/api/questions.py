"""``POST /api/v1/toepassingen/{slug}/vragen``: the governed question path for programs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from waarborg.api.auth import Caller
from waarborg.governance.policy import Caller as PolicyCaller
from waarborg.pipeline.ask import MAX_QUESTION, QuestionError, ask

router = APIRouter(prefix="/api/v1", tags=["vragen"])


class Question(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION)
    language: str = Field(default="nl", pattern="^(nl|en)$")
    model: str | None = Field(default=None, max_length=64, description="A model of the use case.")


@router.post("/toepassingen/{slug}/vragen", name="api_ask")
def ask_question(request: Request, caller: Caller, slug: str, body: Question) -> dict[str, Any]:
    """Answer from the use case's approved sources, with citations and the AI label. A refusal
    (policy or no relevant source) is a normal answer with ``refused: true`` and a reason."""
    try:
        result = ask(
            caller.db,
            caller.organisation,
            slug,
            PolicyCaller(api_key_id=caller.key.id),
            body.question,
            request.app.state.runtime.indexes,
            body.language,
            body.model,
        )
    except QuestionError as error:
        raise HTTPException(
            400, detail={"error": {"code": "invalid_question", "message": str(error)}}
        ) from None
    caller.db.commit()  # the audit event of this question
    return result.to_json()
