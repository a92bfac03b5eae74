"""The tenant: one government organisation served by this installation, with its AI policy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.db.base import Base, IdMixin, TimestampMixin, UtcDateTime

DEFAULT_APPROVER_ROLES = ["eigenaar", "privacy_officer", "ciso"]


class Organisation(IdMixin, TimestampMixin, Base):
    __tablename__ = "organisation"

    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # False: nobody of the organisation can log in or call the API.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The organisation-wide kill switch: every use case stops answering, logins still work.
    ai_suspended_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    ai_suspended_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    block_non_eu_models: Mapped[bool] = mapped_column(Boolean, default=False)
    block_closed_models: Mapped[bool] = mapped_column(Boolean, default=False)
    required_approver_roles: Mapped[list[str]] = mapped_column(
        JSON, default=lambda: list(DEFAULT_APPROVER_ROLES)
    )
    contact_email: Mapped[str] = mapped_column(String(254), default="")
