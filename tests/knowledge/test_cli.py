"""``waarborg sources`` through typer's runner, against the test database and test site."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner, Result

from tests.governance.conftest import Governed
from tests.knowledge.site import Site
from waarborg.accounts.roles import Role
from waarborg.cli.sources import sources_app

runner = CliRunner()


def invoke(governed: Governed, *args: str, actor: Role | None = None) -> Result:
    app = typer.Typer()
    app.add_typer(sources_app, name="sources")
    env = {
        "WAARBORG_DATABASE_URL": governed.database.url,
        "WAARBORG_KNOWLEDGE_ALLOW_PRIVATE_ADDRESSES": "true",
        "COLUMNS": "250",
    }
    extra = ["--as", governed.tenant.username(actor)] if actor else []
    org = ["--org", governed.tenant.organisation.slug]
    return runner.invoke(app, ["sources", *args, *org, *extra], env=env)


def test_add_list_crawl_remove_files(
    governed: Governed, use_case_slug: str, tmp_path: Path
) -> None:
    (tmp_path / "afval.md").write_text("# Afval\n\nDe container gaat maandag aan de straat.\n")
    added = invoke(governed, "add", str(tmp_path), "--use-case", use_case_slug, actor=Role.EIGENAAR)
    assert added.exit_code == 0, added.output
    assert "1 nieuw" in added.stdout

    listed = invoke(governed, "list", "--use-case", use_case_slug, "--format", "json")
    assert listed.exit_code == 0, listed.output
    [entry] = json.loads(listed.stdout)
    assert (entry["kind"], entry["documents"], entry["chunks"], entry["status"]) == (
        "files",
        1,
        1,
        "gereed",
    )
    table = invoke(governed, "list", "--use-case", use_case_slug)
    assert entry["id"] in table.stdout

    crawled = invoke(governed, "crawl", entry["id"])
    assert crawled.exit_code == 0, crawled.output
    assert "1 ongewijzigd" in crawled.stdout

    refused = invoke(governed, "remove", entry["id"], actor=Role.CISO)
    assert refused.exit_code == 1
    removed = invoke(governed, "remove", entry["id"], actor=Role.BEHEERDER)
    assert removed.exit_code == 0, removed.output
    listed = invoke(governed, "list", "--use-case", use_case_slug, "--format", "json")
    assert json.loads(listed.stdout) == []


def test_add_website_defaults_the_allowed_host(
    governed: Governed, use_case_slug: str, site: Site
) -> None:
    added = invoke(
        governed,
        "add",
        site.url("/"),
        "--use-case",
        use_case_slug,
        "--max-pages",
        "3",
        actor=Role.EIGENAAR,
    )
    assert added.exit_code == 0, added.output
    listed = invoke(governed, "list", "--use-case", use_case_slug, "--format", "json")
    [entry] = json.loads(listed.stdout)
    assert entry["allowed_hosts"] == ["127.0.0.1"]
    assert entry["documents"] == 3


def test_website_on_loopback_is_refused_without_the_setting(
    governed: Governed, use_case_slug: str, site: Site
) -> None:
    app = typer.Typer()
    app.add_typer(sources_app, name="sources")
    result = runner.invoke(
        app,
        [
            "sources", "add", site.url("/"), "--use-case", use_case_slug,
            "--org", governed.tenant.organisation.slug,
            "--as", governed.tenant.username(Role.EIGENAAR),
        ],
        env={"WAARBORG_DATABASE_URL": governed.database.url, "COLUMNS": "250"},
    )  # fmt: skip
    assert result.exit_code == 1
    assert "loopbackadres" in result.output
    assert site.paths() == []


def test_missing_path_and_wrong_role(governed: Governed, use_case_slug: str) -> None:
    missing = invoke(
        governed, "add", "/bestaat/niet", "--use-case", use_case_slug, actor=Role.EIGENAAR
    )
    assert missing.exit_code == 1
    assert "bestaat niet" in missing.output
