"""``waarborg model`` and ``waarborg agreement``: the model catalogue and supplier agreements."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from waarborg.cli.common import console
from waarborg.cli.governed import (
    As,
    Format,
    FormatOption,
    Org,
    acting,
    organisation_session,
    print_json,
)
from waarborg.governance.agreements import AgreementTerms, record_agreement
from waarborg.governance.catalogue import (
    find_agreement,
    get_model,
    list_agreements,
    list_models,
    model_warnings,
)
from waarborg.governance.kill_switch import resume_model_entry, suspend_model_entry

model_app = typer.Typer(help="De modelcatalogus.", no_args_is_help=True)
agreement_app = typer.Typer(help="Leveranciersafspraken.", no_args_is_help=True)

Key = Annotated[str, typer.Argument(help="Sleutel van het model, bijv. 'geitje-7b-ultra'.")]


@model_app.command("list")
def model_list(org: Org, output: FormatOption = Format.TABLE) -> None:
    """List the catalogue with hosting, licence, openness and warnings."""
    with organisation_session(org) as (session, organisation):
        rows = [
            {
                "key": m.key,
                "name": m.name,
                "provider": m.provider,
                "hosting_location": m.hosting_location,
                "licence": m.licence,
                "open_weights": m.open_weights,
                "training_data": m.training_data_openness,
                "context_length": m.context_length,
                "backend": m.backend,
                "suspended": m.suspended_at is not None,
                "warnings": model_warnings(m),
                "agreement": find_agreement(session, organisation.id, m.provider) is not None,
            }
            for m in list_models(session, organisation.id)
        ]
    if output == Format.JSON:
        print_json(rows)
        return
    table = Table("Sleutel", "Naam", "Aanbieder", "Hosting", "Open gewichten", "Afspraak", "Status")
    for row in rows:
        table.add_row(
            str(row["key"]),
            str(row["name"]),
            str(row["provider"]),
            str(row["hosting_location"]),
            "ja" if row["open_weights"] else "nee",
            "ja" if row["agreement"] else "nee",
            "geschorst" if row["suspended"] else "actief",
        )
    console.print(table)


@model_app.command("suspend")
def model_suspend(
    key: Key, org: Org, actor: As, reason: Annotated[str, typer.Option(help="Waarom.")]
) -> None:
    """Kill switch for one model: every use case stops using it at once."""
    with acting(org, actor) as (session, organisation, who):
        suspend_model_entry(get_model(session, organisation.id, key), who, reason)
        console.print(f"Model '{key}' is geschorst.")


@model_app.command("resume")
def model_resume(key: Key, org: Org, actor: As) -> None:
    """Allow a suspended model again."""
    with acting(org, actor) as (session, organisation, who):
        resume_model_entry(get_model(session, organisation.id, key), who)
        console.print(f"Model '{key}' is weer beschikbaar.")


@agreement_app.command("list")
def agreement_list(org: Org, output: FormatOption = Format.TABLE) -> None:
    """List the supplier agreements of an organisation."""
    with organisation_session(org) as (session, organisation):
        rows = [
            {
                "provider": a.provider,
                "data_sharing": a.data_sharing,
                "retention": a.retention,
                "retraining_on_prompts": a.retraining_on_prompts,
                "hosting_location": a.hosting_location,
                "signed_on": a.signed_on.isoformat() if a.signed_on else None,
                "document_link": a.document_link,
            }
            for a in list_agreements(session, organisation.id)
        ]
    if output == Format.JSON:
        print_json(rows)
        return
    table = Table("Aanbieder", "Gegevensdeling", "Bewaren", "Hertrainen", "Hosting")
    for row in rows:
        table.add_row(
            str(row["provider"]),
            str(row["data_sharing"]),
            str(row["retention"]),
            "ja" if row["retraining_on_prompts"] else "nee",
            str(row["hosting_location"]),
        )
    console.print(table)


@agreement_app.command("set")
def agreement_set(
    provider: Annotated[str, typer.Argument(help="Naam van de aanbieder, zoals in de catalogus.")],
    org: Org,
    actor: As,
    data_sharing: Annotated[str, typer.Option(help="Welke gegevens de aanbieder krijgt.")],
    retention: Annotated[str, typer.Option(help="Hoe lang de aanbieder ze bewaart.")],
    hosting: Annotated[str, typer.Option(help="eigen_infrastructuur, nederland, eu, buiten_eu.")],
    retraining: Annotated[
        bool, typer.Option("--retraining/--no-retraining", help="Mag hertrainen op prompts?")
    ] = False,
    signed_on: Annotated[str | None, typer.Option(help="Getekend op (JJJJ-MM-DD).")] = None,
    link: Annotated[str, typer.Option(help="Link naar het contract.")] = "",
) -> None:
    """Record (or replace) the agreement with a model provider."""
    terms = AgreementTerms(
        provider=provider,
        data_sharing=data_sharing,
        retention=retention,
        hosting=hosting,
        retraining_on_prompts=retraining,
        signed_on=signed_on,
        link=link,
    )
    with acting(org, actor) as (session, organisation, who):
        record_agreement(session, organisation, who, terms)
        console.print(f"Afspraak met {provider} vastgelegd.")
