"""``POST /v1/embeddings``: only for use cases that allow it, privacy guarded, and a clear
501 while no model back-end that can embed is configured (the test server has none)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from tests.gateway.conftest import Gateway, gateway  # noqa: F401
from tests.support.live_server import live_server
from waarborg.app import create_app
from waarborg.governance.vocabulary import PersonalDataPolicy
from waarborg.models.protocol import BackendError, ChatDelta, ChatRequest
from waarborg.settings import Settings


def _embed(gateway: Gateway, **fields: Any) -> httpx.Response:  # noqa: F811
    return gateway.post("/v1/embeddings", {"model": gateway.slug, "input": "paspoort", **fields})


def _code(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    return str(response.json()["error"]["code"])


def test_not_allowed_by_default(gateway: Gateway) -> None:  # noqa: F811
    assert _code(_embed(gateway), 403) == "embeddings_not_allowed"
    assert _code(_embed(gateway, model="bestaat-niet"), 404) == "model_not_found"


def test_allowed_but_no_backend_is_501(gateway: Gateway) -> None:  # noqa: F811
    gateway.set_use_case(embeddings_allowed=True)
    assert _code(_embed(gateway, input=["paspoort", "afval"]), 501) == "embeddings_unavailable"
    assert _code(_embed(gateway, dimensions=8), 400) == "unsupported_parameter"
    assert _code(_embed(gateway, input=[]), 400) == "invalid_value"
    events = [e for e in gateway.audit() if e.action == "embeddings"]
    assert [e.detail["reason"] for e in events] == [
        "embeddings_unavailable",
        "unsupported_parameter",
        "invalid_value",
    ]


def test_personal_data_refused_unless_pseudonymised(gateway: Gateway) -> None:  # noqa: F811
    gateway.set_use_case(embeddings_allowed=True, personal_data_policy=PersonalDataPolicy.BLOCK)
    text = "Mijn BSN is 111222333"
    assert _code(_embed(gateway, input=text), 400) == "personal_data_blocked"
    gateway.set_use_case(personal_data_policy=PersonalDataPolicy.PSEUDONYMISE)
    # Pseudonymised, it passes the guard and reaches the (missing) back-end.
    assert _code(_embed(gateway, input=text), 501) == "embeddings_unavailable"


class _Embedder:
    """A back-end that embeds (texts -> their length), recording what it was given."""

    name = "test-embedder"

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]:
        raise BackendError("chat is not used here", retryable=False)
        yield ChatDelta()  # pragma: no cover - makes this an async generator

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.seen.extend(texts)
        return [[float(len(text)), 1.0] for text in texts]

    async def aclose(self) -> None:
        return None


class _Resolver:
    def __init__(self, backend: _Embedder) -> None:
        self.backend = backend

    def backend_for(self, model_key: str, catalogue_backend: str) -> _Embedder:
        return self.backend

    async def aclose_all(self) -> None:
        return None


def test_vectors_from_a_backend_that_embeds(
    gateway: Gateway,  # noqa: F811
    settings: Settings,
) -> None:
    embedder = _Embedder()
    app = create_app(settings)
    app.state.runtime.backends = _Resolver(embedder)
    gateway.set_use_case(embeddings_allowed=True)
    with live_server(app) as url:
        response = httpx.post(
            f"{url}/v1/embeddings",
            json={"model": gateway.slug, "input": ["paspoort", "Mijn BSN is 111222333"]},
            headers=gateway.headers,
            timeout=60,
        )
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["object"] == "list"
    assert [item["index"] for item in data["data"]] == [0, 1]
    assert data["data"][0]["embedding"] == [8.0, 1.0]
    assert data["usage"]["total_tokens"] > 0
    # The use case pseudonymises: the model never saw the BSN.
    assert embedder.seen[0] == "paspoort"
    assert "111222333" not in embedder.seen[1]
    assert "[BSN_1]" in embedder.seen[1]
