"""End to end over real HTTP: a program asks Waarborg's question API, Waarborg asks a model
server on 127.0.0.1 through the OpenAI-compatible back-end, and the answer comes back
grounded, labelled and audited.

The model server here is a small OpenAI-compatible server that "reads" the sources in the
prompt and answers with the first sentence of source [1] — a model that quotes its sources,
since no real model can run here. It speaks the protocol a real server speaks, streaming
included, and keeps the requests it received so the test can see what left Waarborg.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy import select

from tests.governance.conftest import Governed
from tests.support.live_server import live_server
from waarborg.accounts.api_keys import create_api_key
from waarborg.app import create_app
from waarborg.db.tables import AuditEvent
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.vocabulary import UseCaseStatus
from waarborg.settings import ModelBackendSetting, Settings

MODEL = "geitje-7b-ultra"
SOURCE = re.compile(r'<bron nummer="1"[^>]*>\n(.+?)\n</bron>', re.DOTALL)


def _model_server(received: list[dict[str, Any]]) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Response:
        body = await request.json()
        received.append(body)
        found = SOURCE.search(body["messages"][0]["content"])
        first = found.group(1).split(". ")[0].rstrip(".") if found else "Dat weet ik niet"
        answer = f"{first} [1]."
        if not body.get("stream"):
            return JSONResponse(
                {
                    "id": "x",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": answer},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 300, "completion_tokens": 20, "total_tokens": 320},
                }
            )

        def events() -> Iterator[str]:
            for word in answer.split(" "):
                chunk = {"choices": [{"index": 0, "delta": {"content": word + " "}}]}
                yield f"data: {json.dumps(chunk)}\n\n"
            yield 'data: {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}\n\n'
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


@pytest.fixture
def model_url() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []
    with live_server(_model_server(received)) as url:
        yield url, received


def test_question_api_answers_through_a_model_server(
    governed: Governed,
    with_sources: Callable[..., str],
    database_url: str,
    tmp_path: Path,
    model_url: tuple[str, list[dict[str, Any]]],
) -> None:
    url, received = model_url
    slug = with_sources("model-http", status=UseCaseStatus.PRODUCTION, allowed_models=[MODEL])
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "programma")
        set_scopes(session, key.record, [slug])
    settings = Settings(
        data_dir=tmp_path,
        database_url=database_url,
        secret_key="test-secret-key-that-is-long-enough",  # type: ignore[arg-type]
        model_backends={MODEL: ModelBackendSetting(base_url=f"{url}/v1", model="geitje")},
    )
    with live_server(create_app(settings)) as waarborg, httpx.Client(base_url=waarborg) as client:
        response = client.post(
            f"/api/v1/toepassingen/{slug}/vragen",
            headers={"Authorization": f"Bearer {key.secret}"},
            json={"question": "Wat kost een paspoort? Ik ben Jan Zwartkruis."},
            timeout=30,
        )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["refused"] is False, answer
    assert answer["engine"] == "generatief"
    assert answer["citations"][0]["url"] == "https://www.voorbeeld.nl/paspoort"
    assert "[1]" in answer["answer"]
    assert answer["label"].startswith("Dit antwoord is gemaakt door een AI-systeem")
    # what left Waarborg: the server's own model id, the sources, no name
    sent = json.dumps(received[-1], ensure_ascii=False)
    assert received[-1]["model"] == "geitje"
    assert "Zwartkruis" not in sent
    assert "[PERSOON_1]" in sent
    with governed.database.session(governed.organisation_id) as session:
        event = session.scalars(
            select(AuditEvent).order_by(AuditEvent.sequence.desc()).limit(1)
        ).one()
    assert event.detail["model"] == MODEL
    assert event.detail["engine"] == "generatief"
    assert event.detail["tokens"]["prompt"] == 300


def test_model_server_down_falls_back_to_extractive(
    governed: Governed, with_sources: Callable[..., str], database_url: str, tmp_path: Path
) -> None:
    slug = with_sources("model-down", status=UseCaseStatus.PRODUCTION, allowed_models=[MODEL])
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "programma")
        set_scopes(session, key.record, [slug])
    settings = Settings(
        data_dir=tmp_path,
        database_url=database_url,
        secret_key="test-secret-key-that-is-long-enough",  # type: ignore[arg-type]
        model_backends={
            MODEL: ModelBackendSetting(
                base_url="http://127.0.0.1:9/v1", model="geitje", max_retries=0
            )
        },
    )
    with live_server(create_app(settings)) as waarborg, httpx.Client(base_url=waarborg) as client:
        answer = client.post(
            f"/api/v1/toepassingen/{slug}/vragen",
            headers={"Authorization": f"Bearer {key.secret}"},
            json={"question": "Wat kost een paspoort?"},
            timeout=30,
        ).json()
    assert answer["refused"] is False
    assert answer["engine"] == "extractief (terugval)"
    assert "€ 80,35" in answer["answer"]
