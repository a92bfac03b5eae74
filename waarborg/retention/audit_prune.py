"""Removing the oldest audit events of an organisation without breaking its chain.

Only a prefix of the chain is removed: the oldest events, up to the first one that is still
within the retention period or belongs to a use case under legal hold. The sequence number and
hash of the last removed event go into ``AuditHead.pruned_sequence`` / ``pruned_hash``; the
verification starts from that link, so every event that remains is still checked.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from waarborg.db.tables import AuditEvent, AuditHead


def prunable_prefix(
    session: Session,
    organisation_id: str,
    cutoff: datetime,
    held: frozenset[str],
    limit: int,
    after: int,
) -> list[tuple[int, str]]:
    """The (sequence, hash) of the next at most ``limit`` events after sequence ``after`` that
    may go, oldest first."""
    rows = session.execute(
        select(AuditEvent.sequence, AuditEvent.hash, AuditEvent.occurred_at, AuditEvent.use_case)
        .where(AuditEvent.organisation_id == organisation_id, AuditEvent.sequence > after)
        .order_by(AuditEvent.sequence)
        .limit(limit)
    )
    prefix: list[tuple[int, str]] = []
    for sequence, event_hash, occurred_at, use_case in rows:
        if occurred_at >= cutoff or use_case in held:
            break
        prefix.append((int(sequence), str(event_hash)))
    return prefix


def pruned_until(session: Session, organisation_id: str) -> int:
    head = session.get(AuditHead, organisation_id)
    return head.pruned_sequence if head is not None else 0


def prune_prefix(session: Session, organisation_id: str, prefix: list[tuple[int, str]]) -> None:
    """Delete the events and move the head's pruned link to the last of them."""
    if not prefix:
        return
    head = session.scalar(
        select(AuditHead).where(AuditHead.organisation_id == organisation_id).with_for_update()
    )
    if head is None:  # pragma: no cover - events without a head cannot be appended
        return
    last_sequence, last_hash = prefix[-1]
    session.execute(
        delete(AuditEvent).where(
            AuditEvent.organisation_id == organisation_id,
            AuditEvent.sequence > head.pruned_sequence,
            AuditEvent.sequence <= last_sequence,
        )
    )
    head.pruned_sequence = last_sequence
    head.pruned_hash = last_hash
    session.flush()
