"""The official ``openai`` Python SDK, unchanged, against a real Waarborg server."""

from __future__ import annotations

import openai
import pytest

from tests.gateway.conftest import QUESTION, Gateway, gateway  # noqa: F401
from waarborg.answering.labels import AI_LABEL


def _client(gateway: Gateway) -> openai.OpenAI:  # noqa: F811
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=gateway.secret, max_retries=0)


def test_models_list(gateway: Gateway) -> None:  # noqa: F811
    with _client(gateway) as client:
        assert [model.id for model in client.models.list()] == [gateway.slug]


def test_chat_completion_with_and_without_stream(gateway: Gateway) -> None:  # noqa: F811
    with _client(gateway) as client:
        completion = client.chat.completions.create(
            model=gateway.slug,
            messages=[{"role": "user", "content": QUESTION}],
            temperature=0,
        )
        text = completion.choices[0].message.content
        assert text is not None
        assert "€ 80,35" in text
        assert text.endswith(AI_LABEL["nl"])
        extra = completion.model_extra or {}
        assert extra["waarborg"]["citations"][0]["url"].endswith("/paspoort")
        assert completion.usage is not None
        assert completion.usage.total_tokens > 0

        stream = client.chat.completions.create(
            model=gateway.slug,
            messages=[{"role": "user", "content": QUESTION}],
            stream=True,
            stream_options={"include_usage": True},
        )
        pieces: list[str] = []
        usage = None
        for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                pieces.append(chunk.choices[0].delta.content)
            if chunk.usage is not None:
                usage = chunk.usage
        assert "".join(pieces) == text
        assert usage is not None


def test_sdk_errors(gateway: Gateway) -> None:  # noqa: F811
    with _client(gateway) as client:
        with pytest.raises(openai.NotFoundError) as missing:
            client.chat.completions.create(
                model="bestaat-niet", messages=[{"role": "user", "content": QUESTION}]
            )
        assert missing.value.code == "model_not_found"
        with pytest.raises(openai.BadRequestError) as bad:
            client.chat.completions.create(
                model=gateway.slug,
                messages=[{"role": "user", "content": QUESTION}],
                tools=[{"type": "function", "function": {"name": "f"}}],
            )
        assert bad.value.param == "tools"
    wrong = openai.OpenAI(base_url=f"{gateway.url}/v1", api_key="wb_fout", max_retries=0)
    with wrong, pytest.raises(openai.AuthenticationError):
        wrong.models.list()
