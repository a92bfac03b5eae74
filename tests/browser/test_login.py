"""Logging in and out through the real form, a wrong password, and the language switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import (
    DEMO_USERNAMES,
    DISPLAY_NAMES,
    LOGIN_ERROR,
    ROLE_LABELS,
    Site,
    put_cookies,
)
from waarborg.web.cookies import SESSION_COOKIE

pytestmark = pytest.mark.browser

LOGIN_URL = re.compile(r"/inloggen(\?.*)?$")


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_each_role_logs_in_and_out(site: Site, username: str) -> None:
    page = site.page
    site.goto("/")
    expect(page).to_have_url(LOGIN_URL)

    site.fill_login_form(username, site.password(username))

    expect(page).to_have_url(site.server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welkom, {DISPLAY_NAMES[username]}")
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "Uw rollen in Gemeente Voorbeeld"
    )
    expect(page.locator(".tag-list .tag")).to_have_text([ROLE_LABELS[username]])
    session_cookies = site.context.cookies()
    assert SESSION_COOKIE in {cookie["name"] for cookie in session_cookies}

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("button", name="Uitloggen").click()

    expect(page).to_have_url(re.compile(r"/inloggen\?reden=uitgelogd$"))
    expect(page.get_by_role("status")).to_have_text("U bent uitgelogd.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)

    site.goto("/")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")

    # The old session cookie, put back, no longer signs anybody in: logout ended it on the server.
    put_cookies(site.context, session_cookies)
    assert SESSION_COOKIE in {cookie["name"] for cookie in site.context.cookies()}
    site.goto("/account")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(site: Site) -> None:
    page = site.page
    site.goto("/inloggen")
    site.fill_login_form("eigenaar", "dit-is-niet-het-wachtwoord")

    expect(page).to_have_url(LOGIN_URL)
    expect(page).to_have_title("Fout: Inloggen — Waarborg")
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", level=2)).to_have_text("Er is een probleem")
    expect(summary).to_contain_text(LOGIN_ERROR)
    expect(summary).to_be_focused()
    assert summary.evaluate("element => getComputedStyle(element).outlineStyle") != "none"

    username = page.get_by_label("Gebruikersnaam")
    password = page.get_by_label("Wachtwoord")
    expect(username).to_have_value("eigenaar")
    expect(password).to_have_value("")
    for field in (username, password):
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(LOGIN_ERROR)))
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    page.keyboard.press("Tab")  # from the summary straight on to the field to correct
    expect(username).to_be_focused()


def test_the_language_switch_goes_to_english_and_back(site: Site) -> None:
    page = site.page
    html = page.locator("html")
    site.goto("/inloggen")
    expect(html).to_have_attribute("lang", "nl")

    page.get_by_role("link", name="Switch to English").click()

    expect(page).to_have_url(re.compile(r"/inloggen$"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)

    page.get_by_role("link", name="Schakel over naar Nederlands").click()

    expect(page).to_have_url(re.compile(r"/inloggen$"))
    expect(html).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
