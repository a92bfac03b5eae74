"""``waarborg register export``: JSON on stdout or in a file, or the missing fields and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from tests.register.conftest import Governed, in_production
from waarborg.cli.register import register_app
from waarborg.db.database import Database

runner = CliRunner()

# Mounted as in waarborg/cli/main.py (a group with one command would otherwise collapse into it).
cli = typer.Typer()
cli.add_typer(register_app, name="register")


@pytest.fixture
def env(database: Database, database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "WAARBORG_DATABASE_URL": database_url,
        "WAARBORG_DATA_DIR": str(tmp_path),
        "WAARBORG_PUBLIC_URL": "https://ai.voorbeeld.nl",
        "COLUMNS": "250",
    }


def run(env: dict[str, str], *args: str) -> Result:
    return runner.invoke(cli, ["register", *args], env=env)


def test_export_to_stdout(env: dict[str, str], governed: Governed) -> None:
    slug = in_production(governed)
    org = governed.tenant.organisation.slug
    result = run(env, "export", slug, "--org", org)
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)
    assert entry["name"] == "Vraag het de gemeente"
    assert entry["url"] == f"https://ai.voorbeeld.nl/register/{org}/{slug}"


def test_export_to_a_file(env: dict[str, str], governed: Governed, tmp_path: Path) -> None:
    slug = in_production(governed)
    target = tmp_path / "register.json"
    org = governed.tenant.organisation.slug
    result = run(env, "export", slug, "--org", org, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text("utf-8"))["status"] == "In gebruik"
    assert str(target) in result.stdout


def test_missing_fields_end_in_a_list_and_exit_1(env: dict[str, str], governed: Governed) -> None:
    governed.create("onaf", contact_email="")
    result = run(env, "export", "onaf", "--org", governed.tenant.organisation.slug)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Contactgegevens (contact_email) ontbreekt" in result.stderr
    assert "Publicatiecategorie (publication_category) ontbreekt" in result.stderr


def test_unknown_use_case_or_organisation(env: dict[str, str], governed: Governed) -> None:
    result = run(env, "export", "bestaat-niet", "--org", governed.tenant.organisation.slug)
    assert result.exit_code == 1
    assert "bestaat niet" in result.stderr
    result = run(env, "export", "burgerchat", "--org", "onbekende-organisatie")
    assert result.exit_code == 1
    assert "bestaat niet" in result.stderr
