"""The OpenAI-compatible back-end against recorded answers of real servers, over real HTTP on
127.0.0.1: the quirks of each server, and every way a server fails."""

from __future__ import annotations

import logging
import socket

import pytest

from tests.models.builders import Replay, Replayed, http_config
from tests.models.contract import collect, question
from waarborg.models.breaker import BreakerState, CircuitOpenError
from waarborg.models.openai_compatible import OpenAICompatibleBackend
from waarborg.models.protocol import (
    BackendError,
    BackendNotConfigured,
    ChatMessage,
    ChatRequest,
    Usage,
)

pytestmark = pytest.mark.anyio


async def pieces_before_failure(backend: OpenAICompatibleBackend, pieces: list[str]) -> None:
    async for delta in backend.chat(question(), stream=True):
        pieces.append(delta.text)


ANSWER = "Een paspoort kost € 75,- [1]."


# --- the servers' shapes ---------------------------------------------------------------------


async def test_vllm_usage_arrives_in_a_chunk_without_choices(
    replay: Replay, replayed: Replayed
) -> None:
    backend, path = replayed("vllm", model="BramVanroy/GEITje-7B-ultra")
    deltas = await collect(backend, question(), stream=True)
    assert "".join(d.text for d in deltas) == ANSWER
    assert deltas[-1].finish_reason == "stop"
    assert deltas[-1].usage == Usage(prompt_tokens=412, completion_tokens=7)
    sent = replay.seen.bodies[path][0]
    assert sent["stream_options"] == {"include_usage": True}
    assert sent["model"] == "BramVanroy/GEITje-7B-ultra"
    assert sent["max_tokens"] == 6
    assert sent["messages"][-1] == {"role": "user", "content": "Wat kost een paspoort?"}


async def test_llamacpp_usage_inside_the_finish_chunk_and_reasoning_content(
    replay: Replay,
    replayed: Replayed,
) -> None:
    backend, _ = replayed("llamacpp")
    deltas = await collect(backend, question(), stream=True)
    whole = await collect(backend, question(), stream=False)
    assert "".join(d.reasoning for d in deltas) == "Bron 1 noemt de prijs."
    assert "".join(d.text for d in deltas) == ANSWER
    assert deltas[-1].usage == Usage(prompt_tokens=405, completion_tokens=8)
    assert whole[0].reasoning == "Bron 1 noemt de prijs."
    assert whole[0].text == ANSWER


async def test_ollama_reasoning_field_and_tagged_model_id(
    replay: Replay, replayed: Replayed
) -> None:
    backend, path = replayed("ollama")
    deltas = await collect(backend, question(), stream=True)
    whole = await collect(backend, question(), stream=False)
    assert "".join(d.reasoning for d in deltas) == "De bron noemt het bedrag."
    assert "".join(d.text for d in deltas) == ANSWER
    assert deltas[-1].usage == Usage(prompt_tokens=398, completion_tokens=9)
    assert whole[0].reasoning == "De bron noemt het bedrag."
    # Discovered once from /v1/models: the exact name with Ollama's tag, not the HF variant.
    assert replay.seen.bodies[path][1]["model"] == "geitje-7b-ultra:latest"
    assert replay.seen.hits[path] == 3


async def test_a_stream_without_usage_reports_none_and_tgi_finish_is_stop(
    replay: Replay,
    replayed: Replayed,
) -> None:
    backend, _ = replayed("tgi")
    deltas = await collect(backend, question(), stream=True)
    whole = await collect(backend, question(), stream=False)
    assert all(d.usage is None for d in deltas)
    assert deltas[-1].finish_reason == "stop"
    assert whole[0].finish_reason == "stop"
    assert whole[0].usage == Usage(prompt_tokens=411, completion_tokens=9)


async def test_include_usage_can_be_turned_off(replay: Replay, replayed: Replayed) -> None:
    backend, path = replayed("tgi", options={"include_usage": False})
    await collect(backend, question(), stream=True)
    assert "stream_options" not in replay.seen.bodies[path][-1]


async def test_a_server_that_ignores_stream_answers_in_one_delta(
    replay: Replay, replayed: Replayed
) -> None:
    backend, _ = replayed("whole", model="m")
    deltas = await collect(backend, question(), stream=True)
    assert len(deltas) == 1
    assert deltas[0].text == ANSWER
    assert deltas[0].finish_reason == "stop"


