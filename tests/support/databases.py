"""Real test databases: a SQLite file, and a throw-away database on the local PostgreSQL.

PostgreSQL is mandatory in CI (CI=true or WAARBORG_REQUIRE_POSTGRES=1): there an unreachable
server fails the run instead of silently testing only SQLite.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

BACKENDS = ("sqlite", "postgresql")
ADMIN_DSN = os.environ.get(
    "WAARBORG_TEST_POSTGRES_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
)


def postgres_required() -> bool:
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("WAARBORG_REQUIRE_POSTGRES") == "1"
    )


def _admin_connection() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"PostgreSQL is not reachable at '{ADMIN_DSN}': {error}"
        if postgres_required():
            pytest.fail(message + " (required in CI)", pytrace=False)
        pytest.skip(message)


@contextmanager
def temporary_database(backend: str, folder: Path) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a new, empty database; remove it afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'waarborg-{uuid.uuid4().hex[:8]}.db'}"
        return
    name = f"waarborg_test_{uuid.uuid4().hex[:12]}"
    with _admin_connection() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    params = psycopg.conninfo.conninfo_to_dict(ADMIN_DSN)
    host, port, user = params.get("host", "127.0.0.1"), params.get("port", 5432), params["user"]
    try:
        yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    finally:
        with _admin_connection() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
