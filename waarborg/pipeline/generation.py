"""The generative engine on the governed path: prompt a model back-end with the retrieved
passages, stream its answer through the privacy guard, stop it when the kill switch trips,
and verify every sentence against the passages it cites.

Order on the way out, per piece: mask personal data the model produced that nobody gave it
(``StreamMasker``), then restore the conversation's placeholders for its owner
(``StreamRestorer``). The verifier reads the masked text before restoration, against the
passages as the model saw them (pseudonymised), so both sides speak the same placeholders.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from waarborg.models.protocol import BackendError, ChatDelta, GroundingPassage, ModelBackend
from waarborg.pipeline.grounding import check
from waarborg.pipeline.prompt import build_request
from waarborg.pipeline.results import AnswerResult, Citation
from waarborg.pipeline.stages import Prepared, Trace
from waarborg.privacy import Pseudonymiser
from waarborg.privacy.streaming import StreamMasker, StreamRestorer

INTERRUPTED = "Het antwoord is afgebroken: {reason}"
UNAVAILABLE = "Het taalmodel is nu niet bereikbaar. Probeer het later opnieuw."


@dataclass(frozen=True)
class Delta:
    """A piece of the answer that may be shown now."""

    text: str


@dataclass(frozen=True)
class Final:
    """The end of a turn: the whole, verified result (also for refusals)."""

    result: AnswerResult


PathEvent = Delta | Final
# Asked every poll interval while a stream runs; returns a refusal message to stop it.
StopCheck = Callable[[], Awaitable[tuple[str, str] | None]]


class EarlyBackendError(Exception):
    """The back-end failed before it produced anything: the caller may fall back."""

    def __init__(self, error: BackendError) -> None:
        super().__init__(str(error))
        self.error = error


async def generate(
    prepared: Prepared,
    backend: ModelBackend,
    trace: Trace,
    *,
    stream: bool,
    should_stop: StopCheck | None = None,
    poll_seconds: float = 0.5,
) -> AsyncIterator[PathEvent]:
    """Yield ``Delta`` pieces (streams only) and one ``Final``. Raises ``EarlyBackendError`` when
    the back-end fails before its first piece, so the caller can answer extractively."""
    mapping = prepared.guarded.mapping
    pseudonymiser = Pseudonymiser(mapping)
    passages = tuple(
        GroundingPassage(
            number=source.number,
            text=pseudonymiser.pseudonymise(source.passage.text).text,
            title=source.passage.title,
            location=source.passage.location,
            headings=source.passage.headings,
        )
        for source in prepared.relevant
    )
    use_case = prepared.use_case
    request = build_request(
        organisation=prepared.organisation.name,
        use_case=use_case.name,
        task_type=use_case.task_type,
        contact=use_case.citizen_contact,
        language=prepared.turn.language,
        question=prepared.guarded.text,
        passages=passages,
        history=prepared.history,
        max_tokens=prepared.turn.max_tokens,
        temperature=prepared.turn.temperature,
    )
    masker = StreamMasker(entry.value for entry in mapping.entries())
    restorer = StreamRestorer(mapping)
    produced: list[str] = []  # masked, not restored: what the verifier reads
    usage = None
    started = False
    stopped: tuple[str, str] | None = None

    pieces = _pieces(backend.chat(request, stream=stream), should_stop, poll_seconds)
    try:
        async for item in pieces:
            if isinstance(item, tuple):
                stopped = item
                break
            if item.usage is not None:
                usage = item.usage
            if not item.text:
                continue
            started = True
            masked = masker.feed(item.text)
            produced.append(masked)
            shown = restorer.feed(masked)
            if stream and shown:
                yield Delta(shown)
    except BackendError as error:
        if not started:
            raise EarlyBackendError(error) from error
        trace.stopped = "backend_error"
        yield Final(_interrupted(prepared, UNAVAILABLE, "model_unavailable"))
        return
    finally:
        await pieces.aclose()
    if stopped is not None:
        trace.stopped = stopped[0]
        yield Final(_interrupted(prepared, INTERRUPTED.format(reason=stopped[1]), stopped[0]))
        return
    tail = masker.flush()
    produced.append(tail)
    shown = restorer.feed(tail) + restorer.flush()
    if stream and shown:
        yield Delta(shown)
    yield Final(_result(prepared, "".join(produced), passages, usage, stream, masker.masked))


async def _pieces(
    deltas: AsyncIterator[ChatDelta], should_stop: StopCheck | None, poll_seconds: float
) -> AsyncGenerator[ChatDelta | tuple[str, str], None]:
    """The back-end's pieces, interleaved with the kill-switch check: a stop ends the stream
    even while the back-end is silent."""
    if should_stop is None:
        async for delta in deltas:
            yield delta
        return
    iterator = deltas.__aiter__()
    next_piece: asyncio.Task[ChatDelta] | None = None
    watch = asyncio.create_task(_watch(should_stop, poll_seconds))
    try:
        while True:
            if next_piece is None:
                next_piece = asyncio.ensure_future(iterator.__anext__())
            done, _ = await asyncio.wait({next_piece, watch}, return_when=asyncio.FIRST_COMPLETED)
            if watch in done:
                yield watch.result()
                return
            try:
                delta = next_piece.result()
            except StopAsyncIteration:
                return
            next_piece = None
            yield delta
    finally:
        for task in (next_piece, watch):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        aclose = getattr(iterator, "aclose", None)
        if aclose is not None:
            with contextlib.suppress(Exception):
                await aclose()


async def _watch(should_stop: StopCheck, poll_seconds: float) -> tuple[str, str]:
    while True:
        await asyncio.sleep(poll_seconds)
        verdict = await should_stop()
        if verdict is not None:
            return verdict


def _interrupted(prepared: Prepared, message: str, reason: str) -> AnswerResult:
    return AnswerResult(
        prepared.use_case.slug, message, True, reason, prepared.label, model=prepared.model.key
    )


def _result(
    prepared: Prepared,
    text: str,
    passages: tuple[GroundingPassage, ...],
    usage: object,
    stream: bool,
    masked: int,
) -> AnswerResult:
    prompt_tokens = getattr(usage, "prompt_tokens", 0)
    completion_tokens = getattr(usage, "completion_tokens", 0)
    common = {
        "label": prepared.label,
        "engine": "generatief",
        "model": prepared.model.key,
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "masked_output": masked,
    }
    slug = prepared.use_case.slug
    restore = prepared.guarded.restore
    if not prepared.grounded and not passages:
        # Open tasks (rewriting, summarising the user's own text) have nothing to cite.
        return AnswerResult(slug, restore(text.strip()), False, "answered", **common)  # type: ignore[arg-type]
    grounded = check(text, {p.number: p.text for p in passages})
    if prepared.grounded and not grounded.kept and not stream:
        return AnswerResult(slug, prepared.fallback, True, "unsupported", **common)  # type: ignore[arg-type]
    by_number = {p.number: p for p in passages}
    source_of = {s.number: s for s in prepared.relevant}
    citations = [
        Citation(
            number=n,
            title=by_number[n].title or by_number[n].location,
            url=by_number[n].location,
            page=source_of[n].passage.page if n in source_of else None,
            chunk_id=source_of[n].passage.chunk_id if n in source_of else "",
        )
        for n in grounded.cited
    ]
    answer = grounded.text(drop=not stream) if prepared.grounded else text.strip()
    return AnswerResult(
        slug,
        restore(answer),
        False,
        "answered",
        citations=citations,
        support=round(grounded.support, 3),
        removed_claims=0 if stream else len(grounded.unsupported),
        flagged_claims=[restore(s.text) for s in grounded.unsupported] if stream else [],
        **common,  # type: ignore[arg-type]
    )