async def test_aliases_pick_the_model_among_several(replay: Replay, replayed: Replayed) -> None:
    backend, path = replayed("ollama", name="geitje", options={"aliases": ["GEITje-7B-ultra-GGUF"]})
    await collect(backend, question(), stream=False)
    assert replay.seen.bodies[path][1]["model"] == "hf.co/BramVanroy/GEITje-7B-ultra-GGUF:Q4_K_M"


async def test_an_unknown_model_among_several_is_a_clear_error(
    replay: Replay, replayed: Replayed
) -> None:
    backend, _ = replayed("ollama", name="eurollm-9b-instruct")
    with pytest.raises(BackendError, match="none of the server's models") as caught:
        await collect(backend, question(), stream=False)
    assert "geitje-7b-ultra:latest" in str(caught.value)
    assert caught.value.retryable is False


async def test_embeddings_come_back_in_input_order(replay: Replay, replayed: Replayed) -> None:
    backend, path = replayed("vllm", options={"embedding_model": "e5"})
    vectors = await backend.embed(["eerste", "tweede"])
    assert vectors == [[0.5, 0.25, -0.125, 0.0], [0.25, -0.5, 0.125, 1.0]]
    assert replay.seen.bodies[path][0] == {"model": "e5", "input": ["eerste", "tweede"]}


# --- errors the server reports ---------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["context", "context-llamacpp"])
async def test_a_context_error_says_so_without_the_servers_text(
    replay: Replay, replayed: Replayed, scenario: str
) -> None:
    backend, path = replayed(scenario, model="m")
    with pytest.raises(BackendError, match="HTTP 400") as caught:
        await collect(backend, question(), stream=True)
    assert "context length" in str(caught.value)
    assert "9500" not in str(caught.value)
    assert "increasing" not in str(caught.value)
    assert caught.value.retryable is False
    assert replay.seen.hits[path] == 1  # a bad request is not retried


async def test_a_missing_ollama_model_points_at_the_configuration(
    replay: Replay, replayed: Replayed
) -> None:
    backend, _ = replayed("missing", model="geitje-7b-ultra")
    with pytest.raises(BackendError, match=r"HTTP 404.*base_url"):
        await collect(backend, question(), stream=False)


async def test_an_error_event_in_the_middle_of_a_stream(replay: Replay, replayed: Replayed) -> None:
    backend, _ = replayed("error-midway", model="m")
    pieces: list[str] = []
    with pytest.raises(BackendError, match="InternalServerError"):
        await pieces_before_failure(backend, pieces)
    assert pieces == ["Een"]


