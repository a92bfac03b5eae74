"""``waarborg purge``, ``usecase hold/release`` and ``user export`` through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from tests.conftest import Tenant
from tests.retention.conftest import SECRET, World
from waarborg.accounts.roles import Role
from waarborg.cli import app
from waarborg.db.tables import AuditEvent, UseCase, UseCaseChange

runner = CliRunner()


def run(env: dict[str, str], *args: str) -> Result:
    return runner.invoke(app, list(args), env={"COLUMNS": "250", **env})


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "WAARBORG_DATABASE_URL": database_url,
        "WAARBORG_DATA_DIR": str(tmp_path),
        "WAARBORG_SECRET_KEY": SECRET.decode(),
    }


def test_purge_dry_run_reports_and_keeps(world: World, env: dict[str, str]) -> None:
    world.use_case("loket")
    expired = world.conversation("loket", Role.MEDEWERKER, "Oud", timedelta(days=-1))

    result = run(env, "purge", "--dry-run", "--format", "json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dry_run"] is True
    assert report["counts"][world.tenant.organisation.slug]["conversations"] == 1
    assert world.rows(expired) == (1, 2, 1)

    result = run(env, "purge")
    assert result.exit_code == 0, result.output
    assert world.tenant.organisation.slug in result.stdout
    assert world.rows(expired) == (0, 0, 0)
    with world.database.session(world.organisation_id) as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "bewaartermijn_opgeschoond")
        ).one()
        assert event.actor == "beheer-cli"


def test_purge_refuses_a_short_audit_retention(env: dict[str, str]) -> None:
    result = run({**env, "WAARBORG_AUDIT_RETENTION_DAYS": "30"}, "purge", "--dry-run")
    assert result.exit_code == 2
    assert "AUDIT_RETENTION_DAYS" in result.stderr


def test_legal_hold_and_release(world: World, env: dict[str, str]) -> None:
    world.use_case("dossier")
    org = world.tenant.organisation.slug
    staff = world.tenant.username(Role.MEDEWERKER)
    officer = world.tenant.username(Role.PRIVACY_OFFICER)

    refused = run(env, "usecase", "hold", "dossier", "--org", org, "--reason", "x", "--as", staff)
    assert refused.exit_code == 1
    assert "privacy_officer" in refused.stderr
    no_reason = run(
        env, "usecase", "hold", "dossier", "--org", org, "--reason", " ", "--as", officer
    )
    assert no_reason.exit_code == 1

    held = run(
        env, "usecase", "hold", "dossier", "--org", org, "--reason", "Zaak 2026-17", "--as", officer
    )
    assert held.exit_code == 0, held.output
    with world.database.session(world.organisation_id) as session:
        use_case = session.scalars(select(UseCase).where(UseCase.slug == "dossier")).one()
        assert use_case.legal_hold
        assert use_case.legal_hold_reason == "Zaak 2026-17"
    again = run(env, "usecase", "hold", "dossier", "--org", org, "--reason", "y", "--as", officer)
    assert again.exit_code == 1

    released = run(env, "usecase", "release", "dossier", "--org", org, "--as", officer)
    assert released.exit_code == 0, released.output
    with world.database.session(world.organisation_id) as session:
        use_case = session.scalars(select(UseCase).where(UseCase.slug == "dossier")).one()
        assert not use_case.legal_hold
        actions = list(
            session.scalars(
                select(UseCaseChange.action).where(UseCaseChange.use_case_id == use_case.id)
            )
        )
        assert "bewaring_geplaatst" in actions
        assert "bewaring_opgeheven" in actions
        audited = list(session.scalars(select(AuditEvent).where(AuditEvent.use_case == "dossier")))
        assert {e.action for e in audited} >= {
            "toepassing_bewaring_geplaatst",
            "toepassing_bewaring_opgeheven",
        }
        # The reason is in the history, never in the audit log.
        assert all("Zaak" not in json.dumps(e.detail) for e in audited)


def test_user_export_holds_their_conversation_and_nobody_elses(
    world: World, env: dict[str, str], tmp_path: Path
) -> None:
    world.use_case("loket")
    world.conversation("loket", Role.MEDEWERKER, "Mijn eigen vraag over afval", timedelta(days=3))
    world.conversation("loket", Role.EIGENAAR, "Vraag van een collega", timedelta(days=3))
    username = world.tenant.username(Role.MEDEWERKER)
    target = tmp_path / "export.json"

    result = run(
        env,
        "user",
        "export",
        username,
        "--org",
        world.tenant.organisation.slug,
        "--output",
        str(target),
    )

    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["account"]["username"] == username
    assert data["roles"] == ["medewerker"]
    texts = [m["text"] for c in data["conversations"] for m in c["messages"]]
    assert "Mijn eigen vraag over afval" in texts
    assert data["feedback"][0]["comment"] == "Toelichting bij Mijn eigen vraag over afval"
    everything = target.read_text(encoding="utf-8")
    assert "collega" not in everything
    assert world.tenant.username(Role.EIGENAAR) not in everything
    assert "password" not in everything
    assert "key_hash" not in everything


def test_user_export_refuses_a_user_of_another_organisation(
    world: World, env: dict[str, str], make_tenant: Callable[..., Tenant]
) -> None:
    other = make_tenant("ander")
    result = run(
        env,
        "user",
        "export",
        world.tenant.username(Role.MEDEWERKER),
        "--org",
        other.organisation.slug,
    )
    assert result.exit_code == 1
    assert "Mijn" not in result.stdout
