"""What the assistant pages share: who asks, which use cases they may choose, and the page
with the open conversation (decrypted for its owner only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from waarborg.answering.labels import ai_label
from waarborg.conversations.store import MAX_COMMENT, ConversationStore, Owner, Turn
from waarborg.db.tables import Conversation, UseCase
from waarborg.governance.policy import Caller, authorise
from waarborg.governance.use_cases import list_use_cases
from waarborg.pipeline.turn import MAX_QUESTION
from waarborg.request_scope import get_runtime
from waarborg.web.rendering import render
from waarborg.web.visitor import Visitor


def caller_of(visitor: Visitor) -> Caller:
    return Caller(user_id=visitor.account.id, roles=frozenset(visitor.roles))


def owner_of(visitor: Visitor) -> Owner:
    return Owner(user_id=visitor.account.id)


def store_for(request: Request, db: Session) -> ConversationStore:
    return ConversationStore(db, get_runtime(request).vault)


def available(db: Session, visitor: Visitor) -> list[UseCase]:
    """The use cases this person may ask right now (the policy decides, not the page)."""
    caller = caller_of(visitor)
    return [
        use_case
        for use_case in list_use_cases(db, visitor.tenant.id)
        if authorise(db, visitor.tenant, use_case.slug, caller).allowed
    ]


@dataclass
class Shown:
    """What the page shows: the choosable use cases and, when one is open, a conversation."""

    use_cases: list[UseCase]
    conversation: Conversation | None = None
    turns: list[Turn] | None = None
    use_case_slug: str = ""


def load(
    request: Request, db: Session, visitor: Visitor, conversation_id: str | None
) -> Shown | None:
    """None when the conversation is not this person's (or gone)."""
    db.commit()  # a fresh transaction: see what the governed path just committed
    shown = Shown(available(db, visitor))
    if conversation_id:
        store = store_for(request, db)
        conversation = store.find(conversation_id, owner_of(visitor))
        if conversation is None:
            return None
        use_case = db.get(UseCase, conversation.use_case_id)
        shown.conversation = conversation
        shown.turns = store.turns(conversation)
        shown.use_case_slug = use_case.slug if use_case is not None else ""
    return shown


def page(
    request: Request,
    visitor: Visitor,
    shown: Shown,
    *,
    chosen: str = "",
    question: str = "",
    error: str | None = None,
    status_code: int | None = None,
) -> Response:
    use_cases = shown.use_cases
    return render(
        request,
        visitor,
        "assistent.html",
        {
            "use_cases": use_cases,
            "chosen": shown.use_case_slug or chosen or (use_cases[0].slug if use_cases else ""),
            "conversation": shown.conversation,
            "turns": shown.turns or [],
            "label": ai_label(visitor.language),
            "question": question,
            "error": error,
            "max_question": MAX_QUESTION,
            "max_comment": MAX_COMMENT,
        },
        status_code=status_code or (400 if error else 200),
    )
