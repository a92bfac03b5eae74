"""Browser tests: the real ``waarborg demo`` driven by Debian's Chromium through Playwright.

This module holds what the test modules share: the demo's people, the Chromium settings and
``Site``, one test's browser tab with the few things a visitor does (sign in, log out, ...).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Cookie, Page, Response, expect

from waarborg.demo.seed import DEMO_PEOPLE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"

# The demo's people, and the Dutch name of the role each one has, as the pages show it.
DEMO_USERNAMES = tuple(username for username, _, _ in DEMO_PEOPLE)
DISPLAY_NAMES = {username: name for username, name, _ in DEMO_PEOPLE}
ROLE_LABELS = {
    "medewerker": "Medewerker",
    "eigenaar": "Eigenaar toepassing",
    "privacy": "Privacy officer",
    "ciso": "CISO",
    "beheerder": "Beheerder",
    "auditor": "Auditor",
}

LOGIN_ERROR = "De gebruikersnaam of het wachtwoord klopt niet."
THROTTLED_MARKERS = ("Te veel", "Too many")


@dataclass(frozen=True)
class DemoServer:
    """A running ``waarborg demo`` and what it left in its data directory."""

    url: str
    data_dir: Path
    stdout_path: Path
    logins: Mapping[str, str]

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")


def read_logins(path: Path) -> dict[str, str]:
    data: Any = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise AssertionError(f"{path} does not hold a JSON object: {data!r}")
    return {str(key): str(value) for key, value in data.items()}


def is_local(url: str) -> bool:
    """Only the demo on 127.0.0.1 (and the browser's own internal pages) may be contacted."""
    parts = urlsplit(url)
    if parts.scheme in ("about", "data", "blob"):
        return True
    return parts.hostname == LOCAL_HOST


def waarborg_env(data_dir: Path) -> dict[str, str]:
    """The environment of a newcomer's shell: none of the developer's own WAARBORG_ settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("WAARBORG_")}
    env["WAARBORG_DATA_DIR"] = str(data_dir)
    return env


def waarborg_command() -> Path:
    """The ``waarborg`` command installed next to this Python (``.venv/bin/waarborg``)."""
    command = Path(sys.executable).with_name("waarborg")
    if not command.exists():
        raise AssertionError(f"{command} is missing: install the project ('make test' does)")
    return command


def run_waarborg(server: DemoServer, *args: str, extra_env: Mapping[str, str] | None = None) -> str:
    """Run one ``waarborg`` command against the demo's data directory; return its output."""
    env = {**waarborg_env(server.data_dir), **(extra_env or {})}
    result = subprocess.run(
        [str(waarborg_command()), *args],
        env=env,
        cwd=server.data_dir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"'waarborg {' '.join(args)}' failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


class Accounts:
    """Sessions started once per test run through the login form, reused by every test.

    The login throttle allows 30 attempts a minute from one address, so tests that are not
    about logging in borrow these sessions instead of logging in again.
    """

    def __init__(self, server: DemoServer, new_context: Callable[[], BrowserContext]) -> None:
        self.server = server
        self._new_context = new_context
        self._passwords = dict(server.logins)
        self._cookies: dict[str, list[Cookie]] = {}
        self._empty_admin: str | None = None

    def password(self, username: str) -> str:
        return self._passwords[username]

    def cookies(self, username: str) -> list[Cookie]:
        if username not in self._cookies:
            context = self._new_context()
            try:
                site = Site(context, context.new_page(), self)
                site.log_in(username)
                self._cookies[username] = context.cookies()
            finally:
                context.close()
        return self._cookies[username]

    def empty_organisation_admin(self) -> str:
        """An administrator of a second organisation that has no API keys (made with the CLI)."""
        if self._empty_admin is None:
            username, password = "beheerder.leeg", "leeg-" + secrets.token_urlsafe(16)
            run_waarborg(self.server, "org", "create", "gemeente-leeg", "--name", "Gemeente Leeg")
            run_waarborg(
                self.server,
                "user",
                "create",
                username,
                "--org",
                "gemeente-leeg",
                "--role",
                "beheerder",
                "--name",
                "Bea Leeg",
                extra_env={"WAARBORG_USER_PASSWORD": password},
            )
            self._passwords[username] = password
            self._empty_admin = username
        return self._empty_admin


class Site:
    """One test's tab on the demo server, in a fresh browser context."""

    def __init__(self, context: BrowserContext, page: Page, accounts: Accounts) -> None:
        self.context = context
        self.page = page
        self.accounts = accounts
        self.server = accounts.server

    def goto(self, path: str) -> Response:
        response = self.page.goto(self.server.url + path)
        if response is None:
            raise AssertionError(f"no response for {path}")
        return response

    def password(self, username: str) -> str:
        return self.accounts.password(username)

    def sign_in_as(self, username: str) -> None:
        """Reuse a session that was started once through the login form for this user."""
        put_cookies(self.context, self.accounts.cookies(username))

    def fill_login_form(self, username: str, password: str) -> None:
        """Fill in and submit the (Dutch) login form as a mouse user does."""
        page = self.page
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen", exact=True).click()
        page.wait_for_load_state()
        fail_if_throttled(page)

    def log_in(self, username: str) -> None:
        """Log in through the login form and land on the home page."""
        self.goto("/inloggen")
        self.fill_login_form(username, self.password(username))
        expect(self.page).to_have_url(self.server.url + "/")

    def submit_wrong_password(self, username: str) -> None:
        self.goto("/inloggen")
        self.fill_login_form(username, "dit-is-niet-het-wachtwoord")
        expect(self.page.locator(".error-summary")).to_contain_text(LOGIN_ERROR)

    def create_api_key(self, name: str) -> str:
        """As a signed-in administrator: make a key and return the secret shown once."""
        page = self.page
        self.goto("/beheer/api-sleutels")
        page.get_by_label("Naam (waarvoor is de sleutel?)").fill(name)
        page.get_by_role("button", name="Sleutel maken").click()
        secret = page.locator("#nieuwe-sleutel")
        expect(secret).to_be_visible()
        return secret.inner_text()


def put_cookies(context: BrowserContext, cookies: list[Cookie]) -> None:
    """Give a browser context cookies taken from another one (or from earlier)."""
    context.add_cookies(
        [
            {
                "name": cookie["name"],
                "value": cookie["value"],
                "domain": cookie["domain"],
                "path": cookie["path"],
                "secure": cookie["secure"],
                "httpOnly": cookie["httpOnly"],
                "sameSite": cookie["sameSite"],
            }
            for cookie in cookies
        ]
    )


def fail_if_throttled(page: Page) -> None:
    """Say so clearly when the login throttle (30 attempts a minute per address) kicks in."""
    summary = page.locator(".error-summary")
    if summary.count() and any(marker in summary.inner_text() for marker in THROTTLED_MARKERS):
        raise AssertionError(
            "the login was throttled: the browser tests log in too often; reuse sessions "
            f"with Site.sign_in_as instead ({summary.inner_text()!r})"
        )
