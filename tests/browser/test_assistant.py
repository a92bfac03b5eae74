"""The employee assistant in Chromium, with the keyboard only: ask, hear the streamed answer
with its sources and AI label, rate it, find it in the history and delete it. axe-core finds
nothing on every state the page passes through."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import Site
from tests.browser.test_accessibility import axe_report, run_axe
from tests.browser.test_keyboard import MAX_TABS, assert_focus_is_visible, tab_to

pytestmark = pytest.mark.browser
QUESTION = "Wat kost een paspoort?"
USE_CASE = "Vraag het Gemeente Voorbeeld"  # answers from the demo municipality's own pages


def assert_accessible(page: Page) -> None:
    page.wait_for_load_state("load")
    results = run_axe(page)
    assert not results["violations"], axe_report(results)


def back_tab_to(page: Page, element_id: str) -> None:
    """Press Shift+Tab until the element has focus; every stop must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab")
        if assert_focus_is_visible(page).id == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with {MAX_TABS} presses of Shift+Tab")


def test_ask_rate_find_and_delete_with_the_keyboard(site: Site) -> None:
    page = site.page
    site.sign_in_as("medewerker")
    site.goto("/assistent")
    assert_accessible(page)

    tab_to(page, "toepassing")
    choice = page.get_by_label("Toepassing")
    for _ in range(5):  # arrow keys change a closed select in Chromium on Linux
        if choice.locator("option:checked").inner_text() == USE_CASE:
            break
        page.keyboard.press("ArrowDown")
    expect(choice.locator("option:checked")).to_have_text(USE_CASE)
    tab_to(page, "vraag")
    page.keyboard.type(QUESTION)
    tab_to(page, "vraag-versturen")
    page.keyboard.press("Enter")

    stream = page.locator("#stroom")
    expect(stream).to_have_attribute("aria-live", "polite")
    answer = stream.locator("article.answer")
    expect(answer.get_by_role("heading", name="Antwoord")).to_be_visible()
    expect(answer.locator(".ai-label")).to_contain_text("AI-label:")
    expect(answer.locator(".ai-label")).to_contain_text("gemaakt door een AI-systeem")
    expect(answer.locator("ol.sources li").first).to_be_visible()
    expect(stream).to_have_attribute("aria-busy", "false")
    assert page.url.endswith("/assistent")  # streamed in place, not a page load
    assert "paspoort" in answer.locator(".answer__text").inner_text()
    conversation = page.locator("#gesprek").input_value()
    assert re.fullmatch(r"[0-9a-f]{32}", conversation), conversation
    expect(page.locator("#vraag")).to_be_focused()  # ready for the next question
    assert_accessible(page)

    # Feedback, with the keyboard: back up from the question to the answer's comment box.
    comment_id = answer.locator("textarea").get_attribute("id") or ""
    back_tab_to(page, comment_id)
    page.keyboard.type("Graag ook de prijs voor kinderen.")
    page.keyboard.press("Shift+Tab")  # into the thumbs
    thumbs_down = answer.get_by_role("radio", name="Nee, niet nuttig")
    expect(thumbs_down).to_be_focused()
    page.keyboard.press("Space")
    expect(thumbs_down).to_be_checked()
    tab_to(page, comment_id)
    page.keyboard.press("Tab")
    assert assert_focus_is_visible(page).text == "Beoordeling versturen"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("uw beoordeling is opgeslagen")
    assert f"/assistent/gesprekken/{conversation}" in page.url
    expect(page.get_by_text("U vond dit antwoord niet nuttig.")).to_be_visible()
    assert_accessible(page)

    # The history lists it with how long it is kept; open it from there.
    site.goto("/assistent/gesprekken")
    item = page.locator(f'a[href="/assistent/gesprekken/{conversation}"]')
    expect(item).to_contain_text(QUESTION)
    expect(page.locator(".history__item").filter(has=item)).to_contain_text("Bewaard tot ")
    assert_accessible(page)
    item.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Gesprek", exact=True)).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_be_visible()

    # Delete it: a confirmation page, then gone at once.
    delete = page.get_by_role("link", name="Gesprek verwijderen")
    delete.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek verwijderen")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, verwijderen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Het gesprek is verwijderd.")
    expect(page.locator(f'a[href="/assistent/gesprekken/{conversation}"]')).to_have_count(0)
    assert_accessible(page)
    assert site.goto(f"/assistent/gesprekken/{conversation}").status == 404


def test_without_javascript_the_form_still_answers(site: Site) -> None:
    """Progressive enhancement: the same page works when scripts are off."""
    page = site.page
    # The page's only script is replaced by an empty one (aborting it logs a console error).
    site.context.route(
        "**/assistent.js*",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )
    site.sign_in_as("medewerker")
    site.goto("/assistent")
    page.get_by_label("Toepassing").select_option(label=USE_CASE)
    page.get_by_label("Uw vraag").fill(QUESTION)
    page.get_by_role("button", name="Vraag stellen").click()
    page.wait_for_load_state("load")
    assert "/assistent" in page.url
    answer = page.locator(".conversation article.answer")
    expect(answer.locator(".ai-label")).to_contain_text("AI-label:")
    expect(answer.locator(".answer__text")).to_contain_text("paspoort")
    expect(answer.locator("ol.sources li").first).to_be_visible()
    expect(page.get_by_text("Bewaard tot ")).to_be_visible()
    expect(page.get_by_role("group", name="Was dit antwoord nuttig?")).to_be_visible()
    assert_accessible(page)
