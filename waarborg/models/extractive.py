"""The built-in extractive engine behind the ``ModelBackend`` protocol.

A use case names its answer engine as a catalogue model; "extractief" is one of them. Putting
the engine behind the same protocol as the language models means the request path, the
gateway and the evaluation runs have one code path for all of them. The answer is made from
``request.passages`` only (the passages the pipeline retrieved and numbered), with the
question taken from the last user message. Every sentence carries its citation as `` [n]``,
the number the passage has in the request, the form the verifier and the pages expect.

The engine needs no model: nothing to load, nothing to time out, no embeddings.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator, Sequence

from waarborg.answering.drafts import Source
from waarborg.answering.extractive import ExtractiveEngine
from waarborg.knowledge.lexical_index import LexicalIndex, Passage
from waarborg.models.protocol import (
    BackendConfig,
    BackendError,
    ChatDelta,
    ChatRequest,
    GroundingPassage,
    Usage,
)

_PIECES = re.compile(r"\s*\S+")


def question_of(request: ChatRequest) -> str:
    """The last user message: earlier turns are context for a language model, but the
    extractive engine answers one question at a time."""
    for message in reversed(request.messages):
        if message.role == "user":
            return " ".join(message.content.split())
    return ""


def extractive_answer(question: str, passages: Sequence[GroundingPassage]) -> str:
    """The engine's answer to ``question`` from ``passages``, citations included; empty when
    no sentence is supported well enough."""
    if not question or not passages:
        return ""
    index = LexicalIndex(
        [
            Passage(
                chunk_id=str(p.number),
                text=p.text,
                title=p.title,
                location=p.location,
                headings=p.headings,
            )
            for p in passages
        ]
    )
    terms = index.query_terms(question)
    scores = {hit.position: hit.score for hit in index.search(terms, k=len(passages))}
    sources = [
        Source(number=p.number, passage=index.passages[position], score=scores.get(position, 0.0))
        for position, p in enumerate(passages)
    ]
    draft = ExtractiveEngine().answer(index, terms, sources)
    return " ".join(
        claim.text + "".join(f" [{number}]" for number in claim.cites) for claim in draft.claims
    )


def _pieces(text: str) -> Iterator[str]:
    """Word pieces, each with the white space before it, so that joined they give the text."""
    for match in _PIECES.finditer(text):
        yield match.group(0)


class ExtractiveBackend:
    name = "extractief"

    def __init__(self, config: BackendConfig | None = None) -> None:
        if config is not None:
            self.name = config.name

    async def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]:
        text = extractive_answer(question_of(request), request.passages)
        # No language model ran: there are no tokens to count.
        if stream:
            for piece in _pieces(text):
                yield ChatDelta(text=piece)
            yield ChatDelta(finish_reason="stop", usage=Usage())
        else:
            yield ChatDelta(text=text, finish_reason="stop", usage=Usage())

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        raise BackendError(
            f"Back-end '{self.name}' (extractive) has no embeddings (geen embeddings).",
            retryable=False,
        )

    async def aclose(self) -> None:
        return None


def extractive_backend(config: BackendConfig) -> ExtractiveBackend:
    """Entry point ``extractive`` of the ``waarborg.models`` group."""
    return ExtractiveBackend(config)
