"""WCAG 2.1 AA on every page: axe-core finds nothing, and 320 CSS pixels reflow (400% zoom).

Each scenario brings the tab to one page in one state; both checks run on every scenario.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser import DEMO_USERNAMES, DISPLAY_NAMES, Site

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
AXE = Axe()
# 1280 x 1024 CSS pixels at 400% zoom (WCAG 1.4.10 Reflow).
ZOOMED: ViewportSize = {"width": 320, "height": 256}


@dataclass(frozen=True)
class Scenario:
    name: str
    visit: Callable[[Site], None]
    has_table: bool = False


def _h1(site: Site) -> Any:
    return site.page.get_by_role("heading", level=1)


def login_page(site: Site) -> None:
    site.goto("/inloggen")
    expect(_h1(site)).to_have_text("Inloggen")


def login_with_error(site: Site) -> None:
    site.submit_wrong_password("privacy")


def login_required_notice(site: Site) -> None:
    site.goto("/account")
    expect(site.page.get_by_role("status")).to_have_text("Log in om deze pagina te bekijken.")


def home_of(username: str) -> Callable[[Site], None]:
    def visit(site: Site) -> None:
        site.sign_in_as(username)
        site.goto("/")
        expect(_h1(site)).to_have_text(f"Welkom, {DISPLAY_NAMES[username]}")

    return visit


def account(site: Site) -> None:
    site.sign_in_as("medewerker")
    site.goto("/account")
    expect(_h1(site)).to_have_text("Mijn account")


def users_as_administrator(site: Site) -> None:
    site.sign_in_as("beheerder")
    site.goto("/beheer/gebruikers")
    expect(site.page.get_by_role("button", name="Gebruiker toevoegen")).to_be_visible()


def users_with_error(site: Site) -> None:
    users_as_administrator(site)
    page = site.page
    page.get_by_label("Gebruikersnaam").fill("nieuwe.collega")
    page.get_by_label("Naam", exact=True).fill("Nieuwe Collega")
    page.get_by_label("Eerste wachtwoord (minstens 12 tekens)").fill("kort")
    page.get_by_role("checkbox", name="Medewerker").check()
    page.get_by_role("button", name="Gebruiker toevoegen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Fout: Gebruikers"))


def users_as_auditor(site: Site) -> None:
    site.sign_in_as("auditor")
    site.goto("/beheer/gebruikers")
    expect(site.page.get_by_text("U kunt deze lijst alleen bekijken.")).to_be_visible()
    expect(site.page.locator("form.form")).to_have_count(0)
    expect(site.page.get_by_role("button", name=re.compile("uitschakelen"))).to_have_count(0)


def api_keys_empty(site: Site) -> None:
    site.sign_in_as(site.accounts.empty_organisation_admin())
    site.goto("/beheer/api-sleutels")
    expect(site.page.get_by_text("Er zijn nog geen API-sleutels.")).to_be_visible()


def api_key_just_created(site: Site) -> None:
    site.sign_in_as("beheerder")
    secret = site.create_api_key("Koppeling zaaksysteem")
    assert len(secret) > 20
    expect(site.page.get_by_role("status")).to_contain_text("Kopieer de sleutel nu")
    expect(site.page.get_by_role("table")).to_contain_text("Koppeling zaaksysteem")


def not_found(site: Site) -> None:
    assert site.goto("/bestaat-niet").status == 404
    expect(site.page.get_by_role("alert")).to_have_text("Deze pagina bestaat niet.")


def forbidden(site: Site) -> None:
    site.sign_in_as("medewerker")
    assert site.goto("/beheer/gebruikers").status == 403
    expect(site.page.get_by_role("alert")).to_have_text("U heeft geen toegang tot deze pagina.")


def assistant_answer(site: Site) -> None:
    site.sign_in_as("medewerker")
    site.goto("/assistent")
    page = site.page
    page.get_by_label("Uw vraag").fill("Wat kost een paspoort?")
    page.get_by_role("button", name="Vraag stellen").click()
    expect(page.get_by_role("heading", name="Antwoord")).to_be_visible()
    expect(page.get_by_text("AI-label:")).to_be_visible()


def assistant_error(site: Site) -> None:
    site.sign_in_as("medewerker")
    site.goto("/assistent")
    site.page.get_by_label("Uw vraag").fill(" ")
    site.page.get_by_role("button", name="Vraag stellen").click()
    expect(site.page.get_by_role("alert")).to_contain_text("Stel een vraag.")


def assistant_conversation(site: Site) -> None:
    assistant_answer(site)
    conversation = site.page.locator("#gesprek").input_value()
    site.goto(f"/assistent/gesprekken/{conversation}")
    expect(site.page.get_by_role("group", name="Was dit antwoord nuttig?")).to_be_visible()


def assistant_history(site: Site) -> None:
    assistant_answer(site)
    site.goto("/assistent/gesprekken")
    expect(_h1(site)).to_have_text("Mijn gesprekken")
    expect(site.page.get_by_text("Bewaard tot ").first).to_be_visible()


def assistant_delete(site: Site) -> None:
    assistant_answer(site)
    conversation = site.page.locator("#gesprek").input_value()
    site.goto(f"/assistent/gesprekken/{conversation}/verwijderen")
    expect(site.page.get_by_role("button", name="Ja, verwijderen")).to_be_visible()


def audit_log(site: Site) -> None:
    site.sign_in_as("auditor")
    site.goto("/beheer/audit")
    expect(_h1(site)).to_have_text("Auditlog")
    expect(site.page.get_by_role("status")).to_contain_text("De keten is intact")


def english_login(site: Site) -> None:
    site.goto("/taal/en?volgende=/inloggen")
    expect(site.page.locator("html")).to_have_attribute("lang", "en")
    expect(_h1(site)).to_have_text("Log in")


def english_home(site: Site) -> None:
    site.sign_in_as("eigenaar")
    site.goto("/taal/en?volgende=/")
    expect(site.page.locator("html")).to_have_attribute("lang", "en")
    expect(_h1(site)).to_have_text("Welcome, Mohamed el Idrissi")


SCENARIOS = [
    Scenario("inloggen", login_page),
    Scenario("inloggen-fout", login_with_error),
    Scenario("inloggen-melding", login_required_notice),
    *(Scenario(f"start-{username}", home_of(username)) for username in DEMO_USERNAMES),
    Scenario("account", account),
    Scenario("gebruikers-beheerder", users_as_administrator, has_table=True),
    Scenario("gebruikers-fout", users_with_error, has_table=True),
    Scenario("gebruikers-auditor", users_as_auditor, has_table=True),
    Scenario("api-sleutels-leeg", api_keys_empty),
    Scenario("api-sleutels-nieuw", api_key_just_created, has_table=True),
    Scenario("assistent-antwoord", assistant_answer),
    Scenario("assistent-fout", assistant_error),
    Scenario("assistent-gesprek", assistant_conversation),
    Scenario("assistent-gesprekken", assistant_history),
    Scenario("assistent-verwijderen", assistant_delete),
    Scenario("auditlog", audit_log, has_table=True),
    Scenario("fout-404", not_found),
    Scenario("fout-403", forbidden),
    Scenario("english-login", english_login),
    Scenario("english-home", english_home),
]
by_name = pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])


def run_axe(page: Page) -> dict[str, Any]:
    results: dict[str, Any] = AXE.run(page, options=AXE_OPTIONS).response
    assert results["testEngine"]["name"] == "axe-core"
    assert results["passes"], "axe-core checked nothing: is the page empty?"
    return results


def axe_report(results: dict[str, Any]) -> str:
    lines = [f"axe-core {results['testEngine']['version']} on {results['url']}:"]
    for violation in results["violations"]:
        lines.append(
            f"\n* {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line.strip()}" for line in summary.splitlines())
    return "\n".join(lines)


@by_name
def test_axe_finds_no_violations(site: Site, scenario: Scenario) -> None:
    scenario.visit(site)
    site.page.wait_for_load_state("load")
    results = run_axe(site.page)
    assert not results["violations"], axe_report(results)


def test_axe_check_reports_a_broken_page(site: Site) -> None:
    """The check above can fail: a label removed and an image without text are reported."""
    site.goto("/inloggen")
    site.page.evaluate(
        """() => {
          document.querySelector('label[for=gebruikersnaam]').remove();
          const image = document.createElement('img');
          image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
          document.querySelector('main').append(image);
        }"""
    )
    results = run_axe(site.page)
    found = {violation["id"] for violation in results["violations"]}
    assert {"label", "image-alt"} <= found, axe_report(results)
    assert "label[for=gebruikersnaam]" not in axe_report(results)  # the report names elements
    assert "#gebruikersnaam" in axe_report(results)


REFLOW_JS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const scrolls = (element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
  const inScroller = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrolls(up)) return true;
    }
    return false;
  };
  const describe = (element) =>
    element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
    [...element.classList].map((name) => '.' + name).join('');
  const overflowing = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (element.closest('.visually-hidden, .skip-link') || inScroller(element)) continue;
    if (box.left < -1 || box.right > width + 1) {
      overflowing.push(`${describe(element)} (${Math.round(box.left)}..${Math.round(box.right)})`);
    }
  }
  const tables = [...document.querySelectorAll('table')].map((table) => {
    const wrapper = table.parentElement;
    return {
      wrapper: describe(wrapper),
      scrolls: scrolls(wrapper),
      right: wrapper.getBoundingClientRect().right,
      focusable: wrapper.tabIndex >= 0,
      named: Boolean(wrapper.getAttribute('aria-labelledby') || wrapper.getAttribute('aria-label')),
    };
  });
  const brokenWords = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2013\\u2014]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
        );
        if (lines.size > 1) brokenWords.push(match[0]);
      }
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, overflowing, tables, brokenWords};
}"""


