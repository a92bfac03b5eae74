"""One real ``waarborg demo`` per test run, one Chromium, and a fresh browser context per test.

Chromium is Debian's (/usr/bin/chromium); Playwright never downloads a browser. Without it the
browser tests skip, except in CI (CI=true), where they must run and so fail instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Route,
    ViewportSize,
    sync_playwright,
)

from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_HOST,
    Accounts,
    DemoServer,
    Site,
    is_local,
    read_logins,
    waarborg_command,
    waarborg_env,
)
from waarborg.demo.seed import LOGINS_FILE

STARTUP_SECONDS = 60
STOP_SECONDS = 15
# Every page is looked at by a Dutch civil servant unless a test switches the language.
LOCALE = "nl-NL"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
# Chromium reports every 4xx/5xx document as a console error; error pages are expected here.
HTTP_STATUS_CONSOLE_MESSAGE = "Failed to load resource: the server responded with a status of"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOCAL_HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _tail(path: Path, characters: int = 4000) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return text[-characters:] or "(empty)"


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, stderr: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    last = "no answer yet"
    with httpx.Client(timeout=2, trust_env=False) as http:  # trust_env=False: never a proxy
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"'waarborg demo' exited with {process.returncode} before it was ready.\n"
                    f"stderr:\n{_tail(stderr)}",
                    pytrace=False,
                )
            try:
                response = http.get(url + "/readyz")
            except httpx.TransportError as error:
                last = f"{type(error).__name__}: {error}"
            else:
                if response.status_code == 200:
                    return
                last = f"HTTP {response.status_code}: {response.text}"
            time.sleep(0.1)
    pytest.fail(
        f"'waarborg demo' did not answer 200 on {url}/readyz within {STARTUP_SECONDS} s "
        f"(last: {last}).\nstderr:\n{_tail(stderr)}",
        pytrace=False,
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_SECONDS)


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """``waarborg demo --port <free port>`` on a fresh SQLite data directory, like a newcomer."""
    folder = tmp_path_factory.mktemp("demo")
    data_dir = folder / "data"
    stdout_path, stderr_path = folder / "stdout.txt", folder / "stderr.txt"
    port = _free_port()
    url = f"http://{LOCAL_HOST}:{port}"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [str(waarborg_command()), "demo", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            cwd=folder,
            env=waarborg_env(data_dir),
        )
    try:
        _wait_until_ready(process, url, stderr_path)
        logins = read_logins(data_dir / LOGINS_FILE)
        yield DemoServer(url=url, data_dir=data_dir, stdout_path=stdout_path, logins=logins)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} is missing: install Debian's chromium package (scripts/system-deps.sh)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; the browser tests are required in CI", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class _Guard:
    """Aborts and remembers any request that is not for the demo on 127.0.0.1."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


def _new_context(browser: Browser, guard: _Guard) -> BrowserContext:
    context = browser.new_context(locale=LOCALE, viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    context.route("**/*", guard)
    return context


@pytest.fixture(scope="session")
def accounts(browser: Browser, demo_server: DemoServer) -> Iterator[Accounts]:
    guard = _Guard()
    yield Accounts(demo_server, lambda: _new_context(browser, guard))
    assert not guard.blocked, f"requests to other hosts than {LOCAL_HOST}: {guard.blocked}"


@pytest.fixture
def site(browser: Browser, accounts: Accounts) -> Iterator[Site]:
    """A fresh browser context (no cookies) with one tab, watched for errors and stray traffic."""
    guard = _Guard()
    context = _new_context(browser, guard)
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith(HTTP_STATUS_CONSOLE_MESSAGE):
            problems.append(f"console error: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        yield Site(context, page, accounts)
    finally:
        context.close()
    assert not guard.blocked, f"requests to other hosts than {LOCAL_HOST}: {guard.blocked}"
    assert not problems, "\n".join(problems)
