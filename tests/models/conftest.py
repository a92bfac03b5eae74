"""Fixtures for the model back-end tests: the replay server, the tiny GGUF model and the
asyncio runner (anyio's pytest plugin, on asyncio only: the back-ends use asyncio)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.models.builders import Replay, Replayed, replayed_backend
from tests.models.llama_support import require_llama_cpp
from tests.models.replay_server import replay_app
from tests.models.tiny_gguf import write_tiny_llama
from tests.support.live_server import live_server
from waarborg.models.openai_compatible import OpenAICompatibleBackend


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def replay() -> Iterator[Replay]:
    app = replay_app()
    with live_server(app) as root:
        yield Replay(root, app.state.seen)


@pytest.fixture
async def replayed(replay: Replay) -> AsyncIterator[Replayed]:
    """``replayed(scenario, **config)``: a back-end on its own scenario path and that path;
    closed after the test, also when the test fails."""
    made: list[OpenAICompatibleBackend] = []

    def make(scenario: str, **changes: object) -> tuple[OpenAICompatibleBackend, str]:
        backend, path = replayed_backend(replay, scenario, **changes)
        made.append(backend)
        return backend, path

    yield make
    for backend in made:
        await backend.aclose()


@pytest.fixture(scope="session")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weights llama model (see ``tiny_gguf``); needs llama-cpp-python."""
    require_llama_cpp()
    return write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")
