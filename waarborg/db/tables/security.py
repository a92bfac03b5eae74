"""Server-side login sessions and the counters behind login throttling and lockout."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.db.base import Base, OrganisationScoped, TimestampMixin, UtcDateTime


class WebSession(TimestampMixin, OrganisationScoped, Base):
    """A browser session. Only a hash of the cookie value is stored, so a database dump
    cannot be replayed as a login."""

    __tablename__ = "web_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LoginThrottle(Base):
    """Failed-login counters keyed by a keyed hash of the username or client address.

    Installation-wide on purpose: a login attempt arrives before anyone knows the
    organisation, and the raw username or address is never stored."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime())
    count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
