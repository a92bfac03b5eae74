"""Fixtures for governance: an organisation with its catalogue and people in every role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.conftest import Tenant
from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.db.database import Database
from waarborg.db.tables import Organisation, UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.use_cases import create_use_case, get_use_case, parse_fields

COMPLETE_ASSESSMENT: dict[str, Any] = {
    "legal_basis": "Gemeentewet art. 160: dienstverlening aan inwoners.",
    "legal_basis_links": [
        {"title": "Gemeentewet", "link": "https://wetten.overheid.nl/BWBR0005416"}
    ],
    "necessity": "Inwoners vinden antwoorden sneller; alleen openbare informatie.",
    "preconditions": "Medewerkers zijn getraind in AI-geletterdheid; informatiebeheer is geregeld.",
    "alternatives": "Zoekfunctie op de website overwogen; vindt natuurlijke vragen slecht.",
    "limits_plan": "Antwoorden alleen uit eigen pagina's, met bronnen; anders doorverwijzen.",
    "exit_strategy": "Kill switch in Waarborg; de website werkt zonder chatbot door.",
    "dpia_status": "afgerond",
    "dpia_date": date(2025, 3, 1).isoformat(),
    "dpia_outcome": "Restrisico aanvaardbaar met pseudonimisering.",
    "ai_act_answers": {
        "rol": "extern_gebruik",
        "verboden": "nee",
        "hoog_risico_gebied": "nee",
        "alleen_ondersteunend": "ja",
        "interactie_met_personen": "ja",
        "genereert_inhoud": "ja",
        "publiceert_tekst": "nee",
    },
}


@dataclass
class Governed:
    """An organisation ready for governance, with an actor per role."""

    database: Database
    tenant: Tenant
    actors: dict[Role, Actor]

    @property
    def organisation_id(self) -> str:
        return self.tenant.organisation.id

    def organisation(self, session: Session) -> Organisation:
        organisation = session.get(Organisation, self.organisation_id)
        assert organisation is not None
        return organisation

    def use_case(self, session: Session, slug: str) -> UseCase:
        return get_use_case(session, self.organisation_id, slug)

    def create(self, slug: str = "burgerchat", **fields: Any) -> str:
        data = {
            "slug": slug,
            "name": "Vraag het de gemeente",
            "purpose": "Inwoners beantwoorden uit de eigen website.",
            "audience": "publiek",
            "human_oversight": "Klantcontact leest steekproefsgewijs mee.",
            "contact_email": "ai@voorbeeld.nl",
            "personal_data_policy": "pseudonimiseren",
            **fields,
        }
        with self.database.session(self.organisation_id) as session:
            create_use_case(
                session, self.organisation(session), parse_fields(data), self.actors[Role.EIGENAAR]
            )
        return slug


@pytest.fixture
def governed(database: Database, make_tenant: Callable[..., Tenant]) -> Governed:
    tenant = make_tenant("gov")
    with database.session() as session:
        organisation = session.get(Organisation, tenant.organisation.id)
        assert organisation is not None
        seed_catalogue(session, organisation)
        actors = {
            role: Actor.of(get_user(session, name)) for role, name in tenant.usernames.items()
        }
    return Governed(database, tenant, actors)
