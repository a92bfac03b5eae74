"""The ``waarborg`` command on both databases: each command works, and each refusal is a
clear message on stderr with a non-zero exit that changes nothing."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from waarborg import __version__
from waarborg.cli import app
from waarborg.db.database import Database
from waarborg.db.tables import ApiKey, Organisation, User

runner = CliRunner()


def run(env: dict[str, str], *args: str) -> Result:
    # A wide terminal so that rich does not wrap table cells in the middle of a name.
    return runner.invoke(app, list(args), env={"COLUMNS": "250", **env})


@pytest.fixture
def env(database: Database, database_url: str, tmp_path: Path) -> dict[str, str]:
    return {"WAARBORG_DATABASE_URL": database_url, "WAARBORG_DATA_DIR": str(tmp_path)}


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"waarborg {__version__}"


def test_organisation_user_and_api_key_lifecycle(env: dict[str, str], database: Database) -> None:
    slug = f"gemeente-{uuid.uuid4().hex[:6]}"
    created = run(env, "org", "create", slug, "--name", "Gemeente Proef")
    assert created.exit_code == 0, created.output
    assert slug in run(env, "org", "list").stdout

    username = f"j.jansen.{slug}"
    user = run(
        {**env, "WAARBORG_USER_PASSWORD": "een-lang-wachtwoord"},
        "user",
        "create",
        username,
        "--org",
        slug,
        "--role",
        "eigenaar",
        "--role",
        "CISO",
        "--name",
        "Jan Jansen",
    )
    assert user.exit_code == 0, user.output
    listing = run(env, "user", "list", "--org", slug).stdout
    assert username in listing
    assert "ciso, eigenaar" in listing

    duplicate = run(
        {**env, "WAARBORG_USER_PASSWORD": "een-lang-wachtwoord"},
        "user",
        "create",
        username,
        "--org",
        slug,
        "--role",
        "auditor",
    )
    assert duplicate.exit_code == 1
    assert "al in gebruik" in duplicate.stderr

    disabled = run(env, "user", "disable", username)
    assert disabled.exit_code == 0
    again = run(env, "user", "disable", username)
    assert again.exit_code == 1
    assert "al uitgeschakeld" in again.stderr
    with database.session() as session:
        stored = session.scalar(select(User).where(User.username == username))
        assert stored is not None
        assert not stored.active
        assert stored.role_names == ["ciso", "eigenaar"]

    key = run(env, "apikey", "create", "--org", slug, "--name", "Open WebUI")
    assert key.exit_code == 0, key.output
    secret = key.stdout.strip().splitlines()[-1]
    assert secret.startswith("wb_")
    listing = run(env, "apikey", "list", "--org", slug).stdout
    assert "Open WebUI" in listing
    assert secret not in listing
    with database.session() as session:
        key_id = session.scalar(
            select(ApiKey.id).join(Organisation).where(Organisation.slug == slug)
        )
    assert key_id is not None
    assert run(env, "apikey", "revoke", key_id, "--org", slug).exit_code == 0
    assert "ingetrokken" in run(env, "apikey", "list", "--org", slug).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("org", "create", "Ongeldig Slug!", "--name", "X"), "geen geldige korte naam"),
        (("user", "list", "--org", "bestaat-niet"), "bestaat niet"),
        (("user", "disable", "niemand-hier"), "bestaat niet"),
        (
            ("user", "create", "iemand", "--org", "x", "--role", "koning", "--oidc-only"),
            "Onbekende rol",
        ),
        (("apikey", "revoke", "geen-id", "--org", "bestaat-niet"), "bestaat niet"),
    ],
)
def test_refusals_are_clear(env: dict[str, str], args: tuple[str, ...], message: str) -> None:
    result = run(env, *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_weak_password_is_refused_and_no_user_is_created(
    env: dict[str, str], database: Database
) -> None:
    slug = f"gemeente-{uuid.uuid4().hex[:6]}"
    run(env, "org", "create", slug, "--name", "Gemeente Zwak")
    result = run(
        env,
        "user",
        "create",
        f"zwak.{slug}",
        "--org",
        slug,
        "--role",
        "medewerker",
        "--password",
        "kort",
    )
    assert result.exit_code == 1
    assert "minstens 12 tekens" in result.stderr
    with database.session() as session:
        assert session.scalar(select(User).where(User.username == f"zwak.{slug}")) is None


def test_wrong_setting_names_the_variable(env: dict[str, str]) -> None:
    result = run({**env, "WAARBORG_SESSION_IDLE_MINUTES": "nul"}, "org", "list")
    assert result.exit_code == 2
    assert "WAARBORG_SESSION_IDLE_MINUTES" in result.stderr
    other = run({**env, "WAARBORG_DATABASE_URL": "mysql://x"}, "db", "upgrade")
    assert other.exit_code == 2
    assert "WAARBORG_DATABASE_URL" in other.stderr


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    env = {
        "WAARBORG_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/none",
        "WAARBORG_DATA_DIR": str(tmp_path),
    }
    result = run(env, "db", "upgrade")
    assert result.exit_code == 1
    assert "De database is niet bereikbaar" in result.stderr


def test_db_upgrade_status_and_a_database_from_the_future(
    empty_database_url: str, tmp_path: Path
) -> None:
    env = {"WAARBORG_DATABASE_URL": empty_database_url, "WAARBORG_DATA_DIR": str(tmp_path)}
    assert run(env, "db", "status").exit_code == 1
    assert "niet actueel" in run(env, "org", "list").stderr
    first = run(env, "db", "upgrade")
    assert first.exit_code == 0
    assert "bijgewerkt" in first.stdout
    assert "al actueel" in run(env, "db", "upgrade").stdout
    assert run(env, "db", "status").exit_code == 0

    database = Database(empty_database_url)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'toekomst'")
    database.dispose()
    refused = run(env, "db", "upgrade")
    assert refused.exit_code == 1
    assert "nieuwere versie" in refused.stderr
    assert "nieuwere versie" in run(env, "org", "list").stderr


def test_installed_entry_point_runs(tmp_path: Path) -> None:
    executable = Path(sys.executable).with_name("waarborg")
    result = subprocess.run(
        [str(executable), "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"waarborg {__version__}"
