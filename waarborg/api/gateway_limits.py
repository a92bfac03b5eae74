"""Rate limits and token budgets per API key and per use case, shared by every worker through
the ``usage_counter`` table (an upsert, so concurrent workers add up instead of overwriting).

Requests are counted per UTC minute, tokens per UTC day. ``0`` means no limit. A use case's own
``requests_per_minute`` / ``tokens_per_day`` override the installation's defaults. Nothing here
knows about HTTP, so the citizen widget can use the same counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from waarborg.db.tables import UsageCounter


@dataclass(frozen=True)
class Limits:
    key_requests_per_minute: int
    key_tokens_per_day: int
    use_case_requests_per_minute: int
    use_case_tokens_per_day: int


@dataclass(frozen=True)
class Exceeded:
    """Which limit was hit (``requests`` or ``tokens``, of the ``key`` or the ``use_case``)
    and in how many seconds the window ends."""

    what: str
    subject: str
    retry_after: int

    @property
    def code(self) -> str:
        return f"{self.subject}_{self.what}_limit"


def _minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def _day(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, int((moment - now).total_seconds() + 0.999))


def add(session: Session, organisation_id: str, scope: str, window: datetime, amount: int) -> int:
    """Add ``amount`` to one counter and return its new value (an upsert)."""
    table = cast(Table, UsageCounter.__table__)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(table)
        .values(organisation_id=organisation_id, scope=scope, window_start=window, value=amount)
        .on_conflict_do_update(
            index_elements=["scope", "window_start"],
            set_={"value": table.c.value + amount},
        )
        .returning(table.c.value)
    )
    return int(session.execute(statement).scalar_one())


def current(session: Session, scope: str, window: datetime) -> int:
    value = session.scalar(
        select(UsageCounter.value).where(
            UsageCounter.scope == scope, UsageCounter.window_start == window
        )
    )
    return int(value or 0)


def _scopes(key_id: str, use_case_id: str | None, what: str) -> list[tuple[str, str]]:
    scopes = [("key", f"key:{key_id}:{what}")]
    if use_case_id is not None:
        scopes.append(("use_case", f"usecase:{use_case_id}:{what}"))
    return scopes


def over_budget(
    session: Session,
    key_id: str,
    use_case_id: str | None,
    limits: Limits,
    now: datetime | None = None,
) -> Exceeded | None:
    """The token budget a request would start over, if any (reads only)."""
    now = now or datetime.now(UTC)
    day = _day(now)
    budgets = {"key": limits.key_tokens_per_day, "use_case": limits.use_case_tokens_per_day}
    for subject, scope in _scopes(key_id, use_case_id, "tokens"):
        budget = budgets[subject]
        if budget and current(session, scope, day) >= budget:
            return Exceeded("tokens", subject, _seconds_until(day + timedelta(days=1), now))
    return None


def count_request(
    session: Session,
    organisation_id: str,
    key_id: str,
    use_case_id: str | None,
    limits: Limits,
    now: datetime | None = None,
) -> Exceeded | None:
    """Count one request in this minute's windows; the limit it goes over, if any."""
    now = now or datetime.now(UTC)
    minute = _minute(now)
    per_minute = {
        "key": limits.key_requests_per_minute,
        "use_case": limits.use_case_requests_per_minute,
    }
    for subject, scope in _scopes(key_id, use_case_id, "requests"):
        limit = per_minute[subject]
        if limit and add(session, organisation_id, scope, minute, 1) > limit:
            return Exceeded("requests", subject, _seconds_until(minute + timedelta(minutes=1), now))
    return None


def admit(
    session: Session,
    organisation_id: str,
    key_id: str,
    use_case_id: str | None,
    limits: Limits,
    now: datetime | None = None,
) -> Exceeded | None:
    """Count one request; None when it may go ahead, else the limit it hits."""
    now = now or datetime.now(UTC)
    return over_budget(session, key_id, use_case_id, limits, now) or count_request(
        session, organisation_id, key_id, use_case_id, limits, now
    )


def spend(
    session: Session,
    organisation_id: str,
    key_id: str,
    use_case_id: str | None,
    tokens: int,
    now: datetime | None = None,
) -> None:
    """Add the tokens an answer used to the day's budgets."""
    if tokens <= 0:
        return
    day = _day(now or datetime.now(UTC))
    for _subject, scope in _scopes(key_id, use_case_id, "tokens"):
        add(session, organisation_id, scope, day, tokens)
