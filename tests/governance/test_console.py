"""The governance console through the real server: every page a thin adapter over the services,
every refusal shown with what is missing, every role held to what it may do."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.governance.conftest import COMPLETE_ASSESSMENT, Governed
from tests.support.web import csrf_from, login, post_form
from waarborg.accounts.roles import Role
from waarborg.db.tables import ModelEntry, Organisation, SupplierAgreement, UseCase

NEW_USE_CASE: dict[str, Any] = {
    "slug": "brievenhulp",
    "name": "Brievenhulp B1",
    "purpose": "Medewerkers herschrijven brieven in eenvoudige taal.",
    "description": "Herschrijft conceptbrieven op taalniveau B1.",
    "audience": "intern",
    "task_type": "schrijven_b1",
    "data_classification": "intern",
    "personal_data_policy": "pseudonimiseren",
    "allowed_models": ["extractief"],
    "access_roles": ["medewerker", "eigenaar"],
    "retention_days": "14",
    "human_oversight": "De medewerker leest elke brief na voordat hij wordt verstuurd.",
    "citizen_contact": "Bel 14 0123.",
    "contact_email": "ai@voorbeeld.nl",
    "themes": ["Organisatie en bedrijfsvoering"],
    "published": "ja",
}
GOVERNANCE_PAGES = (
    "/toepassingen",
    "/toepassingen/{slug}",
    "/toepassingen/{slug}/beoordeling",
    "/toepassingen/{slug}/geschiedenis",
    "/beheer/modellen",
    "/beheer/leveranciersafspraken",
    "/beheer/organisatie",
)
FORM_PATTERN = re.compile(r'<form method="post" action="([^"]+)"')


@contextmanager
def signed_in(live_url: str, governed: Governed, role: Role) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, follow_redirects=True, timeout=30) as client:
        response = login(client, governed.tenant.username(role), PASSWORD)
        assert response.status_code == 200, response.text
        yield client


def assessment_form(answers: dict[str, Any]) -> dict[str, Any]:
    """COMPLETE_ASSESSMENT as the assessment page posts it."""
    form = {k: v for k, v in answers.items() if k not in {"legal_basis_links", "ai_act_answers"}}
    links = answers.get("legal_basis_links", [])
    form["link_title"] = [link["title"] for link in links] + ["Wet open overheid"]
    form["link_url"] = [link["link"] for link in links] + ["https://wetten.overheid.nl/BWBR0045754"]
    for key, value in answers.get("ai_act_answers", {}).items():
        form[f"ai_act_{key}"] = value
    return form


def stored(governed: Governed, slug: str) -> UseCase:
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        session.expunge(use_case)
        return use_case


def alert(response: httpx.Response) -> str:
    match = re.search(r'<div class="error-summary" role="alert".*?</div>', response.text, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def test_owner_registers_edits_and_the_history_shows_it(live_url: str, governed: Governed) -> None:
    with signed_in(live_url, governed, Role.EIGENAAR) as owner:
        blank = owner.get("/toepassingen/nieuw")
        assert "PydanticUndefined" not in blank.text
        owner_name = governed.tenant.username(Role.EIGENAAR)
        assert f'<option value="{owner_name}" selected>' in blank.text
        bad = post_form(
            owner,
            "/toepassingen/nieuw",
            "/toepassingen/nieuw",
            {**NEW_USE_CASE, "slug": "Geen Slug!"},
        )
        assert bad.status_code == 400
        assert "slug" in alert(bad)
        assert 'value="Brievenhulp B1"' in bad.text
        reserved = post_form(
            owner, "/toepassingen/nieuw", "/toepassingen/nieuw", {**NEW_USE_CASE, "slug": "nieuw"}
        )
        assert reserved.status_code == 400

        created = post_form(owner, "/toepassingen/nieuw", "/toepassingen/nieuw", NEW_USE_CASE)
        assert created.status_code == 200
        assert str(created.url).endswith("/toepassingen/brievenhulp")
        assert "Toepassing Brievenhulp B1 is geregistreerd als concept." in created.text
        assert "Concept" in created.text
        listing = owner.get("/toepassingen")
        assert "Brievenhulp B1" in listing.text
        assert "Medewerkers (intern)" in listing.text
        record = stored(governed, "brievenhulp")
        assert record.retention_days == 14
        assert record.published
        assert record.version == 1

        edit_page = owner.get("/toepassingen/brievenhulp/bewerken")
        assert 'value="Brievenhulp B1"' in edit_page.text
        changed = {**NEW_USE_CASE, "name": "Brievenhulp in B1", "retention_days": "30"}
        changed.pop("slug")
        saved = post_form(
            owner,
            "/toepassingen/brievenhulp/bewerken",
            "/toepassingen/brievenhulp/bewerken",
            changed,
        )
        assert "De wijzigingen zijn opgeslagen (versie 2)." in saved.text
        invalid = post_form(
            owner,
            "/toepassingen/brievenhulp/bewerken",
            "/toepassingen/brievenhulp/bewerken",
            {**changed, "contact_email": "geen-adres"},
        )
        assert invalid.status_code == 400
        assert "contact_email" in alert(invalid)
        history = owner.get("/toepassingen/brievenhulp/geschiedenis")
        assert "Brievenhulp B1" in history.text
        assert "Brievenhulp in B1" in history.text
        assert "→" in history.text
        assert "Gegevens gewijzigd" in history.text
    assert stored(governed, "brievenhulp").version == 2


def test_walk_from_concept_to_production_suspension_and_resumption(
    live_url: str, governed: Governed
) -> None:
    slug = governed.create("burgerchat")
    page = f"/toepassingen/{slug}"
    with signed_in(live_url, governed, Role.EIGENAAR) as owner:
        refused = post_form(owner, page, f"{page}/status", {"status": "in_beoordeling"})
        assert refused.status_code == 400
        summary = alert(refused)
        assert "De toepassing kan nog niet naar &#39;In beoordeling&#39;" in summary
        assert "Rechtsgrond (welke wettelijke taak of grondslag)" in summary
        assert "Een afgeronde DPIA met datum en uitkomst" in summary
        assert stored(governed, slug).status == "concept"

        form = owner.get(f"{page}/beoordeling")
        assert "Noodzaak en proportionaliteit" in form.text
        assert "1.2 Verantwoordelijkheid" in form.text
        saved = post_form(
            owner,
            f"{page}/beoordeling",
            f"{page}/beoordeling",
            assessment_form(COMPLETE_ASSESSMENT),
        )
        assert "De beoordeling is opgeslagen als revisie 2" in saved.text, alert(saved)
        assert "gebruiksverantwoordelijke" in saved.text
        moved = post_form(owner, page, f"{page}/status", {"status": "in_beoordeling"})
        assert "De status is nu: In beoordeling." in moved.text
        early = post_form(owner, page, f"{page}/status", {"status": "productie"})
        assert early.status_code == 400
        assert "Akkoord van de privacy officer op de huidige beoordeling" in alert(early)
        assert (
            post_form(
                owner, page, f"{page}/besluit", {"role": "eigenaar", "decision": "akkoord"}
            ).status_code
            == 200
        )

    with signed_in(live_url, governed, Role.PRIVACY_OFFICER) as privacy:
        detail = privacy.get(page)
        assert "Akkoord als Privacy officer" in detail.text
        assert "Akkoord als CISO" not in detail.text
        assert "Indienen ter beoordeling" not in detail.text  # status buttons: owner and admin
        no_reason = post_form(
            privacy, page, f"{page}/besluit", {"role": "privacy_officer", "decision": "afgewezen"}
        )
        assert no_reason.status_code == 400
        assert "Geef bij een afwijzing aan waarom." in alert(no_reason)
        wrong_role = post_form(
            privacy, page, f"{page}/besluit", {"role": "ciso", "decision": "akkoord"}
        )
        assert wrong_role.status_code == 403
        signed = post_form(
            privacy, page, f"{page}/besluit", {"role": "privacy_officer", "decision": "akkoord"}
        )
        assert "Uw akkoord als Privacy officer is vastgelegd." in signed.text
    with signed_in(live_url, governed, Role.CISO) as ciso:
        post_form(ciso, page, f"{page}/besluit", {"role": "ciso", "decision": "akkoord"})

    with signed_in(live_url, governed, Role.EIGENAAR) as owner:
        live = post_form(owner, page, f"{page}/status", {"status": "productie"})
        assert "De status is nu: In productie." in live.text
        assert stored(governed, slug).status == "productie"

    with signed_in(live_url, governed, Role.CISO) as ciso:
        empty = post_form(ciso, page, f"{page}/schorsen", {"reason": "  "})
        assert empty.status_code == 400
        assert "Geef een reden voor het schorsen." in alert(empty)
        assert stored(governed, slug).status == "productie"
        suspended = post_form(
            ciso, page, f"{page}/schorsen", {"reason": "Onjuiste antwoorden over de afvalkalender."}
        )
        assert "is geschorst" in suspended.text
        assert "Onjuiste antwoorden over de afvalkalender." in suspended.text
        not_owner = post_form(ciso, page, f"{page}/hervatten", {})
        assert not_owner.status_code == 400
        assert "Alleen de eigenaar" in alert(not_owner)
        assert stored(governed, slug).status == "geschorst"
    with signed_in(live_url, governed, Role.EIGENAAR) as owner:
        resumed = post_form(owner, page, f"{page}/hervatten", {})
        assert "is hervat" in resumed.text
        assert stored(governed, slug).status == "productie"
        # A new revision of the assessment: the sign-offs lapse and production goes back to review.
        changed = {**COMPLETE_ASSESSMENT, "necessity": "Herzien na de evaluatie."}
        again = post_form(
            owner, f"{page}/beoordeling", f"{page}/beoordeling", assessment_form(changed)
        )
        assert "Akkoorden op eerdere revisies zijn vervallen." in again.text
        assert stored(governed, slug).status == "in_beoordeling"

        export = owner.post(f"{page}/export", data={"csrf_token": csrf_from(owner.get(page).text)})
        assert export.status_code == 200
        assert export.headers["content-type"] == "application/zip"
        assert "attachment" in export.headers["content-disposition"]
        with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
            assert archive.testzip() is None
            manifest = json.loads(archive.read("manifest.json"))
            history = json.loads(archive.read("history.json"))
        assert manifest["use_case"] == slug
        assert any(entry["action"] == "status" for entry in history)

        retired = post_form(owner, page, f"{page}/buiten-gebruik", {"reason": "Vervangen."})
        assert "is buiten gebruik gesteld" in retired.text
        assert stored(governed, slug).status == "buiten_gebruik"


def test_models_can_be_suspended_and_agreements_recorded(live_url: str, governed: Governed) -> None:
    with signed_in(live_url, governed, Role.BEHEERDER) as admin:
        catalogue = admin.get("/beheer/modellen")
        assert "GEITje 7B Ultra" in catalogue.text
        assert "Buiten de EU" in catalogue.text
        assert "GPT-4o (gehost) wordt buiten de EU gehost." in catalogue.text
        action = "/beheer/modellen/geitje-7b-ultra/schorsen"
        empty = post_form(admin, "/beheer/modellen", action, {"reason": ""})
        assert empty.status_code == 400
        assert "Geef een reden" in alert(empty)
        done = post_form(admin, "/beheer/modellen", action, {"reason": "Lek in de server."})
        assert "Model GEITje 7B Ultra is geschorst." in done.text
        assert "Lek in de server." in done.text
        assert (
            post_form(
                admin, "/beheer/modellen", "/beheer/modellen/bestaat-niet/schorsen", {"reason": "x"}
            ).status_code
            == 404
        )
        with governed.database.session(governed.organisation_id) as session:
            model = session.scalar(select(ModelEntry).where(ModelEntry.key == "geitje-7b-ultra"))
            assert model is not None
            assert model.suspended_reason == "Lek in de server."
        back = post_form(
            admin, "/beheer/modellen", "/beheer/modellen/geitje-7b-ultra/hervatten", {}
        )
        assert "Model GEITje 7B Ultra is weer beschikbaar." in back.text

    with signed_in(live_url, governed, Role.CISO) as ciso:
        page = "/beheer/leveranciersafspraken"
        agreement: dict[str, object] = {
            "provider": "Mistral AI",
            "data_sharing": "Alleen de prompt, versleuteld.",
            "retention": "Dertig dagen.",
            "retraining": "nee",
            "hosting": "eu",
            "signed_on": "2025-05-01",
            "link": "https://contracten.voorbeeld.nl/mistral",
        }
        missing = post_form(ciso, page, page, {**agreement, "retention": ""})
        assert missing.status_code == 400
        assert "bewaartermijn" in alert(missing)
        recorded = post_form(ciso, page, page, agreement)
        assert "De afspraak met Mistral AI is vastgelegd." in recorded.text
        assert "Dertig dagen." in recorded.text
    with governed.database.session(governed.organisation_id) as session:
        stored_agreement = session.scalar(
            select(SupplierAgreement).where(SupplierAgreement.provider == "Mistral AI")
        )
        assert stored_agreement is not None
        assert not stored_agreement.retraining_on_prompts

    with signed_in(live_url, governed, Role.PRIVACY_OFFICER) as privacy:
        view = privacy.get("/beheer/modellen")
        assert view.status_code == 200
        assert "/schorsen" not in view.text
        forbidden = post_form(
            privacy,
            "/beheer/modellen",
            "/beheer/modellen/geitje-7b-ultra/schorsen",
            {"reason": "x"},
        )
        assert forbidden.status_code == 403


def test_organisation_policy_and_kill_switch(live_url: str, governed: Governed) -> None:
    page = "/beheer/organisatie"
    with signed_in(live_url, governed, Role.BEHEERDER) as admin:
        bad = post_form(admin, page, f"{page}/beleid", {"approvers": [], "contact_email": ""})
        assert bad.status_code == 400
        assert "Kies minstens één rol" in alert(bad)
        policy: dict[str, object] = {
            "block_non_eu": "ja",
            "approvers": ["privacy_officer", "ciso"],
            "contact_email": "ai@voorbeeld.nl",
        }
        saved = post_form(admin, page, f"{page}/beleid", policy)
        assert "Het AI-beleid is opgeslagen." in saved.text
    with governed.database.session() as session:
        organisation = session.get(Organisation, governed.organisation_id)
        assert organisation is not None
        assert organisation.block_non_eu_models
        assert not organisation.block_closed_models
        assert organisation.required_approver_roles == ["privacy_officer", "ciso"]

    with signed_in(live_url, governed, Role.CISO) as ciso:
        assert "Beleid opslaan" not in ciso.get(page).text
        assert post_form(ciso, page, f"{page}/beleid", policy).status_code == 403
        empty = post_form(ciso, page, f"{page}/schorsen", {"reason": ""})
        assert empty.status_code == 400
        stopped = post_form(
            ciso, page, f"{page}/schorsen", {"reason": "Datalek bij de hostingpartij."}
        )
        assert "Alle AI van de organisatie is geschorst." in stopped.text
        assert "Datalek bij de hostingpartij." in stopped.text
        assert post_form(ciso, page, f"{page}/hervatten", {}).status_code == 403
    with signed_in(live_url, governed, Role.BEHEERDER) as admin:
        resumed = post_form(admin, page, f"{page}/hervatten", {})
        assert "De AI van de organisatie is weer beschikbaar." in resumed.text
    with governed.database.session() as session:
        organisation = session.get(Organisation, governed.organisation_id)
        assert organisation is not None
        assert organisation.ai_suspended_at is None


def test_each_role_sees_what_it_may(live_url: str, governed: Governed) -> None:
    slug = governed.create("rollen")
    pages = [path.format(slug=slug) for path in GOVERNANCE_PAGES]
    with signed_in(live_url, governed, Role.MEDEWERKER) as employee:
        for path in [*pages, "/toepassingen/nieuw", f"/toepassingen/{slug}/bewerken"]:
            assert employee.get(path).status_code == 403, path
        home = employee.get("/")
        assert 'href="/toepassingen"' not in home.text
    with signed_in(live_url, governed, Role.AUDITOR) as auditor:
        for path in pages:
            response = auditor.get(path)
            assert response.status_code == 200, path
            actions = set(FORM_PATTERN.findall(response.text)) - {"/uitloggen"}
            assert actions <= {f"/toepassingen/{slug}/export"}, (path, actions)
        assert auditor.get("/toepassingen/nieuw").status_code == 403
        assert auditor.get(f"/toepassingen/{slug}/bewerken").status_code == 403
        assert 'href="/toepassingen"' in auditor.get("/").text
        refused = post_form(
            auditor, f"/toepassingen/{slug}", f"/toepassingen/{slug}/schorsen", {"reason": "x"}
        )
        assert refused.status_code == 403
    with signed_in(live_url, governed, Role.PRIVACY_OFFICER) as privacy:
        assert privacy.get(f"/toepassingen/{slug}/bewerken").status_code == 403
        assessment = privacy.get(f"/toepassingen/{slug}/beoordeling")
        assert "U kunt deze beoordeling alleen bekijken." in assessment.text
    assert stored(governed, slug).status == "concept"


def _console_posts(app: FastAPI) -> set[str]:
    found = set()
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if "POST" in (route.methods or ()) and path.startswith(
            (
                "/toepassingen",
                "/beheer/modellen",
                "/beheer/leveranciersafspraken",
                "/beheer/organisatie",
            )
        ):
            found.add(path)
    return found


def _snapshot(governed: Governed, slug: str) -> tuple[object, ...]:
    with governed.database.session(governed.organisation_id) as session:
        use_cases = session.execute(
            select(UseCase.slug, UseCase.status, UseCase.version, UseCase.name)
        ).all()
        models = session.execute(select(ModelEntry.key, ModelEntry.suspended_at)).all()
        agreements = session.execute(
            select(SupplierAgreement.provider, SupplierAgreement.retention)
        ).all()
        organisation = session.get(Organisation, governed.organisation_id)
        assert organisation is not None
        policy = (
            organisation.ai_suspended_at,
            organisation.block_closed_models,
            organisation.contact_email,
        )
    return tuple(sorted(use_cases)), tuple(sorted(models)), tuple(sorted(agreements)), policy


@pytest.mark.parametrize("token", ["", "0" * 64, "vervalst"])
def test_every_console_post_refuses_a_forged_token(
    app: FastAPI, live_url: str, governed: Governed, token: str
) -> None:
    slug = governed.create("csrf")
    posts = {
        path.replace("{slug}", slug).replace("{key}", "geitje-7b-ultra")
        for path in _console_posts(app)
    }
    assert len(posts) == 15, sorted(posts)
    before = _snapshot(governed, slug)
    form = {
        **NEW_USE_CASE,
        "slug": "vervalst",
        "status": "in_beoordeling",
        "role": "eigenaar",
        "decision": "akkoord",
        "reason": "vervalst",
        "provider": "Mistral AI",
        "data_sharing": "alles",
        "retention": "altijd",
        "hosting": "eu",
        "approvers": ["ciso"],
        "block_closed": "ja",
    }
    with signed_in(live_url, governed, Role.BEHEERDER) as admin:
        for path in sorted(posts):
            response = admin.post(path, data={**form, "csrf_token": token})
            assert response.status_code == 403, path
            assert "Het formulier is verlopen of ongeldig." in response.text, path
    assert _snapshot(governed, slug) == before
