"""The look: screenshots for a person to review, and the layout rules that keep it calm.

The screenshots go to the system's temporary folder (never into the repository), e.g.
/tmp/waarborg-screenshots/inloggen.png, so that they can be looked at after a run.
"""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser import Site

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(tempfile.gettempdir()) / "waarborg-screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PRIMARY_BLUE = "rgb(21, 66, 115)"  # --color-primary, the header

LAYOUT_JS = """() => {
  const left = (selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const range = document.createRange();
    range.selectNodeContents(element);
    return Math.round(range.getBoundingClientRect().left);
  };
  const header = getComputedStyle(document.querySelector('.site-header'));
  return {
    header_background: header.backgroundColor,
    font_family: getComputedStyle(document.body).fontFamily,
    brand: left('.brand__name'),
    heading: left('main h1'),
    first_menu_item: left('.site-nav__list a'),
    footer: left('.site-footer p'),
    footer_bottom: document.querySelector('.site-footer').getBoundingClientRect().bottom,
    window_height: window.innerHeight,
  };
}"""


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def check_layout(page: Page) -> dict[str, Any]:
    layout: dict[str, Any] = page.evaluate(LAYOUT_JS)
    assert layout["header_background"] == PRIMARY_BLUE, "the stylesheet did not load"
    assert "serif" not in layout["font_family"].replace("sans-serif", "")
    # Brand, headings, menu and footer text all start on one vertical line.
    lines = {key: layout[key] for key in ("brand", "heading", "first_menu_item", "footer")}
    present = {key: value for key, value in lines.items() if value is not None}
    assert len(set(present.values())) == 1, f"text does not line up on the left: {present}"
    # Short pages still put the footer at the bottom of the window.
    assert layout["footer_bottom"] >= layout["window_height"] - 1
    return layout


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    width, height = png_size(path)
    viewport = page.viewport_size
    assert viewport is not None
    assert width == viewport["width"]
    assert height >= viewport["height"]
    return path


def test_login_page_looks_right(site: Site) -> None:
    site.goto("/inloggen")
    layout = check_layout(site.page)
    assert layout["first_menu_item"] is None  # no menu before logging in
    expect(site.page.get_by_role("button", name="Inloggen")).to_be_in_viewport()
    screenshot(site.page, "inloggen")


def test_administrator_home_looks_right(site: Site) -> None:
    site.sign_in_as("beheerder")
    site.goto("/")
    layout = check_layout(site.page)
    assert layout["first_menu_item"] is not None
    expect(site.page.locator(".card")).to_have_count(1)
    expect(site.page.locator(".card").get_by_role("link")).to_have_text(
        ["Gebruikers", "API-sleutels"]
    )
    screenshot(site.page, "start-beheerder")
