"""Fixtures for the governed path: the answering fixtures, and a scripted model."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.governance.conftest import governed  # noqa: F401 - shared fixture
from waarborg.models.protocol import BackendError, ChatDelta, ChatRequest, Usage

T = TypeVar("T")


@dataclass
class ScriptedModel:
    """Stands in for a model server, which cannot run here with a model that writes Dutch:
    it speaks the back-end protocol and plays back what a model would write. ``gate`` makes
    it wait after the first piece, as a slow model does, so tests can act mid-stream."""

    pieces: Sequence[str]
    fail_before: bool = False
    fail_after: int | None = None
    gate: asyncio.Event | None = None
    requests: list[ChatRequest] = field(default_factory=list)
    name: str = "scripted"

    async def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]:
        self.requests.append(request)
        if self.fail_before:
            raise BackendError("connection refused")
        if not stream:
            yield ChatDelta(text="".join(self.pieces), finish_reason="stop", usage=Usage(50, 20))
            return
        for number, piece in enumerate(self.pieces):
            if self.fail_after is not None and number == self.fail_after:
                raise BackendError("stream ended early")
            yield ChatDelta(text=piece)
            if number == 0 and self.gate is not None:
                await self.gate.wait()
        yield ChatDelta(finish_reason="stop", usage=Usage(50, 20))

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        raise BackendError("no embeddings", retryable=False)

    async def aclose(self) -> None:
        return None


@dataclass
class Resolver:
    model: ScriptedModel
    asked: list[str] = field(default_factory=list)

    def backend_for(
        self, model_key: str, catalogue_backend: str, *, context_length: int = 0
    ) -> ScriptedModel:
        self.asked.append(model_key)
        return self.model


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, in a thread of its own when this thread already runs a loop (the
    browser tests' session-wide Playwright keeps one running in the main thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
