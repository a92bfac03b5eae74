"""A public use case in production with sources and one allowed widget origin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from waarborg.governance.vocabulary import UseCaseStatus

ALLOWED = "https://www.voorbeeld.nl"
FORBIDDEN = "https://kwaadwillend.example"
QUESTION = "Wat kost een paspoort voor een volwassene?"


@dataclass
class Widget:
    governed: Governed
    url: str
    org: str
    slug: str

    @property
    def base(self) -> str:
        return f"{self.url}/widget/{self.org}/{self.slug}"

    def ask(self, origin: str | None = ALLOWED, **body: Any) -> httpx.Response:
        headers = {"Origin": origin} if origin else {}
        body.setdefault("question", QUESTION)
        return httpx.post(f"{self.base}/vragen", json=body, headers=headers, timeout=60)

    def set_use_case(self, slug: str | None = None, **fields: Any) -> None:
        with self.governed.database.session(self.governed.organisation_id) as session:
            use_case = self.governed.use_case(session, slug or self.slug)
            for name, value in fields.items():
                setattr(use_case, name, value)


@pytest.fixture
def widget(
    governed: Governed,  # noqa: F811
    with_sources: Callable[..., str],  # noqa: F811
    live_url: str,
) -> Widget:
    slug = with_sources("inwoners", status=UseCaseStatus.PRODUCTION)
    made = Widget(governed, live_url, governed.tenant.organisation.slug, slug)
    made.set_use_case(widget_origins=[ALLOWED])
    return made
