"""The governance commands script a whole lifecycle; refusals name what is missing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from tests.answering.conftest import add_pages
from tests.governance.conftest import COMPLETE_ASSESSMENT, Governed
from waarborg.accounts.roles import Role
from waarborg.cli import app
from waarborg.db.database import Database

runner = CliRunner()


@pytest.fixture
def run(governed: Governed, database_url: str, tmp_path: Path) -> object:
    env = {
        "WAARBORG_DATABASE_URL": database_url,
        "WAARBORG_DATA_DIR": str(tmp_path),
        "COLUMNS": "250",
    }

    slug = governed.tenant.organisation.slug

    def invoke(*args: str, actor: Role | None = None) -> Result:
        extra = ["--as", governed.tenant.username(actor)] if actor else []
        # Organisation commands name the organisation as their argument, others with --org.
        where = [slug] if args[0] == "org" else ["--org", slug]
        return runner.invoke(app, [*args, *where, *extra], env=env)

    return invoke


def test_scripted_lifecycle_from_yaml_to_production_and_suspension(
    run: object, governed: Governed, tmp_path: Path, database: Database
) -> None:
    invoke = run  # type: ignore[assignment]
    spec = tmp_path / "burgerchat.yaml"
    spec.write_text(
        yaml.safe_dump(
            {
                "slug": "burgerchat",
                "name": "Burgerchat",
                "purpose": "Inwoners helpen.",
                "audience": "publiek",
                "personal_data_policy": "pseudonimiseren",
                "human_oversight": "Steekproeven door Klantcontact.",
                "contact_email": "ai@voorbeeld.nl",
            }
        )
    )
    created = invoke("usecase", "create", "--from", str(spec), actor=Role.EIGENAAR)
    assert created.exit_code == 0, created.output

    listed = json.loads(invoke("usecase", "list", "--format", "json").stdout)
    assert [(u["slug"], u["status"]) for u in listed] == [("burgerchat", "concept")]

    refused = invoke("usecase", "status", "burgerchat", "in_beoordeling", actor=Role.EIGENAAR)
    assert refused.exit_code == 1
    assert "Noodzaak en proportionaliteit" in refused.stderr
    assert "DPIA" in refused.stderr

    assessment = tmp_path / "beoordeling.json"
    assessment.write_text(json.dumps(COMPLETE_ASSESSMENT))
    assessed = invoke(
        "usecase", "assess", "burgerchat", "--from", str(assessment), actor=Role.EIGENAAR
    )
    assert assessed.exit_code == 0, assessed.output
    assert (
        invoke("usecase", "status", "burgerchat", "in_beoordeling", actor=Role.EIGENAAR).exit_code
        == 0
    )
    not_yet = invoke("usecase", "status", "burgerchat", "productie", actor=Role.EIGENAAR)
    assert "Akkoord van de privacy officer" in not_yet.stderr

    for role in (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO):
        signed = invoke("usecase", "approve", "burgerchat", "--role", role.value, actor=role)
        assert signed.exit_code == 0, signed.output
    wrong = invoke("usecase", "approve", "burgerchat", "--role", "ciso", actor=Role.MEDEWERKER)
    assert wrong.exit_code == 1
    assert "vraagt de rol ciso" in wrong.stderr

    assert (
        invoke("usecase", "status", "burgerchat", "productie", actor=Role.EIGENAAR).exit_code == 0
    )
    no_reason = invoke("usecase", "suspend", "burgerchat", "--reason", " ", actor=Role.CISO)
    assert "reden" in no_reason.stderr
    assert (
        invoke(
            "usecase", "suspend", "burgerchat", "--reason", "Incident", actor=Role.CISO
        ).exit_code
        == 0
    )
    not_owner = invoke("usecase", "resume", "burgerchat", actor=Role.CISO)
    assert "eigenaar" in not_owner.stderr
    assert invoke("usecase", "resume", "burgerchat", actor=Role.EIGENAAR).exit_code == 0

    shown = json.loads(invoke("usecase", "show", "burgerchat", "--format", "json").stdout)
    assert shown["status"] == "productie"
    assert shown["assessment"]["ai_act"]["risk_group"] == "geen hoog-risico AI-systeem"
    actions = [entry["action"] for entry in shown["history"]]
    assert actions.count("status") == 4
    assert shown["missing"]["productie"] == []

    archive = tmp_path / "export.zip"
    exported = invoke("usecase", "export", "burgerchat", "--output", str(archive))
    assert exported.exit_code == 0, exported.output
    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        history = json.loads(opened.read("history.json"))
    assert {"manifest.json", "use_case.json", "history.json", "approvals.json"} <= names
    assert len(history) == len(shown["history"])
    again = invoke("usecase", "export", "burgerchat", "--output", str(archive))
    assert again.exit_code == 1
    assert "bestaat al" in again.stderr


def test_invalid_input_is_named_and_nothing_is_stored(run: object, tmp_path: Path) -> None:
    invoke = run  # type: ignore[assignment]
    bad = invoke(
        "usecase",
        "create",
        "x",
        "--name",
        "X",
        "--purpose",
        "Y",
        "--audience",
        "iedereen",
        actor=Role.EIGENAAR,
    )
    assert bad.exit_code == 1
    assert "audience" in bad.stderr
    broken = tmp_path / "kapot.yaml"
    broken.write_text("slug: [onaf")
    assert (
        "geen geldige YAML"
        in invoke("usecase", "create", "--from", str(broken), actor=Role.EIGENAAR).stderr
    )
    answers = invoke("usecase", "create", "y", "--name", "Y", "--purpose", "Z", actor=Role.EIGENAAR)
    assert answers.exit_code == 0
    wrong_answer = invoke(
        "usecase", "assess", "y", "--ai-act", "verboden=misschien", actor=Role.EIGENAAR
    )
    assert "geen antwoord op 'verboden'" in wrong_answer.stderr
    assert json.loads(invoke("usecase", "list", "--format", "json").stdout)[0]["version"] == 1


def test_models_agreements_and_organisation_switch(run: object) -> None:
    invoke = run  # type: ignore[assignment]
    models = json.loads(invoke("model", "list", "--format", "json").stdout)
    by_key = {m["key"]: m for m in models}
    assert by_key["gpt-4o-api"]["warnings"]
    assert not by_key["gpt-4o-api"]["agreement"]
    assert by_key["extractief"]["agreement"]
    assert (
        invoke("model", "suspend", "gpt-4o-api", "--reason", "Test", actor=Role.CISO).exit_code == 0
    )
    suspended = {
        m["key"]: m["suspended"]
        for m in json.loads(invoke("model", "list", "--format", "json").stdout)
    }
    assert suspended["gpt-4o-api"]
    assert not suspended["extractief"]
    assert invoke("model", "resume", "gpt-4o-api", actor=Role.MEDEWERKER).exit_code == 1

    agreed = invoke(
        "agreement",
        "set",
        "Mistral AI",
        "--data-sharing",
        "Alleen prompts",
        "--retention",
        "Niet bewaard",
        "--hosting",
        "eu",
        actor=Role.BEHEERDER,
    )
    assert agreed.exit_code == 0, agreed.output
    providers = [
        a["provider"] for a in json.loads(invoke("agreement", "list", "--format", "json").stdout)
    ]
    assert "Mistral AI" in providers

    assert invoke("org", "policy", "--block-non-eu", actor=Role.BEHEERDER).exit_code == 0
    assert invoke("org", "suspend", "--reason", "Oefening", actor=Role.CISO).exit_code == 0
    assert "al geschorst" in invoke("org", "suspend", "--reason", "x", actor=Role.CISO).stderr
    assert invoke("org", "resume", actor=Role.BEHEERDER).exit_code == 0


def test_exit_archive_holds_the_sources(
    governed: Governed, database_url: str, tmp_path: Path
) -> None:
    slug = governed.create("met-bronnen")
    with governed.database.session(governed.organisation_id) as session:
        add_pages(
            session,
            governed.organisation_id,
            governed.use_case(session, slug).id,
            {"https://www.voorbeeld.nl/a": ("Pagina A", "Tekst van pagina A.")},
        )
    archive = tmp_path / "archief.zip"
    result = runner.invoke(
        app,
        [
            "usecase",
            "export",
            slug,
            "--org",
            governed.tenant.organisation.slug,
            "--output",
            str(archive),
        ],
        env={"WAARBORG_DATABASE_URL": database_url, "WAARBORG_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as opened:
        sources = json.loads(opened.read("sources.json"))
    assert sources[0]["documents"][0]["location"] == "https://www.voorbeeld.nl/a"
    assert sources[0]["documents"][0]["chunks"][0]["text"] == "Tekst van pagina A."
