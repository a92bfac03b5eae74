"""Read-only units of work for the request path.

Most of a request only reads (API key, policy, sources); its writes go through the group
writer (``waarborg.pipeline.writer``). A read session never commits: on SQLite its transaction
begins DEFERRED, so it takes no write lock and, in WAL mode, neither waits for writers nor
holds them up. Objects loaded in it stay usable (detached, not expired) after it closes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from waarborg.db.database import Database
from waarborg.db.engine import mark_read_only
from waarborg.db.tenancy import bind_to_organisation


@contextmanager
def read_session(database: Database, organisation_id: str | None = None) -> Iterator[Session]:
    session = database.new_session()
    if organisation_id is not None:
        bind_to_organisation(session, organisation_id)
    mark_read_only(session)
    try:
        yield session
    finally:
        session.close()  # ends the transaction without writing; loaded objects are kept
