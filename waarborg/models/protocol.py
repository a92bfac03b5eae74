"""The contract for a model back-end: chat (streamed or whole) and embeddings.

The request path never talks to a model server directly; it asks a ``ModelBackend``. Built-in
back-ends (OpenAI-compatible HTTP, llama.cpp in process, the extractive engine) and third-party
ones are found the same way: the ``waarborg.models`` entry-point group names a factory
``(BackendConfig) -> ModelBackend``. Everything is async, because a governed stream holds a
connection open for seconds and a worker must serve hundreds of them at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Role = Literal["system", "user", "assistant"]


class BackendError(RuntimeError):
    """The back-end could not answer (down, timed out, answered garbage, circuit open).

    ``retryable`` tells the caller whether the same request may succeed later; the message is
    for operators' logs and must never contain prompt text.
    """

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class BackendNotConfigured(BackendError):  # noqa: N818 - the contract's public name
    """A catalogue model names a back-end that this installation has not configured."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(frozen=True)
class GroundingPassage:
    """A retrieved passage offered to the model, numbered as the prompt numbers it.

    Generative back-ends see passages only through the prompt the pipeline writes; the
    extractive back-end answers from these directly.
    """

    number: int
    text: str
    title: str = ""
    location: str = ""
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChatRequest:
    messages: tuple[ChatMessage, ...]
    max_tokens: int | None = None
    temperature: float | None = None
    passages: tuple[GroundingPassage, ...] = ()
    stop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class ChatDelta:
    """One piece of a streamed answer. A non-streamed answer is a single delta that carries
    ``finish_reason``. ``reasoning`` is a model's thinking text, kept apart from the answer
    (servers call it ``reasoning`` or ``reasoning_content``); ``usage`` arrives at most once,
    usually with or after the last piece."""

    text: str = ""
    reasoning: str = ""
    finish_reason: str | None = None
    usage: Usage | None = None


@dataclass(frozen=True)
class BackendConfig:
    """One configured back-end, from ``WAARBORG_MODEL_BACKENDS`` (see ``settings``).

    ``api_key_env`` names an environment variable: secrets are references, never values in
    settings files, the database or logs. ``options`` holds what only one kind understands
    (for llama.cpp: ``model_path``, ``threads``, ``context``).
    """

    name: str
    kind: str
    base_url: str = ""
    model: str = ""
    api_key_env: str = ""
    context_length: int = 0
    timeout_seconds: float = 60.0
    connect_timeout_seconds: float = 5.0
    max_retries: int = 2
    options: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class ModelBackend(Protocol):
    """A model that can chat and, where it can, embed.

    ``chat`` yields ``ChatDelta`` pieces: many when ``stream`` is true, one otherwise. It
    raises ``BackendError`` (never anything else) when the back-end cannot answer, before or
    during the stream. ``embed`` returns one vector per text, or raises ``BackendError`` when
    the back-end has no embeddings.
    """

    name: str

    def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]: ...

    async def embed(self, texts: Sequence[str]) -> list[list[float]]: ...

    async def aclose(self) -> None: ...


BackendFactory = Callable[[BackendConfig], ModelBackend]
