"""The OpenAI chat wire format as real servers speak it: request bodies in, deltas out.

"OpenAI-compatible" servers differ in the details, and each difference has broken someone's
integration. What is handled here, with the servers that do it:

- The usage report of a stream comes as a last chunk with ``choices: []`` (vLLM, Ollama,
  hosted providers, when asked with ``stream_options.include_usage``), inside the chunk that
  carries ``finish_reason`` (llama.cpp's server), or not at all (older servers, TGI). It is
  kept until the end of the stream and reported once.
- A reasoning model's thinking is ``reasoning_content`` (llama.cpp's server, older vLLM,
  DeepSeek's API) or ``reasoning`` (newer vLLM, Ollama).
- Finish reasons other than OpenAI's are mapped onto them: TGI's ``eos_token`` and
  ``stop_sequence`` are ``stop``.
- Errors are ``{"error": {"message", "type", "code"}}`` (OpenAI, vLLM, llama.cpp),
  ``{"error": "text"}`` (Ollama), ``{"object": "error", …}`` (older vLLM) or
  ``{"detail": …}`` (FastAPI-based servers), also in the middle of a stream.

Parsing is strict about shapes: anything unexpected is a ``BackendError`` with a clear message,
never a ``KeyError`` from deep inside. Error messages from servers are not copied into ours,
because some servers echo the request (and so the prompt) in their validation errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waarborg.models.protocol import BackendError, ChatDelta, ChatRequest, Usage


def chat_body(
    request: ChatRequest, model: str, *, stream: bool, include_usage: bool, extra: dict[str, Any]
) -> dict[str, Any]:
    body: dict[str, Any] = dict(extra)
    body["model"] = model
    body["messages"] = [{"role": m.role, "content": m.content} for m in request.messages]
    body["stream"] = stream
    if stream and include_usage:
        body["stream_options"] = {"include_usage": True}
    if request.max_tokens is not None:
        body["max_tokens"] = request.max_tokens
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.stop:
        body["stop"] = list(request.stop)
    return body


_FINISH_ALIASES = {"eos_token": "stop", "stop_sequence": "stop", "eos": "stop"}


def _finish(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return _FINISH_ALIASES.get(value, value)


def _usage(value: object) -> Usage | None:
    if not isinstance(value, dict):
        return None
    prompt, completion = value.get("prompt_tokens"), value.get("completion_tokens")
    if not isinstance(prompt, int) or not isinstance(completion, int):
        return None
    return Usage(prompt_tokens=prompt, completion_tokens=completion)


def _text(value: object, what: str, backend: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BackendError(f"Back-end '{backend}': {what} is not text in the server's answer.")
    return value


def _reasoning(part: dict[str, Any], backend: str) -> str:
    text = _text(part.get("reasoning_content"), "reasoning_content", backend)
    return text or _text(part.get("reasoning"), "reasoning", backend)


def _first_choice(obj: dict[str, Any], backend: str) -> dict[str, Any] | None:
    choices = obj.get("choices")
    if choices is None or choices == []:
        return None
    if not isinstance(choices, list) or not isinstance(choices[0], dict):
        raise BackendError(f"Back-end '{backend}': 'choices' has an unexpected shape.")
    return choices[0]


def _check_object(obj: object, backend: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise BackendError(f"Back-end '{backend}': the server answered JSON of the wrong shape.")
    if "error" in obj or obj.get("object") == "error":
        raise BackendError(f"Back-end '{backend}': the server reported {describe_error(obj)}.")
    return obj


@dataclass(frozen=True)
class ChunkParts:
    text: str = ""
    reasoning: str = ""
    finish_reason: str | None = None
    usage: Usage | None = None


def parse_chunk(obj: object, backend: str) -> ChunkParts:
    """One ``chat.completion.chunk`` of a stream."""
    chunk = _check_object(obj, backend)
    usage = _usage(chunk.get("usage"))
    choice = _first_choice(chunk, backend)
    if choice is None:
        return ChunkParts(usage=usage)
    delta = choice.get("delta") or {}
    if not isinstance(delta, dict):
        raise BackendError(f"Back-end '{backend}': a stream chunk has no usable 'delta'.")
    return ChunkParts(
        text=_text(delta.get("content"), "content", backend),
        reasoning=_reasoning(delta, backend),
        finish_reason=_finish(choice.get("finish_reason")),
        usage=usage,
    )


def parse_completion(obj: object, backend: str) -> ChatDelta:
    """A whole ``chat.completion`` answer, as the single delta of a non-streamed call."""
    completion = _check_object(obj, backend)
    choice = _first_choice(completion, backend)
    message = choice.get("message") if choice is not None else None
    if choice is None or not isinstance(message, dict):
        raise BackendError(f"Back-end '{backend}': the answer has no message.")
    return ChatDelta(
        text=_text(message.get("content"), "content", backend),
        reasoning=_reasoning(message, backend),
        finish_reason=_finish(choice.get("finish_reason")) or "stop",
        usage=_usage(completion.get("usage")),
    )


def parse_embeddings(obj: object, backend: str, count: int) -> list[list[float]]:
    body = _check_object(obj, backend)
    data = body.get("data")
    if not isinstance(data, list) or len(data) != count:
        raise BackendError(f"Back-end '{backend}': expected {count} embeddings in 'data'.")
    rows: list[tuple[int, list[float]]] = []
    for position, item in enumerate(data):
        vector = item.get("embedding") if isinstance(item, dict) else None
        if not isinstance(vector, list) or not all(
            isinstance(x, int | float) and not isinstance(x, bool) for x in vector
        ):
            raise BackendError(f"Back-end '{backend}': embedding {position} is not numbers.")
        index = item.get("index", position)
        rows.append((index if isinstance(index, int) else position, [float(x) for x in vector]))
    rows.sort(key=lambda row: row[0])
    return [vector for _, vector in rows]


def parse_model_ids(obj: object, backend: str) -> list[str]:
    """The ids of ``GET /models``: ``{"data": [{"id": …}]}`` (Ollama also answers
    ``{"models": [{"name"|"model": …}]}`` on its native API, which is accepted too)."""
    body = _check_object(obj, backend)
    entries = body.get("data", body.get("models"))
    if not isinstance(entries, list):
        raise BackendError(f"Back-end '{backend}': the model list has an unexpected shape.")
    ids = []
    for entry in entries:
        if isinstance(entry, dict):
            name = entry.get("id") or entry.get("model") or entry.get("name")
            if isinstance(name, str) and name:
                ids.append(name)
    return ids


_CONTEXT_WORDS = ("context length", "context size", "context window", "maximum context")


def describe_error(body: object) -> str:
    """What an error body says, in words that are safe to log: type, code, and whether it is
    about the context length. The server's free text is not copied (it may echo the prompt)."""
    if not isinstance(body, dict):
        return "an error"
    error = body.get("error", body)
    message = ""
    parts = []
    if isinstance(error, str):
        message = error
    elif isinstance(error, dict):
        message = str(error.get("message", error.get("detail", "")))
        for key in ("type", "code"):
            value = error.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
                parts.append(f"{key} {value}"[:60])
    if not message and "detail" in body:
        message = str(body["detail"])
    if any(word in message.lower() for word in _CONTEXT_WORDS):
        parts.append("the prompt does not fit the model's context length")
    return "an error (" + ", ".join(parts) + ")" if parts else "an error"
