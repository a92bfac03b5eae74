"""Top-level ``waarborg`` command and its sub-command groups."""

from __future__ import annotations

from typing import Annotated

import typer

from waarborg import __version__
from waarborg.cli import (
    accounts,
    ask,
    audit,
    catalogue,
    database,
    organisation_switch,
    privacy,
    register,
    retention,
    serving,
    sources,
    use_cases,
    widget,
)

app = typer.Typer(
    name="waarborg",
    help="Waarborg: één bestuurd pad voor elk generatief-AI-verzoek.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"waarborg {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Toon de versie."),
    ] = False,
) -> None:
    """Waarborg: one governed path for every generative-AI request."""


app.command("serve")(serving.serve)
app.command("demo")(serving.demo)
app.command("ask")(ask.ask_command)
app.add_typer(database.app, name="db")
app.add_typer(accounts.org_app, name="org")
app.add_typer(accounts.user_app, name="user")
app.add_typer(accounts.apikey_app, name="apikey")
use_cases.app.command("widget")(widget.widget)
app.add_typer(use_cases.app, name="usecase")
app.add_typer(catalogue.model_app, name="model")
app.add_typer(catalogue.agreement_app, name="agreement")
app.add_typer(sources.sources_app, name="sources")
app.add_typer(privacy.privacy_app, name="privacy")
app.add_typer(register.register_app, name="register")
app.add_typer(audit.audit_app, name="audit")
accounts.org_app.command("suspend")(organisation_switch.org_suspend)
accounts.org_app.command("resume")(organisation_switch.org_resume)
accounts.org_app.command("policy")(organisation_switch.org_policy)
app.command("purge")(retention.purge_command)
use_cases.app.command("hold")(retention.usecase_hold)
use_cases.app.command("release")(retention.usecase_release)
accounts.user_app.command("export")(retention.user_export)


def main() -> None:
    app()
