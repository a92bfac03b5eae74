"""The governed path for callers that live in an event loop (the pages, the gateway): every
request, streamed or not, goes policy → privacy → retrieval → engine → verification →
conversation and audit.

Database work runs outside the event loop, each stage in a short transaction of its own, so no
transaction stays open while a model writes for seconds: ``prepare`` in a worker thread, as a
read-only transaction (on SQLite it takes no write lock); the audit event (with the kept
conversation) through the process's group writer, which commits the events of concurrent
requests together. The kill switch is read again every ``poll_seconds`` while a stream runs
(a read-only transaction) and stops it on every worker.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from anyio import to_thread
from sqlalchemy.orm import Session

from waarborg.conversations.vault import Vault
from waarborg.db.database import Database
from waarborg.db.tables import Organisation
from waarborg.governance.policy import authorise
from waarborg.knowledge.index_cache import IndexCache
from waarborg.models.protocol import BackendError, ChatDelta, ChatRequest, ModelBackend
from waarborg.pipeline.cpu_slots import cpu_slots
from waarborg.pipeline.extractive_stage import answer_extractively
from waarborg.pipeline.generation import (
    UNAVAILABLE,
    Delta,
    EarlyBackendError,
    Final,
    PathEvent,
    StopCheck,
    generate,
)
from waarborg.pipeline.reading import read_session
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.stages import Prepared, Trace, finish, prepare
from waarborg.pipeline.turn import TurnRequest
from waarborg.pipeline.writer import writer_for

log = logging.getLogger("waarborg.pipeline")
EXTRACTIVE_BACKEND = "extractive"
FALLBACK_EXTRACTIVE = "extractief"
STREAM_PIECE = 24  # characters per piece when an extractive answer is streamed
# Extra work in the transaction of the audit event (the gateway charges tokens there).
Charge = Callable[[Session, AnswerResult], None]


class BackendResolver(Protocol):
    def backend_for(
        self, model_key: str, catalogue_backend: str, *, context_length: int = 0
    ) -> ModelBackend: ...


@dataclass
class GovernedPath:
    database: Database
    indexes: IndexCache
    vault: Vault
    backends: BackendResolver | None = None
    poll_seconds: float = 0.5

    async def answer(self, turn: TurnRequest) -> AnswerResult:
        """The whole answer at once (unsupported sentences removed)."""
        async for event in self.events(turn, stream=False):
            if isinstance(event, Final):
                return event.result
        raise RuntimeError("the governed path ended without a result")  # pragma: no cover

    async def events(self, turn: TurnRequest, *, stream: bool = True) -> AsyncIterator[PathEvent]:
        """``Delta`` pieces while the answer is written, then one ``Final``. A
        ``QuestionError`` (empty or too long question) is raised before anything happens."""
        trace = Trace(channel=turn.channel)
        prepared = await to_thread.run_sync(self._prepare, turn, trace, limiter=cpu_slots())
        async for event in self.events_from(turn, prepared, trace, stream=stream):
            yield event

    async def events_from(
        self,
        turn: TurnRequest,
        prepared: Prepared | AnswerResult,
        trace: Trace,
        *,
        stream: bool,
        charge: Charge | None = None,
    ) -> AsyncIterator[PathEvent]:
        """The rest of the path after ``prepare`` (which a caller such as the gateway may run
        itself, together with its own admission). ``charge`` runs in the transaction that
        appends the audit event, e.g. to add the answer's tokens to the budgets."""
        if isinstance(prepared, AnswerResult):
            yield Final(await self._finish(turn, None, prepared, trace, charge))
            return
        result = prepared.early  # nothing relevant in the sources: no engine at all
        if result is None:
            async for event in self._engine(prepared, turn, trace, stream):
                if isinstance(event, Final):
                    result = event.result
                else:
                    yield event
        if result is None:  # pragma: no cover - generate always ends with a Final
            raise RuntimeError("the engine gave no result")
        yield Final(await self._finish(turn, prepared, result, trace, charge))

    async def _engine(
        self, prepared: Prepared, turn: TurnRequest, trace: Trace, stream: bool
    ) -> AsyncIterator[PathEvent]:
        backend = self._backend(prepared)
        if backend is None:
            result = self._without_model(prepared)
            if stream and not result.refused:
                for start in range(0, len(result.answer), STREAM_PIECE):
                    yield Delta(result.answer[start : start + STREAM_PIECE])
            yield Final(result)
            return
        try:
            async for event in generate(
                prepared,
                backend,
                trace,
                stream=stream,
                should_stop=self._stop_check(turn),
                poll_seconds=self.poll_seconds,
            ):
                yield event
        except EarlyBackendError as failure:
            log.warning("model back-end failed for %s: %s", prepared.model.key, failure)
            trace.stopped = "backend_error"
            result = self._without_model(prepared, fallback=True)
            if stream and not result.refused:
                yield Delta(result.answer)
            yield Final(result)

    def _backend(self, prepared: Prepared) -> ModelBackend | None:
        """None: answer extractively (the model is the built-in engine)."""
        if prepared.model.backend == EXTRACTIVE_BACKEND or self.backends is None:
            return None
        try:
            return self.backends.backend_for(
                prepared.model.key,
                prepared.model.backend,
                context_length=prepared.model.context_length,
            )
        except BackendError as error:
            log.warning("no back-end for model %s: %s", prepared.model.key, error)
            return _Unavailable(str(error))

    def _without_model(self, prepared: Prepared, *, fallback: bool = False) -> AnswerResult:
        if not fallback:
            return answer_extractively(prepared)
        if prepared.use_case.model_fallback == FALLBACK_EXTRACTIVE and prepared.relevant:
            return answer_extractively(prepared, engine_name="extractief (terugval)")
        return AnswerResult(
            prepared.use_case.slug,
            UNAVAILABLE,
            True,
            "model_unavailable",
            prepared.label,
            model=prepared.model.key,
        )

    def _prepare(self, turn: TurnRequest, trace: Trace) -> Prepared | AnswerResult:
        # Read-only: preparing only reads, and it takes a while (the privacy guard, the
        # question's embedding). On SQLite a writing transaction would hold the one write
        # lock all that time, so the group writer, and every other request, would wait.
        with read_session(self.database, turn.organisation_id) as session:
            return prepare(session, turn, self.indexes, self.vault, trace)

    async def _finish(
        self,
        turn: TurnRequest,
        prepared: Prepared | None,
        result: AnswerResult,
        trace: Trace,
        charge: Charge | None,
    ) -> AnswerResult:
        """Keep the turn and append the audit event through the group writer: the answer is
        returned only once its event is committed."""

        def work(session: Session) -> AnswerResult:
            finished = finish(session, turn, prepared, result, self.vault, trace)
            if charge is not None:
                charge(session, finished)
            return finished

        return await writer_for(self.database).run(turn.organisation_id, work)

    def _stop_check(self, turn: TurnRequest) -> StopCheck:
        async def check() -> tuple[str, str] | None:
            return await to_thread.run_sync(self._still_allowed, turn)

        return check

    def _still_allowed(self, turn: TurnRequest) -> tuple[str, str] | None:
        """The kill switch, read again from the database (use case, model, organisation)."""
        with read_session(self.database, turn.organisation_id) as session:
            organisation = session.get(Organisation, turn.organisation_id)
            if organisation is None:
                return ("organisation_unknown", "de organisatie bestaat niet meer")
            decision = authorise(
                session, organisation, turn.use_case_slug, turn.caller, turn.model_key
            )
            if decision.allowed:
                return None
            return (decision.reason.value, decision.message)


class _Unavailable:
    """A back-end that is not configured: fails at once, so the use case's fallback applies."""

    name = "niet-geconfigureerd"

    def __init__(self, message: str) -> None:
        self._message = message

    async def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]:
        raise BackendError(self._message, retryable=False)
        yield ChatDelta()  # pragma: no cover - makes this an async generator

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        raise BackendError(self._message, retryable=False)

    async def aclose(self) -> None:
        return None
