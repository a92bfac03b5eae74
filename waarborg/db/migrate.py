"""Alembic, driven from code: upgrade, and tell whether the schema matches this release."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

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
    script = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    head = script.get_current_head()
    if head is None:
        raise RuntimeError("no migrations found in the package; the installation is broken")
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    known = current is None or _revision_known(script, current)
    return SchemaState(current=current, head=head, known=known)


def _revision_known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def upgrade(engine: Engine) -> SchemaState:
    """Bring the schema to this release's head; refuse a database from a newer release."""
    state = schema_state(engine)
    if not state.known:
        raise SchemaTooNewError(too_new_message(state))
    if not state.up_to_date:
        config = alembic_config(engine.url.render_as_string(hide_password=False))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return schema_state(engine)


def too_new_message(state: SchemaState) -> str:
    return (
        f"De database heeft schemaversie {state.current}, die deze versie van Waarborg niet kent "
        f"(nieuwste bekende: {state.head}). Hij is gemigreerd door een nieuwere versie; "
        "installeer die versie of zet een back-up terug."
    )
