"""Creating and finding organisations (tenants)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.accounts.errors import DuplicateError, InvalidIdentifierError, NotFoundError
from waarborg.db.tables import Organisation

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def validate_slug(slug: str) -> str:
    if not SLUG_PATTERN.fullmatch(slug):
        raise InvalidIdentifierError(
            f"'{slug}' is geen geldige korte naam: gebruik kleine letters, cijfers en '-' "
            "(hoogstens 64 tekens, niet beginnend of eindigend met '-')."
        )
    return slug


def create_organisation(session: Session, slug: str, name: str) -> Organisation:
    validate_slug(slug)
    name = name.strip()
    if not name:
        raise InvalidIdentifierError("Een organisatie heeft een naam.")
    if session.scalar(select(Organisation).where(Organisation.slug == slug)) is not None:
        raise DuplicateError(f"Er is al een organisatie met de korte naam '{slug}'.")
    organisation = Organisation(slug=slug, name=name)
    session.add(organisation)
    session.flush()
    return organisation


def get_organisation(session: Session, slug: str) -> Organisation:
    organisation = session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        raise NotFoundError(f"Organisatie '{slug}' bestaat niet.")
    return organisation


def list_organisations(session: Session) -> list[Organisation]:
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))
