"""One process at a time for background work shared by every server on a database.

On PostgreSQL a session-level advisory lock, tried without waiting: the caller that does not
get it skips its turn instead of queueing behind the one that has it. The lock belongs to the
connection, which is committed at once, so no transaction stays open while the work runs.
SQLite has no such lock; there every caller gets its turn and SQLite serialises the writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from waarborg.db.database import Database


@contextmanager
def advisory_turn(database: Database, key: int) -> Iterator[bool]:
    """True while this caller holds the turn for ``key``; False when another one has it."""
    if database.dialect != "postgresql":
        yield True
        return
    with database.engine.connect() as connection:
        ours = bool(
            connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
        )
        connection.commit()
        try:
            yield ours
        finally:
            if ours:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
