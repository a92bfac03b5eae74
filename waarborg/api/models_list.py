"""``GET /v1/models`` of the OpenAI-compatible gateway: the use cases this API key may call
right now, as model ids. It runs the policy for each, so a suspended use case disappears from
the list on the next request, on every worker."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from waarborg.api.auth import Caller
from waarborg.db.tables import ApiKeyScope, UseCase
from waarborg.governance.policy import Caller as PolicyCaller
from waarborg.governance.policy import authorise

router = APIRouter(prefix="/v1", tags=["gateway"])


@router.get("/models", name="gateway_models")
def list_models(caller: Caller) -> dict[str, Any]:
    scoped = caller.db.scalars(
        select(UseCase)
        .join(ApiKeyScope, ApiKeyScope.use_case_id == UseCase.id)
        .where(ApiKeyScope.api_key_id == caller.key.id)
        .order_by(UseCase.slug)
    )
    who = PolicyCaller(api_key_id=caller.key.id)
    data = []
    for use_case in scoped:
        decision = authorise(caller.db, caller.organisation, use_case.slug, who)
        if decision.allowed:
            data.append(
                {
                    "id": use_case.slug,
                    "object": "model",
                    "created": int(use_case.created_at.timestamp()),
                    "owned_by": caller.organisation.slug,
                }
            )
    return {"object": "list", "data": data}
