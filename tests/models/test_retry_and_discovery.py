"""Backoff with jitter, Retry-After, rough token counts and the choice of a server's model id."""

from __future__ import annotations

import random

import pytest

from waarborg.models.discovery import choose_model
from waarborg.models.protocol import ChatMessage, ChatRequest
from waarborg.models.retry import backoff_seconds, retry_after_seconds
from waarborg.models.tokens import estimate_prompt_tokens, estimate_tokens


def test_backoff_doubles_is_capped_and_jittered() -> None:
    rng = random.Random(1)
    waits = [[backoff_seconds(a, base=0.5, cap=4.0, rng=rng) for a in range(5)] for _ in range(50)]
    for attempt, ceiling in enumerate([0.5, 1.0, 2.0, 4.0, 4.0]):
        column = [row[attempt] for row in waits]
        assert all(ceiling / 2 <= wait <= ceiling for wait in column)
        assert len(set(column)) > 1, "jitter: not every worker waits the same"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("0", 0.0),
        ("2", 2.0),
        (" 1.5 ", 1.5),
        ("120", None),
        ("Wed, 21 Oct 2026 07:28:00 GMT", None),
        (None, None),
        ("-1", None),
    ],
)
def test_retry_after(header: str | None, expected: float | None) -> None:
    assert retry_after_seconds(header, cap=8.0) == expected


def test_tokens_are_estimated_as_a_quarter_of_the_characters() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd") == 1
    assert estimate_tokens("abcde") == 2
    request = ChatRequest(messages=(ChatMessage("system", "a" * 40), ChatMessage("user", "b" * 8)))
    assert estimate_prompt_tokens(request) == 10 + 4 + 2 + 4


VLLM = ["BramVanroy/GEITje-7B-ultra"]
OLLAMA = [
    "nomic-embed-text:latest",
    "geitje-7b-ultra:latest",
    "hf.co/BramVanroy/GEITje-7B-ultra-GGUF:Q4_K_M",
]
LLAMACPP = ["/models/geitje-7b-ultra.Q4_K_M.gguf", "/models/eurollm-9b-instruct.Q5_K_M.gguf"]


@pytest.mark.parametrize(
    ("served", "wanted", "expected"),
    [
        (VLLM, ["geitje-7b-ultra"], "BramVanroy/GEITje-7B-ultra"),  # repository suffix
        (OLLAMA, ["geitje-7b-ultra"], "geitje-7b-ultra:latest"),  # tag dropped, exact wins
        (
            OLLAMA,
            ["geitje", "GEITje-7B-ultra-GGUF"],
            "hf.co/BramVanroy/GEITje-7B-ultra-GGUF:Q4_K_M",
        ),
        (LLAMACPP, ["eurollm-9b-instruct"], "/models/eurollm-9b-instruct.Q5_K_M.gguf"),
        (LLAMACPP, ["mistral-small-3.1"], None),  # two served, neither meant
        (["a-7b", "a-13b"], ["a"], None),  # ambiguous prefix
        # the only model served is taken to be the one meant
        (["/srv/models/tiny.gguf"], ["geitje-7b-ultra"], "/srv/models/tiny.gguf"),
        ([], ["x"], None),
    ],
)
def test_choose_model(served: list[str], wanted: list[str], expected: str | None) -> None:
    assert choose_model(served, wanted) == expected
