"""Keeping conversations: open one, add turns, read them back, delete them.

A conversation lives as long as its use case's retention says (``retention_days`` after its
last activity); every turn pushes ``expires_at`` on. Text goes in only through the vault.
Ownership is checked here, not in the pages: a conversation is found only for the person, key
or widget visitor it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from waarborg.conversations.vault import Vault
from waarborg.db.base import utcnow
from waarborg.db.tables import Conversation, ConversationMessage, Feedback, UseCase
from waarborg.privacy.mapping import PseudonymMap

MAX_COMMENT = 2000


@dataclass(frozen=True)
class Owner:
    """Whose conversation it is: exactly one of the three is set."""

    user_id: str | None = None
    api_key_id: str | None = None
    visitor_hash: str | None = None

    def __post_init__(self) -> None:
        if sum(value is not None for value in vars(self).values()) != 1:
            raise ValueError("a conversation has exactly one owner")


@dataclass(frozen=True)
class Turn:
    """One message as read back: decrypted, with what the page shows beside it."""

    id: str
    ordinal: int
    role: str
    text: str
    created_at: datetime
    citations: list[dict[str, Any]] = field(default_factory=list)
    refused: bool = False
    reason: str = ""
    rating: int | None = None


class ConversationStore:
    def __init__(self, session: Session, vault: Vault) -> None:
        self.session = session
        self.vault = vault

    def open(self, use_case: UseCase, owner: Owner, channel: str) -> Conversation:
        now = utcnow()
        conversation = Conversation(
            organisation_id=use_case.organisation_id,
            use_case_id=use_case.id,
            user_id=owner.user_id,
            api_key_id=owner.api_key_id,
            visitor_hash=owner.visitor_hash,
            channel=channel,
            last_activity_at=now,
            expires_at=now + timedelta(days=use_case.retention_days),
        )
        self.session.add(conversation)
        self.session.flush()
        return conversation

    def find(self, conversation_id: str, owner: Owner) -> Conversation | None:
        conversation = self.session.get(Conversation, conversation_id)
        if conversation is None or not _owned_by(conversation, owner):
            return None
        if conversation.expires_at <= utcnow():
            return None  # expired: the purge removes it; nobody may continue it meanwhile
        return conversation

    def add(
        self,
        conversation: Conversation,
        role: str,
        text: str,
        *,
        retention_days: int,
        citations: list[dict[str, Any]] | None = None,
        refused: bool = False,
        reason: str = "",
        model: str = "",
        support: float = 0.0,
    ) -> ConversationMessage:
        ordinal = conversation.message_count
        message = ConversationMessage(
            organisation_id=conversation.organisation_id,
            conversation_id=conversation.id,
            ordinal=ordinal,
            role=role,
            content=self.vault.seal(conversation.id, text),
            citations=citations or [],
            refused=refused,
            reason=reason,
            model=model,
            support=support,
        )
        now = utcnow()
        conversation.message_count = ordinal + 1
        conversation.last_activity_at = now
        conversation.expires_at = now + timedelta(days=retention_days)
        self.session.add(message)
        self.session.flush()
        return message

    def mapping(self, conversation: Conversation) -> PseudonymMap:
        return self.vault.open_mapping(conversation.id, conversation.vault)

    def keep_mapping(self, conversation: Conversation, mapping: PseudonymMap) -> None:
        conversation.vault = self.vault.seal_mapping(conversation.id, mapping) if mapping else None

    def turns(self, conversation: Conversation) -> list[Turn]:
        rows = self.session.execute(
            select(Feedback.message_id, Feedback.rating).where(
                Feedback.conversation_id == conversation.id
            )
        )
        ratings: dict[str, int] = {str(row[0]): int(row[1]) for row in rows}
        messages = self.session.scalars(
            select(ConversationMessage)
            .where(ConversationMessage.conversation_id == conversation.id)
            .order_by(ConversationMessage.ordinal)
        )
        return [
            Turn(
                id=m.id,
                ordinal=m.ordinal,
                role=m.role,
                text=self.vault.open(conversation.id, m.content),
                created_at=m.created_at,
                citations=list(m.citations or []),
                refused=m.refused,
                reason=m.reason,
                rating=ratings.get(m.id),
            )
            for m in messages
        ]

    def history(self, owner: Owner, use_case_id: str | None = None) -> list[Conversation]:
        """The owner's live conversations, newest first."""
        query = select(Conversation).where(Conversation.expires_at > utcnow())
        query = _owner_filter(query, owner)
        if use_case_id is not None:
            query = query.where(Conversation.use_case_id == use_case_id)
        return list(self.session.scalars(query.order_by(Conversation.last_activity_at.desc())))

    def title(self, conversation: Conversation, length: int = 60) -> str:
        """The first question, shortened: shown only to the owner, never stored in the clear."""
        first = self.session.scalar(
            select(ConversationMessage).where(
                ConversationMessage.conversation_id == conversation.id,
                ConversationMessage.ordinal == 0,
            )
        )
        if first is None:
            return ""
        text = " ".join(self.vault.open(conversation.id, first.content).split())
        return text if len(text) <= length else text[: length - 1].rstrip() + "…"

    def delete(self, conversation: Conversation) -> None:
        """Gone at once, with its messages, feedback and vault (through the foreign keys,
        and explicitly, since SQLite without foreign keys enforced would keep them)."""
        for table in (Feedback, ConversationMessage):
            self.session.execute(delete(table).where(table.conversation_id == conversation.id))
        self.session.delete(conversation)
        self.session.flush()

    def rate(
        self, conversation: Conversation, message_id: str, rating: int, comment: str = ""
    ) -> Feedback:
        """Thumbs up (+1) or down (-1) on an answer of this conversation; rating again
        replaces the earlier verdict."""
        if rating not in (1, -1):
            raise ValueError("rating must be +1 or -1")
        if len(comment) > MAX_COMMENT:
            raise ValueError(f"Een toelichting heeft hoogstens {MAX_COMMENT} tekens.")
        message = self.session.get(ConversationMessage, message_id)
        if message is None or message.conversation_id != conversation.id:
            raise LookupError("Dit antwoord hoort niet bij dit gesprek.")
        if message.role != "assistant":
            raise ValueError("Alleen antwoorden kunnen worden beoordeeld.")
        feedback = self.session.scalar(select(Feedback).where(Feedback.message_id == message_id))
        if feedback is None:
            feedback = Feedback(
                organisation_id=conversation.organisation_id,
                conversation_id=conversation.id,
                message_id=message_id,
                use_case_id=conversation.use_case_id,
                rating=rating,
            )
            self.session.add(feedback)
        feedback.rating = rating
        feedback.comment = self.vault.seal(conversation.id, comment) if comment.strip() else None
        self.session.flush()
        return feedback


def _owned_by(conversation: Conversation, owner: Owner) -> bool:
    return (
        conversation.user_id == owner.user_id
        and conversation.api_key_id == owner.api_key_id
        and conversation.visitor_hash == owner.visitor_hash
    )


def _owner_filter(query: Any, owner: Owner) -> Any:
    if owner.user_id is not None:
        return query.where(Conversation.user_id == owner.user_id)
    if owner.api_key_id is not None:
        return query.where(Conversation.api_key_id == owner.api_key_id)
    return query.where(Conversation.visitor_hash == owner.visitor_hash)
