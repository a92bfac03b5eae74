"""One request on the governed path, as every entry point hands it over."""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.conversations.store import Owner
from waarborg.governance.policy import Caller
from waarborg.models.protocol import ChatMessage

MAX_QUESTION = 2000


class QuestionError(ValueError):
    """The question itself is unusable (empty, too long); nothing was done."""


@dataclass(frozen=True)
class TurnRequest:
    """``owner`` keeps the turn in a conversation (continued when ``conversation_id`` names
    one of the owner's); without it nothing is kept but the audit event. ``history`` holds
    earlier turns that a gateway client sends itself (OpenAI style)."""

    organisation_id: str
    use_case_slug: str
    caller: Caller
    question: str
    language: str = "nl"
    model_key: str | None = None
    channel: str = "api"
    owner: Owner | None = None
    conversation_id: str | None = None
    history: tuple[ChatMessage, ...] = ()
    max_tokens: int | None = None
    temperature: float | None = None
    max_question: int = MAX_QUESTION

    def normalised_question(self) -> str:
        question = " ".join(self.question.split())
        if not question:
            raise QuestionError("Stel een vraag.")
        if len(question) > self.max_question:
            raise QuestionError(f"Een vraag heeft hoogstens {self.max_question} tekens.")
        return question
