"""Every built-in back-end passes the contract a third-party back-end inherits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.models.builders import Replay, replayed_backend
from tests.models.contract import ModelBackendContract
from tests.models.replay_server import SERVERS
from waarborg.models.extractive import ExtractiveBackend
from waarborg.models.llama_cpp import LlamaCppBackend
from waarborg.models.protocol import BackendConfig, ModelBackend


class TestExtractiveBackend(ModelBackendContract):
    @pytest.fixture
    async def backend(self) -> AsyncIterator[ModelBackend]:
        backend = ExtractiveBackend(BackendConfig(name="extractief", kind="extractive"))
        yield backend
        await backend.aclose()


class TestOpenAICompatibleOnRecordings(ModelBackendContract):
    @pytest.fixture(params=SERVERS)
    async def backend(
        self, request: pytest.FixtureRequest, replay: Replay
    ) -> AsyncIterator[ModelBackend]:
        backend, _ = replayed_backend(replay, request.param)
        yield backend
        await backend.aclose()


class TestLlamaCppInProcess(ModelBackendContract):
    @pytest.fixture
    async def backend(self, tiny_gguf: Path) -> AsyncIterator[ModelBackend]:
        config = BackendConfig(
            name="tiny",
            kind="llama-cpp",
            options={"model_path": str(tiny_gguf), "threads": 1, "context": 256},
        )
        backend = LlamaCppBackend(config)
        yield backend
        await backend.aclose()
