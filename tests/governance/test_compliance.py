"""Compliance mapping: states follow the records, later components are honest gaps, every URN
is a real one from the Algoritmekader, and the page and the JSON answer only those who may see
them."""

from __future__ import annotations

import httpx
import yaml
from sqlalchemy.orm import Session

from tests.conftest import PASSWORD
from tests.governance.conftest import COMPLETE_ASSESSMENT, Governed
from tests.register.conftest import in_production
from tests.register.reference import reference_path
from tests.support.web import login
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.db.tables import UseCase
from waarborg.governance.assessments import update_assessment
from waarborg.governance.compliance import (
    REQUIREMENTS,
    Component,
    ComponentEvidence,
    Evidence,
    Finding,
    Kind,
    State,
    compliance_report,
)

GENERATIVE_AI_CODES = {
    "aia-01",
    "aia-13",
    "aia-23",
    "aia-28",
    "avg-02",
    "avg-03",
    "avg-13",
    "bzk-01",
    "owp-35",
    "dat-11",
    "owk-02",
    "uit-01",
}
HIGH_RISK = {
    **COMPLETE_ASSESSMENT["ai_act_answers"],
    "hoog_risico_gebied": "ja",
    "alleen_ondersteunend": "nee",
}


class Supplies:
    """A stand-in for a later component that evidences its control."""

    def __init__(self, satisfied: bool) -> None:
        self.satisfied = satisfied

    def evidence(self, session: Session, use_case: UseCase) -> ComponentEvidence:
        return ComponentEvidence(
            self.satisfied, (Evidence("onderdeel", "proef", f"voor {use_case.slug}"),)
        )


def report(
    governed: Governed, slug: str, providers: dict[Component, Supplies] | None = None
) -> dict[str, Finding]:
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        findings = compliance_report(session, governed.organisation(session), use_case, providers)
    return {finding.urn.rsplit(":", 1)[1]: finding for finding in findings}


def assess(governed: Governed, slug: str, changes: dict[str, object]) -> None:
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        update_assessment(session, use_case, changes, governed.actors[Role.EIGENAAR])


def test_the_mapping_covers_the_requirements_for_generative_ai() -> None:
    codes = {requirement.urn.rsplit(":", 1)[1] for requirement in REQUIREMENTS}
    assert codes >= GENERATIVE_AI_CODES
    assert len(codes) == len(REQUIREMENTS)


def test_every_urn_and_link_is_the_algoritmekader_own() -> None:
    folders = {Kind.REQUIREMENT: "requirements", Kind.MEASURE: "measures"}
    for requirement in REQUIREMENTS:
        folder = reference_path("algoritmekader", folders[requirement.kind])
        documents = [yaml.safe_load(path.read_text("utf-8")) for path in folder.glob("*.yaml")]
        matching = [doc for doc in documents if doc.get("urn") == requirement.urn]
        assert len(matching) == 1, requirement.urn
        assert matching[0]["url"] == requirement.link, requirement.urn
        expected = ":ver:" if requirement.kind == Kind.REQUIREMENT else ":mtr:"
        assert expected in requirement.urn


def test_dpia_state_follows_the_assessment(governed: Governed) -> None:
    slug = governed.create(personal_data_policy="pseudonimiseren")
    assert report(governed, slug)["avg-13"].state == State.NOT_MET
    assess(governed, slug, COMPLETE_ASSESSMENT)
    finding = report(governed, slug)["avg-13"]
    assert finding.state == State.MET
    assert any(e.field == "dpia_date" and e.value == "2025-03-01" for e in finding.evidence)
    assess(governed, slug, {"dpia_status": "in_uitvoering"})
    assert report(governed, slug)["avg-13"].state == State.NOT_MET


def test_without_personal_data_the_privacy_requirements_do_not_apply(governed: Governed) -> None:
    slug = governed.create(
        personal_data_policy="blokkeren", audience="intern", data_classification="openbaar"
    )
    found = report(governed, slug)
    for code in ("avg-01", "avg-02", "avg-13"):
        assert found[code].state == State.NOT_APPLICABLE, code
        assert any(e.value == "blokkeren" for e in found[code].evidence)
    assert found["avg-03"].state == State.NOT_MET  # minimal processing still needs the guard


def test_later_components_are_named_and_never_counted_as_met(governed: Governed) -> None:
    slug = governed.create()
    assess(governed, slug, COMPLETE_ASSESSMENT)
    finding = report(governed, slug)["aia-28"]
    assert finding.state == State.NOT_MET
    assert finding.pending == ("het AI-label bij elk antwoord (antwoordstap van het verzoekpad)",)
    assert any("art. 50 lid 1" in e.value for e in finding.evidence)

    met = report(governed, slug, {Component.AI_LABEL: Supplies(True)})["aia-28"]
    assert met.state == State.MET
    assert met.pending == ()
    assert Evidence("onderdeel", "proef", f"voor {slug}") in met.evidence
    failing = report(governed, slug, {Component.AI_LABEL: Supplies(False)})["aia-28"]
    assert failing.state == State.NOT_MET


def test_transparency_does_not_apply_without_interaction_or_content(governed: Governed) -> None:
    slug = governed.create()
    answers = {
        **COMPLETE_ASSESSMENT["ai_act_answers"],
        "interactie_met_personen": "nee",
        "genereert_inhoud": "nee",
    }
    assess(governed, slug, {"ai_act_answers": answers})
    assert report(governed, slug)["aia-28"].state == State.NOT_APPLICABLE


