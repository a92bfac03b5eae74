"""Appending to an organisation's hash chain.

The hash of an event is SHA-256 over the previous hash and a canonical JSON of the event's
fields, so the chain proves order and content. Only pseudonymous identifiers and kinds go in:
callers pass reason codes, kinds of personal data and source locations, never the text.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from waarborg.db.tables import AuditEvent, AuditHead

GENESIS = "0" * 64


def actor_for(user_id: str | None = None, api_key_id: str | None = None) -> str:
    """A pseudonymous actor: internal identifiers only, never a name or an address."""
    if user_id:
        return f"gebruiker:{user_id}"
    if api_key_id:
        return f"sleutel:{api_key_id}"
    return "anoniem"


def event_hash(previous: str, fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous + canonical).encode()).hexdigest()


def hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "organisation_id": event.organisation_id,
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "kind": event.kind,
        "action": event.action,
        "actor": event.actor,
        "use_case": event.use_case,
        "detail": event.detail,
    }


def append(
    session: Session,
    organisation_id: str,
    kind: str,
    action: str,
    actor: str,
    use_case: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one event at the end of the organisation's chain (in the caller's transaction)."""
    head = _locked_head(session, organisation_id)
    event = AuditEvent(
        organisation_id=organisation_id,
        sequence=head.sequence + 1,
        occurred_at=datetime.now(UTC),
        kind=kind,
        action=action,
        actor=actor,
        use_case=use_case,
        detail=json.loads(json.dumps(detail or {}, default=str)),
        previous_hash=head.hash,
        hash="",
    )
    event.hash = event_hash(head.hash, hashed_fields(event))
    head.sequence = event.sequence
    head.hash = event.hash
    session.add(event)
    session.flush()
    return event


def _locked_head(session: Session, organisation_id: str) -> AuditHead:
    """The organisation's chain head, locked until the transaction ends.

    The first event of an organisation creates the head. Two workers may try that at the same
    moment, and a lock on a row that does not exist yet protects nothing: the head is created
    with an insert that gives way to one made concurrently (it waits for that transaction and
    then does nothing), and only then read and locked.
    """
    query = select(AuditHead).where(AuditHead.organisation_id == organisation_id)
    head = session.scalar(query.with_for_update())
    if head is not None:
        return head
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(
        dialect.insert(AuditHead)
        .values(organisation_id=organisation_id, sequence=0, hash=GENESIS)
        .on_conflict_do_nothing(index_elements=[AuditHead.organisation_id])
    )
    created = session.scalar(query.with_for_update().execution_options(populate_existing=True))
    if created is None:  # pragma: no cover - the insert above guarantees a row
        raise RuntimeError("the audit chain head could not be created")
    return created
