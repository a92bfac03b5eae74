"""The OpenAI-compatible back-end against a real OpenAI-compatible server: llama-cpp-python's
own (``python -m llama_cpp.server``) on 127.0.0.1, serving the tiny model with one thread."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from tests.models.builders import http_config
from tests.models.contract import ModelBackendContract, collect, question
from waarborg.models.openai_compatible import OpenAICompatibleBackend
from waarborg.models.protocol import ModelBackend


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tiny_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path_factory.mktemp("llama-server") / "server.log").open("w")
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(tiny_gguf),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_threads",
        "1",
        "--n_ctx",
        "256",
    ]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {process.returncode}")
            try:
                if httpx.get(f"{base_url}/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("llama_cpp.server did not start")
            time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture
async def backend(llama_server: str) -> AsyncIterator[OpenAICompatibleBackend]:
    # model left empty: the server's only model (its id is the GGUF's path) is discovered.
    backend = OpenAICompatibleBackend(http_config(llama_server, name="tiny", model=""))
    yield backend
    await backend.aclose()


class TestLlamaCppPythonServer(ModelBackendContract):
    @pytest.fixture
    def backend(self, backend: OpenAICompatibleBackend) -> ModelBackend:
        return backend


@pytest.mark.anyio
async def test_streamed_and_whole_answers_agree(backend: OpenAICompatibleBackend) -> None:
    streamed = await collect(backend, question(), stream=True)
    whole = (await collect(backend, question(), stream=False))[0]
    assert "".join(d.text for d in streamed) == whole.text
    assert streamed[-1].finish_reason == whole.finish_reason == "length"
    assert whole.usage is not None
    assert whole.usage.completion_tokens == 6
