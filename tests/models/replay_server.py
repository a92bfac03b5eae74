"""A real HTTP server on 127.0.0.1 that answers like vLLM, Ollama, llama.cpp's server or TGI
(from the files in ``recordings/``) and fails the way real servers fail.

The base URL of a back-end picks the behaviour: ``{server}/{scenario}~{tag}/v1``. The tag
makes a test's counters its own, so a test can check how many requests really arrived (that
a retry happened, that an open circuit sent nothing). Scenarios:

- ``vllm``, ``ollama``, ``llamacpp``, ``tgi``, ``llama-cpp-python``: the recordings of that
  server (models, chat streamed and whole, embeddings where recorded);
- ``flaky``: 503 from a proxy once, then vLLM; ``busy``: 429 with ``Retry-After: 0`` once;
- ``down``: always 503; ``broken``: always 500; ``secured``: 401 without ``Bearer sesame``;
- ``context`` / ``context-llamacpp``: the context-length errors of vLLM / llama.cpp;
- ``missing``: Ollama's 404 for a model that is not pulled;
- ``garbage``: 200 with a body that is not JSON (streamed: an event that is not JSON);
- ``hang``: two events of a stream, then silence until the client gives up;
- ``truncated``: a stream that ends without a finish reason or ``[DONE]``;
- ``error-midway``: an error event in the middle of a stream;
- ``whole``: answers a streamed request with whole JSON (a server that ignores ``stream``).
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

RECORDINGS = Path(__file__).parent / "recordings"
SERVERS = ("vllm", "ollama", "llamacpp", "tgi", "llama-cpp-python")


@dataclass
class Seen:
    """What the server received, per scenario path."""

    hits: Counter[str] = field(default_factory=Counter)
    bodies: defaultdict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    headers: defaultdict[str, list[dict[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def _recording(name: str) -> str:
    return (RECORDINGS / name).read_text(encoding="utf-8")


def _json(name: str, status: int = 200) -> Response:
    return Response(_recording(name), status_code=status, media_type="application/json")


async def _lines(
    text: str, *, keep: int | None = None, request: Request | None = None
) -> AsyncIterator[str]:
    """The recording line by line, as a server flushes it; with ``keep``, only that many lines
    and then silence until the client disconnects (bounded, so a bug cannot hang the run)."""
    for number, line in enumerate(text.splitlines(keepends=True)):
        if keep is not None and number >= keep:
            break
        yield line
        await asyncio.sleep(0)
    if keep is not None and request is not None:
        for _ in range(600):
            if await request.is_disconnected():
                return
            await asyncio.sleep(0.05)


def _sse(text: str, **kwargs: Any) -> StreamingResponse:
    return StreamingResponse(_lines(text, **kwargs), media_type="text/event-stream")


def _served(server: str, endpoint: str, body: dict[str, Any]) -> Response:
    if endpoint == "models":
        return _json(f"{server}_models.json")
    if endpoint == "embeddings":
        if not (RECORDINGS / f"{server}_embeddings.json").exists():
            return JSONResponse({"error": {"message": "Not Found", "code": 404}}, 404)
        return _json(f"{server}_embeddings.json")
    if body.get("stream"):
        return _sse(_recording(f"{server}_stream.sse"))
    return _json(f"{server}_chat.json")


def _unauthorised() -> Response:
    return JSONResponse(
        {
            "error": {
                "message": "Invalid API key",
                "type": "invalid_request_error",
                "code": "invalid_api_key",
            }
        },
        401,
    )


def _too_many() -> Response:
    return JSONResponse(
        {"error": {"message": "Too many requests", "type": "rate_limit", "code": 429}},
        429,
        headers={"Retry-After": "0"},
    )


def _garbage(streamed: bool) -> Response:
    if streamed:
        return _sse('data: {"choices": [{"delta": {"content": "Een"\n\n')
    return Response("<html><body>Bad gateway</body></html>", media_type="application/json")


# Scenarios that answer the same whatever is asked.
_FIXED: dict[str, Callable[[], Response]] = {
    "down": lambda: HTMLResponse(_recording("proxy_503.html"), status_code=503),
    "broken": lambda: _json("vllm_error_internal.json", 500),
    "context": lambda: _json("vllm_error_context.json", 400),
    "context-llamacpp": lambda: _json("llamacpp_error_context.json", 400),
    "missing": lambda: _json("ollama_error_not_found.json", 404),
    "truncated": lambda: _sse(_recording("vllm_stream.sse"), keep=6),
    "error-midway": lambda: _sse(_recording("stream_error_midway.sse")),
    "whole": lambda: _json("vllm_chat.json"),
}


def _scenario(
    kind: str, endpoint: str, body: dict[str, Any], hit: int, request: Request
) -> Response:
    if kind in SERVERS:
        return _served(kind, endpoint, body)
    if kind in _FIXED:
        return _FIXED[kind]()
    if kind == "flaky":
        return _FIXED["down"]() if hit == 1 else _served("vllm", endpoint, body)
    if kind == "busy":
        return _too_many() if hit == 1 else _served("vllm", endpoint, body)
    if kind == "secured":
        if request.headers.get("authorization") != "Bearer sesame":
            return _unauthorised()
        return _served("vllm", endpoint, body)
    if kind == "garbage":
        return _garbage(bool(body.get("stream")))
    if kind == "hang":
        return _sse(_recording("vllm_stream.sse"), keep=4, request=request)
    return JSONResponse({"error": f"unknown scenario {kind}"}, 418)


def replay_app() -> FastAPI:
    app = FastAPI()
    seen = Seen()
    app.state.seen = seen

    @app.api_route("/{scenario}/v1/{endpoint:path}", methods=["GET", "POST"])
    async def answer(scenario: str, endpoint: str, request: Request) -> Response:
        body = await request.json() if request.method == "POST" else {}
        seen.hits[scenario] += 1
        seen.bodies[scenario].append(body)
        seen.headers[scenario].append(dict(request.headers))
        kind = scenario.split("~", 1)[0]
        return _scenario(kind, endpoint, body, seen.hits[scenario], request)

    return app
