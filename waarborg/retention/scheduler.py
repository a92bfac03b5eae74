"""The purge on a schedule: one background thread per server process.

With several workers or processes on one database, a run only happens while holding a
database-level guard: on PostgreSQL a session advisory lock (a worker that does not get it skips
this round), on SQLite a process lock, with SQLite itself serialising writers between processes.
A failing run is logged by the name of the error only (never data) and the thread carries on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from waarborg.db.advisory_lock import advisory_turn
from waarborg.db.database import Database
from waarborg.retention.purge import PurgeReport, RetentionPolicy, policy_from_settings, purge
from waarborg.settings import Settings

log = logging.getLogger("waarborg.retention")

ADVISORY_LOCK_KEY = 0x57415242  # "WARB": the purge's PostgreSQL advisory lock
_process_lock = threading.Lock()


@contextmanager
def run_guard(database: Database) -> Iterator[bool]:
    """True when this caller may run the purge now; False when another one is running."""
    if not _process_lock.acquire(blocking=False):
        yield False
        return
    try:
        with advisory_turn(database, ADVISORY_LOCK_KEY) as ours:
            yield ours
    finally:
        _process_lock.release()


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class PurgeScheduler:
    def __init__(
        self,
        database: Database,
        interval: timedelta,
        policy: RetentionPolicy,
        clock: Callable[[], datetime] = _wall_clock,
        on_run: Callable[[PurgeReport | None], None] | None = None,
    ) -> None:
        self.database = database
        self.interval = interval
        self.policy = policy
        self.clock = clock
        self.on_run = on_run
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> PurgeReport | None:
        """One purge, if no other worker is running one; None when skipped."""
        with run_guard(self.database) as allowed:
            if not allowed:
                return None
            return purge(self.database, self.clock(), dry_run=False, policy=self.policy)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="waarborg-purge", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        # The first run waits one interval: a server that restarts in a loop must not purge
        # in a loop, and start-up stays quick.
        while not self._stop.wait(self.interval.total_seconds()):
            report: PurgeReport | None = None
            try:
                report = self.run_once()
            except Exception as error:  # a failed purge must never stop the server
                log.error("retention purge failed: %s", type(error).__name__)
            if report is not None:
                log.info(
                    "retention purge removed %d conversations, %d audit events",
                    report.total("conversations"),
                    report.total("audit_events"),
                )
            if self.on_run is not None:
                self.on_run(report)


def scheduler_for(settings: Settings, database: Database) -> PurgeScheduler | None:
    """The server's scheduler, or None when ``purge_interval_minutes`` is 0."""
    if settings.purge_interval_minutes == 0:
        return None
    return PurgeScheduler(
        database,
        timedelta(minutes=settings.purge_interval_minutes),
        policy_from_settings(settings),
    )
