"""Fixtures for the register: the governance fixtures, and a use case taken to production."""

from __future__ import annotations

from typing import Any

from tests.governance.conftest import COMPLETE_ASSESSMENT, Governed, governed
from waarborg.accounts.roles import Role
from waarborg.governance.approvals import decide
from waarborg.governance.assessments import update_assessment
from waarborg.governance.lifecycle import change_status
from waarborg.governance.vocabulary import Decision, UseCaseStatus

__all__ = ["COMPLETE_ASSESSMENT", "PUBLISHED", "Governed", "governed", "in_production"]

PUBLISHED: dict[str, Any] = {
    "description": "Chatbot op de website die vragen beantwoordt uit de eigen pagina's.",
    "citizen_contact": "Bel 14 0123 of mail info@voorbeeld.nl.",
    "themes": ["Organisatie en bedrijfsvoering"],
    "published": True,
}


def in_production(
    governed: Governed,
    slug: str = "burgerchat",
    assessment: dict[str, Any] | None = None,
    **fields: Any,
) -> str:
    """Create a use case with a complete assessment and every sign-off, and put it live."""
    governed.create(slug, **{**PUBLISHED, **fields})
    owner = governed.actors[Role.EIGENAAR]
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        update_assessment(session, use_case, {**COMPLETE_ASSESSMENT, **(assessment or {})}, owner)
        change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        for role in (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO):
            decide(session, use_case, organisation, governed.actors[role], role, Decision.APPROVED)
        change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
    return slug
