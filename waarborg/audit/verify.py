"""Check an organisation's chain and say exactly which event was altered, removed or moved."""

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
    previous = GENESIS
    expected = 1
    for event in events:
        if event.sequence != expected:
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
    head = session.get(AuditHead, organisation_id)
    if head is not None and (head.sequence != expected - 1 or head.hash != previous):
        problems.append(
            Problem(head.sequence, f"de laatste gebeurtenis(sen) tot {head.sequence} ontbreken")
        )
    return len(events), problems
