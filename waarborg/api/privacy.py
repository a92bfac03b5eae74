"""The privacy guard over HTTP, for other systems that want the same Dutch detection:
``POST /api/v1/privacy/scan`` (spans and types, never echoing values back) and
``POST /api/v1/privacy/redact`` (the pseudonymised text and placeholder types)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from waarborg.api.auth import Caller
from waarborg.privacy import Pseudonymiser, detect

router = APIRouter(prefix="/api/v1/privacy", tags=["privacy"])

MAX_TEXT = 1_000_000  # characters per request; larger documents go through the CLI


class Text(BaseModel):
    text: str = Field(max_length=MAX_TEXT)


@router.post("/scan", name="api_privacy_scan")
def scan(caller: Caller, body: Text) -> dict[str, Any]:
    entities = detect(body.text)
    return {"entities": [entity.to_dict() for entity in entities]}


@router.post("/redact", name="api_privacy_redact")
def redact(caller: Caller, body: Text) -> dict[str, Any]:
    result = Pseudonymiser().pseudonymise(body.text)
    return {
        "text": result.text,
        "placeholders": sorted({change.placeholder for change in result.changes}),
        "special_categories": sorted(category.value for category in result.categories),
    }
