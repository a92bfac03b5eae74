"""The governed path with a model: streamed through the privacy guard, verified against the
passages, stopped by the kill switch, and falling back when the model is down."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.governance.conftest import Governed
from tests.pipeline.conftest import Resolver, ScriptedModel, run
from waarborg.accounts.roles import Role
from waarborg.audit.chain import append
from waarborg.conversations.store import ConversationStore, Owner
from waarborg.conversations.vault import Vault
from waarborg.db.tables import AuditEvent, ConversationMessage
from waarborg.governance.kill_switch import suspend_use_case
from waarborg.governance.policy import Caller
from waarborg.governance.vocabulary import UseCaseStatus
from waarborg.knowledge.index_cache import IndexCache
from waarborg.models.protocol import ChatMessage
from waarborg.pipeline import stages
from waarborg.pipeline.generation import Delta, Final
from waarborg.pipeline.governed import GovernedPath
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.turn import TurnRequest
from waarborg.pipeline.writer import writer_for

MODEL = "geitje-7b-ultra"
VAULT = Vault(b"a-secret-key-that-is-long-enough-for-tests")
ANSWER = ["Een paspoort voor volwassenen ", "kost € 80,35 [1]. ", "Maak eerst een afspraak [1]."]


def _path(governed: Governed, model: ScriptedModel) -> GovernedPath:
    return GovernedPath(governed.database, IndexCache(), VAULT, Resolver(model), poll_seconds=0.02)


def _turn(governed: Governed, slug: str, question: str, **fields: object) -> TurnRequest:
    return TurnRequest(
        organisation_id=governed.organisation_id,
        use_case_slug=slug,
        caller=Caller(),
        question=question,
        channel="widget",
        **fields,  # type: ignore[arg-type]
    )


async def _collect(path: GovernedPath, turn: TurnRequest) -> tuple[list[str], AnswerResult]:
    pieces: list[str] = []
    async for event in path.events(turn):
        if isinstance(event, Delta):
            pieces.append(event.text)
        elif isinstance(event, Final):
            return pieces, event.result
    raise AssertionError("no final event")


@pytest.fixture
def production(with_sources: Callable[..., str]) -> str:
    return with_sources(status=UseCaseStatus.PRODUCTION, allowed_models=[MODEL, "extractief"])


def test_streamed_answer_is_the_verified_answer_and_is_kept_encrypted(
    governed: Governed, production: str, tmp_path: Path
) -> None:
    model = ScriptedModel(ANSWER)
    owner = Owner(visitor_hash="bezoeker-1")
    turn = _turn(governed, production, "Wat kost een paspoort?", owner=owner)
    pieces, result = run(_collect(_path(governed, model), turn))
    assert not result.refused, result
    assert "".join(pieces).strip() == result.answer
    assert "€ 80,35 [1]" in result.answer
    assert [c.url for c in result.citations] == ["https://www.voorbeeld.nl/paspoort"]
    assert result.support > 0.5
    assert result.engine == "generatief"
    # the prompt carried the passages as numbered sources, in the system message
    system = model.requests[0].messages[0].content
    assert '<bron nummer="1"' in system
    assert "80,35" in system
    with governed.database.session(governed.organisation_id) as session:
        store = ConversationStore(session, VAULT)
        conversation = store.find(result.conversation_id or "", owner)
        assert conversation is not None
        turns = store.turns(conversation)
        assert [t.text for t in turns] == ["Wat kost een paspoort?", result.answer]
        raw = session.scalars(select(ConversationMessage.content)).all()
        assert all(b"paspoort" not in blob for blob in raw)
        event = session.scalars(
            select(AuditEvent).order_by(AuditEvent.sequence.desc()).limit(1)
        ).one()
        assert event.detail["model"] == MODEL
        assert event.detail["tokens"] == {"prompt": 50, "completion": 20}
        assert event.detail["conversation"] == conversation.id


def test_whole_answers_drop_what_the_sources_do_not_support(
    governed: Governed, production: str
) -> None:
    model = ScriptedModel(
        ["Een paspoort kost € 80,35 [1]. ", "Het gemeentehuis is op zondag open [1]."]
    )
    result = run(_path(governed, model).answer(_turn(governed, production, "paspoort")))
    assert "zondag" not in result.answer
    assert result.removed_claims == 1
    streamed = run(_collect(_path(governed, model), _turn(governed, production, "paspoort")))
    assert streamed[1].flagged_claims == ["Het gemeentehuis is op zondag open."]
    assert "(niet onderbouwd)" in streamed[1].answer


def test_model_sees_placeholders_and_the_owner_sees_the_values(
    governed: Governed, production: str
) -> None:
    model = ScriptedModel(["Beste [PERSOON_1], ", "een paspoort kost € 80,35 [1]."])
    question = "Ik ben Jan de Vries, wat kost een paspoort voor mij?"
    _, result = run(_collect(_path(governed, model), _turn(governed, production, question)))
    sent = " ".join(m.content for m in model.requests[0].messages)
    assert "Vries" not in sent
    assert "[PERSOON_1]" in sent
    assert result.answer.startswith("Beste Jan de Vries")


def test_personal_data_the_model_invents_is_masked_and_counted(
    governed: Governed, production: str
) -> None:
    model = ScriptedModel(
        ["Een paspoort kost € 80,35 [1]. ", "Bel mevrouw Bakker op 06-12345678 [1]."]
    )
    pieces, result = run(
        _collect(_path(governed, model), _turn(governed, production, "wat kost een paspoort"))
    )
    shown = "".join(pieces)
    assert "06-12345678" not in shown
    assert "06-12345678" not in result.answer
    assert "[TELEFOON]" in shown
    assert result.masked_output >= 1


def test_kill_switch_stops_a_stream_in_flight(governed: Governed, production: str) -> None:
    gate = asyncio.Event()
    model = ScriptedModel(ANSWER, gate=gate)

    async def scenario() -> tuple[list[str], AnswerResult]:
        pieces: list[str] = []
        async for event in _path(governed, model).events(
            _turn(governed, production, "Wat kost een paspoort?")
        ):
            if isinstance(event, Final):
                gate.set()
                return pieces, event.result
            pieces.append(event.text)
        raise AssertionError("no final")

    async def suspend_soon() -> None:
        while not model.requests:  # the model has started writing
            await asyncio.sleep(0.01)
        with governed.database.session(governed.organisation_id) as session:
            use_case = governed.use_case(session, production)
            suspend_use_case(session, use_case, governed.actors[Role.CISO], "Storing")

    async def both() -> tuple[list[str], AnswerResult]:
        outcome, _ = await asyncio.gather(scenario(), suspend_soon())
        return outcome

    pieces, result = run(both())
    assert result.refused
    assert result.reason == "use_case_suspended"
    assert "afgebroken" in result.answer
    assert "afspraak" not in "".join(pieces)  # nothing after the stop was sent


@pytest.mark.parametrize(
    ("fallback", "refused", "engine"),
    [("extractief", False, "extractief (terugval)"), ("weigeren", True, "")],
)
def test_model_down_before_answering_falls_back_as_configured(
    governed: Governed,
    with_sources: Callable[..., str],
    fallback: str,
    refused: bool,
    engine: str,
) -> None:
    slug = with_sources(
        status=UseCaseStatus.PRODUCTION, allowed_models=[MODEL], model_fallback=fallback
    )
    model = ScriptedModel(ANSWER, fail_before=True)
    result = run(_path(governed, model).answer(_turn(governed, slug, "paspoort kosten")))
    assert result.refused is refused
    assert result.engine == engine
    if refused:
        assert result.reason == "model_unavailable"
    else:
        assert "€ 80,35" in result.answer


def test_model_failing_mid_stream_withdraws_the_answer(governed: Governed, production: str) -> None:
    model = ScriptedModel(ANSWER, fail_after=2)
    _, result = run(
        _collect(_path(governed, model), _turn(governed, production, "Wat kost een paspoort?"))
    )
    assert result.refused
    assert result.reason == "model_unavailable"


def test_no_relevant_source_means_no_model_call(governed: Governed, production: str) -> None:
    model = ScriptedModel(ANSWER)
    result = run(
        _path(governed, model).answer(
            _turn(governed, production, "Wanneer is de bibliotheek open?")
        )
    )
    assert result.refused
    assert result.reason == "no_relevant_sources"
    assert model.requests == []


def test_history_is_guarded_like_the_question_with_one_mapping(
    governed: Governed, production: str
) -> None:
    model = ScriptedModel(["Een paspoort kost € 80,35 [1]."])
    history = (
        ChatMessage("user", "Mijn BSN is 111222333."),
        ChatMessage("assistant", "Dank u."),
    )
    turn = _turn(governed, production, "Wat kost een paspoort voor BSN 111222333?", history=history)
    run(_path(governed, model).answer(turn))
    sent = [m.content for m in model.requests[0].messages]
    assert not any("111222333" in text for text in sent)
    assert "[BSN_1]" in sent[1]
    assert "[BSN_1]" in sent[-1]  # the same value, the same placeholder


def test_personal_data_in_the_history_is_refused_where_the_question_would_be(
    governed: Governed, with_sources: Callable[..., str]
) -> None:
    slug = with_sources("blokkeert", allowed_models=[MODEL])  # sandbox: no personal data
    model = ScriptedModel(ANSWER)
    turn = _turn(
        governed,
        slug,
        "Wat kost een paspoort?",
        history=(ChatMessage("user", "Bel mij op 06-12345678."),),
    )
    result = run(_path(governed, model).answer(turn))
    assert result.refused
    assert result.reason == "personal_data_in_sandbox"
    assert model.requests == []


def test_an_unanswerable_follow_up_stays_in_the_conversation(
    governed: Governed, production: str
) -> None:
    owner = Owner(visitor_hash="bezoeker-2")
    path = _path(governed, ScriptedModel(ANSWER))
    first = run(path.answer(_turn(governed, production, "Wat kost een paspoort?", owner=owner)))
    second = run(
        path.answer(
            _turn(
                governed,
                production,
                "Wanneer is de bibliotheek open?",
                owner=owner,
                conversation_id=first.conversation_id,
            )
        )
    )
    assert second.reason == "no_relevant_sources"
    assert second.conversation_id == first.conversation_id
    with governed.database.session(governed.organisation_id) as session:
        store = ConversationStore(session, VAULT)
        conversation = store.find(first.conversation_id or "", owner)
        assert conversation is not None
        assert len(store.turns(conversation)) == 4


def test_preparing_a_question_leaves_the_database_free_for_writers(
    governed: Governed, production: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the privacy guard and the retrieval run, the group writer can still commit: the
    preparation is a read-only transaction (a writing one holds SQLite's one write lock, so
    the audit event of any other request would wait for the busy timeout)."""
    committed: list[int] = []
    guard = stages.guard_input

    def guard_and_write(*args: object, **kwargs: object) -> object:
        def work(session: Session) -> int:
            event = append(session, governed.organisation_id, "beheer", "tussendoor", "anoniem")
            return event.sequence

        future = writer_for(governed.database).submit(governed.organisation_id, work)
        committed.append(future.result(timeout=5))
        return guard(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "guard_input", guard_and_write)
    result = run(
        _path(governed, ScriptedModel(ANSWER)).answer(
            _turn(governed, production, "Wat kost een paspoort?")
        )
    )
    assert not result.refused
    assert len(committed) == 1
