"""Appending to an organisation's hash chain.

The hash of an event is SHA-256 over the previous hash and a canonical JSON of the event's
fields, so the chain proves order and content. Only pseudonymous identifiers and kinds go in:
callers pass reason codes, kinds of personal data and source locations, never the text.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Table,
    bindparam,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from waarborg.db.base import new_id
from waarborg.db.tables import AuditEvent, AuditHead
from waarborg.db.tenancy import scoped_organisation

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


_EVENTS = cast(Table, AuditEvent.__table__)
_HEADS = cast(Table, AuditHead.__table__)
# Built once: every request appends an event, and building these cost more than running them.
_HEAD = (
    select(_HEADS.c.sequence, _HEADS.c.hash)
    .where(_HEADS.c.organisation_id == bindparam("organisation_id", type_=String()))
    .with_for_update()
)
_INSERT_EVENT = insert(_EVENTS)
_MOVE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.organisation_id == bindparam("head_organisation", type_=String()))
    .values(
        sequence=bindparam("head_sequence", type_=Integer()),
        hash=bindparam("head_hash", type_=String()),
    )
)


def append(
    session: Session,
    organisation_id: str,
    kind: str,
    action: str,
    actor: str,
    use_case: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one event at the end of the organisation's chain (in the caller's transaction).

    Written with Core statements on the session's connection (the ORM's unit of work cost
    more than the rest of the append); the returned event is a plain record of what was
    written, not attached to the session."""
    session.flush()  # what the caller added first (the event may refer to it)
    connection = session.connection()
    bound = scoped_organisation(session)
    if bound is not None and bound != organisation_id:  # what the tenant hook checks on flush
        raise PermissionError("record belongs to another organisation")
    sequence, previous = _locked_head(connection, organisation_id)
    event = AuditEvent(
        id=new_id(),
        organisation_id=organisation_id,
        sequence=sequence + 1,
        occurred_at=datetime.now(UTC),
        kind=kind,
        action=action,
        actor=actor,
        use_case=use_case,
        detail=json.loads(json.dumps(detail or {}, default=str)),
        previous_hash=previous,
        hash="",
    )
    event.hash = event_hash(previous, hashed_fields(event))
    connection.execute(
        _INSERT_EVENT,
        {
            "id": event.id,
            "organisation_id": organisation_id,
            "sequence": event.sequence,
            "occurred_at": event.occurred_at,
            "kind": kind,
            "action": action,
            "actor": actor,
            "use_case": use_case,
            "detail": event.detail,
            "previous_hash": previous,
            "hash": event.hash,
        },
    )
    connection.execute(
        _MOVE_HEAD,
        {
            "head_organisation": organisation_id,
            "head_sequence": event.sequence,
            "head_hash": event.hash,
        },
    )
    _refresh_loaded_head(session, organisation_id, event.sequence, event.hash)
    return event


def _refresh_loaded_head(session: Session, organisation_id: str, sequence: int, hash_: str) -> None:
    """A head the session loaded through the ORM (retention does) learns the new values, so a
    later flush of it cannot write the old ones back."""
    key = inspect(AuditHead).identity_key_from_primary_key((organisation_id,))
    loaded = session.identity_map.get(key)
    if loaded is not None:
        set_committed_value(loaded, "sequence", sequence)
        set_committed_value(loaded, "hash", hash_)


def _locked_head(connection: Connection, organisation_id: str) -> tuple[int, str]:
    """The organisation's chain head (sequence, hash), locked until the transaction ends.

    The first event of an organisation creates the head. Two workers may try that at the same
    moment, and a lock on a row that does not exist yet protects nothing: the head is created
    with an insert that gives way to one made concurrently (it waits for that transaction and
    then does nothing), and only then read and locked.
    """
    values = {"organisation_id": organisation_id}
    head = connection.execute(_HEAD, values).first()
    if head is not None:
        return int(head.sequence), str(head.hash)
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(
        dialect.insert(AuditHead)
        .values(organisation_id=organisation_id, sequence=0, hash=GENESIS)
        .on_conflict_do_nothing(index_elements=[AuditHead.organisation_id])
    )
    created = connection.execute(_HEAD, values).first()
    if created is None:  # pragma: no cover - the insert above guarantees a row
        raise RuntimeError("the audit chain head could not be created")
    return int(created.sequence), str(created.hash)
