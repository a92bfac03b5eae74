"""Server-side login sessions with idle and absolute expiry.

Sessions live in the database (not in a signed cookie) so that logout, disabling a user and
the idle timeout take effect at once on every worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from waarborg.accounts.tokens import digest, new_token
from waarborg.db.tables import Organisation, User, WebSession

# Writing last_seen_at on every request would turn each page view into a write; a minute of
# slack on the idle timeout is the price of a mostly read-only request path.
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    absolute: timedelta


def start_session(session: Session, user: User, policy: SessionPolicy) -> str:
    """Create a session for the user and return the cookie value (shown only here)."""
    token = new_token()
    now = datetime.now(UTC)
    session.add(
        WebSession(
            token_hash=digest(token),
            organisation_id=user.organisation_id,
            user_id=user.id,
            last_seen_at=now,
            expires_at=now + policy.absolute,
        )
    )
    session.flush()
    return token


@dataclass(frozen=True)
class ActiveSession:
    user: User
    organisation: Organisation
    token_hash: str


def resume_session(
    session: Session, token: str, policy: SessionPolicy
) -> tuple[ActiveSession | None, bool]:
    """The session's user, or None; the flag tells whether a session existed but expired."""
    record = session.get(WebSession, digest(token))
    if record is None:
        return None, False
    now = datetime.now(UTC)
    if now >= record.expires_at or now - record.last_seen_at >= policy.idle:
        session.delete(record)
        return None, True
    user = session.get(User, record.user_id)
    organisation = session.get(Organisation, record.organisation_id)
    if user is None or organisation is None or not user.active or not organisation.active:
        session.delete(record)
        return None, True
    if now - record.last_seen_at >= TOUCH_INTERVAL:
        record.last_seen_at = now
    return ActiveSession(user=user, organisation=organisation, token_hash=record.token_hash), False


def end_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == digest(token)))


def end_sessions_of(session: Session, user: User) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def purge_expired_sessions(session: Session, policy: SessionPolicy) -> int:
    now = datetime.now(UTC)
    expired = select(WebSession.token_hash).where(
        (WebSession.expires_at <= now) | (WebSession.last_seen_at <= now - policy.idle)
    )
    hashes = list(session.scalars(expired))
    if hashes:
        session.execute(delete(WebSession).where(WebSession.token_hash.in_(hashes)))
    return len(hashes)
