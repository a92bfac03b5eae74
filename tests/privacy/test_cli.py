"""``waarborg privacy scan`` and ``redact``: output, stdin, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from waarborg.cli import app
from waarborg.cli.privacy import privacy_app

runner = CliRunner()
RECORDS = [
    {"id": 1, "text": "Mijn BSN is 123456782, bel 06-12345678."},
    {"id": "b", "text": "Mevrouw Bakker woont in Zwolle."},
]


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS))
    return path


def test_scan_writes_one_line_per_record(jsonl: Path) -> None:
    result = runner.invoke(privacy_app, ["scan", str(jsonl), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0] == {
        "id": 1,
        "entities": [
            {"start": 12, "end": 21, "type": "BSN"},
            {"start": 27, "end": 38, "type": "TELEFOON"},
        ],
    }
    assert [e["type"] for e in lines[1]["entities"]] == ["PERSOON", "WOONPLAATS"]


def test_scan_reads_stdin(jsonl: Path) -> None:
    result = runner.invoke(privacy_app, ["scan", "-"], input=jsonl.read_text())
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def test_redact_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Geachte heer Jansen,\nUw BSN 123456782 is bekend.\nGroet, Jansen\n")
    result = runner.invoke(privacy_app, ["redact", str(path)])
    assert result.exit_code == 0
    assert result.stdout == (
        "Geachte heer [PERSOON_1],\nUw BSN [BSN_1] is bekend.\nGroet, [PERSOON_1]\n"
    )


def test_redact_jsonl(jsonl: Path) -> None:
    result = runner.invoke(privacy_app, ["redact", str(jsonl)])
    assert result.exit_code == 0
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == [
        "Mijn BSN is [BSN_1], bel [TELEFOON_1].",
        "Mevrouw [PERSOON_1] woont in [WOONPLAATS_1].",
    ]


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(privacy_app, ["scan", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "niet gevonden" in result.stderr


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n')
    result = runner.invoke(privacy_app, ["scan", str(path)])
    assert result.exit_code == 1
    assert "regel 2" in result.stderr
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize("command", ["scan", "redact"])
def test_binary_input_is_refused(tmp_path: Path, command: str) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8")
    result = runner.invoke(privacy_app, [command, str(path)])
    assert result.exit_code == 1
    assert "Binaire invoer" in result.stderr


def _privacy_registered() -> bool:
    return "privacy" in getattr(typer.main.get_command(app), "commands", {})


@pytest.mark.skipif(not _privacy_registered(), reason="privacy_app not yet added to cli/main.py")
def test_installed_command_scans(jsonl: Path) -> None:
    """The real ``waarborg`` console script, as an operator runs it."""
    script = Path(sys.executable).parent / "waarborg"
    completed = subprocess.run(
        [str(script), "privacy", "scan", str(jsonl), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert [json.loads(line)["id"] for line in completed.stdout.splitlines()] == [1, "b"]