def test_log_requirements_apply_to_high_risk_only(governed: Governed) -> None:
    slug = governed.create()
    assert report(governed, slug)["aia-23"].state == State.NOT_MET  # unknown until answered
    assess(governed, slug, COMPLETE_ASSESSMENT)
    audit = {Component.AUDIT_LOG: Supplies(True)}
    found = report(governed, slug, audit)
    assert found["aia-13"].state == State.NOT_APPLICABLE
    assert found["aia-23"].state == State.NOT_APPLICABLE
    assert found["aia-21"].state == State.NOT_APPLICABLE

    assess(governed, slug, {"ai_act_answers": HIGH_RISK})
    found = report(governed, slug, audit)
    assert found["aia-13"].state == State.NOT_APPLICABLE  # Waarborg's user is no provider here
    assert found["aia-23"].state == State.NOT_MET  # 30 days is less than six months
    assert found["aia-21"].state == State.MET
    with governed.database.session(governed.organisation_id) as session:
        governed.use_case(session, slug).retention_days = 200
    assert report(governed, slug, audit)["aia-23"].state == State.MET
    assert report(governed, slug)["aia-23"].state == State.NOT_MET  # no audit log yet


def test_register_requirement_needs_publication_and_a_complete_export(
    governed: Governed,
) -> None:
    slug = in_production(governed, published=False)
    assert report(governed, slug)["bzk-01"].state == State.NOT_MET
    with governed.database.session(governed.organisation_id) as session:
        governed.use_case(session, slug).published = True
    finding = report(governed, slug)["bzk-01"]
    assert finding.state == State.MET
    assert Evidence("registerexport", "validatie", "volledig") in finding.evidence

    other = governed.create(
        "intern", audience="intern", personal_data_policy="blokkeren", published=True
    )
    assess(governed, other, COMPLETE_ASSESSMENT)
    assert report(governed, other)["bzk-01"].state == State.NOT_APPLICABLE  # "Overige"


def test_policy_and_sign_offs(governed: Governed) -> None:
    slug = governed.create()
    assess(governed, slug, COMPLETE_ASSESSMENT)
    finding = report(governed, slug)["owp-35"]
    assert finding.state == State.NOT_MET
    assert any(e.value.startswith("ontbreekt op revisie") for e in finding.evidence)
    in_production(governed, "live")
    assert report(governed, "live")["owp-35"].state == State.MET
    with governed.database.session(governed.organisation_id) as session:
        governed.use_case(session, "live").allowed_models = ["gpt-4o-api"]
        governed.organisation(session).block_non_eu_models = True
    finding = report(governed, "live")["owp-35"]
    assert finding.state == State.NOT_MET
    assert any("buiten de EU" in e.value for e in finding.evidence)


def test_assessment_fields_evidence_literacy_proportionality_and_stop_plan(
    governed: Governed,
) -> None:
    slug = governed.create()
    found = report(governed, slug)
    for code in ("aia-01", "avg-04", "owk-02"):
        assert found[code].state == State.NOT_MET, code
    assess(governed, slug, COMPLETE_ASSESSMENT)
    found = report(governed, slug)
    for code in ("aia-01", "avg-04", "owk-02"):
        assert found[code].state == State.MET, code
    assert found["dat-11"].state == State.NOT_MET  # knowledge sources come later
    assert found["dat-11"].pending
    assert found["uit-01"].pending


def test_page_for_governance_roles(client: httpx.Client, governed: Governed) -> None:
    slug = in_production(governed)
    for role in (Role.BEHEERDER, Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.AUDITOR):
        client.cookies.clear()
        login(client, governed.tenant.username(role), PASSWORD)
        page = client.get(f"/toepassingen/{slug}/naleving", headers={"Accept-Language": "nl"})
        assert page.status_code == 200, role
        html = page.text
        assert "<caption" in html
        assert '<th scope="col">' in html
        assert '<th scope="row">' in html
        assert "urn:nl:ak:ver:avg-13" in html
        assert "Voldaan" in html
        assert "Niet voldaan" in html
        assert "Niet van toepassing" in html
        assert "het AI-label bij elk antwoord" in html
    assert client.get("/toepassingen/bestaat-niet/naleving").status_code == 404


def test_page_refused_for_employees(client: httpx.Client, governed: Governed) -> None:
    slug = in_production(governed)
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    assert client.get(f"/toepassingen/{slug}/naleving").status_code == 403


def _key(governed: Governed, role: Role) -> str:
    with governed.database.session(governed.organisation_id) as session:
        creator = get_user(session, governed.tenant.username(role)).id
        key = create_api_key(
            session, governed.organisation(session), "Auditscript", created_by=creator
        )
        return key.secret


def test_json_for_keys_of_governance_roles(client: httpx.Client, governed: Governed) -> None:
    slug = in_production(governed)
    path = f"/api/v1/toepassingen/{slug}/naleving"
    auditor = {"Authorization": f"Bearer {_key(governed, Role.AUDITOR)}"}
    response = client.get(path, headers=auditor)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["use_case"] == slug
    findings = {f["urn"]: f for f in body["findings"]}
    dpia = findings["urn:nl:ak:ver:avg-13"]
    assert set(dpia) == {"urn", "kind", "title", "link", "control", "state", "evidence", "pending"}
    assert dpia["state"] == "voldaan"
    assert {"record", "field", "value", "date"} <= set(dpia["evidence"][0])
    assert findings["urn:nl:ak:ver:aia-28"]["pending"]

    missing = client.get("/api/v1/toepassingen/bestaat-niet/naleving", headers=auditor)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    employee = {"Authorization": f"Bearer {_key(governed, Role.MEDEWERKER)}"}
    refused = client.get(path, headers=employee)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "role_required"
    assert client.get(path).status_code == 401
