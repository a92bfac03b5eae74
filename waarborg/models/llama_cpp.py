"""llama.cpp in process, through ``llama-cpp-python`` (the optional extra ``waarborg[llama]``).

For a small installation without a model server: one GGUF file, loaded into the Waarborg
worker. Generation is blocking C++ code, so it runs in one worker thread per back-end and
sends its pieces back over an asyncio queue; the event loop keeps serving other requests.
One thread per back-end also means one generation at a time, which is what a llama.cpp
context allows; further requests wait their turn. A request whose caller went away stops at
the next token instead of generating on for nobody.

Nothing is imported or loaded until the first call: a worker that never uses this back-end
does not need the package, and one that does finds out with a clear ``BackendError``.

Options: ``model_path`` (required), ``threads`` (default 1), ``context`` (tokens; default
the configured context_length, else 4096), ``chat_format`` (default: the GGUF's own chat
template), ``embeddings`` (true: ``embed`` loads a second instance in embedding mode),
``verbose`` (true: llama.cpp's own log on stderr). Without ``verbose``, llama-cpp-python
silences the process's stdout and stderr while it loads a model, so other log lines written
in those seconds are lost; the model loads once, on the first request.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from waarborg.models.openai_wire import parse_chunk, parse_completion
from waarborg.models.options import option_bool, option_int, option_str
from waarborg.models.protocol import (
    BackendConfig,
    BackendError,
    BackendNotConfigured,
    ChatDelta,
    ChatRequest,
    Usage,
)
from waarborg.models.tokens import warn_if_context_may_overflow

logger = logging.getLogger("waarborg.models")

DEFAULT_CONTEXT = 4096
_END = object()


def import_llama_cpp() -> Any:
    """The ``llama_cpp`` module, or a ``BackendError`` that says how to install it."""
    try:
        return importlib.import_module("llama_cpp")
    except ImportError:
        raise BackendError(
            "llama-cpp-python is not installed: pip install 'waarborg[llama]' "
            "(llama-cpp-python ontbreekt).",
            retryable=False,
        ) from None


class LlamaCppBackend:
    def __init__(self, config: BackendConfig) -> None:
        self.name = config.name
        self.config = config
        self.model_path = option_str(config, "model_path")
        if not self.model_path:
            raise BackendNotConfigured(
                f"Back-end '{config.name}' (llama-cpp) needs options.model_path, the GGUF file "
                f"(model_path ontbreekt)."
            )
        self.threads = option_int(config, "threads", 1, minimum=1)
        self.context = option_int(
            config, "context", config.context_length or DEFAULT_CONTEXT, minimum=16
        )
        self.chat_format = option_str(config, "chat_format") or None
        self.embeddings = option_bool(config, "embeddings", False)
        self.verbose = option_bool(config, "verbose", False)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"llama-{self.name}")
        self._models: dict[bool, Any] = {}  # embedding mode -> llama_cpp.Llama, thread-owned
        self._stops: set[threading.Event] = set()
        self._closed = False

    def _model(self, *, embedding: bool = False) -> Any:
        """Load the GGUF on first use (in the worker thread: loading takes a while)."""
        if embedding not in self._models:
            module = import_llama_cpp()
            if not Path(self.model_path).is_file():
                raise BackendError(
                    f"Back-end '{self.name}': model file {self.model_path} does not exist.",
                    retryable=False,
                )
            extra = {"embedding": True, "pooling_type": 1} if embedding else {}  # 1: mean
            try:
                self._models[embedding] = module.Llama(
                    model_path=self.model_path,
                    n_ctx=self.context,
                    n_threads=self.threads,
                    n_threads_batch=self.threads,
                    chat_format=self.chat_format,
                    verbose=self.verbose,
                    **extra,
                )
            except (ValueError, RuntimeError, OSError) as error:
                raise BackendError(
                    f"Back-end '{self.name}': llama.cpp could not load {self.model_path} "
                    f"({type(error).__name__}).",
                    retryable=False,
                ) from None
            logger.info("Back-end %s: loaded %s", self.name, self.model_path)
        return self._models[embedding]

    def _arguments(self, request: ChatRequest) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_tokens,
        }
        if request.temperature is not None:
            arguments["temperature"] = request.temperature
        if request.stop:
            arguments["stop"] = list(request.stop)
        return arguments

    def _generate(self, request: ChatRequest, stream: bool, stop: threading.Event) -> Iterator[Any]:
        """Runs in the worker thread: the OpenAI-shaped chunks (or the one completion)."""
        if stop.is_set():
            return
        llama = self._model()
        if not stream:
            yield llama.create_chat_completion(**self._arguments(request), stream=False)
            return
        completion_tokens = 0
        finish = None
        for chunk in llama.create_chat_completion(**self._arguments(request), stream=True):
            if stop.is_set():
                return
            choice = (chunk.get("choices") or [{}])[0]
            completion_tokens += bool((choice.get("delta") or {}).get("content"))
            finish = choice.get("finish_reason") or finish
            yield chunk
        # Streamed chunks carry no usage, so it is counted: one piece per token, and the
        # context holds the prompt and the answer, less the last token when the answer was
        # cut at max_tokens (that one is sampled but never evaluated).
        evaluated = completion_tokens - (finish == "length" and completion_tokens > 0)
        prompt_tokens = max(0, int(llama.n_tokens) - evaluated)
        yield {
            "choices": [],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens},
        }

    async def chat(self, request: ChatRequest, *, stream: bool) -> AsyncIterator[ChatDelta]:
        warn_if_context_may_overflow(self.name, request, self.context)
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue()
        stop = threading.Event()

        def put(item: object) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the event loop is gone: nobody is listening any more
                stop.set()

        def work() -> None:
            try:
                for item in self._generate(request, stream, stop):
                    put(item)
                # Stopped: the caller went away (nobody reads this) or the back-end is closing.
                put(BackendError(f"Back-end '{self.name}' is closing.") if stop.is_set() else _END)
            except BackendError as error:
                put(error)
            except Exception as error:  # llama.cpp raises plain exceptions of many kinds
                put(
                    BackendError(
                        f"Back-end '{self.name}': llama.cpp failed ({type(error).__name__})."
                    )
                )

        if self._closed:
            raise BackendError(f"Back-end '{self.name}' is closed.", retryable=False)
        self._stops.add(stop)
        loop.run_in_executor(self._executor, work)
        try:
            async for delta in self._deltas(queue, stream):
                yield delta
        finally:
            stop.set()
            self._stops.discard(stop)

    async def _deltas(self, queue: asyncio.Queue[object], stream: bool) -> AsyncIterator[ChatDelta]:
        finish: str | None = None
        usage: Usage | None = None
        while (item := await queue.get()) is not _END:
            if isinstance(item, BackendError):
                raise item
            if not stream:
                yield parse_completion(item, self.name)
                return
            parts = parse_chunk(item, self.name)
            usage = parts.usage or usage
            if parts.text or parts.reasoning:
                yield ChatDelta(text=parts.text, reasoning=parts.reasoning)
            finish = parts.finish_reason or finish
        yield ChatDelta(finish_reason=finish or "stop", usage=usage)

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not self.embeddings:
            raise BackendError(
                f"Back-end '{self.name}': embeddings are off; set options.embeddings to true.",
                retryable=False,
            )
        if not texts:
            return []
        if self._closed:
            raise BackendError(f"Back-end '{self.name}' is closed.", retryable=False)

        def work() -> list[list[float]]:
            try:
                result = self._model(embedding=True).create_embedding(list(texts))
            except BackendError:
                raise
            except Exception as error:
                raise BackendError(
                    f"Back-end '{self.name}': llama.cpp embeddings failed ({type(error).__name__})."
                ) from None
            rows = sorted(result["data"], key=lambda item: item["index"])
            return [[float(x) for x in row["embedding"]] for row in rows]

        return await asyncio.get_running_loop().run_in_executor(self._executor, work)

    async def aclose(self) -> None:
        """Stop running generations, free the models, end the worker thread."""
        if self._closed:
            return
        self._closed = True
        for stop in list(self._stops):
            stop.set()

        def free() -> None:
            for model in self._models.values():
                close = getattr(model, "close", None)
                if callable(close):
                    close()
            self._models.clear()

        await asyncio.get_running_loop().run_in_executor(self._executor, free)
        self._executor.shutdown(wait=False, cancel_futures=True)


def llama_cpp_backend(config: BackendConfig) -> LlamaCppBackend:
    """Entry point ``llama-cpp`` of the ``waarborg.models`` group."""
    return LlamaCppBackend(config)