def reflow_problems(page: Page) -> list[str]:
    """What stops the page from reflowing into its width without sideways scrolling."""
    found: dict[str, Any] = page.evaluate(REFLOW_JS)
    problems: list[str] = []
    if found["scrollWidth"] > found["clientWidth"] + 1:
        problems.append(
            f"the page scrolls sideways: {found['scrollWidth']} > {found['clientWidth']} px"
        )
    problems.extend(f"sticks out of the page: {element}" for element in found["overflowing"])
    for table in found["tables"]:
        if table["wrapper"] != "div.table-wrapper" or not table["scrolls"]:
            problems.append(f"a table is not in a scrolling .table-wrapper: {table['wrapper']}")
        elif table["right"] > found["clientWidth"] + 1:
            problems.append(f"the table wrapper is wider than the page: {table['right']} px")
        elif not (table["focusable"] and table["named"]):
            problems.append("a table wrapper cannot be scrolled with the keyboard, or is unnamed")
    if found["brokenWords"]:
        problems.append(f"words broken across lines in table cells: {found['brokenWords']}")
    return problems


def table_count(page: Page) -> int:
    return page.locator("table").count()


@by_name
def test_reflow_at_320_css_pixels(site: Site, scenario: Scenario) -> None:
    site.page.set_viewport_size(ZOOMED)
    scenario.visit(site)
    # A scenario that submits a form may return as soon as the answer's alert is in the DOM;
    # measure the layout once the page, stylesheet included, has loaded.
    site.page.wait_for_load_state("load")
    assert reflow_problems(site.page) == []
    assert (table_count(site.page) > 0) == scenario.has_table


def test_reflow_check_reports_a_wide_page(site: Site) -> None:
    """The check above can fail: a too-wide block and letter-by-letter table cells are found."""
    site.page.set_viewport_size(ZOOMED)
    api_key_just_created(site)
    site.page.evaluate(
        """() => {
          const wide = document.createElement('div');
          wide.style.width = '600px';
          wide.textContent = 'breed';
          document.querySelector('main').append(wide);
          for (const cell of document.querySelectorAll('th, td')) {
            cell.style.overflowWrap = 'anywhere';
            cell.style.whiteSpace = 'normal';
          }
        }"""
    )
    problems = reflow_problems(site.page)
    assert any(problem.startswith("the page scrolls sideways") for problem in problems), problems
    assert any(problem.startswith("sticks out of the page: div") for problem in problems), problems
    assert any(problem.startswith("words broken across lines") for problem in problems), problems
