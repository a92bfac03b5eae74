"""Group commit: concurrent audit appends share transactions, each caller gets its own event
back only after the commit, a failing job does not take the others with it, and the chain
stays verifiable when two writers (two worker processes) append at the same time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.audit.test_chain import verify_chain_of
from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from waarborg.audit.chain import append
from waarborg.db.database import Database
from waarborg.db.tables import AuditEvent
from waarborg.pipeline.reading import read_session
from waarborg.pipeline.writer import GroupWriter, writer_for


def _append(organisation_id: str, number: int) -> Callable[[Session], int]:
    def work(session: Session) -> int:
        event = append(session, organisation_id, "beheer", "groep", "anoniem", detail={"n": number})
        return event.sequence

    return work


def _count(g: Governed) -> int:
    with g.database.session(g.organisation_id) as session:
        query = select(func.count()).where(AuditEvent.organisation_id == g.organisation_id)
        return int(session.scalar(query) or 0)


def test_concurrent_appends_share_transactions_and_the_chain_holds(
    governed: Governed,  # noqa: F811
) -> None:
    writer = GroupWriter(governed.database)
    before = _count(governed)
    gate = threading.Event()

    def blocked(session: Session) -> None:
        gate.wait(10)  # holds the writer so the next jobs queue up as one batch

    first = writer.submit(governed.organisation_id, blocked)
    futures: list[Future[int]] = [
        writer.submit(governed.organisation_id, _append(governed.organisation_id, n))
        for n in range(20)
    ]
    gate.set()
    first.result(10)
    sequences = [future.result(10) for future in futures]
    assert sequences == sorted(sequences)
    assert len(set(sequences)) == 20
    assert writer.jobs == 21
    assert writer.batches <= 3  # the blocked job, then the queued twenty together
    assert _count(governed) == before + 20
    assert verify_chain_of(governed)[1] == []


def test_a_failing_job_fails_alone(governed: Governed) -> None:  # noqa: F811
    writer = GroupWriter(governed.database)
    gate = threading.Event()
    writer.submit(governed.organisation_id, lambda session: gate.wait(10))

    def broken(session: Session) -> None:
        append(session, governed.organisation_id, "beheer", "kapot", "anoniem")
        raise RuntimeError("stuk")

    good = writer.submit(governed.organisation_id, _append(governed.organisation_id, 1))
    bad = writer.submit(governed.organisation_id, broken)
    also_good = writer.submit(governed.organisation_id, _append(governed.organisation_id, 2))
    gate.set()
    assert isinstance(good.result(10), int)
    assert isinstance(also_good.result(10), int)
    with pytest.raises(RuntimeError, match="stuk"):
        bad.result(10)
    with governed.database.session(governed.organisation_id) as session:
        actions = list(
            session.scalars(
                select(AuditEvent.action).where(
                    AuditEvent.organisation_id == governed.organisation_id
                )
            )
        )
    assert "kapot" not in actions
    assert verify_chain_of(governed)[1] == []


def test_two_writers_like_two_workers_keep_one_chain(
    governed: Governed,  # noqa: F811
    database_url: str,
) -> None:
    other = Database(database_url)  # a second engine, as a second worker process has
    try:
        writers = [writer_for(governed.database), GroupWriter(other)]
        futures = [
            writers[n % 2].submit(governed.organisation_id, _append(governed.organisation_id, n))
            for n in range(40)
        ]
        sequences = [future.result(30) for future in futures]
    finally:
        other.dispose()
    assert len(set(sequences)) == 40
    assert verify_chain_of(governed)[1] == []


def test_a_read_session_does_not_hold_up_the_writer(governed: Governed) -> None:  # noqa: F811
    with read_session(governed.database, governed.organisation_id) as session:
        session.scalar(select(func.count()).select_from(AuditEvent))
        # While this read transaction is open, a write commits (on SQLite: no write lock held).
        sequence = writer_for(governed.database).call(
            governed.organisation_id,
            _append(governed.organisation_id, 0),
        )
    assert isinstance(sequence, int)


def test_a_lost_connection_costs_the_writer_no_job(governed: Governed) -> None:  # noqa: F811
    """The writer's connection goes without a liveness ping before each batch (a round trip
    per write); when the database has dropped it (a restart), the batch runs once more on a
    new connection instead of failing its requests."""
    if governed.database.engine.dialect.name != "postgresql":
        pytest.skip("terminating a server connection needs PostgreSQL")
    writer = GroupWriter(governed.database)

    def backend_pid(session: Session) -> int:
        return int(session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one())

    pid = writer.call(governed.organisation_id, backend_pid)
    with governed.database.engine.connect() as admin:
        assert admin.exec_driver_sql(f"SELECT pg_terminate_backend({pid})").scalar_one()
    sequence = writer.call(governed.organisation_id, _append(governed.organisation_id, 1))
    assert isinstance(sequence, int)
    assert writer.call(governed.organisation_id, backend_pid) != pid
    assert verify_chain_of(governed)[1] == []
