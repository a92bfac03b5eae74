"""Contract tests every ``ModelBackend`` inherits: subclass ``ModelBackendContract`` and
provide the ``backend`` fixture (an async fixture that yields a ready back-end and closes it).

What the request path and the gateway rely on: the back-end satisfies the protocol; a whole
answer is one delta with a finish reason; a stream is pieces without a finish reason followed
by exactly one final delta that has it, with usage at most once; stopping a stream early
leaves the back-end able to answer the next request; ``embed`` gives one vector per text or
a ``BackendError``, never anything else.
"""

from __future__ import annotations

import pytest

from waarborg.models.protocol import (
    BackendError,
    ChatDelta,
    ChatMessage,
    ChatRequest,
    GroundingPassage,
    ModelBackend,
)

PASSAGES = (
    GroundingPassage(
        number=1,
        title="Paspoort aanvragen",
        location="https://www.voorbeeld.nl/paspoort",
        text="Een paspoort kost € 75,- voor volwassenen. U betaalt met pin bij de balie.",
    ),
    GroundingPassage(
        number=2,
        title="Afvalkalender",
        location="https://www.voorbeeld.nl/afval",
        text="De gemeente haalt het restafval elke twee weken op.",
    ),
)


def question(text: str = "Wat kost een paspoort?") -> ChatRequest:
    return ChatRequest(
        messages=(
            ChatMessage("system", "Antwoord alleen uit de bronnen."),
            ChatMessage("user", text),
        ),
        max_tokens=6,
        temperature=0.0,
        passages=PASSAGES,
    )


async def collect(backend: ModelBackend, request: ChatRequest, *, stream: bool) -> list[ChatDelta]:
    return [delta async for delta in backend.chat(request, stream=stream)]


@pytest.mark.anyio
class ModelBackendContract:
    async def test_satisfies_the_protocol(self, backend: ModelBackend) -> None:
        assert isinstance(backend, ModelBackend)
        assert isinstance(backend.name, str)
        assert backend.name

    async def test_a_whole_answer_is_one_finished_delta(self, backend: ModelBackend) -> None:
        deltas = await collect(backend, question(), stream=False)
        assert len(deltas) == 1
        assert deltas[0].finish_reason
        assert isinstance(deltas[0].text, str)
        assert deltas[0].text.strip()

    async def test_a_stream_ends_with_exactly_one_finished_delta(
        self, backend: ModelBackend
    ) -> None:
        deltas = await collect(backend, question(), stream=True)
        assert len(deltas) >= 2, "a stream has at least one piece and the final delta"
        assert [d.finish_reason is not None for d in deltas] == [False] * (len(deltas) - 1) + [True]
        assert sum(d.usage is not None for d in deltas) <= 1
        assert "".join(d.text for d in deltas).strip()

    async def test_stopping_a_stream_early_leaves_it_usable(self, backend: ModelBackend) -> None:
        stream = backend.chat(question(), stream=True)
        first = await anext(aiter(stream))
        assert isinstance(first, ChatDelta)
        await stream.aclose()  # type: ignore[attr-defined]
        deltas = await collect(backend, question(), stream=True)
        assert deltas[-1].finish_reason

    async def test_embed_gives_one_vector_per_text_or_a_backend_error(
        self, backend: ModelBackend
    ) -> None:
        try:
            vectors = await backend.embed(["paspoort", "afvalkalender"])
        except BackendError:
            return
        assert len(vectors) == 2
        assert len(vectors[0]) == len(vectors[1]) > 0
        assert all(isinstance(x, float) for vector in vectors for x in vector)
