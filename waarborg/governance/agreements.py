"""Recording what a model provider agreed to, the same way for the console, CLI and API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.accounts.roles import Role
from waarborg.db.tables import ModelEntry, Organisation, SupplierAgreement
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import find_agreement
from waarborg.governance.errors import GovernanceError
from waarborg.governance.vocabulary import HostingLocation


@dataclass(frozen=True)
class AgreementTerms:
    provider: str
    data_sharing: str
    retention: str
    hosting: str
    retraining_on_prompts: bool
    signed_on: str | None = None  # YYYY-MM-DD
    link: str = ""


def providers(session: Session, organisation_id: str) -> list[str]:
    """Providers one can agree with: those of the catalogue, and any with an agreement."""
    names = set(
        session.scalars(
            select(ModelEntry.provider).where(ModelEntry.organisation_id == organisation_id)
        )
    )
    names.update(
        session.scalars(
            select(SupplierAgreement.provider).where(
                SupplierAgreement.organisation_id == organisation_id
            )
        )
    )
    return sorted(names)


def record_agreement(
    session: Session, organisation: Organisation, actor: Actor, terms: AgreementTerms
) -> SupplierAgreement:
    """Add or replace the agreement with one provider of the catalogue (beheerder or CISO)."""
    actor.require(Role.BEHEERDER, Role.CISO)
    if terms.provider not in providers(session, organisation.id):
        raise GovernanceError(f"Aanbieder '{terms.provider}' staat niet in de catalogus.")
    if not terms.data_sharing.strip() or not terms.retention.strip():
        raise GovernanceError("Beschrijf de gegevensdeling en de bewaartermijn.")
    try:
        location = HostingLocation(terms.hosting)
    except ValueError:
        allowed = ", ".join(h.value for h in HostingLocation)
        raise GovernanceError(f"Onbekende hostinglocatie '{terms.hosting}' ({allowed}).") from None
    try:
        signed = date.fromisoformat(terms.signed_on) if terms.signed_on else None
    except ValueError:
        raise GovernanceError(f"'{terms.signed_on}' is geen datum (JJJJ-MM-DD).") from None
    agreement = find_agreement(session, organisation.id, terms.provider)
    if agreement is None:
        agreement = SupplierAgreement(organisation_id=organisation.id, provider=terms.provider)
        session.add(agreement)
    agreement.data_sharing = terms.data_sharing.strip()
    agreement.retention = terms.retention.strip()
    agreement.retraining_on_prompts = terms.retraining_on_prompts
    agreement.hosting_location = location.value
    agreement.signed_on = signed
    agreement.document_link = terms.link.strip()
    session.flush()
    return agreement
