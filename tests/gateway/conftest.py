"""A production use case with sources and an API key scoped to it, for the gateway tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from waarborg.accounts.api_keys import create_api_key
from waarborg.db.tables import AuditEvent
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.vocabulary import UseCaseStatus

QUESTION = "Wat kost een paspoort voor een volwassene?"


@dataclass
class Gateway:
    governed: Governed
    url: str
    slug: str
    secret: str
    key_id: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"}

    def post(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        kwargs.setdefault("headers", self.headers)
        if body is not None:
            kwargs["json"] = body
        return httpx.post(f"{self.url}{path}", timeout=60, **kwargs)

    def chat(self, **fields: Any) -> httpx.Response:
        body = {
            "model": self.slug,
            "messages": [{"role": "user", "content": QUESTION}],
            **fields,
        }
        return self.post("/v1/chat/completions", body)

    def audit(self) -> list[AuditEvent]:
        with self.governed.database.session(self.governed.organisation_id) as session:
            return list(
                session.scalars(
                    select(AuditEvent)
                    .where(AuditEvent.actor == f"sleutel:{self.key_id}")
                    .order_by(AuditEvent.sequence)
                )
            )

    def set_use_case(self, **fields: Any) -> None:
        with self.governed.database.session(self.governed.organisation_id) as session:
            use_case = self.governed.use_case(session, self.slug)
            for name, value in fields.items():
                setattr(use_case, name, value)


@pytest.fixture
def gateway(
    governed: Governed,  # noqa: F811
    with_sources: Callable[..., str],  # noqa: F811
    live_url: str,
) -> Gateway:
    slug = with_sources("loket", status=UseCaseStatus.PRODUCTION)
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "open-webui")
        set_scopes(session, key.record, [slug])
        key_id = key.record.id
    return Gateway(governed, live_url, slug, key.secret, key_id)


def sse_events(text: str) -> list[Any]:
    """The ``data:`` payloads of an SSE body, JSON-decoded; "[DONE]" stays a string."""
    events: list[Any] = []
    for block in text.split("\n\n"):
        for line in block.splitlines():
            if line.startswith("data: "):
                payload = line[len("data: ") :]
                events.append(payload if payload == "[DONE]" else json.loads(payload))
    return events
