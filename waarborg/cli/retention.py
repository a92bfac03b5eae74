"""``waarborg purge``, legal hold on a use case, and the export of what is held about a user."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from waarborg.accounts.users import get_user
from waarborg.audit.admin import CLI_ACTOR
from waarborg.cli.common import console, fail, open_database, settings_or_exit
from waarborg.cli.governed import As, Format, FormatOption, Org, acting, organisation_session
from waarborg.conversations.vault import Vault
from waarborg.governance.errors import GovernanceError
from waarborg.governance.legal_hold import place_hold, release_hold
from waarborg.governance.use_cases import get_use_case
from waarborg.retention.purge import RetentionError, policy_from_settings, purge
from waarborg.retention.subject_export import export_subject

Slug = Annotated[str, typer.Argument(help="Korte naam van de toepassing.")]

LABELS = {
    "conversations": "gesprekken",
    "messages": "berichten",
    "feedback": "beoordelingen",
    "usage_counters": "gebruikstellers",
    "audit_events": "auditgebeurtenissen",
    "web_sessions": "websessies",
    "login_throttles": "aanmeldtellers",
}


def purge_command(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Alleen tellen wat weg zou gaan; niets wissen.")
    ] = False,
    output: FormatOption = Format.TABLE,
) -> None:
    """Delete everything whose retention has passed (conversations, counters, old audit events)."""
    settings = settings_or_exit()
    try:
        policy = policy_from_settings(settings)
    except RetentionError as error:
        raise fail(str(error), code=2) from None
    with open_database(settings) as database:
        report = purge(database, datetime.now(UTC), dry_run=dry_run, policy=policy, actor=CLI_ACTOR)
    if output == Format.JSON:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    heading = "Proefdraai: dit zou worden gewist" if dry_run else "Gewist"
    console.print(f"{heading}:", highlight=False)
    for organisation, kinds in sorted(report.counts.items()):
        parts = [f"{count} {LABELS.get(kind, kind)}" for kind, count in kinds.items()]
        name = "installatie" if organisation == "*" else organisation
        console.print(f"  {name}: {', '.join(parts)}", highlight=False)


def usecase_hold(
    slug: Slug,
    org: Org,
    actor: As,
    reason: Annotated[str, typer.Option(help="Waarom (verplicht), bijv. een zaaknummer.")],
) -> None:
    """Place a legal hold: the purge keeps this use case's conversations and audit events."""
    with acting(org, actor) as (session, organisation, who):
        place_hold(session, get_use_case(session, organisation.id, slug), who, reason)
        console.print(f"'{slug}' staat onder juridische bewaring.")


def usecase_release(slug: Slug, org: Org, actor: As) -> None:
    """Lift the legal hold; from the next purge on, the normal retention applies again."""
    with acting(org, actor) as (session, organisation, who):
        release_hold(session, get_use_case(session, organisation.id, slug), who)
        console.print(f"De juridische bewaring van '{slug}' is opgeheven.")


def user_export(
    username: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    org: Org,
    output: Annotated[
        Path | None, typer.Option("--output", help="Schrijf naar dit bestand (anders stdout).")
    ] = None,
) -> None:
    """Everything held about one user as JSON: account, conversations, feedback, audit events."""
    settings = settings_or_exit()
    vault = Vault(settings.secret_bytes())
    with organisation_session(org) as (session, organisation):
        user = get_user(session, username)
        if user.organisation_id != organisation.id:
            raise GovernanceError(f"'{username}' is geen gebruiker van {organisation.name}.")
        data = export_subject(session, vault, user)
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    if output is None:
        typer.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise fail(f"Kan {output} niet schrijven: {error.strerror}.") from None
    console.print(f"Alles over '{username}' staat in {output}.", highlight=False)
