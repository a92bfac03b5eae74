"""``waarborg usecase widget``: origins and limits, by the owner or an administrator only."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner, Result

from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from waarborg.accounts.roles import Role
from waarborg.cli import app
from waarborg.db.tables import UseCaseChange

runner = CliRunner()


def _invoke(
    governed: Governed,  # noqa: F811
    database_url: str,
    tmp_path: Path,
    role: Role,
    *args: str,
) -> Result:
    env = {
        "WAARBORG_DATABASE_URL": database_url,
        "WAARBORG_DATA_DIR": str(tmp_path),
        "COLUMNS": "250",
    }
    where = ["--org", governed.tenant.organisation.slug, "--as", governed.tenant.username(role)]
    return runner.invoke(app, ["usecase", "widget", "burgerchat", *args, *where], env=env)


def test_owner_sets_origins_and_limits_and_the_history_records_it(
    governed: Governed,  # noqa: F811
    database_url: str,
    tmp_path: Path,
) -> None:
    governed.create("burgerchat")
    result = _invoke(
        governed,
        database_url,
        tmp_path,
        Role.EIGENAAR,
        "--origin",
        "https://www.Voorbeeld.nl/",
        "--origin",
        "http://127.0.0.1:8081",
        "--session-limit",
        "5",
        "--daily-limit",
        "100",
    )
    assert result.exit_code == 0, result.output
    assert "/widget/" in result.output
    assert "burgerchat.js" in result.output
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, "burgerchat")
        assert use_case.widget_origins == ["http://127.0.0.1:8081", "https://www.voorbeeld.nl"]
        assert (use_case.widget_session_limit, use_case.widget_daily_limit) == (5, 100)
        change = session.scalars(
            select(UseCaseChange).where(
                UseCaseChange.use_case_id == use_case.id, UseCaseChange.action == "widget"
            )
        ).one()
        assert "widget_origins" in change.summary


def test_plain_http_and_other_roles_are_refused(
    governed: Governed,  # noqa: F811
    database_url: str,
    tmp_path: Path,
) -> None:
    governed.create("burgerchat")
    insecure = _invoke(
        governed, database_url, tmp_path, Role.EIGENAAR, "--origin", "http://www.voorbeeld.nl"
    )
    assert insecure.exit_code != 0
    assert "geen origin" in insecure.output
    other = _invoke(
        governed, database_url, tmp_path, Role.AUDITOR, "--origin", "https://www.voorbeeld.nl"
    )
    assert other.exit_code != 0
    with governed.database.session(governed.organisation_id) as session:
        assert governed.use_case(session, "burgerchat").widget_origins == []