async def test_the_api_key_comes_from_the_named_variable(
    replay: Replay, replayed: Replayed, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend, path = replayed("secured", model="m", api_key_env="WAARBORG_TEST_MODEL_KEY")
    monkeypatch.delenv("WAARBORG_TEST_MODEL_KEY", raising=False)
    with pytest.raises(BackendError, match="WAARBORG_TEST_MODEL_KEY"):
        await collect(backend, question(), stream=False)
    assert replay.seen.hits[path] == 0
    monkeypatch.setenv("WAARBORG_TEST_MODEL_KEY", "wrong")
    with pytest.raises(BackendError, match=r"HTTP 401.*WAARBORG_TEST_MODEL_KEY") as caught:
        await collect(backend, question(), stream=False)
    assert "wrong" not in str(caught.value)
    monkeypatch.setenv("WAARBORG_TEST_MODEL_KEY", "sesame")
    deltas = await collect(backend, question(), stream=False)
    assert deltas[0].text == ANSWER


async def test_a_long_prompt_logs_a_warning_without_its_text(
    replay: Replay, replayed: Replayed, caplog: pytest.LogCaptureFixture
) -> None:
    backend, _ = replayed("ollama", model="geitje-7b-ultra:latest", context_length=100)
    secret = "Mevrouw Jansen woont op de Dorpsstraat 12. " * 20
    request = ChatRequest(messages=(ChatMessage("user", secret),), max_tokens=50)
    with caplog.at_level(logging.WARNING, logger="waarborg.models"):
        await collect(backend, request, stream=False)
        await collect(backend, question(), stream=False)
    warnings = [r for r in caplog.records if "may exceed the context" in r.getMessage()]
    assert len(warnings) == 1
    assert "Jansen" not in caplog.text
    assert "Dorpsstraat" not in caplog.text
    assert "of 100 tokens" in warnings[0].getMessage()


# --- failures, retries and the circuit breaker -----------------------------------------------


async def test_a_503_is_retried_before_the_first_byte(replay: Replay, replayed: Replayed) -> None:
    backend, path = replayed("flaky", model="m")
    deltas = await collect(backend, question(), stream=True)
    assert "".join(d.text for d in deltas) == ANSWER
    assert replay.seen.hits[path] == 2


async def test_a_429_is_retried(replay: Replay, replayed: Replayed) -> None:
    backend, path = replayed("busy", model="m")
    deltas = await collect(backend, question(), stream=False)
    assert deltas[0].text == ANSWER
    assert replay.seen.hits[path] == 2


async def test_a_500_is_not_retried(replay: Replay, replayed: Replayed) -> None:
    backend, path = replayed("broken", model="m")
    with pytest.raises(BackendError, match="HTTP 500") as caught:
        await collect(backend, question(), stream=False)
    assert "CUDA" not in str(caught.value)
    assert replay.seen.hits[path] == 1


async def test_a_dead_server_opens_the_circuit_and_then_fails_fast(
    replay: Replay, replayed: Replayed
) -> None:
    backend, path = replayed("down", model="m", max_retries=1, options={"breaker_failures": 2})
    for _ in range(2):
        with pytest.raises(BackendError, match="HTTP 503") as caught:
            await collect(backend, question(), stream=True)
        assert caught.value.retryable is True
    assert replay.seen.hits[path] == 4  # two calls, each tried twice
    assert backend.breaker.state is BreakerState.OPEN
    with pytest.raises(CircuitOpenError, match="circuit open"):
        await collect(backend, question(), stream=True)
    with pytest.raises(CircuitOpenError):
        await backend.embed(["x"])
    assert replay.seen.hits[path] == 4  # nothing more reached the server


async def test_a_client_error_does_not_count_against_the_server(
    replay: Replay, replayed: Replayed
) -> None:
    backend, _ = replayed("context", model="m", options={"breaker_failures": 1})
    with pytest.raises(BackendError):
        await collect(backend, question(), stream=False)
    assert backend.breaker.state is BreakerState.CLOSED


async def test_connection_refused_is_a_retryable_backend_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = OpenAICompatibleBackend(http_config(f"http://127.0.0.1:{port}/v1", model="m"))
    try:
        with pytest.raises(BackendError, match="cannot connect") as caught:
            await collect(backend, question(), stream=True)
    finally:
        await backend.aclose()
    assert caught.value.retryable is True
    assert not isinstance(caught.value, CircuitOpenError)


@pytest.mark.parametrize("stream", [True, False])
async def test_garbage_is_a_backend_error(replay: Replay, replayed: Replayed, stream: bool) -> None:
    backend, _ = replayed("garbage", model="m")
    with pytest.raises(BackendError, match=r"not valid JSON|invalid JSON"):
        await collect(backend, question(), stream=stream)


async def test_a_stream_that_hangs_mid_way_fails_after_the_read_timeout(
    replay: Replay, replayed: Replayed
) -> None:
    backend, _ = replayed("hang", model="m", options={"read_timeout_seconds": 1.0})
    pieces: list[str] = []
    with pytest.raises(BackendError, match=r"sent nothing for 1 s"):
        await pieces_before_failure(backend, pieces)
    assert pieces == ["Een"]


async def test_the_total_time_bounds_a_stream_that_hangs(
    replay: Replay, replayed: Replayed
) -> None:
    backend, _ = replayed(
        "hang", model="m", timeout_seconds=0.5, options={"read_timeout_seconds": 30.0}
    )
    with pytest.raises(BackendError, match=r"no complete answer within 0\.5 s"):
        await collect(backend, question(), stream=True)


async def test_a_stream_that_ends_without_finishing_is_an_error(
    replay: Replay, replayed: Replayed
) -> None:
    backend, _ = replayed("truncated", model="m")
    with pytest.raises(BackendError, match="ended before the answer was finished"):
        await collect(backend, question(), stream=True)


def test_a_base_url_is_required() -> None:
    for wrong in ("", "gpu1:8000/v1", "http:///v1", "ftp://gpu1/v1", "http://[::1/v1"):
        with pytest.raises(BackendNotConfigured, match="base_url"):
            OpenAICompatibleBackend(http_config(wrong))
    with pytest.raises(BackendNotConfigured, match="retry_backoff_seconds"):
        OpenAICompatibleBackend(
            http_config("http://127.0.0.1:9/v1", options={"retry_backoff_seconds": "snel"})
        )
