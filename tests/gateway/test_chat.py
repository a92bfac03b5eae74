"""``POST /v1/chat/completions`` on a real server: grounded answers with citations and the AI
label, the same text streamed, policy refusals as answers, unknown and forbidden models as
OpenAI errors, and an audit event for each."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Tenant
from tests.gateway.conftest import QUESTION, Gateway, gateway, sse_events  # noqa: F401
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.roles import Role
from waarborg.answering.labels import AI_LABEL
from waarborg.db.tables import Organisation
from waarborg.governance.kill_switch import suspend_use_case

PASPOORT = "https://www.voorbeeld.nl/paspoort"


def test_answer_has_citations_label_and_usage(gateway: Gateway) -> None:  # noqa: F811
    response = gateway.chat(temperature=0.2, max_tokens=300, top_p=1, user="x", n=1)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["object"] == "chat.completion"
    assert data["id"].startswith("chatcmpl-")
    assert data["model"] == gateway.slug
    choice = data["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    text = choice["message"]["content"]
    assert "€ 80,35" in text
    assert text.endswith("\n\n" + AI_LABEL["nl"])
    extension = data["waarborg"]
    assert extension["refused"] is False
    assert extension["reason"] == "answered"
    assert extension["label"] == AI_LABEL["nl"]
    assert extension["citations"][0]["url"] == PASPOORT
    assert extension["support"] > 0
    usage = data["usage"]
    assert usage["prompt_tokens"] > 0
    assert usage["completion_tokens"] > 0
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_stream_concatenates_to_the_same_answer(gateway: Gateway) -> None:  # noqa: F811
    whole = gateway.chat().json()
    response = gateway.chat(stream=True, stream_options={"include_usage": True})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert all(chunk["object"] == "chat.completion.chunk" for chunk in chunks)
    assert len({chunk["id"] for chunk in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(
        chunk["choices"][0]["delta"].get("content", "") for chunk in chunks if chunk["choices"]
    )
    assert text == whole["choices"][0]["message"]["content"]
    final = [chunk for chunk in chunks if chunk["choices"] and chunk["choices"][0]["finish_reason"]]
    assert len(final) == 1
    assert final[0]["choices"][0]["finish_reason"] == "stop"
    assert final[0]["waarborg"]["citations"] == whole["waarborg"]["citations"]
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"]["total_tokens"] > 0
    # Several content pieces: it really streamed.
    assert (
        sum(
            1
            for chunk in chunks
            if chunk["choices"] and chunk["choices"][0]["delta"].get("content")
        )
        > 2
    )


def test_stream_without_usage_has_no_usage_chunk(gateway: Gateway) -> None:  # noqa: F811
    events = sse_events(gateway.chat(stream=True).text)
    assert events[-1] == "[DONE]"
    assert all(event["choices"] for event in events[:-1])


def test_history_and_system_messages(gateway: Gateway) -> None:  # noqa: F811
    response = gateway.chat(
        messages=[
            {"role": "system", "content": "Antwoord altijd in het Engels."},
            {"role": "user", "content": "Hallo"},
            {"role": "assistant", "content": "Waarmee kan ik helpen?"},
            {"role": "user", "content": [{"type": "text", "text": QUESTION}]},
        ]
    )
    assert response.status_code == 200, response.text
    assert "€ 80,35" in response.json()["choices"][0]["message"]["content"]


def test_policy_refusal_is_an_answer(gateway: Gateway) -> None:  # noqa: F811
    governed = gateway.governed
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, gateway.slug)
        suspend_use_case(session, use_case, governed.actors[Role.CISO], "Storing")
    for stream in (False, True):
        response = gateway.chat(stream=stream)
        assert response.status_code == 200
        if stream:
            events = sse_events(response.text)
            extension = next(e["waarborg"] for e in events[:-1] if "waarborg" in e)
        else:
            extension = response.json()["waarborg"]
        assert extension["refused"] is True
        assert extension["reason"] == "use_case_suspended"
        assert extension["citations"] == []


def test_model_key_suffix_chooses_an_allowed_model(gateway: Gateway) -> None:  # noqa: F811
    ok = gateway.chat(model=f"{gateway.slug}:extractief").json()
    assert ok["waarborg"]["refused"] is False
    assert ok["model"] == f"{gateway.slug}:extractief"
    other = gateway.chat(model=f"{gateway.slug}:gpt-4o-api").json()
    assert (other["waarborg"]["refused"], other["waarborg"]["reason"]) == (
        True,
        "model_not_allowed",
    )


def test_unknown_and_forbidden_models(
    gateway: Gateway,  # noqa: F811
    with_sources: Callable[..., str],
) -> None:
    unknown = gateway.chat(model="bestaat-niet")
    assert unknown.status_code == 404
    error = unknown.json()["error"]
    assert (error["code"], error["param"], error["type"]) == (
        "model_not_found",
        "model",
        "invalid_request_error",
    )
    other = with_sources("intern")
    forbidden = gateway.chat(model=other)
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "model_access_denied"
    events = gateway.audit()
    assert [(e.action, e.detail["reason"], e.use_case) for e in events[-2:]] == [
        ("afgewezen", "model_not_found", ""),
        ("afgewezen", "model_access_denied", other),
    ]


def test_answers_are_audited_without_text(gateway: Gateway) -> None:  # noqa: F811
    gateway.chat()
    gateway.chat(stream=True)
    events = [e for e in gateway.audit() if e.action == "vraag"]
    assert len(events) == 2
    for event in events:
        assert event.kind == "verzoek"
        assert event.use_case == gateway.slug
        assert event.detail["channel"] == "api"
        assert event.detail["sources"] == [PASPOORT]
        assert "paspoort" not in str(event.detail).replace(PASPOORT, "")


def test_another_organisations_key_sees_nothing(
    gateway: Gateway,  # noqa: F811
    make_tenant: Callable[..., Tenant],
) -> None:
    other = make_tenant("ander")
    with gateway.governed.database.session() as session:
        organisation = session.get(Organisation, other.organisation.id)
        assert organisation is not None
        key = create_api_key(session, organisation, "vreemd")
    response = gateway.post(
        "/v1/chat/completions",
        {"model": gateway.slug, "messages": [{"role": "user", "content": QUESTION}]},
        headers={"Authorization": f"Bearer {key.secret}"},
    )
    assert response.status_code == 404
