"""Ask a question synchronously, in the caller's transaction: policy → privacy → retrieval →
early refusal → extractive engine → verification → AI label → audit.

This is the path for callers without an event loop that answer from the sources without a
model (tests, benchmarks, scripts). Everything that may call a model back-end or stream —
the pages, the APIs, ``waarborg ask`` — goes through ``governed.GovernedPath``, which runs the
same stages.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from waarborg.conversations.store import Owner
from waarborg.conversations.vault import Vault
from waarborg.db.tables import Organisation
from waarborg.governance.policy import Caller
from waarborg.knowledge.index_cache import IndexCache
from waarborg.pipeline.extractive_stage import answer_extractively
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.stages import Trace, finish, prepare
from waarborg.pipeline.turn import MAX_QUESTION, QuestionError, TurnRequest

__all__ = ["MAX_QUESTION", "QuestionError", "ask"]


def ask(
    session: Session,
    organisation: Organisation,
    use_case_slug: str,
    caller: Caller,
    question: str,
    cache: IndexCache,
    language: str = "nl",
    model_key: str | None = None,
    *,
    vault: Vault | None = None,
    owner: Owner | None = None,
    channel: str = "cli",
) -> AnswerResult:
    """Answer through the governed path and append the audit event (the caller commits)."""
    turn = TurnRequest(
        organisation_id=organisation.id,
        use_case_slug=use_case_slug,
        caller=caller,
        question=question,
        language=language,
        model_key=model_key,
        channel=channel,
        owner=owner,
    )
    trace = Trace(channel=channel)
    prepared = prepare(session, turn, cache, vault, trace)
    if isinstance(prepared, AnswerResult):
        return finish(session, turn, None, prepared, vault, trace)
    result = prepared.early or answer_extractively(prepared)
    return finish(session, turn, prepared, result, vault, trace)
