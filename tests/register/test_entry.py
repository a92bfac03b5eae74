"""The mapping rules from Waarborg's records to the register's fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.register.conftest import COMPLETE_ASSESSMENT, Governed, in_production
from waarborg.accounts.roles import Role
from waarborg.db.tables import SupplierAgreement
from waarborg.governance.assessments import update_assessment
from waarborg.governance.kill_switch import suspend_use_case
from waarborg.governance.lifecycle import change_status
from waarborg.governance.vocabulary import UseCaseStatus
from waarborg.register.entry import build_register_entry
from waarborg.register.publication import publication_category, register_status

NOT_HIGH_RISK = COMPLETE_ASSESSMENT["ai_act_answers"]


def _entry(governed: Governed, slug: str, public_url: str | None = None) -> dict[str, Any]:
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        return build_register_entry(
            session, governed.organisation(session), use_case, public_url=public_url
        )


def test_status_follows_the_lifecycle(governed: Governed) -> None:
    slug = in_production(governed)
    owner = governed.actors[Role.EIGENAAR]
    entry = _entry(governed, slug)
    assert entry["status"] == "In gebruik"
    assert entry["begin_date"] == datetime.now(UTC).strftime("%Y-%m")
    assert "end_date" not in entry
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        suspend_use_case(session, use_case, governed.actors[Role.CISO], "Storing")
        assert register_status(use_case) == "In gebruik"  # a pause after production
        change_status(
            session, use_case, governed.organisation(session), UseCaseStatus.RETIRED, owner
        )
    entry = _entry(governed, slug)
    assert entry["status"] == "Buiten gebruik"
    assert entry["end_date"] == datetime.now(UTC).strftime("%Y-%m")


@pytest.mark.parametrize("status", ["concept", "sandbox", "in_beoordeling"])
def test_everything_before_production_is_in_development(governed: Governed, status: str) -> None:
    slug = governed.create()
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        use_case.status = status
        assert register_status(use_case) == "In ontwikkeling"
        use_case.status = UseCaseStatus.SUSPENDED.value  # suspended before it ever went live
        assert register_status(use_case) == "In ontwikkeling"
        session.rollback()


def test_publication_category_rule(governed: Governed) -> None:
    slug = governed.create(
        "intern", audience="intern", personal_data_policy="blokkeren", data_classification="intern"
    )
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        assert publication_category(use_case, {}) == ""  # the AI Act questions decide first
        assert publication_category(use_case, NOT_HIGH_RISK) == "Overige algoritmes"
        publishes = {**NOT_HIGH_RISK, "publiceert_tekst": "ja"}
        assert publication_category(use_case, publishes) == "Impactvolle algoritmes"
        high = {**NOT_HIGH_RISK, "hoog_risico_gebied": "ja", "alleen_ondersteunend": "nee"}
        assert publication_category(use_case, high) == "Hoog-risico AI-systeem"
        assert publication_category(use_case, {**NOT_HIGH_RISK, "verboden": "ja"}) == ""
        use_case.personal_data_policy = "pseudonimiseren"
        assert publication_category(use_case, NOT_HIGH_RISK) == "Impactvolle algoritmes"
        use_case.personal_data_policy = "blokkeren"
        use_case.audience = "publiek"
        assert publication_category(use_case, NOT_HIGH_RISK) == "Impactvolle algoritmes"
        use_case.audience = "intern"
        use_case.task_type = "besluiten_toetsen"
        assert publication_category(use_case, NOT_HIGH_RISK) == "Impactvolle algoritmes"
        session.rollback()


def test_fields_come_from_the_records(governed: Governed) -> None:
    slug = in_production(governed, description="", allowed_models=["extractief"])
    entry = _entry(governed, slug, public_url="https://ai.voorbeeld.nl/")
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        assert entry["source_id"] == use_case.id
        assert entry["organization"] == organisation.name
        assert entry["url"] == f"https://ai.voorbeeld.nl/register/{organisation.slug}/{slug}"
    assert entry["description_short"] == "Inwoners beantwoorden uit de eigen website."
    assert entry["category"] == ["Organisatie en bedrijfsvoering"]
    assert entry["publication_category"] == "Impactvolle algoritmes"
    assert entry["lawful_basis_grouping"] == COMPLETE_ASSESSMENT["legal_basis_links"]
    assert entry["human_intervention"] == "<p>Klantcontact leest steekproefsgewijs mee.</p>"
    assert "Waarborg extractief (ingebouwd)" in entry["methods_and_models"]
    assert "open gewichten: ja" in entry["methods_and_models"]
    assert "Niet zelflerend" in entry["methods_and_models"]
    assert entry["provider"].startswith("Geen externe leverancier")
    assert "Kill switch in Waarborg" in entry["risks"]
    assert "Zoekfunctie op de website overwogen" in entry["proportionality"]


def test_unpublished_use_case_has_no_public_link(governed: Governed) -> None:
    slug = in_production(governed, published=False)
    assert "url" not in _entry(governed, slug, public_url="https://ai.voorbeeld.nl")


def test_hosted_models_name_their_provider_and_warnings(governed: Governed) -> None:
    slug = governed.create(allowed_models=["extractief", "gpt-4o-api"])
    with governed.database.session(governed.organisation_id) as session:
        update_assessment(
            session,
            governed.use_case(session, slug),
            COMPLETE_ASSESSMENT,
            governed.actors[Role.EIGENAAR],
        )
    entry = _entry(governed, slug)
    assert entry["provider"] == "OpenAI"
    assert "GPT-4o (gehost) wordt buiten de EU gehost." in entry["risks"]
    assert "Geen leveranciersafspraak vastgelegd met: OpenAI." in entry["methods_and_models"]
    with governed.database.session(governed.organisation_id) as session:
        session.add(
            SupplierAgreement(
                organisation_id=governed.organisation_id,
                provider="OpenAI",
                data_sharing="Verwerking in de VS",
                retention="30 dagen",
                retraining_on_prompts=True,
                hosting_location="buiten_eu",
            )
        )
    entry = _entry(governed, slug)
    assert "staat bijtrainen op vragen toe" in entry["methods_and_models"]
