"""The policy service refuses each case with its own stable reason code and a Dutch message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.governance.conftest import COMPLETE_ASSESSMENT, Governed
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.roles import Role
from waarborg.db.tables import ApiKeyScope
from waarborg.governance.approvals import decide
from waarborg.governance.assessments import update_assessment
from waarborg.governance.catalogue import OWN_PROVIDER, find_agreement, get_model
from waarborg.governance.kill_switch import (
    resume_organisation,
    suspend_model_entry,
    suspend_organisation,
    suspend_use_case,
)
from waarborg.governance.lifecycle import change_status
from waarborg.governance.policy import Caller, Reason, authorise, check_personal_data
from waarborg.governance.vocabulary import Decision, UseCaseStatus

EMPLOYEE = Caller(user_id="u1", roles=frozenset({Role.MEDEWERKER}))
ANONYMOUS = Caller()


def _to(governed: Governed, slug: str, status: UseCaseStatus) -> None:
    owner = governed.actors[Role.EIGENAAR]
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        if status == UseCaseStatus.SANDBOX:
            change_status(session, use_case, organisation, status, owner)
            return
        update_assessment(session, use_case, COMPLETE_ASSESSMENT, owner)
        change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        for role in (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO):
            decide(session, use_case, organisation, governed.actors[role], role, Decision.APPROVED)
        change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)


def _decide(governed: Governed, slug: str, caller: Caller, model: str | None = None) -> Reason:
    with governed.database.session(governed.organisation_id) as session:
        decision = authorise(session, governed.organisation(session), slug, caller, model)
        assert decision.message
        return decision.reason


def test_use_case_status_decides(governed: Governed) -> None:
    slug = governed.create(audience="intern")
    assert _decide(governed, "bestaat-niet", EMPLOYEE) == Reason.USE_CASE_UNKNOWN
    assert _decide(governed, slug, EMPLOYEE) == Reason.USE_CASE_NOT_ACTIVE
    _to(governed, slug, UseCaseStatus.SANDBOX)
    assert _decide(governed, slug, EMPLOYEE) == Reason.ALLOWED
    with governed.database.session(governed.organisation_id) as session:
        suspend_use_case(session, governed.use_case(session, slug), governed.actors[Role.CISO], "x")
    assert _decide(governed, slug, EMPLOYEE) == Reason.USE_CASE_SUSPENDED


def test_callers_need_access(governed: Governed) -> None:
    internal = governed.create("intern-assistent", audience="intern", access_roles=["medewerker"])
    _to(governed, internal, UseCaseStatus.SANDBOX)
    assert _decide(governed, internal, ANONYMOUS) == Reason.ANONYMOUS_NOT_ALLOWED
    auditor = Caller(user_id="u2", roles=frozenset({Role.AUDITOR}))
    assert _decide(governed, internal, auditor) == Reason.ACCESS_DENIED
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "Open WebUI")
        key_id = key.record.id
        use_case_id = governed.use_case(session, internal).id
    program = Caller(api_key_id=key_id)
    assert _decide(governed, internal, program) == Reason.ACCESS_DENIED
    with governed.database.session(governed.organisation_id) as session:
        session.add(
            ApiKeyScope(
                organisation_id=governed.organisation_id, api_key_id=key_id, use_case_id=use_case_id
            )
        )
    assert _decide(governed, internal, program) == Reason.ALLOWED

    public = governed.create("burgerchat", audience="publiek")
    _to(governed, public, UseCaseStatus.SANDBOX)
    assert _decide(governed, public, ANONYMOUS) == Reason.ALLOWED


def test_models_are_checked(governed: Governed) -> None:
    slug = governed.create(audience="intern", allowed_models=["extractief", "gpt-4o-api"])
    _to(governed, slug, UseCaseStatus.SANDBOX)
    assert _decide(governed, slug, EMPLOYEE, "geitje-7b-ultra") == Reason.MODEL_NOT_ALLOWED
    assert _decide(governed, slug, EMPLOYEE, "gpt-4o-api") == Reason.ALLOWED
    with governed.database.session(governed.organisation_id) as session:
        governed.organisation(session).block_non_eu_models = True
    assert _decide(governed, slug, EMPLOYEE, "gpt-4o-api") == Reason.MODEL_BLOCKED_BY_POLICY
    with governed.database.session(governed.organisation_id) as session:
        model = get_model(session, governed.organisation_id, "extractief")
        suspend_model_entry(model, governed.actors[Role.CISO], "Onderhoud")
    assert _decide(governed, slug, EMPLOYEE) == Reason.MODEL_SUSPENDED


def test_production_refuses_a_model_whose_agreement_was_withdrawn(governed: Governed) -> None:
    slug = governed.create(audience="intern")
    _to(governed, slug, UseCaseStatus.PRODUCTION)
    assert _decide(governed, slug, EMPLOYEE) == Reason.ALLOWED
    with governed.database.session(governed.organisation_id) as session:
        agreement = find_agreement(session, governed.organisation_id, OWN_PROVIDER)
        assert agreement is not None
        agreement.retraining_on_prompts = True
    assert _decide(governed, slug, EMPLOYEE) == Reason.MODEL_WITHOUT_AGREEMENT


def test_organisation_kill_switch_stops_everything(governed: Governed) -> None:
    slug = governed.create(audience="publiek")
    _to(governed, slug, UseCaseStatus.SANDBOX)
    with governed.database.session(governed.organisation_id) as session:
        suspend_organisation(governed.organisation(session), governed.actors[Role.CISO], "Incident")
    assert _decide(governed, slug, ANONYMOUS) == Reason.ORGANISATION_SUSPENDED
    with governed.database.session(governed.organisation_id) as session:
        organisation = governed.organisation(session)
        assert organisation.ai_suspended_at is not None
        assert organisation.ai_suspended_at <= datetime.now(UTC)
        resume_organisation(organisation, governed.actors[Role.BEHEERDER])
    assert _decide(governed, slug, ANONYMOUS) == Reason.ALLOWED


@pytest.mark.parametrize(
    ("status", "policy", "expected"),
    [
        (UseCaseStatus.SANDBOX, "pseudonimiseren", Reason.PERSONAL_DATA_IN_SANDBOX),
        (UseCaseStatus.PRODUCTION, "blokkeren", Reason.PERSONAL_DATA_BLOCKED),
        (UseCaseStatus.PRODUCTION, "pseudonimiseren", Reason.ALLOWED),
    ],
)
def test_personal_data_rules(
    governed: Governed, status: UseCaseStatus, policy: str, expected: Reason
) -> None:
    slug = governed.create(audience="intern", personal_data_policy=policy)
    _to(governed, slug, status)
    with governed.database.session(governed.organisation_id) as session:
        decision = authorise(session, governed.organisation(session), slug, EMPLOYEE)
        assert decision.allowed
        checked = check_personal_data(decision, {"BSN", "PERSOON"})
        assert checked.reason == expected
        assert "1234" not in checked.message
        assert check_personal_data(decision, set()).allowed
