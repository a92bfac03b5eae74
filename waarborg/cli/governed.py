"""What governance commands share: the organisation, the acting user, and output formats.

Every governance action is attributed to a named user (``--as``), so the history of a use case
says who decided even when an operator scripts it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from sqlalchemy.orm import Session

from waarborg.accounts.organisations import get_organisation
from waarborg.accounts.users import get_user
from waarborg.cli.common import fail, friendly_errors, open_database
from waarborg.db.tables import Organisation
from waarborg.governance.actors import Actor
from waarborg.governance.errors import GovernanceError

Org = Annotated[str, typer.Option("--org", help="Korte naam (slug) van de organisatie.")]
As = Annotated[
    str,
    typer.Option(
        "--as",
        envvar="WAARBORG_ACTOR",
        help="Gebruikersnaam namens wie de actie gebeurt (of WAARBORG_ACTOR).",
    ),
]


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="Uitvoer: table of json.")]


@contextmanager
def organisation_session(org: str) -> Iterator[tuple[Session, Organisation]]:
    with open_database() as database, friendly_errors():
        with database.session() as lookup:
            organisation_id = get_organisation(lookup, org).id
        with database.session(organisation_id) as session:
            organisation = session.get(Organisation, organisation_id)
            assert organisation is not None  # noqa: S101 - just looked it up
            yield session, organisation


@contextmanager
def acting(org: str, username: str) -> Iterator[tuple[Session, Organisation, Actor]]:
    with organisation_session(org) as (session, organisation):
        user = get_user(session, username)
        if user.organisation_id != organisation.id or not user.active:
            raise GovernanceError(
                f"'{username}' is geen actieve gebruiker van {organisation.name}."
            )
        yield session, organisation, Actor.of(user)


def read_document(path: Path) -> dict[str, Any]:
    """A YAML or JSON file with a mapping at the top."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise fail(f"Kan {path} niet lezen: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise fail(f"{path} is geen UTF-8-tekst.") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        raise fail(f"{path} is geen geldige YAML of JSON: {error}") from None
    if not isinstance(data, dict):
        raise fail(f"{path} moet een lijst van velden (een mapping) bevatten.")
    return data


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
