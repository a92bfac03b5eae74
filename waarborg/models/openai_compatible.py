"""The back-end for every server that speaks the OpenAI HTTP API: vLLM, Ollama, llama.cpp's
server, TGI, llama-cpp-python's server and hosted EU providers.

One ``httpx.AsyncClient`` (one connection pool) per back-end, shared by all requests of a
worker. Every request is bounded three ways: the connect timeout, a read timeout between two
pieces of data (a stream that hangs mid-way fails after it), and a total time for the whole
call (``timeout_seconds``), so a slowly dripping server cannot hold a citizen's request for
ever. Retries (see ``retry``) happen only before the first byte of the answer; a circuit
breaker per back-end (see ``breaker``) makes a dead server fail fast. Whatever goes wrong
surfaces as ``BackendError``; no httpx exception leaves this module.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import httpx

from waarborg.models import openai_wire as wire
from waarborg.models.breaker import CircuitBreaker
from waarborg.models.discovery import choose_model
from waarborg.models.http_errors import read_error_body, status_error, transport_failure
from waarborg.models.options import (
    option_bool,
    option_float,
    option_int,
    option_str,
    option_strings,
)
from waarborg.models.protocol import (
    BackendConfig,
    BackendError,
    BackendNotConfigured,
    ChatDelta,
    ChatRequest,
)
from waarborg.models.retry import RETRYABLE_STATUS, backoff_seconds, retry_after_seconds
from waarborg.models.tokens import warn_if_context_may_overflow

logger = logging.getLogger("waarborg.models")

TAIL_SECONDS = 2.0  # after finish_reason: how long to wait for a late usage chunk


class OpenAICompatibleBackend:
    def __init__(
        self,
        config: BackendConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        if not _valid_base_url(config.base_url):
            raise BackendNotConfigured(
                f"Back-end '{config.name}' needs a base_url such as http://gpu1:8000/v1 "
                f"(geen geldige base_url in WAARBORG_MODEL_BACKENDS)."
            )
        extra = config.options.get("extra_body", {})
        if not isinstance(extra, dict):
            raise BackendNotConfigured(f"Back-end '{config.name}': extra_body must be an object.")
        self.name = config.name
        self.config = config
        self._base = config.base_url.rstrip("/")
        self._extra: dict[str, Any] = extra
        self._read_timeout = option_float(config, "read_timeout_seconds", config.timeout_seconds)
        self._include_usage = option_bool(config, "include_usage", True)
        self._aliases = option_strings(config, "aliases")
        self._embedding_model = option_str(config, "embedding_model")
        self._backoff = option_float(config, "retry_backoff_seconds", 0.5)
        self._backoff_cap = option_float(config, "retry_backoff_max_seconds", 8.0)
        self._breaker = CircuitBreaker(
            config.name,
            failure_threshold=option_int(config, "breaker_failures", 5, minimum=1),
            reset_seconds=option_float(config, "breaker_reset_seconds", 30.0),
            clock=clock,
        )
        connect = config.connect_timeout_seconds
        self._client = httpx.AsyncClient(
            # Waiting for a free connection is queueing behind other answers, not connecting:
            # with more streams than connections, a short pool timeout failed the rest.
            timeout=httpx.Timeout(self._read_timeout, connect=connect, pool=self._read_timeout),
            limits=httpx.Limits(
                max_connections=option_int(config, "max_connections", 100, minimum=1),
                max_keepalive_connections=20,
            ),
            transport=transport,
            follow_redirects=False,
            trust_env=option_bool(config, "trust_env", True),
        )
        self._model = config.model
        self._model_lock = asyncio.Lock()
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets

    @property
    def breaker(self) -> CircuitBreaker:
        return self._breaker

    async def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]:
        deadline = asyncio.get_running_loop().time() + self.config.timeout_seconds
        warn_if_context_may_overflow(self.name, request, self.config.context_length)
        self._breaker.before_call()
        failed = answered = False
        try:
            model = await self._model_id(deadline)
            body = wire.chat_body(
                request, model, stream=stream, include_usage=self._include_usage, extra=self._extra
            )
            response = await self._open("POST", "/chat/completions", body, deadline)
            answered = True
            try:
                if stream and "json" not in response.headers.get("content-type", ""):
                    async for delta in self._stream(response, deadline):
                        yield delta
                else:  # a server that ignores stream=true answers whole: one delta then
                    yield wire.parse_completion(
                        await self._read_json(response, deadline), self.name
                    )
            finally:
                await response.aclose()
        except BackendError as error:
            failed, answered = error.retryable, not error.retryable
            raise
        finally:
            if failed:
                self._breaker.record_failure()
            elif answered:
                self._breaker.record_success()

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        deadline = asyncio.get_running_loop().time() + self.config.timeout_seconds
        self._breaker.before_call()
        try:
            model = self._embedding_model or await self._model_id(deadline)
            body = {"model": model, "input": list(texts)}
            response = await self._open("POST", "/embeddings", body, deadline)
            try:
                answer = await self._read_json(response, deadline)
            finally:
                await response.aclose()
            vectors = wire.parse_embeddings(answer, self.name, len(texts))
        except BackendError as error:
            if error.retryable:  # the server's trouble; otherwise the request's
                self._breaker.record_failure()
            else:
                self._breaker.record_success()
            raise
        self._breaker.record_success()
        return vectors

    async def aclose(self) -> None:
        await self._client.aclose()

    # --- the model id ------------------------------------------------------------------------

    async def _model_id(self, deadline: float) -> str:
        """The configured model id, or the one discovered once from ``GET /models``."""
        if self._model:
            return self._model
        async with self._model_lock:
            if not self._model:
                response = await self._open("GET", "/models", None, deadline)
                try:
                    ids = wire.parse_model_ids(await self._read_json(response, deadline), self.name)
                finally:
                    await response.aclose()
                chosen = choose_model(ids, (self.name, *self._aliases))
                if chosen is None:
                    raise BackendError(
                        f"Back-end '{self.name}': none of the server's models "
                        f"({', '.join(ids[:10]) or 'none'}) is '{self.name}'; set 'model' or "
                        f"options.aliases (model niet gevonden op de server).",
                        retryable=False,
                    )
                logger.info("Back-end %s: using the server's model %s", self.name, chosen)
                self._model = chosen
        return self._model

    # --- HTTP ----------------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        variable = self.config.api_key_env
        if not variable:
            return {}
        key = os.environ.get(variable, "")
        if not key:
            raise BackendError(
                f"Back-end '{self.name}': environment variable {variable} (api_key_env) is not "
                f"set (de API-sleutel ontbreekt).",
                retryable=False,
            )
        return {"Authorization": f"Bearer {key}"}

    async def _open(
        self, method: str, path: str, body: dict[str, Any] | None, deadline: float
    ) -> httpx.Response:
        """Send the request and return the open response once it says 200, retrying what may
        succeed on a second try while nothing of the answer has been read."""
        request = self._client.build_request(
            method, self._base + path, json=body, headers=self._headers()
        )
        loop = asyncio.get_running_loop()
        for attempt in range(self.config.max_retries + 1):
            retry_after: str | None = None
            try:
                async with asyncio.timeout_at(deadline):
                    response = await self._client.send(request, stream=True)
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                failure = BackendError(
                    f"Back-end '{self.name}': cannot connect to {self._base} "
                    f"({type(error).__name__}; server onbereikbaar)."
                )
            except (TimeoutError, httpx.HTTPError) as error:
                raise self._read_failure(error) from None
            else:
                if response.status_code == 200:
                    return response
                retry_after = response.headers.get("retry-after")
                raw = await read_error_body(response, deadline)
                failure = status_error(
                    self.name, response.status_code, raw, self.config.api_key_env
                )
                if response.status_code not in RETRYABLE_STATUS:
                    raise failure
            delay = retry_after_seconds(retry_after, self._backoff_cap)
            if delay is None:
                delay = backoff_seconds(
                    attempt, base=self._backoff, cap=self._backoff_cap, rng=self._rng
                )
            if attempt == self.config.max_retries or loop.time() + delay >= deadline:
                raise failure
            logger.warning(
                "Back-end %s: %s Retry %d of %d in %.2f s.",
                self.name,
                failure,
                attempt + 1,
                self.config.max_retries,
                delay,
            )
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _read_failure(self, error: BaseException) -> BackendError:
        return transport_failure(
            self.name, error, total=self.config.timeout_seconds, read=self._read_timeout
        )

    async def _read_json(self, response: httpx.Response, deadline: float) -> object:
        try:
            async with asyncio.timeout_at(deadline):
                raw = await response.aread()
        except (TimeoutError, httpx.HTTPError) as error:
            raise self._read_failure(error) from None
        try:
            return json.loads(raw)
        except ValueError:
            raise BackendError(
                f"Back-end '{self.name}': the server's answer is not valid JSON."
            ) from None

    async def _stream(self, response: httpx.Response, deadline: float) -> AsyncIterator[ChatDelta]:
        """Server-sent events: ``data: {chunk}`` lines, ``data: [DONE]`` at the end. The
        finish reason and the usage are held back and reported together in a last delta."""
        finish: str | None = None
        usage = None
        lines = response.aiter_lines()
        loop = asyncio.get_running_loop()
        while True:
            limit = deadline if finish is None else min(deadline, loop.time() + TAIL_SECONDS)
            try:
                async with asyncio.timeout_at(limit):
                    line = await anext(lines)
            except StopAsyncIteration:
                break
            except (TimeoutError, httpx.HTTPError) as error:
                if finish is not None:
                    break  # the answer is complete; only a late usage chunk is missing
                raise self._read_failure(error) from None
            if not line.startswith("data:"):
                continue  # blank separators, ": keep-alive" comments, "event:" lines
            data = line[5:].strip()
            if data == "[DONE]":
                finish = finish or "stop"
                break
            try:
                chunk = json.loads(data)
            except ValueError:
                raise BackendError(
                    f"Back-end '{self.name}': the stream contains invalid JSON."
                ) from None
            parts = wire.parse_chunk(chunk, self.name)
            usage = parts.usage or usage
            if parts.text or parts.reasoning:
                yield ChatDelta(text=parts.text, reasoning=parts.reasoning)
            finish = parts.finish_reason or finish
        if finish is None:
            raise BackendError(
                f"Back-end '{self.name}': the stream ended before the answer was finished."
            )
        yield ChatDelta(finish_reason=finish, usage=usage)


def _valid_base_url(base_url: str) -> bool:
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        return False
    return url.scheme in ("http", "https") and bool(url.host)


def openai_compatible_backend(config: BackendConfig) -> OpenAICompatibleBackend:
    """Entry point ``openai-compatible`` of the ``waarborg.models`` group."""
    return OpenAICompatibleBackend(config)
