"""The scheduled purge: runs, is guarded against a second runner, and stops cleanly."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.retention.conftest import World
from waarborg.accounts.roles import Role
from waarborg.app import create_app
from waarborg.db.database import Database
from waarborg.retention.purge import PurgeReport, RetentionPolicy
from waarborg.retention.scheduler import (
    ADVISORY_LOCK_KEY,
    PurgeScheduler,
    run_guard,
    scheduler_for,
)
from waarborg.settings import Settings


def test_the_scheduler_purges_and_stops(world: World) -> None:
    world.use_case("loket")
    expired = world.conversation("loket", Role.MEDEWERKER, "Oud", timedelta(days=-1))
    reports: list[PurgeReport | None] = []
    ran = threading.Event()

    def record(report: PurgeReport | None) -> None:
        reports.append(report)
        ran.set()

    scheduler = PurgeScheduler(
        world.database,
        timedelta(milliseconds=1),
        RetentionPolicy(),
        clock=lambda: datetime.now(UTC),
        on_run=record,
    )
    scheduler.start()
    assert ran.wait(60), "the scheduler never ran"
    scheduler.stop()

    assert not scheduler.running
    assert reports[0] is not None
    assert world.rows(expired) == (0, 0, 0)


def test_a_failing_run_is_logged_and_the_thread_goes_on(world: World) -> None:
    runs = threading.Event()
    seen: list[PurgeReport | None] = []

    def clock() -> datetime:
        raise RuntimeError("klok kapot")

    def record(report: PurgeReport | None) -> None:
        seen.append(report)
        if len(seen) >= 2:
            runs.set()

    scheduler = PurgeScheduler(
        world.database, timedelta(milliseconds=1), RetentionPolicy(), clock=clock, on_run=record
    )
    scheduler.start()
    assert runs.wait(60), "the scheduler stopped after a failure"
    scheduler.stop()
    assert not scheduler.running
    assert seen[:2] == [None, None]


def test_only_one_runner_at_a_time(world: World) -> None:
    with run_guard(world.database) as first, run_guard(world.database) as second:
        assert first is True
        assert second is False
    with run_guard(world.database) as again:
        assert again is True


def test_interval_zero_switches_it_off(settings: Settings) -> None:
    assert scheduler_for(settings.model_copy(update={"purge_interval_minutes": 0}), None) is None  # type: ignore[arg-type]
    scheduler = scheduler_for(settings, None)  # type: ignore[arg-type]
    assert scheduler is not None
    assert scheduler.interval == timedelta(minutes=60)


def test_another_process_holding_the_lock_makes_this_one_skip(world: World) -> None:
    if world.database.dialect != "postgresql":
        return  # SQLite serialises writers itself; the process lock is tested above
    with world.database.engine.connect() as other:  # stands in for another worker
        other.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        with run_guard(world.database) as allowed:
            assert allowed is False
        other.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
    with run_guard(world.database) as allowed:
        assert allowed is True


def _purge_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "waarborg-purge" and t.is_alive()]


def test_the_server_starts_the_schedule_and_stops_it_at_shutdown(
    settings: Settings, database: Database
) -> None:
    before = len(_purge_threads())
    app = create_app(settings.model_copy(update={"purge_interval_minutes": 60}))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert len(_purge_threads()) == before + 1
    assert len(_purge_threads()) == before
    quiet = create_app(settings.model_copy(update={"purge_interval_minutes": 0}))
    with TestClient(quiet):
        assert len(_purge_threads()) == before
