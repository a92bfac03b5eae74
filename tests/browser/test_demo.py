"""``waarborg demo`` as a newcomer meets it: the logins on screen, kept privately on disk."""

from __future__ import annotations

import stat

import pytest

from tests.browser import DEMO_USERNAMES, DemoServer
from waarborg.demo.seed import LOGINS_FILE

pytestmark = pytest.mark.browser


def test_demo_prints_every_login(demo_server: DemoServer) -> None:
    output = demo_server.stdout()
    assert set(demo_server.logins) == set(DEMO_USERNAMES)
    for username, password in demo_server.logins.items():
        rows = [line for line in output.splitlines() if password in line]
        assert rows, f"the password of {username} is not on stdout:\n{output}"
        assert username in rows[0], f"the password of {username} is printed as: {rows[0]!r}"
    assert f"Waarborg luistert op {demo_server.url}" in output


def test_demo_logins_file_is_private(demo_server: DemoServer) -> None:
    mode = stat.S_IMODE((demo_server.data_dir / LOGINS_FILE).stat().st_mode)
    assert mode & 0o077 == 0, f"{LOGINS_FILE} is readable by others: {oct(mode)}"
