"""Raising a use case's knowledge revision: the signal that makes every worker rebuild its
index. Raised in the same transaction as the change it announces, so a committed change is
never without its signal and a rolled-back one never raises it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg.db.tables import KnowledgeRevision


def raise_revision(session: Session, organisation_id: str, use_case_id: str) -> None:
    """Add one to the counter, creating the row at 1 when the use case has none yet.

    The increment is one UPDATE (atomic on PostgreSQL and SQLite); when two first changes race,
    the losing INSERT fails inside a savepoint and is retried as the UPDATE.
    """
    for _attempt in range(3):
        if _increment(session, use_case_id):
            return
        try:
            with session.begin_nested():
                session.add(
                    KnowledgeRevision(
                        organisation_id=organisation_id,
                        use_case_id=use_case_id,
                        revision=1,
                        updated_at=datetime.now(UTC),
                    )
                )
            return
        except IntegrityError:
            continue
    raise RuntimeError("could not raise the knowledge revision")


def _increment(session: Session, use_case_id: str) -> bool:
    result = cast(
        CursorResult[Any],
        session.execute(
            update(KnowledgeRevision)
            .where(KnowledgeRevision.use_case_id == use_case_id)
            .values(revision=KnowledgeRevision.revision + 1, updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount > 0
