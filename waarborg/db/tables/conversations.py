"""Conversations, their messages and feedback: what a person or program asked and got back.

Everything anyone typed is personal data until proven otherwise, so no column here holds it in
the clear: message text, feedback comments and the pseudonym mapping of a conversation are
stored encrypted (see ``waarborg.conversations.vault``) under a key derived per conversation.
Deleting the conversation (the user, or the purge when ``expires_at`` has passed) deletes the
messages, the feedback and the vault with it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.db.base import Base, IdMixin, OrganisationScoped, TimestampMixin, UtcDateTime, utcnow


class Conversation(IdMixin, TimestampMixin, OrganisationScoped, Base):
    __tablename__ = "conversation"

    use_case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("use_case.id", ondelete="CASCADE"), index=True
    )
    # Exactly one of these says whose it is; a widget session is a keyed hash, never a cookie.
    user_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("user_account.id", ondelete="CASCADE"), nullable=True, index=True
    )
    api_key_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("api_key.id", ondelete="CASCADE"), nullable=True
    )
    visitor_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(16))  # "assistent" | "widget" | "api" | "cli"
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    # The encrypted pseudonym mapping ({placeholder: value}) of this conversation.
    vault: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class ConversationMessage(IdMixin, OrganisationScoped, Base):
    __tablename__ = "conversation_message"
    __table_args__ = (UniqueConstraint("conversation_id", "ordinal"),)

    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))  # "user" | "assistant"
    content: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted
    # Approved-source locations and titles, numbered as the answer cites them: not personal.
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    refused: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(64), default="")
    model: Mapped[str] = mapped_column(String(64), default="")
    support: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Feedback(IdMixin, OrganisationScoped, Base):
    """A thumbs up or down on one answer, with an optional (encrypted) comment."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("message_id"),)

    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversation_message.id", ondelete="CASCADE")
    )
    use_case_id: Mapped[str] = mapped_column(String(32), index=True)
    rating: Mapped[int] = mapped_column(Integer)  # +1 or -1
    comment: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # encrypted
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
