"""OpenAI response objects (``chat.completion``, ``chat.completion.chunk``) made from a
governed :class:`AnswerResult`, with Waarborg's extension field ``waarborg``."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from waarborg.pipeline.results import AnswerResult

FINISH_REASON = "stop"  # also for refusals: waarborg.refused tells them apart


def completion_id() -> str:
    return "chatcmpl-" + secrets.token_hex(12)


def estimate_tokens(text: str) -> int:
    """A rough count (four characters a token) for engines that report none."""
    return (len(text) + 3) // 4 if text else 0


def label_suffix(result: AnswerResult) -> str:
    """The AI label as the answer's last paragraph."""
    return f"\n\n{result.label}" if result.label else ""


def content(result: AnswerResult) -> str:
    return result.answer + label_suffix(result)


def extension(result: AnswerResult) -> dict[str, Any]:
    return {
        "citations": [
            {"number": c.number, "title": c.title, "url": c.url, "page": c.page}
            for c in result.citations
        ],
        "refused": result.refused,
        "reason": result.reason,
        "label": result.label,
        "support": result.support,
        "engine": result.engine,
        "flagged_claims": list(result.flagged_claims),
        "removed_claims": result.removed_claims,
    }


def usage(result: AnswerResult, prompt_text: str) -> dict[str, int]:
    prompt = result.prompt_tokens or estimate_tokens(prompt_text)
    completion = result.completion_tokens or estimate_tokens(content(result))
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def completion(
    result: AnswerResult, model: str, identifier: str, used: dict[str, int]
) -> dict[str, Any]:
    return {
        "id": identifier,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content(result)},
                "finish_reason": FINISH_REASON,
            }
        ],
        "usage": used,
        "waarborg": extension(result),
    }


class Chunks:
    """The ``chat.completion.chunk`` objects of one stream, as SSE lines."""

    def __init__(self, model: str) -> None:
        self.base: dict[str, Any] = {
            "id": completion_id(),
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
        }

    @staticmethod
    def sse(data: dict[str, Any]) -> str:
        return f"data: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"

    def delta(self, delta: dict[str, Any], finish_reason: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason}
        return self.sse({**self.base, "choices": [choice]})

    def final(self, result: AnswerResult) -> str:
        choice = {"index": 0, "delta": {}, "finish_reason": FINISH_REASON}
        return self.sse({**self.base, "choices": [choice], "waarborg": extension(result)})

    def usage(self, used: dict[str, int]) -> str:
        return self.sse({**self.base, "choices": [], "usage": used})

    @staticmethod
    def done() -> str:
        return "data: [DONE]\n\n"
