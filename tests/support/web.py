"""Helpers for talking to the pages as a browser would: forms with their CSRF token."""

from __future__ import annotations

import re

import httpx

CSRF_PATTERN = re.compile(r'name="csrf_token" value="([^"]*)"')


def csrf_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    if match is None:
        raise AssertionError("the page has no form with a CSRF token")
    return match.group(1)


def login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    page = client.get("/inloggen")
    return client.post(
        "/inloggen",
        data={
            "gebruikersnaam": username,
            "wachtwoord": password,
            "csrf_token": csrf_from(page.text),
        },
    )


def post_form(
    client: httpx.Client, page_path: str, action: str, data: dict[str, object]
) -> httpx.Response:
    """Load the page that holds the form, then submit it with that page's token."""
    page = client.get(page_path)
    return client.post(action, data={**data, "csrf_token": csrf_from(page.text)})
