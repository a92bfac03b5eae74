"""The audit chain: written by questions and governance changes, pseudonymous, and any altered,
removed or reordered event is found and named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from typer.testing import CliRunner

from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from waarborg.accounts.roles import Role
from waarborg.audit.chain import append
from waarborg.audit.verify import verify_chain
from waarborg.cli import app as cli_app
from waarborg.db.tables import AuditEvent
from waarborg.governance.catalogue import get_model
from waarborg.governance.kill_switch import (
    resume_model_entry,
    resume_organisation,
    suspend_model_entry,
    suspend_organisation,
)
from waarborg.governance.policy import Caller
from waarborg.knowledge.index_cache import IndexCache
from waarborg.pipeline.ask import ask


def _events(g: Governed) -> list[AuditEvent]:
    with g.database.session(g.organisation_id) as session:
        query = select(AuditEvent).where(AuditEvent.organisation_id == g.organisation_id)
        return list(session.scalars(query.order_by(AuditEvent.sequence)))


def test_questions_and_governance_changes_are_recorded_pseudonymously(
    governed: Governed,  # noqa: F811
    with_sources: Callable[..., str],  # noqa: F811
) -> None:
    slug = with_sources()
    with governed.database.session(governed.organisation_id) as session:
        ask(
            session,
            governed.organisation(session),
            slug,
            Caller(),
            "Mijn BSN is 111222333, wat kost een paspoort?",
            IndexCache(),
        )
    events = _events(governed)
    actions = [e.action for e in events]
    assert actions[:2] == ["toepassing_aangemaakt", "toepassing_status"]
    question = events[-1]
    assert (question.kind, question.action, question.actor) == ("verzoek", "vraag", "anoniem")
    assert question.detail["reason"] == "personal_data_in_sandbox"
    assert question.detail["personal_data"] == ["BSN"]
    assert "111222333" not in repr([e.detail for e in events])
    owner = governed.actors[next(iter(governed.actors))]
    assert all(e.actor.startswith(("gebruiker:", "anoniem")) for e in events)
    assert all(owner.label not in e.actor for e in events)
    assert verify_chain_of(governed) == (len(events), [])


def verify_chain_of(g: Governed) -> tuple[int, list[str]]:
    with g.database.session(g.organisation_id) as session:
        count, problems = verify_chain(session, g.organisation_id)
    return count, [p.message for p in problems]


@pytest.fixture
def chain(governed: Governed) -> Governed:  # noqa: F811
    with governed.database.session(governed.organisation_id) as session:
        for number in range(5):
            append(
                session,
                governed.organisation_id,
                "beheer",
                f"test_{number}",
                "anoniem",
                detail={"n": number},
            )
    return governed


def _mutate(g: Governed, statement: object) -> None:
    with g.database.session() as session:
        session.execute(statement)  # type: ignore[call-overload]


def test_an_altered_event_is_named(chain: Governed) -> None:
    _mutate(
        chain,
        update(AuditEvent)
        .where(AuditEvent.organisation_id == chain.organisation_id, AuditEvent.sequence == 3)
        .values(action="iets_anders"),
    )
    assert verify_chain_of(chain)[1] == ["gebeurtenis 3 is gewijzigd"]


def test_a_removed_event_is_named(chain: Governed) -> None:
    _mutate(
        chain,
        delete(AuditEvent).where(
            AuditEvent.organisation_id == chain.organisation_id, AuditEvent.sequence == 2
        ),
    )
    problems = verify_chain_of(chain)[1]
    assert "gebeurtenis 2 t/m 2 ontbreekt" in problems
    assert any("3 volgt niet op de vorige" in p for p in problems)


def test_a_removed_last_event_is_found(chain: Governed) -> None:
    _mutate(
        chain,
        delete(AuditEvent).where(
            AuditEvent.organisation_id == chain.organisation_id, AuditEvent.sequence == 5
        ),
    )
    assert verify_chain_of(chain)[1] == ["de laatste gebeurtenis(sen) tot 5 ontbreken"]


def test_reordered_events_are_found(chain: Governed) -> None:
    table = AuditEvent.__table__
    where = table.c.organisation_id == chain.organisation_id
    _mutate(chain, update(table).where(where, table.c.sequence == 2).values(sequence=-2))
    _mutate(chain, update(table).where(where, table.c.sequence == 4).values(sequence=2))
    _mutate(chain, update(table).where(where, table.c.sequence == -2).values(sequence=4))
    problems = verify_chain_of(chain)[1]
    assert "gebeurtenis 2 volgt niet op de vorige (verwijderd of verplaatst)" in problems
    assert "gebeurtenis 2 is gewijzigd" in problems


def test_cli_verify(chain: Governed, database_url: str, tmp_path: Path) -> None:
    env = {"WAARBORG_DATABASE_URL": database_url, "WAARBORG_DATA_DIR": str(tmp_path)}
    org = chain.tenant.organisation.slug
    intact = CliRunner().invoke(cli_app, ["audit", "verify", "--org", org], env=env)
    assert intact.exit_code == 0
    assert "intact" in intact.stdout
    _mutate(
        chain,
        update(AuditEvent)
        .where(AuditEvent.organisation_id == chain.organisation_id, AuditEvent.sequence == 4)
        .values(actor="iemand"),
    )
    broken = CliRunner().invoke(cli_app, ["audit", "verify", "--org", org], env=env)
    assert broken.exit_code == 1
    assert "gebeurtenis 4 is gewijzigd" in broken.stdout
    listed = CliRunner().invoke(
        cli_app, ["audit", "list", "--org", org, "--format", "json"], env=env
    )
    assert '"action": "test_4"' in listed.stdout


def test_model_and_organisation_kill_switches_are_audited(governed: Governed) -> None:  # noqa: F811
    ciso, admin = governed.actors[Role.CISO], governed.actors[Role.BEHEERDER]
    with governed.database.session(governed.organisation_id) as session:
        model = get_model(session, governed.organisation_id, "extractief")
        suspend_model_entry(model, ciso, "Geheim incident bij Jansen")
        resume_model_entry(model, ciso)
        suspend_organisation(governed.organisation(session), ciso, "Storing")
        resume_organisation(governed.organisation(session), admin)
    events = _events(governed)
    assert [e.action for e in events] == [
        "model_geschorst",
        "model_hervat",
        "organisatie_geschorst",
        "organisatie_hervat",
    ]
    assert events[0].detail == {"model": "extractief"}
    assert events[0].actor == f"gebruiker:{ciso.user_id}"
    assert "Jansen" not in repr([e.detail for e in events])  # reasons are free text: not kept
    assert verify_chain_of(governed)[1] == []


def test_account_administration_is_audited_without_names_or_keys(
    governed: Governed,  # noqa: F811
    database_url: str,
    tmp_path: Path,
) -> None:
    env = {
        "WAARBORG_DATABASE_URL": database_url,
        "WAARBORG_DATA_DIR": str(tmp_path),
        "WAARBORG_USER_PASSWORD": "een-lang-wachtwoord",
        "COLUMNS": "250",
    }
    org = governed.tenant.organisation.slug
    username = f"nieuwe.collega.{org}"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli_app, ["user", "create", username, "--org", org, "--role", "medewerker"], env=env
        ).exit_code
        == 0
    )
    assert runner.invoke(cli_app, ["user", "disable", username], env=env).exit_code == 0
    created = runner.invoke(
        cli_app, ["apikey", "create", "--org", org, "--name", "Koppeling"], env=env
    )
    secret = created.stdout.strip().splitlines()[-1]
    key_id = created.stdout.split("(id ")[1].split(")")[0]
    assert (
        runner.invoke(cli_app, ["apikey", "revoke", key_id, "--org", org], env=env).exit_code == 0
    )
    events = [e for e in _events(governed) if e.actor == "beheer-cli"]
    assert [e.action for e in events] == [
        "gebruiker_aangemaakt",
        "gebruiker_uitgeschakeld",
        "sleutel_aangemaakt",
        "sleutel_ingetrokken",
    ]
    assert events[0].detail["roles"] == ["medewerker"]
    text = repr([(e.detail, e.actor) for e in events])
    assert username not in text
    assert secret not in text
    assert verify_chain_of(governed)[1] == []
