"""Bad requests get the OpenAI error format with a stable code and the parameter named, and
every rejection of a known key is in the audit chain (reason code only, never the text)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.gateway.conftest import QUESTION, Gateway, gateway  # noqa: F401

USER = [{"role": "user", "content": QUESTION}]


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["message"]
    return error


def test_missing_and_unknown_keys_are_401(gateway: Gateway) -> None:  # noqa: F811
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer wb_nope"}):
        response = gateway.post("/v1/chat/completions", {"model": "x"}, headers=headers)
        error = _error(response, 401)
        assert error["type"] == "authentication_error"
        assert error["code"] in {"missing_api_key", "invalid_api_key"}
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_every_v1_route_answers_401_in_the_openai_shape(gateway: Gateway) -> None:  # noqa: F811
    keys = ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer wb_nope"})
    for headers in keys:
        for method, path in (
            ("GET", "/v1/models"),
            ("POST", "/v1/chat/completions"),
            ("POST", "/v1/embeddings"),
        ):
            response = httpx.request(
                method, f"{gateway.url}{path}", headers=headers, json={"model": "x"}, timeout=30
            )
            error = _error(response, 401)
            assert error["type"] == "authentication_error", (path, error)
            assert error["param"] is None
            assert error["code"] == (
                "invalid_api_key" if "wb_" in str(headers) else "missing_api_key"
            )
            assert response.headers["www-authenticate"].startswith("Bearer")


def test_malformed_json_is_400(gateway: Gateway) -> None:  # noqa: F811
    for content in (b"{niet json", b"[1, 2]", b"\xff\xfe"):
        response = gateway.post(
            "/v1/chat/completions",
            content=content,
            headers={**gateway.headers, "Content-Type": "application/json"},
        )
        assert _error(response, 400)["code"] == "invalid_json"


@pytest.mark.parametrize(
    ("fields", "code", "param"),
    [
        ({"tools": [], "logprobs": True}, "unsupported_parameter", "logprobs"),
        ({"n": 2}, "unsupported_value", "n"),
        ({"stream": "ja"}, "invalid_value", "stream"),
        ({"temperature": 7}, "invalid_value", "temperature"),
        ({"max_tokens": 0}, "invalid_value", "max_tokens"),
        ({"stream_options": {"x": 1}}, "unsupported_value", "stream_options"),
        ({"model": ""}, "invalid_value", "model"),
        ({"messages": []}, "invalid_value", "messages"),
        ({"messages": [{"role": "tool", "content": "x"}]}, "unsupported_role", "messages[0].role"),
        ({"messages": [{"role": "assistant", "content": "x"}]}, "invalid_value", "messages"),
        (
            {"messages": [{"role": "user", "content": [{"type": "image_url"}]}]},
            "unsupported_content",
            "messages[0].content",
        ),
        ({"messages": [{"role": "user", "content": "   "}]}, "invalid_question", "messages"),
    ],
)
def test_bad_requests_name_the_problem(
    gateway: Gateway,  # noqa: F811
    fields: dict[str, Any],
    code: str,
    param: str,
) -> None:
    error = _error(gateway.chat(**fields), 400)
    assert (error["code"], error["param"], error["type"]) == (code, param, "invalid_request_error")
    if code == "unsupported_parameter":
        assert "logprobs" in error["message"]
        assert "tools" in error["message"]


def test_oversized_body_and_message_are_413(gateway: Gateway) -> None:  # noqa: F811
    huge = gateway.chat(messages=[{"role": "user", "content": "a" * 1_100_000}])
    assert _error(huge, 413)["code"] == "request_too_large"
    long = gateway.chat(messages=[{"role": "user", "content": "woord " * 1000}])
    error = _error(long, 413)
    assert (error["code"], error["param"]) == ("message_too_large", "messages[0].content")


def test_rejections_are_audited_with_the_reason_only(gateway: Gateway) -> None:  # noqa: F811
    gateway.chat(n=3)
    gateway.chat(messages=[{"role": "user", "content": "Mijn BSN is 111222333 " * 500}])
    gateway.post("/v1/chat/completions", {"model": "x"}, headers={})  # no key: no organisation
    events = gateway.audit()
    assert [(e.kind, e.action, e.detail["reason"]) for e in events] == [
        ("verzoek", "afgewezen", "unsupported_value"),
        ("verzoek", "afgewezen", "message_too_large"),
    ]
    assert all("111222333" not in str(e.detail) for e in events)
