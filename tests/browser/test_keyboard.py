"""Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7): no clicks, every focus visible."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser import Site

pytestmark = pytest.mark.browser

MAX_TABS = 60

FOCUSED_ELEMENT_JS = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    classes: [...element.classList],
    text: (element.innerText || element.value || element.getAttribute('aria-label') || '').trim(),
    outline_style: style.outlineStyle,
    outline_width: parseFloat(style.outlineWidth) || 0,
    in_main: element.closest('main') !== null,
    top: box.top,
    bottom: box.bottom,
    width: box.width,
    height: box.height,
  };
}"""


@dataclass(frozen=True)
class Focused:
    tag: str
    id: str
    classes: list[str]
    text: str
    outline_style: str
    outline_width: float
    in_main: bool
    top: float
    bottom: float
    width: float
    height: float

    def describe(self) -> str:
        return f"<{self.tag} id={self.id!r} class={' '.join(self.classes)!r}> {self.text[:40]!r}"


def focused(page: Page) -> Focused:
    values: dict[str, Any] = page.evaluate(FOCUSED_ELEMENT_JS)
    return Focused(**values)


def assert_focus_is_visible(page: Page) -> Focused:
    element = focused(page)
    assert element.tag != "body", "nothing has focus"
    outline = f"outline {element.outline_style} {element.outline_width}px"
    assert element.outline_style != "none", f"no focus style on {element.describe()}: {outline}"
    assert element.outline_width >= 2, f"focus style too thin on {element.describe()}: {outline}"
    viewport = page.viewport_size
    assert viewport is not None
    assert element.width * element.height > 0, f"{element.describe()} has focus but no size"
    in_view = element.bottom > 0 and element.top < viewport["height"]
    assert in_view, f"{element.describe()} has focus but is scrolled out of view"
    return element


def tab_to(page: Page, element_id: str) -> None:
    """Press Tab until the element has focus; every stop on the way must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if assert_focus_is_visible(page).id == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with {MAX_TABS} presses of Tab")


def test_log_in_with_the_keyboard_only(site: Site) -> None:
    page = site.page
    site.goto("/inloggen")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    box = skip_link.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 0, "the skip link shows before it has focus"

    page.keyboard.press("Tab")
    first = assert_focus_is_visible(page)
    assert first.text == "Naar de inhoud", first.describe()
    assert "skip-link" in first.classes, first.describe()
    expect(skip_link).to_be_in_viewport()

    tab_to(page, "gebruikersnaam")
    page.keyboard.type("ciso")
    page.keyboard.press("Tab")
    assert assert_focus_is_visible(page).id == "wachtwoord"
    page.keyboard.type(site.password("ciso"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(site.server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Pieter Jansen")
    expect(page.locator(".tag-list .tag")).to_have_text(["CISO"])


@pytest.mark.parametrize(
    ("username", "path", "first_in_content"),
    [
        (None, "/inloggen", "gebruikersnaam"),
        ("beheerder", "/", ""),
    ],
    ids=["inloggen", "start-beheerder"],
)
def test_skip_link_moves_focus_to_the_content(
    site: Site, username: str | None, path: str, first_in_content: str
) -> None:
    page = site.page
    if username is not None:
        site.sign_in_as(username)
    site.goto(path)

    page.keyboard.press("Tab")
    assert focused(page).text == "Naar de inhoud"
    page.keyboard.press("Enter")

    main = page.get_by_role("main")
    expect(main).to_be_focused()
    assert page.url.endswith("#inhoud")
    page.keyboard.press("Tab")
    after = assert_focus_is_visible(page)
    assert after.in_main, f"the next Tab after the skip link left the content: {after.describe()}"
    if first_in_content:
        assert after.id == first_in_content, after.describe()


def test_every_control_on_the_user_page_shows_its_focus(site: Site) -> None:
    """Walk the busiest page (menu, table, disable buttons, form) with Tab to its end."""
    page = site.page
    site.sign_in_as("beheerder")
    site.goto("/beheer/gebruikers")
    seen: list[Focused] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page).tag == "body":
            break
        seen.append(assert_focus_is_visible(page))
    else:
        pytest.fail(f"still tabbing after {MAX_TABS} presses: {[f.describe() for f in seen]}")

    ids = [element.id for element in seen]
    texts = [element.text for element in seen]
    assert texts[0] == "Naar de inhoud"
    assert "Uitloggen" in texts
    assert any("table-wrapper" in element.classes for element in seen), "table not reachable"
    assert texts.count("Uitschakelen") == 5  # everybody but the administrator herself
    for expected in ("nieuw-gebruikersnaam", "nieuw-naam", "nieuw-wachtwoord", "rol-auditor"):
        assert expected in ids, f"#{expected} is not reachable with Tab: {ids}"
    assert texts[-1] == "Gebruiker toevoegen", texts
