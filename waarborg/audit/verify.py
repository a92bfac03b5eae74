"""Check an organisation's chain and say exactly which event was altered, removed or moved.

When the retention purge has removed the oldest events, the head keeps the sequence and hash of
the last removed one; the check starts from that link instead of the genesis hash, so removing
more events at the start, or altering any that remain, is still found.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.audit.chain import GENESIS, event_hash, hashed_fields
from waarborg.db.tables import AuditEvent, AuditHead


@dataclass(frozen=True)
class Problem:
    sequence: int
    message: str


def verify_chain(session: Session, organisation_id: str) -> tuple[int, list[Problem]]:
    """Return the number of events checked and the problems found (none: intact)."""
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.organisation_id == organisation_id)
            .order_by(AuditEvent.sequence)
        )
    )
    problems: list[Problem] = []
    head = session.get(AuditHead, organisation_id)
    previous = head.pruned_hash if head is not None and head.pruned_sequence else GENESIS
    expected = (head.pruned_sequence if head is not None else 0) + 1
    for event in events:
        if event.sequence < expected:
            problems.append(
                Problem(event.sequence, f"gebeurtenis {event.sequence} staat dubbel of te vroeg")
            )
        elif event.sequence != expected:
            problems.append(
                Problem(expected, f"gebeurtenis {expected} t/m {event.sequence - 1} ontbreekt")
            )
        if event.previous_hash != previous:
            problems.append(
                Problem(
                    event.sequence,
                    f"gebeurtenis {event.sequence} volgt niet op de vorige "
                    "(verwijderd of verplaatst)",
                )
            )
        if event_hash(event.previous_hash, hashed_fields(event)) != event.hash:
            problems.append(Problem(event.sequence, f"gebeurtenis {event.sequence} is gewijzigd"))
        previous = event.hash
        expected = event.sequence + 1
    if head is not None and (head.sequence != expected - 1 or head.hash != previous):
        problems.append(
            Problem(head.sequence, f"de laatste gebeurtenis(sen) tot {head.sequence} ontbreken")
        )
    return len(events), problems
