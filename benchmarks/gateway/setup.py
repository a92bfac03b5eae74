"""A Waarborg installation for the benchmark: one organisation, a production use case that
pseudonymises personal data and answers through a generative model, and an API key for it.
Made through the real governance services, so the governed path checks what it always does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.organisations import create_organisation
from waarborg.accounts.roles import Role
from waarborg.accounts.users import create_user
from waarborg.db.database import Database
from waarborg.db.migrate import upgrade
from waarborg.governance.actors import Actor
from waarborg.governance.approvals import decide
from waarborg.governance.assessments import update_assessment
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.lifecycle import change_status
from waarborg.governance.use_cases import create_use_case, parse_fields
from waarborg.governance.vocabulary import Decision, UseCaseStatus

MODEL = "geitje-7b-ultra"
USE_CASE = "brieven-b1"
ASSESSMENT = {
    "legal_basis": "Gemeentewet art. 160.",
    "necessity": "Brieven in begrijpelijke taal; medewerker controleert.",
    "preconditions": "AI-geletterdheid getraind.",
    "alternatives": "Taalhulp overwogen.",
    "limits_plan": "Medewerker leest elke brief na.",
    "exit_strategy": "Kill switch; handmatig verder.",
    "dpia_status": "afgerond",
    "dpia_date": date(2025, 3, 1).isoformat(),
    "dpia_outcome": "Aanvaardbaar met pseudonimisering.",
    "ai_act_answers": {
        "rol": "extern_gebruik",
        "verboden": "nee",
        "hoog_risico_gebied": "nee",
        "alleen_ondersteunend": "ja",
        "interactie_met_personen": "nee",
        "genereert_inhoud": "ja",
        "publiceert_tekst": "nee",
    },
}


@dataclass(frozen=True)
class Installation:
    organisation: str
    api_key: str


def prepare(database_url: str) -> Installation:
    database = Database(database_url)
    upgrade(database.engine)
    with database.session() as session:
        organisation = create_organisation(session, "benchmark", "Gemeente Benchmark")
        seed_catalogue(session, organisation)
        actors = {
            role: Actor.of(
                create_user(
                    session, organisation, f"{role.value}.bench", role.value, [role], "x" * 16
                )
            )
            for role in (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO)
        }
        owner = actors[Role.EIGENAAR]
        use_case = create_use_case(
            session,
            organisation,
            parse_fields(
                {
                    "slug": USE_CASE,
                    "name": "Brieven in B1",
                    "purpose": "Brieven herschrijven in eenvoudig Nederlands.",
                    "audience": "api",
                    "task_type": "schrijven_b1",
                    "data_classification": "vertrouwelijk",
                    "personal_data_policy": "pseudonimiseren",
                    "allowed_models": [MODEL],
                    "human_oversight": "De medewerker leest elke brief na.",
                    "contact_email": "ai@benchmark.nl",
                    "requests_per_minute": 100_000,
                    "tokens_per_day": 1_000_000_000,
                }
            ),
            owner,
        )
        update_assessment(session, use_case, ASSESSMENT, owner)
        change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        for role, actor in actors.items():
            decide(session, use_case, organisation, actor, role, Decision.APPROVED)
        change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
        key = create_api_key(session, organisation, "benchmark")
        set_scopes(session, key.record, [USE_CASE])
        secret = key.secret
    database.dispose()
    return Installation("benchmark", secret)
