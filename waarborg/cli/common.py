"""What every command shares: settings, the database, and errors that end in a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from sqlalchemy.exc import OperationalError

from waarborg.accounts.errors import AccountError
from waarborg.accounts.passwords import WeakPasswordError
from waarborg.accounts.roles import UnknownRoleError
from waarborg.db.database import Database
from waarborg.db.migrate import SchemaTooNewError, schema_state, too_new_message
from waarborg.governance.errors import GovernanceError
from waarborg.settings import Settings, SettingsError, load_settings

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[bold red]Fout:[/] {message}", highlight=False)
    return typer.Exit(code)


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        raise fail(str(error), code=2) from None


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn expected failures into one line on stderr and a non-zero exit; nothing half-done."""
    try:
        yield
    except (
        AccountError,
        UnknownRoleError,
        WeakPasswordError,
        SchemaTooNewError,
        GovernanceError,
    ) as error:
        raise fail(str(error)) from None
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise fail(f"De database is niet bereikbaar: {reason}") from None


@contextmanager
def open_database(
    settings: Settings | None = None, require_current: bool = True
) -> Iterator[Database]:
    """The installation's database, closed again when the command is done."""
    database = Database((settings or settings_or_exit()).resolved_database_url)
    try:
        if require_current:
            with friendly_errors():
                state = schema_state(database.engine)
            if not state.known:
                raise fail(too_new_message(state))
            if not state.up_to_date:
                raise fail(
                    "Het databaseschema is niet actueel. Voer eerst 'waarborg db upgrade' uit."
                )
        yield database
    finally:
        database.dispose()
