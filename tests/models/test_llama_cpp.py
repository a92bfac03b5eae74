"""llama.cpp in process with a real (tiny, random) GGUF model, one thread."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.models.contract import collect, question
from tests.models.tiny_gguf import EMBED
from waarborg.models.llama_cpp import LlamaCppBackend
from waarborg.models.protocol import BackendConfig, BackendError, BackendNotConfigured

pytestmark = pytest.mark.anyio


def config(model_path: str, **options: object) -> BackendConfig:
    return BackendConfig(
        name="tiny",
        kind="llama-cpp",
        options={"model_path": model_path, "threads": 1, "context": 256, **options},
    )


@pytest.fixture
async def backend(tiny_gguf: Path) -> AsyncIterator[LlamaCppBackend]:
    backend = LlamaCppBackend(config(str(tiny_gguf), embeddings=True))
    yield backend
    await backend.aclose()


async def test_streams_tokens_and_counts_them(backend: LlamaCppBackend) -> None:
    streamed = await collect(backend, question(), stream=True)
    whole = (await collect(backend, question(), stream=False))[0]
    pieces = [d.text for d in streamed[:-1]]
    assert len(pieces) == 6  # max_tokens, one piece per token
    assert "".join(pieces) == whole.text  # greedy decoding: the same answer both ways
    assert streamed[-1].finish_reason == whole.finish_reason == "length"
    assert streamed[-1].usage == whole.usage  # counted for the stream, reported by llama.cpp
    assert whole.usage is not None
    assert whole.usage.completion_tokens == 6


async def test_requests_take_turns_on_the_one_thread(backend: LlamaCppBackend) -> None:
    answers = await asyncio.gather(*(collect(backend, question(), stream=True) for _ in range(3)))
    texts = {"".join(d.text for d in deltas) for deltas in answers}
    assert len(texts) == 1
    assert texts != {""}


async def test_embeddings_on_request(backend: LlamaCppBackend) -> None:
    vectors = await backend.embed(["paspoort", "afvalkalender"])
    assert len(vectors) == 2
    assert len(vectors[0]) == len(vectors[1]) == EMBED
    assert vectors[0] != vectors[1]


async def test_embeddings_are_off_unless_asked_for(tiny_gguf: Path) -> None:
    backend = LlamaCppBackend(config(str(tiny_gguf)))
    with pytest.raises(BackendError, match="embeddings are off"):
        await backend.embed(["x"])
    await backend.aclose()


async def test_a_closed_backend_refuses(tiny_gguf: Path) -> None:
    backend = LlamaCppBackend(config(str(tiny_gguf)))
    await collect(backend, question(), stream=False)
    await backend.aclose()
    await backend.aclose()  # twice is fine
    with pytest.raises(BackendError, match="closed"):
        await collect(backend, question(), stream=True)


# --- without a usable model: no llama-cpp-python needed --------------------------------------


async def test_a_missing_package_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # what an absent package looks like
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    backend = LlamaCppBackend(config(str(model)))
    with pytest.raises(BackendError, match=r"pip install 'waarborg\[llama\]'") as caught:
        await collect(backend, question(), stream=True)
    await backend.aclose()
    assert caught.value.retryable is False


def test_the_model_path_is_required() -> None:
    with pytest.raises(BackendNotConfigured, match="model_path"):
        LlamaCppBackend(BackendConfig(name="x", kind="llama-cpp"))
    with pytest.raises(BackendNotConfigured, match="'threads'"):
        LlamaCppBackend(config("/m.gguf", threads="veel"))


async def test_a_missing_or_broken_model_file(tiny_gguf: Path, tmp_path: Path) -> None:
    missing = LlamaCppBackend(config(str(tmp_path / "weg.gguf")))
    with pytest.raises(BackendError, match="does not exist"):
        await collect(missing, question(), stream=False)
    await missing.aclose()
    broken_file = tmp_path / "kapot.gguf"
    broken_file.write_bytes(b"dit is geen gguf" * 10)
    broken = LlamaCppBackend(config(str(broken_file)))
    with pytest.raises(BackendError, match="could not load"):
        await collect(broken, question(), stream=True)
    await broken.aclose()
