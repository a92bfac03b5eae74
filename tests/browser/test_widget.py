"""The citizen widget in Chromium, embedded with one script tag in a page that a small HTTP
server on 127.0.0.1 serves (another port is another origin). From an allowed origin: open it
with the keyboard, ask, read the answer, its sources and the AI label, close it with Escape;
axe-core finds nothing. From a forbidden origin: a clear message and no answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.browser import LOCAL_HOST, is_local
from tests.browser.test_accessibility import axe_report, run_axe
from tests.browser.test_keyboard import assert_focus_is_visible, tab_to
from tests.governance.conftest import governed  # noqa: F401 - shared fixture
from tests.widget.conftest import Widget, widget  # noqa: F401 - shared fixture
from waarborg.web.widget_texts import AI_LABEL

pytestmark = pytest.mark.browser
FRAME = "#waarborg-widget-frame"
HOST_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Gemeente Voorbeeld</title></head>
<body>
<main><h1>Gemeente Voorbeeld</h1><p>Welkom op de website van de gemeente.</p></main>
<script src="{script}" defer></script>
</body>
</html>
"""


@contextmanager
def host_site(html: str) -> Iterator[str]:
    """A municipality's page on its own port of 127.0.0.1: another origin than Waarborg."""
    body = html.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer((LOCAL_HOST, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    blocked: list[str] = []

    def guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    made = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    made.set_default_timeout(15_000)
    made.route("**/*", guard)
    try:
        yield made
    finally:
        made.close()
    assert not blocked, f"requests to other hosts than {LOCAL_HOST}: {blocked}"


def _watch(page: Page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    return problems


def test_allowed_origin_asks_with_the_keyboard(
    widget: Widget,  # noqa: F811
    context: BrowserContext,
) -> None:
    with host_site(HOST_PAGE.format(script=f"{widget.base}.js")) as host:
        widget.set_use_case(widget_origins=[host])
        page = context.new_page()
        problems = _watch(page)
        page.goto(host + "/")
        button = page.locator("#waarborg-widget-button")
        expect(button).to_have_text("Vraag het de chatbot")
        tab_to(page, "waarborg-widget-button")
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        frame = page.frame_locator(FRAME)
        question = frame.get_by_label("Uw vraag")
        expect(question).to_be_focused()
        expect(frame.get_by_text(AI_LABEL)).to_be_visible()
        expect(frame.get_by_text("Bel 14 0123.")).to_be_visible()
        page.keyboard.type("Wat kost een paspoort voor een volwassene?")
        page.keyboard.press("Enter")
        log = frame.get_by_role("log")
        expect(log).to_contain_text("80,35")
        source = log.get_by_role("link").first
        expect(source).to_have_attribute("href", "https://www.voorbeeld.nl/paspoort")

        page.wait_for_load_state("load")
        results = run_axe(page)
        assert not results["violations"], axe_report(results)

        page.keyboard.press("Escape")
        expect(page.locator(FRAME)).to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "false")
        assert assert_focus_is_visible(page).id == "waarborg-widget-button"
        assert not problems, "\n".join(problems)


def test_forbidden_origin_gets_a_message_and_no_answer(
    widget: Widget,  # noqa: F811
    context: BrowserContext,
    with_sources: Callable[..., str],  # noqa: F811
) -> None:
    html = HOST_PAGE.format(script=f"{widget.base}.js").replace(
        "</main>", f'<iframe title="ingesloten" src="{widget.base}/venster"></iframe></main>'
    )
    with host_site(html) as host:
        page = context.new_page()
        answers: list[str] = []
        page.on(
            "response",
            lambda response: answers.append(response.url) if "/vragen" in response.url else None,
        )
        page.goto(host + "/")
        expect(page.get_by_role("status")).to_have_text(
            "De chatbot is op deze website niet beschikbaar."
        )
        expect(page.locator("#waarborg-widget-button")).to_have_count(0)
        # Put in an iframe by hand, the panel is refused by its frame-ancestors policy.
        page.wait_for_load_state("load")
        embedded = page.frame_locator("iframe[title='ingesloten']")
        expect(embedded.get_by_label("Uw vraag")).to_have_count(0)
        assert answers == []
