"""Every setting and every CLI command is documented (and nothing documented is gone)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from waarborg.cli import app as cli_app
from waarborg.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented_with_help_text() -> None:
    text = (DOCS / "configuration.md").read_text()
    documented = set(re.findall(r"`(WAARBORG_[A-Z_]+)`", text))
    for name, field in Settings.model_fields.items():
        variable = f"WAARBORG_{name.upper()}"
        assert variable in documented, f"{variable} is missing from docs/configuration.md"
        assert field.description, f"{variable} has no help text"
    known = {f"WAARBORG_{name.upper()}" for name in Settings.model_fields}
    test_only = {
        "WAARBORG_REQUIRE_POSTGRES",
        "WAARBORG_TEST_POSTGRES_DSN",
        "WAARBORG_USER_PASSWORD",
    }
    assert documented - known - test_only == set(), "docs name settings that do not exist"


def _command_paths(command: object, prefix: str) -> list[str]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        paths = []
        for name, sub in subcommands.items():
            paths += _command_paths(sub, f"{prefix} {name}")
        return paths
    return [prefix]


def test_every_cli_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text()
    headings = set(re.findall(r"^## `([^`]+)`", text, flags=re.MULTILINE))
    commands = set(_command_paths(typer.main.get_command(cli_app), "waarborg"))
    assert commands, "no commands found"
    missing = commands - headings
    assert not missing, f"undocumented commands: {sorted(missing)}"
    stale = headings - commands - {"waarborg --version"}
    assert not stale, f"docs/cli.md describes commands that do not exist: {sorted(stale)}"
