"""Group commit for the writes of the request path: one writer thread per process and database
runs the write jobs of concurrent requests (audit events, usage counters, token charges) in
one transaction, and each request waits until its own job is committed.

Why: every request writes at least twice (count it, then audit it). As separate transactions
they queue on SQLite's single write lock (whose busy handler sleeps in steps of up to 100 ms)
and, on PostgreSQL, on the row lock of the audit chain's head and on one WAL flush each. One
transaction for the jobs that arrive together costs one lock and one flush for all of them.

A job is a function of a session; it runs with the session bound to its organisation (tenant
scoping applies as everywhere), and its result (or exception) goes back to its caller only
after the commit, so an answer never leaves before its audit event is durable. When a job
fails, the transaction is rolled back and every job of the batch runs again on its own, so one
bad job cannot take the others with it. The audit chain stays one chain: each append takes the
head row (``FOR UPDATE`` on PostgreSQL, the write lock on SQLite) inside the batch transaction,
so writers of other processes wait for the whole batch and continue from its last event.

The writer's connection is not pinged before each batch (that would be a round trip per write
on PostgreSQL). A batch whose connection turns out to be dead (a database restart) runs once
more on a new one; as with the one-by-one rerun above, a connection lost during the COMMIT
itself could leave its batch written twice, which the chain records as two valid events.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from waarborg.db.database import Database
from waarborg.db.engine import make_engine
from waarborg.db.tenancy import SCOPE_KEY

log = logging.getLogger("waarborg.pipeline")
T = TypeVar("T")
MAX_BATCH = 64
IDLE_SECONDS = 5.0  # the thread ends when it has had nothing to do this long


@dataclass
class _Job:
    organisation_id: str | None
    work: Callable[[Session], Any]
    future: Future[Any] = field(default_factory=Future)


class GroupWriter:
    """Runs write jobs in batches on one thread; see the module's docstring."""

    def __init__(self, database: Database, max_batch: int = MAX_BATCH) -> None:
        self.database = database
        self.max_batch = max_batch
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.batches = 0  # for tests and benchmarks: how many transactions were committed
        self.jobs = 0

    def submit(self, organisation_id: str | None, work: Callable[[Session], T]) -> Future[T]:
        """Queue a job; the future resolves after the commit of its batch."""
        job = _Job(organisation_id, work)
        self._jobs.put(job)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._loop, name="waarborg-group-writer", daemon=True
                )
                self._thread.start()
        return job.future

    def call(self, organisation_id: str | None, work: Callable[[Session], T]) -> T:
        """Run a job and wait for it (from a worker thread, never from the event loop)."""
        return self.submit(organisation_id, work).result()

    async def run(self, organisation_id: str | None, work: Callable[[Session], T]) -> T:
        """Run a job and wait for it without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(organisation_id, work))

    def _loop(self) -> None:
        # A connection of its own, outside the request path's pool: under overload the
        # threads that read could otherwise hold every pooled connection while they wait for
        # this writer, which would then wait for them.
        if make_url(self.database.url).database in (None, "", ":memory:"):
            # An in-memory database exists only in its own engine.
            self._serve(sessionmaker(self.database.engine, expire_on_commit=False))
            return
        # No liveness ping before each batch (a round trip per write on PostgreSQL): a batch
        # whose connection turns out dead is run once more, on a new connection.
        engine = make_engine(self.database.url, pool_size=1, max_overflow=0, pre_ping=False)
        try:
            self._serve(sessionmaker(engine, expire_on_commit=False))
        finally:
            engine.dispose()

    def _serve(self, sessions: sessionmaker[Session]) -> None:
        while True:
            try:
                first = self._jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    if self._jobs.empty():
                        self._thread = None
                        return
                continue
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            self._commit(batch, sessions)

    def _commit(self, batch: list[_Job], sessions: sessionmaker[Session]) -> None:
        try:
            try:
                results = self._transaction(batch, sessions)
            except DBAPIError as error:
                if not error.connection_invalidated:
                    raise
                log.warning("the writer's database connection was lost; the batch runs again")
                results = self._transaction(batch, sessions)
        except Exception as error:
            if len(batch) == 1:
                _fail(batch[0], error)
                return
            log.warning(
                "a grouped write failed (%s); its jobs run one by one", type(error).__name__
            )
            for job in batch:
                self._commit([job], sessions)
            return
        self.batches += 1
        self.jobs += len(batch)
        for job, value in zip(batch, results, strict=True):
            if not job.future.cancelled():
                job.future.set_result(value)

    def _transaction(self, batch: list[_Job], sessions: sessionmaker[Session]) -> list[Any]:
        session = sessions()
        try:
            results = []
            for job in batch:
                if job.organisation_id is None:
                    session.info.pop(SCOPE_KEY, None)
                else:
                    session.info[SCOPE_KEY] = job.organisation_id
                results.append(job.work(session))
                session.flush()  # under this job's organisation (tenant check before flush)
            session.commit()
            return results
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


def _fail(job: _Job, error: BaseException) -> None:
    if not job.future.cancelled():
        job.future.set_exception(error)


_writers: weakref.WeakKeyDictionary[Database, GroupWriter] = weakref.WeakKeyDictionary()
_writers_lock = threading.Lock()


def writer_for(database: Database) -> GroupWriter:
    """The process's group writer for this database (made on first use)."""
    with _writers_lock:
        writer = _writers.get(database)
        if writer is None:
            writer = _writers[database] = GroupWriter(database)
        return writer
