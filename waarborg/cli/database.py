"""``waarborg db``: schema migrations."""

from __future__ import annotations

import typer

from waarborg.cli.common import console, friendly_errors, open_database
from waarborg.db.migrate import schema_state
from waarborg.db.migrate import upgrade as upgrade_schema

app = typer.Typer(help="Databaseschema beheren.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Apply all pending migrations (safe to run repeatedly)."""
    with open_database(require_current=False) as database, friendly_errors():
        before = schema_state(database.engine)
        after = upgrade_schema(database.engine)
    if before.current == after.current:
        console.print(f"Databaseschema is al actueel ({after.current}).")
    else:
        console.print(f"Databaseschema bijgewerkt: {before.current or 'leeg'} → {after.current}.")


@app.command("status")
def status() -> None:
    """Show the schema version and whether migrations are pending."""
    with open_database(require_current=False) as database, friendly_errors():
        state = schema_state(database.engine)
        url = database.engine.url.render_as_string(hide_password=True)
    console.print(f"Database: {url}")
    console.print(f"Schema: {state.current or 'leeg'} (nieuwste: {state.head})")
    if not state.up_to_date:
        raise typer.Exit(1)
