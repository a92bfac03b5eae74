"""Alembic, driven from code: upgrade, and tell whether the schema matches this release."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class SchemaTooNewError(RuntimeError):
    """The database was migrated by a newer Waarborg; running this release would corrupt it."""


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    known: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as connection:
        return _state(connection, alembic_config(str(engine.url)))


def _state(connection: Connection, config: Config) -> SchemaState:
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    if head is None:
        raise RuntimeError("no migrations found in the package; the installation is broken")
    current = MigrationContext.configure(connection).get_current_revision()
    known = current is None or _revision_known(script, current)
    return SchemaState(current=current, head=head, known=known)


def _revision_known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


# Arbitrary but fixed: the advisory-lock key that serialises migrations on PostgreSQL.
MIGRATION_LOCK_KEY = 0x57414152  # "WAAR"


def upgrade(engine: Engine) -> SchemaState:
    """Bring the schema to this release's head; refuse a database from a newer release.

    On PostgreSQL several servers may start at once: a transaction-level advisory lock lets
    one of them migrate while the others wait and then find nothing left to do.
    """
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        state = _state(connection, config)
        if not state.known:
            raise SchemaTooNewError(too_new_message(state))
        if not state.up_to_date:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return schema_state(engine)


def too_new_message(state: SchemaState) -> str:
    return (
        f"De database heeft schemaversie {state.current}, die deze versie van Waarborg niet kent "
        f"(nieuwste bekende: {state.head}). Hij is gemigreerd door een nieuwere versie; "
        "installeer die versie of zet een back-up terug."
    )
