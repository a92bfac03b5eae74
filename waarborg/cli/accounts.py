"""``waarborg org``, ``waarborg user`` and ``waarborg apikey``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from waarborg.accounts.api_keys import create_api_key, get_api_key, list_api_keys, revoke_api_key
from waarborg.accounts.organisations import (
    create_organisation,
    get_organisation,
    list_organisations,
)
from waarborg.accounts.roles import ALL_ROLES, parse_roles
from waarborg.accounts.users import create_user, disable_user, get_user, list_users
from waarborg.audit.admin import CLI_ACTOR, api_key_event, user_event
from waarborg.cli.common import console, fail, friendly_errors, open_database
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.key_scopes import set_scopes

org_app = typer.Typer(help="Organisaties (tenants) beheren.", no_args_is_help=True)
user_app = typer.Typer(help="Gebruikers beheren.", no_args_is_help=True)
apikey_app = typer.Typer(help="API-sleutels beheren.", no_args_is_help=True)

Org = Annotated[str, typer.Option("--org", help="Korte naam (slug) van de organisatie.")]
ROLE_HELP = "Rol (herhaalbaar): " + ", ".join(role.value for role in ALL_ROLES)


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "—"  # type: ignore[attr-defined]


@org_app.command("create")
def org_create(
    slug: Annotated[str, typer.Argument(help="Korte naam, bijv. 'gemeente-utrecht'.")],
    name: Annotated[str, typer.Option("--name", help="Volledige naam.")],
) -> None:
    """Add an organisation to this installation."""
    with open_database() as database, friendly_errors(), database.session() as session:
        organisation = create_organisation(session, slug, name)
        seed_catalogue(session, organisation)
        console.print(f"Organisatie '{organisation.slug}' ({organisation.name}) aangemaakt.")


@org_app.command("list")
def org_list() -> None:
    """List the organisations of this installation."""
    table = Table("Korte naam", "Naam", "Actief")
    with open_database() as database, friendly_errors(), database.session() as session:
        for organisation in list_organisations(session):
            table.add_row(
                organisation.slug, organisation.name, "ja" if organisation.active else "nee"
            )
    console.print(table)


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="Gebruikersnaam (uniek in de installatie).")],
    org: Org,
    role: Annotated[list[str], typer.Option("--role", help=ROLE_HELP)],
    name: Annotated[str, typer.Option("--name", help="Weergavenaam.")] = "",
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="WAARBORG_USER_PASSWORD",
            help="Wachtwoord (of via WAARBORG_USER_PASSWORD); zonder wordt erom gevraagd.",
        ),
    ] = None,
    oidc_only: Annotated[
        bool, typer.Option("--oidc-only", help="Geen wachtwoord: alleen inloggen via OIDC.")
    ] = False,
) -> None:
    """Create a local user with one or more roles."""
    with friendly_errors():
        roles = parse_roles(role)
    if not oidc_only and password is None:
        password = typer.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
    with open_database() as database, friendly_errors(), database.session() as session:
        organisation = get_organisation(session, org)
        user = create_user(
            session,
            organisation,
            username,
            name or username,
            roles,
            None if oidc_only else password,
        )
        user_event(session, "gebruiker_aangemaakt", user, CLI_ACTOR)
        console.print(f"Gebruiker '{user.username}' aangemaakt in {organisation.name}.")


@user_app.command("list")
def user_list(org: Org) -> None:
    """List the users of an organisation with their roles."""
    table = Table("Gebruikersnaam", "Naam", "Rollen", "Actief", "Laatst ingelogd")
    with open_database() as database, friendly_errors(), database.session() as session:
        organisation = get_organisation(session, org)
        for user in list_users(session, organisation.id):
            table.add_row(
                user.username,
                user.display_name,
                ", ".join(user.role_names),
                "ja" if user.active else "nee",
                _when(user.last_login_at),
            )
    console.print(table)


@user_app.command("disable")
def user_disable(username: Annotated[str, typer.Argument(help="Gebruikersnaam.")]) -> None:
    """Disable a user and end all of their sessions."""
    with open_database() as database, friendly_errors(), database.session() as session:
        user = get_user(session, username)
        if not user.active:
            raise fail(f"Gebruiker '{user.username}' is al uitgeschakeld.")
        disable_user(session, user)
        user_event(session, "gebruiker_uitgeschakeld", user, CLI_ACTOR)
        console.print(f"Gebruiker '{user.username}' is uitgeschakeld.")


@apikey_app.command("create")
def apikey_create(
    org: Org,
    name: Annotated[str, typer.Option("--name", help="Waarvoor de sleutel dient.")],
    use_case: Annotated[
        list[str] | None,
        typer.Option("--use-case", help="Toepassing die de sleutel mag aanroepen (herhaalbaar)."),
    ] = None,
) -> None:
    """Create an API key; the key is shown once."""
    with open_database() as database, friendly_errors(), database.session() as session:
        organisation = get_organisation(session, org)
        new_key = create_api_key(session, organisation, name)
        api_key_event(session, "sleutel_aangemaakt", new_key.record, CLI_ACTOR)
        scopes = set_scopes(session, new_key.record, use_case or [])
    if scopes:
        console.print(f"Mag aanroepen: {', '.join(scopes)}.")
    console.print(f"API-sleutel '{new_key.record.name}' (id {new_key.record.id}) aangemaakt.")
    console.print("Bewaar hem nu; hij wordt niet nog eens getoond:")
    typer.echo(new_key.secret)


@apikey_app.command("list")
def apikey_list(org: Org) -> None:
    """List an organisation's API keys (never the keys themselves)."""
    table = Table("Id", "Naam", "Begint met", "Aangemaakt", "Laatst gebruikt", "Status")
    with open_database() as database, friendly_errors(), database.session() as session:
        organisation = get_organisation(session, org)
        for key in list_api_keys(session, organisation.id):
            status = "actief" if key.active else f"ingetrokken {_when(key.revoked_at)}"
            table.add_row(
                key.id,
                key.name,
                key.prefix + "…",
                _when(key.created_at),
                _when(key.last_used_at),
                status,
            )
    console.print(table)


@apikey_app.command("revoke")
def apikey_revoke(
    key_id: Annotated[str, typer.Argument(help="Id van de sleutel (zie 'apikey list').")],
    org: Org,
) -> None:
    """Revoke an API key; calls with it are refused from now on."""
    with open_database() as database, friendly_errors(), database.session() as session:
        organisation = get_organisation(session, org)
        key = get_api_key(session, organisation.id, key_id)
        if not key.active:
            raise fail(f"API-sleutel '{key.name}' is al ingetrokken.")
        revoke_api_key(session, key)
        api_key_event(session, "sleutel_ingetrokken", key, CLI_ACTOR)
        console.print(f"API-sleutel '{key.name}' is ingetrokken.")
