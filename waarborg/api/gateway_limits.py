"""Rate limits and token budgets per API key and per use case, shared by every worker through
the ``usage_counter`` table (an upsert, so concurrent workers add up instead of overwriting).

Requests are counted per UTC minute, tokens per UTC day. ``0`` means no limit. A use case's own
``requests_per_minute`` / ``tokens_per_day`` override the installation's defaults. Nothing here
knows about HTTP, so the citizen widget can use the same counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import cast

from sqlalchemy import Insert, Integer, String, Table, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from waarborg.db.base import UtcDateTime
from waarborg.db.tables import UsageCounter
from waarborg.db.tenancy import scoped_organisation


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


_TABLE = cast(Table, UsageCounter.__table__)


@cache
def _upsert(dialect: str, returning: bool = True) -> Insert:
    """The counter upsert for a dialect, built once: building it (and its cache key) cost
    more than running it, four times per request."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    amount = bindparam("amount", type_=Integer())
    statement = (
        insert(_TABLE)
        .values(
            organisation_id=bindparam("organisation_id", type_=String()),
            scope=bindparam("scope", type_=String()),
            window_start=bindparam("window_start", type_=UtcDateTime()),
            value=amount,
        )
        .on_conflict_do_update(
            index_elements=["scope", "window_start"],
            set_={"value": _TABLE.c.value + amount},
        )
    )
    return statement.returning(_TABLE.c.value) if returning else statement


_CURRENT = select(_TABLE.c.value).where(
    _TABLE.c.scope == bindparam("scope", type_=String()),
    _TABLE.c.window_start == bindparam("window_start", type_=UtcDateTime()),
)
_CURRENT_SCOPED = _CURRENT.where(
    _TABLE.c.organisation_id == bindparam("organisation_id", type_=String())
)


def add(session: Session, organisation_id: str, scope: str, window: datetime, amount: int) -> int:
    """Add ``amount`` to one counter and return its new value (an upsert).

    Core on the session's connection (same transaction): the statement names its
    organisation itself, so the ORM's tenant hook has nothing to add."""
    connection = session.connection()
    values = {
        "organisation_id": organisation_id,
        "scope": scope,
        "window_start": window,
        "amount": amount,
    }
    return int(connection.execute(_upsert(connection.dialect.name), values).scalar_one())


def current(session: Session, scope: str, window: datetime) -> int:
    """A counter's value; limited to the session's organisation when it is bound to one
    (what the tenant hook would add to an ORM query)."""
    organisation_id = scoped_organisation(session)
    if organisation_id is None:
        rows = session.connection().execute(_CURRENT, {"scope": scope, "window_start": window})
    else:
        values = {"scope": scope, "window_start": window, "organisation_id": organisation_id}
        rows = session.connection().execute(_CURRENT_SCOPED, values)
    value = rows.scalar()
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
    values = [
        {"organisation_id": organisation_id, "scope": scope, "window_start": day, "amount": tokens}
        for _subject, scope in _scopes(key_id, use_case_id, "tokens")
    ]
    connection = session.connection()  # both budgets in one execution (see ``add``)
    connection.execute(_upsert(connection.dialect.name, returning=False), values)
