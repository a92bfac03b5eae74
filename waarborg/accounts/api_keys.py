"""API keys: shown once, stored as a digest, scoped to one organisation, revocable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import Select, String, bindparam, select
from sqlalchemy.orm import Session

from waarborg.accounts.errors import InvalidIdentifierError, NotFoundError
from waarborg.accounts.tokens import digest, new_token
from waarborg.db.tables import ApiKey, Organisation

KEY_PREFIX = "wb_"
SHOWN_PREFIX_LENGTH = 10
# last_used_at is informative; updating it at most once a minute keeps API calls read-only.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewApiKey:
    record: ApiKey
    secret: str


def create_api_key(
    session: Session, organisation: Organisation, name: str, created_by: str | None = None
) -> NewApiKey:
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidIdentifierError("Een API-sleutel heeft een naam van 1 tot 200 tekens.")
    secret = new_token(KEY_PREFIX)
    record = ApiKey(
        organisation_id=organisation.id,
        name=name,
        prefix=secret[:SHOWN_PREFIX_LENGTH],
        key_hash=digest(secret),
        created_by=created_by,
    )
    session.add(record)
    session.flush()
    return NewApiKey(record=record, secret=secret)


def list_api_keys(session: Session, organisation_id: str) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(ApiKey.created_at.desc())))


def get_api_key(session: Session, organisation_id: str, key_id: str) -> ApiKey:
    record = session.get(ApiKey, key_id)
    if record is None or record.organisation_id != organisation_id:
        raise NotFoundError(f"API-sleutel '{key_id}' bestaat niet in deze organisatie.")
    return record


def revoke_api_key(session: Session, record: ApiKey) -> None:
    if record.revoked_at is None:
        record.revoked_at = datetime.now(UTC)
        session.flush()


@cache
def _key_query() -> Select[ApiKey, Organisation]:
    """Built once with a bound parameter (building it cost about as much as running it)."""
    return (
        select(ApiKey, Organisation)
        .join(Organisation, Organisation.id == ApiKey.organisation_id)
        .where(ApiKey.key_hash == bindparam("key_hash", type_=String()))
    )


def authenticate_api_key(session: Session, secret: str) -> tuple[ApiKey, Organisation] | None:
    """The active key and its (active) organisation for a presented secret, else None."""
    if not secret.startswith(KEY_PREFIX):
        return None
    # One statement for the key and its organisation (every API request starts here).
    row = session.execute(_key_query(), {"key_hash": digest(secret)}).first()
    if row is None:
        return None
    record, organisation = row
    if record.revoked_at is not None or not organisation.active:
        return None
    now = datetime.now(UTC)
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        record.last_used_at = now
    return record, organisation
