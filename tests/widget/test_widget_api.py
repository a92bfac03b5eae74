"""The widget's HTTP API: origins, anonymous sessions, limits, refusals."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import select

from tests.widget.conftest import ALLOWED, FORBIDDEN, Widget
from waarborg.db.tables import Conversation
from waarborg.governance.vocabulary import UseCaseStatus
from waarborg.web.widget_texts import AI_LABEL


def test_allowed_origin_gets_an_answer_with_sources_and_label(widget: Widget) -> None:
    response = widget.ask()
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == ALLOWED
    body = response.json()
    assert body["refused"] is False
    assert "80,35" in body["answer"]
    assert body["citations"][0]["url"] == "https://www.voorbeeld.nl/paspoort"
    assert body["label"] == AI_LABEL
    assert "." in body["session"]


def test_the_session_is_kept_only_as_a_keyed_hash(widget: Widget) -> None:
    first = widget.ask().json()
    second = widget.ask(session=first["session"], conversation=first["conversation"]).json()
    assert second["session"] == first["session"]
    assert second["conversation"] == first["conversation"]
    session_id = first["session"].split(".")[0]
    with widget.governed.database.session(widget.governed.organisation_id) as session:
        kept = session.scalars(select(Conversation).where(Conversation.channel == "widget")).all()
        assert len(kept) == 1
        assert kept[0].visitor_hash is not None
        assert session_id not in kept[0].visitor_hash
        assert len(kept[0].visitor_hash) == 64


def test_a_forged_session_is_replaced(widget: Widget) -> None:
    body = widget.ask(session="abc.1.deadbeef").json()
    assert body["session"] != "abc.1.deadbeef"


def test_forbidden_origin_is_refused_in_dutch(widget: Widget) -> None:
    response = widget.ask(origin=FORBIDDEN)
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers
    assert response.json()["error"] == "Deze website mag de chatbot niet insluiten."
    config = httpx.get(f"{widget.base}/instellingen", headers={"Origin": FORBIDDEN})
    assert config.status_code == 403
    assert "access-control-allow-origin" not in config.headers


def test_without_origin_the_api_refuses(widget: Widget) -> None:
    response = widget.ask(origin=None)
    assert response.status_code == 403
    assert "alleen vanuit de chatbot" in response.json()["error"]


def test_the_frame_itself_may_ask_from_waarborgs_origin(widget: Widget) -> None:
    assert widget.ask(origin=widget.url).status_code == 200


def test_config_and_frame_for_an_allowed_origin(widget: Widget) -> None:
    config = httpx.get(f"{widget.base}/instellingen", headers={"Origin": ALLOWED})
    assert config.status_code == 200
    assert config.headers["access-control-allow-origin"] == ALLOWED
    frame = httpx.get(config.json()["frame"])
    assert frame.status_code == 200
    policy = frame.headers["content-security-policy"]
    assert f"frame-ancestors {ALLOWED}" in policy
    assert "x-frame-options" not in frame.headers  # DENY would overrule frame-ancestors
    assert AI_LABEL in frame.text
    assert "Bel 14 0123." in frame.text
    assert "mailto:ai@voorbeeld.nl" in frame.text


def test_preflight_only_for_allowed_origins(widget: Widget) -> None:
    allowed = httpx.options(f"{widget.base}/vragen", headers={"Origin": ALLOWED})
    assert allowed.status_code == 204
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    forbidden = httpx.options(f"{widget.base}/vragen", headers={"Origin": FORBIDDEN})
    assert forbidden.status_code == 403


def test_session_limit(widget: Widget) -> None:
    widget.set_use_case(widget_session_limit=2)
    token = widget.ask().json()["session"]
    assert widget.ask(session=token).status_code == 200
    response = widget.ask(session=token)
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert "maximale aantal vragen voor deze sessie" in response.json()["error"]
    assert widget.ask().status_code == 200  # another visitor still gets an answer


def test_daily_limit(widget: Widget) -> None:
    widget.set_use_case(widget_daily_limit=2)
    assert widget.ask().status_code == 200
    assert widget.ask().status_code == 200
    response = widget.ask()
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert "vandaag" in response.json()["error"]


def test_internal_use_case_is_refused_by_the_policy(
    widget: Widget, with_sources: Callable[..., str]
) -> None:
    slug = with_sources("intern-loket", status=UseCaseStatus.PRODUCTION, audience="intern")
    widget.set_use_case(slug, widget_origins=[ALLOWED])
    internal = Widget(widget.governed, widget.url, widget.org, slug)
    body = internal.ask().json()
    assert body["refused"] is True
    assert body["reason"] == "anonymous_not_allowed"
    assert "80,35" not in body["answer"]
    config = httpx.get(f"{internal.base}/instellingen", headers={"Origin": ALLOWED})
    assert config.status_code == 403


def test_bad_json_and_long_questions_are_explained_in_dutch(widget: Widget) -> None:
    response = httpx.post(
        f"{widget.base}/vragen",
        content=b"geen json",
        headers={"Origin": ALLOWED, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert "JSON-object" in response.json()["error"]
    too_long = widget.ask(question="woord " * 500)
    assert too_long.status_code == 400
    assert "hoogstens" in too_long.json()["error"]


def test_unknown_use_case_is_not_found(widget: Widget) -> None:
    response = httpx.get(
        f"{widget.url}/widget/{widget.org}/bestaat-niet/instellingen", headers={"Origin": ALLOWED}
    )
    assert response.status_code == 404


def test_no_api_key_in_the_scripts(widget: Widget) -> None:
    loader = httpx.get(f"{widget.base}.js")
    assert loader.status_code == 200
    assert loader.headers["content-type"].startswith("text/javascript")
    frame_script = httpx.get(f"{widget.url}/static/widget-frame.js")
    for text in (loader.text, frame_script.text):
        lowered = text.lower()
        assert "authorization" not in lowered
        assert "bearer" not in lowered
        assert "api_key" not in lowered
        assert "apikey" not in lowered
