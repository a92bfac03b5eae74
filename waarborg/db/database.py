"""One object per process that owns the engine and hands out (tenant-bound) sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from waarborg.db.engine import make_engine
from waarborg.db.tenancy import bind_to_organisation


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def new_session(self) -> Session:
        """A bare session; the caller closes it (used per web request)."""
        return self._sessions()

    @contextmanager
    def session(self, organisation_id: str | None = None) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error.

        Pass ``organisation_id`` whenever the work is done for one organisation; only
        installation-level work (login, organisation management, migrations) goes without.
        """
        session = self._sessions()
        if organisation_id is not None:
            bind_to_organisation(session, organisation_id)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
