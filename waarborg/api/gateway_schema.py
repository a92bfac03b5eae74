"""The ``/v1/chat/completions`` request body, checked by hand so every problem gets a clear
400 that names the parameter (OpenAI SDKs show ``param`` to the developer).

Accepted: ``model``, ``messages``, ``stream``, ``stream_options`` (``include_usage``),
``temperature``, ``top_p``, ``max_tokens``, ``max_completion_tokens``, ``n`` (1 only),
``user``, ``presence_penalty``, ``frequency_penalty``, ``seed``. ``top_p``, the penalties,
``seed`` and ``user`` are accepted and ignored (the answer is grounded in the use case's
sources; ``user`` is never stored). Anything else, such as ``tools``, is refused by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waarborg.api.gateway_errors import GatewayError, bad_request
from waarborg.models.protocol import ChatMessage

IGNORED = {"top_p", "user", "presence_penalty", "frequency_penalty", "seed"}
USED = {
    "model",
    "messages",
    "stream",
    "stream_options",
    "temperature",
    "max_tokens",
    "max_completion_tokens",
    "n",
}
ACCEPTED = USED | IGNORED
# Roles whose text is never passed on: the use case's own instructions govern the answer.
INSTRUCTION_ROLES = {"system", "developer"}


@dataclass(frozen=True)
class ChatBody:
    model: str
    use_case: str
    model_key: str | None
    question: str
    history: tuple[ChatMessage, ...]
    stream: bool
    include_usage: bool
    max_tokens: int | None
    temperature: float | None


def split_model(model: str) -> tuple[str, str | None]:
    """``"slug"`` or ``"slug:catalogue-model-key"``."""
    slug, _, key = model.partition(":")
    return slug, key or None


def unsupported(data: dict[str, Any]) -> None:
    extra = sorted(set(data) - ACCEPTED)
    if extra:
        raise bad_request(
            "unsupported_parameter",
            "Niet ondersteunde parameter(s): " + ", ".join(extra) + ".",
            extra[0],
        )


def _number(data: dict[str, Any], name: str, low: float, high: float) -> float | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise bad_request(
            "invalid_value", f"{name} moet een getal van {low} tot {high} zijn.", name
        )
    return float(value)


def _text(message: dict[str, Any], index: int) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text":
                raise bad_request(
                    "unsupported_content",
                    "Alleen tekst wordt ondersteund (type 'text').",
                    f"messages[{index}].content",
                )
            parts.append(str(part.get("text", "")))
        return "\n".join(parts)
    raise bad_request("invalid_value", "content moet tekst zijn.", f"messages[{index}].content")


def _messages(data: dict[str, Any], max_chars: int) -> tuple[str, tuple[ChatMessage, ...]]:
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request("invalid_value", "messages moet een niet-lege lijst zijn.", "messages")
    turns: list[ChatMessage] = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise bad_request("invalid_value", "Elk bericht is een object.", f"messages[{index}]")
        role = message.get("role")
        text = _text(message, index)
        if len(text) > max_chars:
            raise GatewayError(
                413,
                "message_too_large",
                f"Een bericht heeft hoogstens {max_chars} tekens.",
                f"messages[{index}].content",
            )
        if role in INSTRUCTION_ROLES:
            continue
        if role not in ("user", "assistant"):
            raise bad_request(
                "unsupported_role",
                f"De rol '{role}' wordt niet ondersteund (alleen system, user, assistant).",
                f"messages[{index}].role",
            )
        turns.append(ChatMessage("user" if role == "user" else "assistant", text))
    if not turns or turns[-1].role != "user":
        raise bad_request(
            "invalid_value", "Het laatste bericht moet van de gebruiker zijn.", "messages"
        )
    return turns[-1].content, tuple(turns[:-1])


def parse_chat(data: dict[str, Any], max_chars: int) -> ChatBody:
    unsupported(data)
    model = data.get("model")
    if not isinstance(model, str) or not model.strip():
        raise bad_request("invalid_value", "model (de toepassing) ontbreekt.", "model")
    n = data.get("n", 1)
    if n not in (1, None) or isinstance(n, bool):
        raise bad_request("unsupported_value", "Alleen n=1 wordt ondersteund.", "n")
    stream = data.get("stream") or False
    if not isinstance(stream, bool):
        raise bad_request("invalid_value", "stream moet true of false zijn.", "stream")
    options = data.get("stream_options") or {}
    if not isinstance(options, dict) or set(options) - {"include_usage"}:
        raise bad_request(
            "unsupported_value", "stream_options kent alleen include_usage.", "stream_options"
        )
    for name in ("top_p", "presence_penalty", "frequency_penalty"):
        _number(data, name, -2.0, 2.0)
    limit = data.get("max_completion_tokens", data.get("max_tokens"))
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise bad_request(
            "invalid_value", "max_tokens moet een positief geheel getal zijn.", "max_tokens"
        )
    question, history = _messages(data, max_chars)
    slug, model_key = split_model(model.strip())
    return ChatBody(
        model=model.strip(),
        use_case=slug,
        model_key=model_key,
        question=question,
        history=history,
        stream=stream,
        include_usage=bool(options.get("include_usage")),
        max_tokens=limit,
        temperature=_number(data, "temperature", 0.0, 2.0),
    )
