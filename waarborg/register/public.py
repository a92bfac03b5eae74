"""What the public register page may show, and nothing more.

Only published use cases in production, or suspended (shown as stopped, as is every use case
while the organisation-wide kill switch is on), of an active organisation appear. An
organisation without any such use case has no public page at all (404, the same answer as for an
unknown name), so the page does not reveal which organisations an installation serves. Every
query is filtered on the one organisation asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from waarborg.db.tables import Organisation, UseCase
from waarborg.governance.vocabulary import UseCaseStatus
from waarborg.register.entry import allowed_models
from waarborg.register.publication import PUBLIC_STATUSES
from waarborg.register.sources import NO_SOURCES, SourceCatalogue, describe_data
from waarborg.register.wording import HOSTING, word


@dataclass(frozen=True)
class PublicModel:
    name: str
    provider: str
    hosting: str


@dataclass(frozen=True)
class PublicUseCase:
    """One card on the public page: readable texts only, no internal identifiers."""

    slug: str
    name: str
    purpose: str
    models: tuple[PublicModel, ...]
    sources: str
    citizen_contact: str
    contact_email: str
    suspended: bool
    status_since: datetime


def _visible(organisation_id: str) -> list[ColumnElement[bool]]:
    return [
        UseCase.organisation_id == organisation_id,
        UseCase.published.is_(True),
        UseCase.status.in_([status.value for status in PUBLIC_STATUSES]),
    ]


def public_use_cases(session: Session, organisation: Organisation) -> list[UseCase]:
    query = select(UseCase).where(*_visible(organisation.id)).order_by(UseCase.name)
    return list(session.scalars(query))


def find_public_use_case(session: Session, organisation: Organisation, slug: str) -> UseCase | None:
    return session.scalar(select(UseCase).where(*_visible(organisation.id), UseCase.slug == slug))


def public_organisation(session: Session, slug: str) -> Organisation | None:
    """The organisation behind a public register page, or None when it has no such page."""
    organisation = session.scalar(
        select(Organisation).where(Organisation.slug == slug, Organisation.active.is_(True))
    )
    if organisation is None or not public_use_cases(session, organisation):
        return None
    return organisation


def public_card(
    session: Session,
    organisation: Organisation,
    use_case: UseCase,
    sources: SourceCatalogue = NO_SOURCES,
) -> PublicUseCase:
    # The organisation-wide kill switch stops every use case, so the page says so for each.
    stopped_all = organisation.ai_suspended_at
    models = tuple(
        PublicModel(model.name, model.provider, word(HOSTING, model.hosting_location))
        for model in allowed_models(session, use_case)
    )
    return PublicUseCase(
        slug=use_case.slug,
        name=use_case.name,
        purpose=use_case.purpose,
        models=models,
        sources=describe_data(use_case, list(sources.sources_for(session, use_case))),
        citizen_contact=use_case.citizen_contact,
        contact_email=use_case.contact_email or organisation.contact_email,
        suspended=use_case.status == UseCaseStatus.SUSPENDED or stopped_all is not None,
        status_since=stopped_all or use_case.status_changed_at,
    )
