"""``waarborg register``: the Algoritmeregister file of a use case, for scripts and operators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from waarborg.cli.common import console, errors, fail, settings_or_exit
from waarborg.cli.governed import Org, organisation_session
from waarborg.governance.use_cases import get_use_case
from waarborg.register.export import RegisterExportError, entry_json, export_use_case

register_app = typer.Typer(
    help="Het Algoritmeregister: publicaties van toepassingen maken.", no_args_is_help=True
)


@register_app.command("export")
def export(
    slug: Annotated[str, typer.Argument(help="Korte naam van de toepassing.")],
    org: Org,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Schrijf naar dit bestand in plaats van stdout."),
    ] = None,
) -> None:
    """Write the use case's Algoritmeregister entry (standard 1.0) as JSON, or list what is
    missing and exit with 1."""
    public_url = settings_or_exit().public_url
    with organisation_session(org) as (session, organisation):
        use_case = get_use_case(session, organisation.id, slug)
        try:
            entry = export_use_case(session, organisation, use_case, public_url=public_url)
        except RegisterExportError as error:
            # Printed without markup: the problems quote what people typed.
            errors.print(f"Fout: {error}", markup=False, highlight=False)
            raise typer.Exit(1) from None
    text = entry_json(entry)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(f"Kan {output} niet schrijven: {error.strerror}.") from None
    console.print(f"Registerpublicatie van '{slug}' geschreven naar {output}.", highlight=False)
