"""Embedding passages in the background: batch by batch, each batch committed on its own.

Ingestion stores passages without vectors and returns at once (a page is searchable
lexically right away); this worker then finds passages without a vector of the configured
model and embeds them. Progress is therefore simply "vectors stored / passages", per use case
(``vectors.embedding_progress``), and a crash or restart loses at most one batch.

The model runs outside any database transaction: on SQLite every transaction holds the write
lock, and a batch takes seconds on a CPU. On PostgreSQL a session-level advisory lock makes
the workers of several processes take turns instead of embedding the same passages twice; on
SQLite (one machine, usually one process) a duplicate is merely wasted work, because a vector
is written by upsert.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from waarborg.db.advisory_lock import advisory_turn
from waarborg.db.database import Database
from waarborg.knowledge.embeddings import Embedder
from waarborg.knowledge.vectors import pending_chunks, store_vectors

logger = logging.getLogger(__name__)

DEFAULT_BATCH = 16
# pg_advisory_lock key shared by every Waarborg process on one database ("wbembed").
ADVISORY_LOCK_KEY = 0x7762_656D_6265_64


@dataclass(frozen=True)
class EmbeddingRun:
    """What one call did. ``busy``: another process held the embedding lock, so this one
    left the work to it."""

    embedded: int
    busy: bool = False


def embed_batch(
    database: Database,
    embedder: Embedder,
    batch_size: int = DEFAULT_BATCH,
    use_case_id: str | None = None,
) -> EmbeddingRun:
    """Embed and commit at most ``batch_size`` pending passages."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    with advisory_turn(database, ADVISORY_LOCK_KEY) as ours:
        if not ours:
            return EmbeddingRun(0, busy=True)
        with database.session() as session:  # installation-level: all organisations
            pending = pending_chunks(session, embedder, batch_size, use_case_id)
        if not pending:
            return EmbeddingRun(0)
        vectors = embedder.embed_passages([chunk.text for chunk in pending])
        with database.session() as session:
            return EmbeddingRun(store_vectors(session, embedder, pending, vectors))


def embed_pending(
    database: Database,
    embedder: Embedder,
    limit: int | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    use_case_id: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> EmbeddingRun:
    """Embed pending passages until none are left (or ``limit`` are done), committing per
    batch; ``progress`` is told the running total after each batch. For the CLI and tests;
    the server does the same in an ``EmbeddingWorker``."""
    done = 0
    while limit is None or done < limit:
        size = batch_size if limit is None else min(batch_size, limit - done)
        run = embed_batch(database, embedder, size, use_case_id)
        if run.busy:
            return EmbeddingRun(done, busy=True)
        if run.embedded == 0:
            break
        done += run.embedded
        if progress is not None:
            progress(done)
    return EmbeddingRun(done)


class EmbeddingWorker:
    """A daemon thread that keeps embedding new passages while the server runs.

    Started by the app at start-up (``start``) and stopped at shutdown (``stop``). When it
    finds nothing to do it sleeps ``interval`` seconds, or until ``wake`` is called (for
    example right after an ingestion). A failing back-end or database is logged and retried
    after the interval; it never stops the thread.
    """

    def __init__(
        self,
        database: Database,
        embedder: Embedder,
        *,
        batch_size: int = DEFAULT_BATCH,
        interval: float = 10.0,
    ) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self.database = database
        self.embedder = embedder
        self.batch_size = batch_size
        self.interval = interval
        self.embedded = 0  # passages embedded since start, for status pages
        self.last_error: str | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="waarborg-embedder", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Ask the thread to end after its current batch and wait for it (up to ``timeout``)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                run = embed_batch(self.database, self.embedder, self.batch_size)
            except Exception as error:  # logged; the thread must survive any failure
                self.last_error = type(error).__name__
                logger.warning("background embedding failed: %s", str(error)[:300])
                run = EmbeddingRun(0)
            else:
                self.last_error = None
                self.embedded += run.embedded
            if run.embedded == 0:
                self._wake.wait(self.interval)
                self._wake.clear()
