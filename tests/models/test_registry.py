"""The registry: plug-ins from the ``waarborg.models`` entry points (built-in and third
party alike), one cached back-end per catalogue model, clear refusals, closing."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import anyio
import pytest

from waarborg.governance.catalogue import DEFAULT_MODELS
from waarborg.governance.catalogue import EXTRACTIVE_KEY as CATALOGUE_EXTRACTIVE_KEY
from waarborg.models.extractive import ExtractiveBackend
from waarborg.models.llama_cpp import LlamaCppBackend
from waarborg.models.openai_compatible import OpenAICompatibleBackend
from waarborg.models.protocol import (
    BackendConfig,
    BackendNotConfigured,
    ChatDelta,
    ChatRequest,
    ModelBackend,
)
from waarborg.models.registry import (
    EXTRACTIVE_KEY,
    BackendRegistry,
    available_kinds,
    load_factory,
)
from waarborg.settings import ModelBackendSetting, Settings, load_settings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "models.md"


class EchoBackend:
    """A third party's back-end: says back the question."""

    closed = 0

    def __init__(self, config: BackendConfig) -> None:
        self.name = config.name
        self.config = config

    async def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]:
        yield ChatDelta(text=request.messages[-1].content, finish_reason="stop")

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [[float(len(t))] for t in texts]

    async def aclose(self) -> None:
        EchoBackend.closed += 1


def test_the_built_ins_are_plugins_like_any_other() -> None:
    assert {"openai-compatible", "llama-cpp", "extractive"} <= set(available_kinds())
    assert load_factory("extractive")(BackendConfig("x", "extractive")).name == "x"


def test_the_extractive_key_is_the_catalogues() -> None:
    assert EXTRACTIVE_KEY == CATALOGUE_EXTRACTIVE_KEY
    extractive = [seed for seed in DEFAULT_MODELS if seed.backend == "extractive"]
    assert [seed.key for seed in extractive] == [EXTRACTIVE_KEY]


def test_a_third_party_plugin_is_found_through_its_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = tmp_path / "waarborg_echo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: waarborg-echo\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[waarborg.models]\necho = tests.models.test_registry:EchoBackend\n"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert "echo" in available_kinds()
    registry = BackendRegistry({"gemeente-echo": ModelBackendSetting(kind="echo")})
    backend = registry.backend_for("gemeente-echo", "openai-compatible")
    assert isinstance(backend, EchoBackend)


def test_extractief_needs_no_setting() -> None:
    registry = BackendRegistry({})
    backend = registry.backend_for("extractief", "extractive")
    assert isinstance(backend, ExtractiveBackend)
    assert registry.is_configured("extractief", "extractive")
    assert registry.configured_keys() == ["extractief"]


def test_an_unconfigured_model_is_refused_in_both_languages() -> None:
    registry = BackendRegistry({})
    assert not registry.is_configured("geitje-7b-ultra", "openai-compatible")
    with pytest.raises(BackendNotConfigured) as caught:
        registry.backend_for("geitje-7b-ultra", "openai-compatible")
    message = str(caught.value)
    assert "'geitje-7b-ultra' has no back-end in WAARBORG_MODEL_BACKENDS" in message
    assert "heeft geen model-back-end" in message
    assert caught.value.retryable is False


def test_an_unknown_kind_lists_the_known_ones() -> None:
    registry = BackendRegistry({"m": ModelBackendSetting(kind="telepathie")})
    with pytest.raises(BackendNotConfigured, match=r"telepathie.*available: .*openai-compatible"):
        registry.backend_for("m", "openai-compatible")


def test_one_cached_backend_per_model_closed_by_aclose_all() -> None:
    registry = BackendRegistry(
        {"a": ModelBackendSetting(kind="echo"), "b": ModelBackendSetting(kind="echo")},
        factories={"echo": EchoBackend},
    )
    first = registry.backend_for("a", "openai-compatible")
    assert registry.backend_for("a", "openai-compatible") is first
    assert registry.backend_for("b", "openai-compatible") is not first
    EchoBackend.closed = 0
    anyio.run(registry.aclose_all)
    assert EchoBackend.closed == 2
    assert registry.backend_for("a", "openai-compatible") is not first  # made anew


def test_the_catalogue_kind_applies_unless_the_setting_names_one() -> None:
    registry = BackendRegistry(
        {
            "implicit": ModelBackendSetting(options={"model_path": "/m.gguf"}),
            "explicit": ModelBackendSetting(kind="echo"),
        },
        factories={"echo": EchoBackend},
    )
    assert isinstance(registry.backend_for("implicit", "llama-cpp"), LlamaCppBackend)
    assert isinstance(registry.backend_for("explicit", "llama-cpp"), EchoBackend)


def test_the_catalogue_context_length_fills_in_a_zero() -> None:
    registry = BackendRegistry(
        {
            "a": ModelBackendSetting(kind="echo"),
            "b": ModelBackendSetting(kind="echo", context_length=2048),
        },
        factories={"echo": EchoBackend},
    )
    a = registry.backend_for("a", "openai-compatible", context_length=8192)
    b = registry.backend_for("b", "openai-compatible", context_length=8192)
    assert isinstance(a, EchoBackend)
    assert isinstance(b, EchoBackend)
    assert (a.config.context_length, b.config.context_length) == (8192, 2048)
    assert a.config.name == "a"


def test_a_broken_plugin_is_a_configuration_error() -> None:
    def explode(config: BackendConfig) -> ModelBackend:
        raise ZeroDivisionError("oops")

    registry = BackendRegistry(
        {"a": ModelBackendSetting(kind="bad"), "b": ModelBackendSetting(kind="nothing")},
        factories={"bad": explode, "nothing": lambda config: object()},  # type: ignore[dict-item]
    )
    with pytest.raises(BackendNotConfigured, match=r"could not be created.*ZeroDivisionError"):
        registry.backend_for("a", "openai-compatible")
    with pytest.raises(BackendNotConfigured, match="did not return a ModelBackend"):
        registry.backend_for("b", "openai-compatible")


def test_settings_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "WAARBORG_MODEL_BACKENDS",
        json.dumps({"geitje-7b-ultra": {"base_url": "http://gpu1:8000/v1", "model": "g"}}),
    )
    registry = BackendRegistry.from_settings(load_settings(data_dir=tmp_path))
    backend = registry.backend_for("geitje-7b-ultra", "openai-compatible")
    assert isinstance(backend, OpenAICompatibleBackend)
    assert backend.config.base_url == "http://gpu1:8000/v1"


def _documented_examples() -> list[dict[str, object]]:
    blocks = re.findall(r"```json\n(.*?)```", DOCS.read_text(), flags=re.DOTALL)
    return [json.loads(block) for block in blocks]


def test_every_example_in_the_docs_builds_a_backend(tmp_path: Path) -> None:
    examples = _documented_examples()
    assert len(examples) >= 5
    for example in examples:
        settings = Settings(data_dir=tmp_path, model_backends=example)  # type: ignore[arg-type]
        registry = BackendRegistry.from_settings(settings)
        for key in example:
            catalogue = next((s.backend for s in DEFAULT_MODELS if s.key == key), "")
            assert isinstance(registry.backend_for(key, catalogue), ModelBackend)
