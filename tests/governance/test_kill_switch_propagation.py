"""Kill-switch propagation across worker processes on one PostgreSQL database.

A real ``waarborg serve --workers 2`` answers the gateway's model list from several client
threads while a suspension is committed through the API; the figure is the time from the
committed suspension to the last answer that still offered the use case.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.support.databases import temporary_database
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.organisations import create_organisation
from waarborg.accounts.roles import Role
from waarborg.accounts.users import create_user
from waarborg.db.database import Database
from waarborg.db.migrate import upgrade
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.lifecycle import change_status
from waarborg.governance.use_cases import create_use_case, parse_fields
from waarborg.governance.vocabulary import UseCaseStatus

TRIALS = 5
CLIENTS = 4
TIMEOUT = 15.0  # seconds per request: generous for a loaded machine, short of a hang


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Servers:
    base: str
    secrets: tuple[str, str, str]  # program, operator (CISO), owner
    pid: int
    diagnosis: Callable[[], str]


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[Servers]:
    with temporary_database("postgresql", tmp_path) as url:
        database = Database(url)
        upgrade(database.engine)
        with database.session() as session:
            organisation = create_organisation(session, "noodstop", "Gemeente Noodstop")
            seed_catalogue(session, organisation)
            owner = create_user(
                session,
                organisation,
                "eigenaar.noodstop",
                "E",
                [Role.EIGENAAR],
                "wachtwoord-van-de-eigenaar",
            )
            ciso = create_user(
                session,
                organisation,
                "ciso.noodstop",
                "C",
                [Role.CISO],
                "wachtwoord-van-de-ciso-12",
            )
            use_case = create_use_case(
                session,
                organisation,
                parse_fields(
                    {"slug": "chat", "name": "Chat", "purpose": "Meten.", "audience": "api"}
                ),
                Actor.of(owner),
            )
            change_status(session, use_case, organisation, UseCaseStatus.SANDBOX, Actor.of(owner))
            program = create_api_key(session, organisation, "programma")
            set_scopes(session, program.record, ["chat"])
            operator = create_api_key(session, organisation, "noodstop", created_by=ciso.id)
            resumer = create_api_key(session, organisation, "hervatten", created_by=owner.id)
            secrets = (program.secret, operator.secret, resumer.secret)
        port = _free_port()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("WAARBORG_")},
            "WAARBORG_DATABASE_URL": url,
            "WAARBORG_DATA_DIR": str(tmp_path / "data"),
            "WAARBORG_SECRET_KEY": "propagatie-test-sleutel-met-genoeg-tekens",
        }
        executable = Path(sys.executable).with_name("waarborg")
        log_path = tmp_path / "server.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [str(executable), "serve", "--port", str(port), "--workers", "2"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(base, server, log_path)
            yield Servers(base, secrets, server.pid, lambda: _diagnosis(url, log_path))
        except Exception:
            # Say what the server and the database were doing; a bare timeout tells nothing.
            print(_diagnosis(url, log_path))
            raise
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
            database.dispose()


def _diagnosis(url: str, log_path: Path) -> str:
    """The server's own log and every session of the test database that is not idle."""
    lines = ["--- waarborg serve log ---", log_path.read_text(errors="replace")[-6000:]]
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT pid, state, wait_event_type, wait_event, left(query, 200) "
                    "FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state <> 'idle'"
                )
            ).all()
        lines.append("--- busy database sessions ---")
        lines.extend(repr(tuple(row)) for row in rows)
    except Exception as error:  # diagnosis must never hide the original failure
        lines.append(f"database not inspected: {error!r}")
    finally:
        engine.dispose()
    return "\n".join(lines)


def _wait_ready(base: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 120  # two workers importing at once on a busy machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(log_path.read_text(errors="replace"))
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("waarborg serve --workers 2 did not become ready")


def _worker_count(pid: int) -> int:
    children = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in text:
            children += 1
    return children


class _Poller:
    """Clients that ask for the model list as fast as they can, noting what each answer said."""

    def __init__(self, base: str, headers: dict[str, str]) -> None:
        self._base, self._headers = base, headers
        self._observations: list[tuple[float, float, bool]] = []
        self.errors: list[str] = []
        self.offered = threading.Event()  # some answer offered the use case
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run) for _ in range(CLIENTS)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> list[tuple[float, float, bool]]:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)
        return sorted(self._observations)

    def _run(self) -> None:
        with httpx.Client(base_url=self._base, headers=self._headers, timeout=TIMEOUT) as client:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    seen = _offered(client)
                except (httpx.HTTPError, KeyError, ValueError) as error:
                    # Noted, not raised: an exception in a thread would surface in a later test.
                    with self._lock:
                        self.errors.append(f"{time.perf_counter() - started:.1f} s: {error!r}")
                    return
                with self._lock:
                    self._observations.append((started, time.perf_counter(), seen))
                if seen:
                    self.offered.set()


def _offered(client: httpx.Client) -> bool:
    return any(model["id"] == "chat" for model in client.get("/v1/models").json()["data"])


@pytest.mark.postgres
def test_suspension_reaches_every_worker_within_a_second(
    two_workers: Servers,
) -> None:
    try:
        _measure(two_workers)
    except (AssertionError, httpx.HTTPError) as error:
        pytest.fail(f"{error!r}\n{two_workers.diagnosis()}")


def _measure(servers: Servers) -> None:
    base, server_pid = servers.base, servers.pid
    program_secret, operator_secret, owner_secret = servers.secrets
    assert _worker_count(server_pid) >= 2, "expected two worker processes"
    delays: list[float] = []
    first_refusals: list[float] = []
    owner = httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {owner_secret}"}, timeout=TIMEOUT
    )
    program_headers = {"Authorization": f"Bearer {program_secret}"}
    operator = httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {operator_secret}"}, timeout=TIMEOUT
    )
    with operator:
        for _trial in range(TRIALS):
            poller = _Poller(base, program_headers)
            poller.start()
            time.sleep(0.3)
            response = operator.post(
                "/api/v1/toepassingen/chat/schorsen", json={"reason": "Meting"}
            )
            committed = time.perf_counter()
            assert response.status_code == 200, response.text
            time.sleep(1.5)
            observations = poller.stop()
            assert not poller.errors, f"requests failed: {poller.errors}"
            before = [seen for started, _ended, seen in observations if started < committed]
            after = [(s, e, seen) for s, e, seen in observations if s >= committed]
            assert any(before), "the use case was never offered before the suspension"
            assert len(after) > 20, "too few requests after the suspension to measure"
            assert not any(seen for _, _, seen in after[-10:]), "still offered at the end"
            # Propagation: the last request started after the commit that still saw the use case.
            late = [started - committed for started, _, seen in after if seen]
            delays.append(max(late, default=0.0))
            # What a client notices: the first refusal after the commit, end to end.
            first = min((ended - committed for _, ended, seen in after if not seen), default=9.9)
            first_refusals.append(first)
            refused = operator.post("/api/v1/toepassingen/chat/hervatten")
            assert refused.status_code == 400  # the CISO may suspend; only the owner resumes
            assert owner.post("/api/v1/toepassingen/chat/hervatten").status_code == 200
    owner.close()
    print(
        f"\nkill-switch propagation over {TRIALS} trials, 2 workers, PostgreSQL: "
        f"stale answers up to {max(delays) * 1000:.1f} ms after the commit; first refusal "
        f"after median {statistics.median(first_refusals) * 1000:.1f} ms, "
        f"max {max(first_refusals) * 1000:.1f} ms"
    )
    assert max(first_refusals) < 1.0
    assert max(delays) < 1.0
