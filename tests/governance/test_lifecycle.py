"""A use case from concept to production and back, with every refusal naming what is missing."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.governance.conftest import COMPLETE_ASSESSMENT, Governed
from waarborg.accounts.roles import Role
from waarborg.db.tables import SupplierAgreement
from waarborg.governance.approvals import approval_state, decide
from waarborg.governance.assessments import update_assessment
from waarborg.governance.errors import GovernanceError, NotAllowedError, TransitionRefusedError
from waarborg.governance.kill_switch import resume_use_case, suspend_use_case
from waarborg.governance.lifecycle import change_status
from waarborg.governance.use_cases import history, update_use_case
from waarborg.governance.vocabulary import Decision, UseCaseStatus


def _approve_all(governed: Governed, session: Session, slug: str) -> None:
    use_case = governed.use_case(session, slug)
    organisation = governed.organisation(session)
    for role in (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO):
        decide(session, use_case, organisation, governed.actors[role], role, Decision.APPROVED)


def test_walk_from_concept_to_production_and_back(governed: Governed) -> None:
    slug = governed.create()
    owner = governed.actors[Role.EIGENAAR]
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        change_status(session, use_case, organisation, UseCaseStatus.SANDBOX, owner)
        with pytest.raises(TransitionRefusedError) as refused:
            change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        missing = refused.value.missing
        assert "Noodzaak en proportionaliteit" in missing
        assert any("DPIA" in item for item in missing)
        assert any("AI-verordening" in item for item in missing)

        update_assessment(session, use_case, COMPLETE_ASSESSMENT, owner)
        change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        with pytest.raises(TransitionRefusedError) as refused:
            change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
        assert refused.value.missing == [
            "Akkoord van de eigenaar op de huidige beoordeling",
            "Akkoord van de privacy officer op de huidige beoordeling",
            "Akkoord van de CISO op de huidige beoordeling",
        ]
        _approve_all(governed, session, slug)
        change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
        assert use_case.status == UseCaseStatus.PRODUCTION

        suspend_use_case(session, use_case, governed.actors[Role.CISO], "Lek gemeld")
        assert use_case.status == UseCaseStatus.SUSPENDED
        with pytest.raises(GovernanceError, match="eigenaar"):
            resume_use_case(session, use_case, organisation, governed.actors[Role.CISO])
        assert resume_use_case(session, use_case, organisation, owner) == UseCaseStatus.PRODUCTION

        actions = [entry.action for entry in history(session, use_case)]
    assert actions[0] == "aangemaakt"
    assert actions.count("status") == 5
    assert "beoordeling_gewijzigd" in actions
    assert {"besluit_eigenaar", "besluit_privacy_officer", "besluit_ciso"} <= set(actions)


def test_material_change_invalidates_sign_offs_and_leaves_production(governed: Governed) -> None:
    slug = governed.create()
    owner = governed.actors[Role.EIGENAAR]
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        update_assessment(session, use_case, COMPLETE_ASSESSMENT, owner)
        change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        _approve_all(governed, session, slug)
        change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
        assert approval_state(session, use_case, organisation).complete

        update_assessment(session, use_case, {"exit_strategy": "Nieuwe exitstrategie."}, owner)
        assert use_case.status == UseCaseStatus.IN_REVIEW
        assert not approval_state(session, use_case, organisation).complete
        with pytest.raises(TransitionRefusedError, match="Akkoord van de eigenaar"):
            change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)

        _approve_all(governed, session, slug)
        change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
        update_use_case(
            session, use_case, {"allowed_models": ["extractief", "geitje-7b-ultra"]}, owner
        )
        assert use_case.status == UseCaseStatus.PRODUCTION  # not assessed fields: status stays
        assert not approval_state(session, use_case, organisation).complete


def test_models_need_an_agreement_without_retraining_for_production(governed: Governed) -> None:
    slug = governed.create(allowed_models=["mistral-large-api"])
    owner = governed.actors[Role.EIGENAAR]
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        update_assessment(session, use_case, COMPLETE_ASSESSMENT, owner)
        change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        _approve_all(governed, session, slug)
        with pytest.raises(
            TransitionRefusedError, match="geen leveranciersafspraak met Mistral AI"
        ):
            change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
        session.add(
            SupplierAgreement(
                organisation_id=organisation.id,
                provider="Mistral AI",
                data_sharing="Alleen EU",
                retention="30 dagen",
                retraining_on_prompts=True,
                hosting_location="eu",
            )
        )
        session.flush()
        with pytest.raises(TransitionRefusedError, match="hertrainen op prompts"):
            change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)


def test_only_the_right_people_act(governed: Governed) -> None:
    slug = governed.create()
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        with pytest.raises(NotAllowedError):
            decide(
                session,
                use_case,
                organisation,
                governed.actors[Role.MEDEWERKER],
                Role.CISO,
                Decision.APPROVED,
            )
        with pytest.raises(GovernanceError, match="sandbox"):
            change_status(
                session,
                use_case,
                organisation,
                UseCaseStatus.SANDBOX,
                governed.actors[Role.BEHEERDER],
            )
        with pytest.raises(NotAllowedError):
            suspend_use_case(session, use_case, governed.actors[Role.MEDEWERKER], "x")
        with pytest.raises(GovernanceError, match="reden"):
            suspend_use_case(session, use_case, governed.actors[Role.CISO], " ")
        change_status(
            session,
            use_case,
            organisation,
            UseCaseStatus.SANDBOX,
            governed.actors[Role.EIGENAAR],
        )
        with pytest.raises(GovernanceError, match="afwijzing"):
            decide(
                session,
                use_case,
                organisation,
                governed.actors[Role.CISO],
                Role.CISO,
                Decision.REJECTED,
            )
