"""What every HTTP adapter (pages and APIs alike) takes from a request: the app's runtime and
a database session for the request. Lives outside ``web`` so the API does not depend on it."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session
from starlette.requests import Request

from waarborg.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_db(request: Request) -> Iterator[Session]:
    """A database session for this request. Routes commit what they change explicitly."""
    session = get_runtime(request).database.new_session()
    try:
        yield session
    finally:
        session.close()
