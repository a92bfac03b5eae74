"""A use case walked from concept to production and back to suspended in the console, by the
demo's people in Chromium; axe-core checks every governance page on the way (errors included),
and the kill switch is pulled with the keyboard alone."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from tests.browser import Site
from tests.browser.test_accessibility import ZOOMED, axe_report, reflow_problems, run_axe
from tests.browser.test_keyboard import assert_focus_is_visible, tab_to

pytestmark = pytest.mark.browser

CHECKLIST = {
    "Rechtsgrond (welke wettelijke taak of grondslag)": "Gemeentewet art. 160.",
    "Noodzaak en proportionaliteit": "Sneller antwoord voor medewerkers; alleen interne bronnen.",
    "Randvoorwaarden: AI-geletterdheid, governance en informatiebeheer": "Training gevolgd.",
    "Minder ingrijpende alternatieven (subsidiariteit)": "Zoekfunctie overwogen.",
    "Plan voor de grenzen van de techniek (zorgvuldigheid)": "Alleen uit bronnen, met links.",
    "Exitstrategie om snel te kunnen stoppen (veiligheid)": "Noodstop in Waarborg.",
}
AI_ACT = {
    "rol": "extern_gebruik",
    "verboden": "nee",
    "hoog_risico_gebied": "nee",
    "alleen_ondersteunend": "ja",
    "interactie_met_personen": "ja",
    "genereert_inhoud": "ja",
    "publiceert_tekst": "nee",
}


def assert_accessible(page: Page) -> None:
    results = run_axe(page)
    assert not results["violations"], axe_report(results)


def as_user(site: Site, username: str, path: str) -> Page:
    site.sign_in_as(username)
    site.goto(path)
    return site.page


def status_of(page: Page) -> str:
    return page.locator(".status-line strong").inner_text()


def test_a_use_case_walks_to_production_and_is_suspended(site: Site) -> None:
    slug = f"wandeling-{secrets.token_hex(3)}"
    detail = f"/toepassingen/{slug}"

    # The owner registers it; first with a mistake, which the error summary names.
    page = as_user(site, "eigenaar", "/toepassingen/nieuw")
    assert_accessible(page)
    page.get_by_label("Korte naam").fill(slug)
    page.get_by_role("button", name="Toepassing registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("Ongeldige gegevens voor de toepassing")
    expect(page).to_have_title(re.compile(r"^Fout: Nieuwe toepassing"))
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Wandeling door de console")
    page.get_by_label("Doel").fill("Medewerkers vinden antwoorden in de werkinstructies.")
    page.get_by_label("Menselijk toezicht").fill("De medewerker controleert elk antwoord.")
    page.get_by_label("Contactadres (e-mail)").fill("ai@gemeente-voorbeeld.nl")
    page.get_by_role("button", name="Toepassing registreren").click()
    expect(page.get_by_role("status")).to_contain_text("is geregistreerd als concept")
    assert status_of(page) == "Concept"
    assert_accessible(page)

    # Submitting too early is refused with exactly what is missing.
    page.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(page.get_by_role("alert")).to_contain_text("Nog nodig")
    expect(page.get_by_role("alert")).to_contain_text("Noodzaak en proportionaliteit")
    assert_accessible(page)

    # The assessment: checklist, DPIA, legal basis and the AI Act questions.
    site.goto(f"{detail}/beoordeling")
    assert_accessible(page)
    for label, text in CHECKLIST.items():
        page.get_by_label(label).fill(text)
    page.get_by_label("Status van de DPIA").select_option("niet_nodig")
    page.get_by_label("Titel 1").fill("Gemeentewet")
    page.get_by_label("Link 1").fill("https://wetten.overheid.nl/BWBR0005416")
    for key, value in AI_ACT.items():
        page.locator(f"#vraag-{key}-{value}").check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("revisie 2")
    expect(page.get_by_role("status")).to_contain_text("vervallen")
    page.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(page.locator(".status-line strong")).to_have_text("In beoordeling")
    page.get_by_role("button", name="Akkoord als Eigenaar toepassing").click()
    expect(page.get_by_role("status")).to_contain_text("Uw akkoord als Eigenaar toepassing")

    # The privacy officer and the CISO sign; a rejection without a reason is refused.
    page = as_user(site, "privacy", detail)
    page.get_by_role("button", name="Afwijzen als Privacy officer").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef bij een afwijzing aan waarom.")
    assert_accessible(page)
    page.get_by_role("button", name="Akkoord als Privacy officer").click()
    expect(page.get_by_role("status")).to_contain_text("Uw akkoord als Privacy officer")
    page = as_user(site, "ciso", detail)
    page.get_by_role("button", name="Akkoord als CISO").click()
    expect(page.get_by_role("status")).to_contain_text("Uw akkoord als CISO")

    # The owner puts it into production.
    page = as_user(site, "eigenaar", detail)
    page.get_by_role("button", name="In productie nemen").click()
    expect(page.locator(".status-line strong")).to_have_text("In productie")
    assert_accessible(page)

    # The CISO pulls the kill switch with the keyboard alone: first without a reason.
    page = as_user(site, "ciso", detail)
    tab_to(page, "schorsen-reden")
    page.keyboard.press("Tab")
    assert assert_focus_is_visible(page).text == "Toepassing nu schorsen"
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden voor het schorsen.")
    assert_accessible(page)
    tab_to(page, "schorsen-reden")
    page.keyboard.type("Antwoorden noemen een vervallen regeling.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".status-line strong")).to_have_text("Geschorst")
    expect(page.get_by_role("main")).to_contain_text("Antwoorden noemen een vervallen regeling.")
    assert_accessible(page)

    site.goto(f"{detail}/geschiedenis")
    expect(page.get_by_role("table")).to_contain_text("In productie")
    assert_accessible(page)
    site.goto("/toepassingen")
    expect(page.get_by_role("table")).to_contain_text("Wandeling door de console")
    assert_accessible(page)


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("auditor", "/toepassingen/inwonersvragen"),
        ("auditor", "/toepassingen/inwonersvragen/beoordeling"),
        ("eigenaar", "/toepassingen/brieven-b1/bewerken"),
        ("beheerder", "/beheer/modellen"),
        ("ciso", "/beheer/leveranciersafspraken"),
        ("auditor", "/beheer/leveranciersafspraken"),
        ("beheerder", "/beheer/organisatie"),
        ("privacy", "/beheer/organisatie"),
        ("eigenaar", "/taal/en?volgende=/toepassingen/brieven-b1"),
        ("eigenaar", "/taal/en?volgende=/toepassingen/brieven-b1/beoordeling"),
    ],
)
def test_governance_pages_pass_axe(site: Site, username: str, path: str) -> None:
    page = as_user(site, username, path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/toepassingen",
        "/toepassingen/inwonersvragen",
        "/toepassingen/inwonersvragen/beoordeling",
        "/toepassingen/inwonersvragen/geschiedenis",
        "/toepassingen/nieuw",
        "/beheer/modellen",
        "/beheer/leveranciersafspraken",
        "/beheer/organisatie",
    ],
)
def test_governance_pages_reflow_at_320_css_pixels(site: Site, path: str) -> None:
    site.page.set_viewport_size(ZOOMED)
    page = as_user(site, "beheerder", path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert reflow_problems(page) == []


def test_error_summaries_on_the_catalogue_and_policy_pages_pass_axe(site: Site) -> None:
    page = as_user(site, "beheerder", "/beheer/modellen")
    page.get_by_role("button", name="Model GEITje 7B Ultra schorsen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden voor het schorsen.")
    assert_accessible(page)
    site.goto("/beheer/organisatie")
    for box in page.locator('input[name="approvers"]').all():
        box.uncheck()
    page.get_by_role("button", name="Beleid opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies minstens één rol")
    assert_accessible(page)
    page = as_user(site, "ciso", "/beheer/leveranciersafspraken")
    page.get_by_role("button", name="Afspraak vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Beschrijf de gegevensdeling")
    assert_accessible(page)
