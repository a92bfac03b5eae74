"""Engines for the embedded SQLite file and for PostgreSQL, tuned for each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

# Execution option of a transaction that only reads: on SQLite it begins DEFERRED, so it takes
# no write lock and, in WAL mode, neither waits for writers nor makes them wait.
READ_ONLY = "waarborg_read_only"


def make_engine(
    url: str, pool_size: int = 5, max_overflow: int = 10, *, pre_ping: bool = True
) -> Engine:
    """Create an engine; for SQLite, make sure the folder exists and the file behaves well.

    SQL parameters are hidden from error messages: they can hold personal data and hashes.
    ``pre_ping`` (PostgreSQL) tests a pooled connection with a round trip before each use, so
    a database restart costs no request an error; a caller that retries a transaction whose
    connection died may leave it off and save that round trip.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
            pool_size=pool_size,
            max_overflow=max_overflow,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url,
        pool_pre_ping=pre_ping,
        pool_size=pool_size,
        max_overflow=max_overflow,
        hide_parameters=True,
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level so that SQLAlchemy's BEGIN below is the only transaction
    # control; WAL lets readers proceed while one writer commits; foreign keys enforce cascades.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def mark_read_only(session: Session) -> None:
    """Begin the session's transaction as a read-only one (call before its first query).

    The session must not write: on SQLite a deferred transaction that writes after another
    connection committed fails at once with "database is locked". Its autoflush is turned off
    so that an attribute a service sets in passing (an API key's ``last_used_at``) is never
    written; the caller rolls the session back."""
    session.autoflush = False
    session.connection(execution_options={READ_ONLY: True})


def _sqlite_begin(connection: Any) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
        return
    # IMMEDIATE: take the write lock at the start of every transaction. A deferred transaction
    # that reads and then writes while another connection has written in between fails at
    # once with "database is locked" (the busy timeout does not apply to that upgrade);
    # an immediate one simply waits its turn. Transactions here are short, so serialising
    # them costs little on the embedded default, and PostgreSQL is unaffected.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
