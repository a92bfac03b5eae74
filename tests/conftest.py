"""Shared fixtures. Storage-touching tests run once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from tests.support.databases import BACKENDS, temporary_database
from tests.support.live_server import live_server
from waarborg.accounts import passwords
from waarborg.accounts.organisations import create_organisation
from waarborg.accounts.roles import Role
from waarborg.accounts.users import create_user
from waarborg.app import create_app
from waarborg.db.database import Database
from waarborg.db.migrate import upgrade
from waarborg.db.tables import Organisation
from waarborg.settings import Settings

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """Real Argon2id, at the lowest cost: the suite creates hundreds of users, and production
    strength (tens of milliseconds each) would dominate its run time. Hashes made this way
    still verify with the production hasher, which reads the parameters from the hash."""
    original = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._hasher = original


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with temporary_database(backend, tmp_path_factory.mktemp(backend)) as url:
        yield url


@pytest.fixture(scope="session")
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    with temporary_database(backend, tmp_path) as url:
        yield url


@dataclass
class Tenant:
    organisation: Organisation
    usernames: dict[Role, str]

    def username(self, role: Role) -> str:
        return self.usernames[role]


@pytest.fixture
def make_tenant(database: Database) -> Callable[..., Tenant]:
    """A new organisation with one user per role (password: PASSWORD), unique per call."""

    def make(label: str = "org", roles: tuple[Role, ...] = tuple(Role)) -> Tenant:
        suffix = uuid.uuid4().hex[:8]
        with database.session() as session:
            organisation = create_organisation(
                session, f"{label}-{suffix}", f"Gemeente {label.title()} {suffix}"
            )
            usernames = {}
            for role in roles:
                username = f"{role.value}.{label}.{suffix}"
                create_user(
                    session, organisation, username, f"{role.value} {label}", [role], PASSWORD
                )
                usernames[role] = username
        return Tenant(organisation=organisation, usernames=usernames)

    return make


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        database_url=database_url,
        secret_key="test-secret-key-that-is-long-enough",  # type: ignore[arg-type]
        cookie_secure="never",  # httpx keeps Secure cookies for https only
        login_attempts_per_minute_per_client=10_000,
    )


@pytest.fixture(scope="session")
def app(settings: Settings, database: Database) -> FastAPI:
    return create_app(settings)


@pytest.fixture(scope="session")
def live_url(app: FastAPI) -> Iterator[str]:
    with live_server(app) as url:
        yield url


@pytest.fixture
def client(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, follow_redirects=True, timeout=30) as http:
        yield http


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: their session-wide Playwright keeps an event loop running in the
    main thread, under which the async tests (anyio's runner, ``asyncio.run``) cannot start."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
