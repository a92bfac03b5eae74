"""``GET /v1/models`` of the OpenAI-compatible gateway: the use cases this API key may call
right now, as model ids. It runs the policy for each, so a suspended use case disappears from
the list on the next request, on every worker. A missing or unknown key gets the same 401 in
the OpenAI error format as every other ``/v1`` route."""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from waarborg.api.gateway_errors import GatewayError
from waarborg.api.gateway_request import bearer_secret, identify, touch, unknown_key
from waarborg.db.database import Database
from waarborg.db.tables import ApiKeyScope, Organisation, UseCase
from waarborg.db.tenancy import bind_to_organisation
from waarborg.governance.policy import Caller as PolicyCaller
from waarborg.governance.policy import authorise
from waarborg.pipeline.reading import read_session
from waarborg.pipeline.writer import writer_for
from waarborg.request_scope import get_runtime

router = APIRouter(prefix="/v1", tags=["gateway"])


def _models(database: Database, secret: str) -> dict[str, Any] | GatewayError:
    with read_session(database) as session:
        found = identify(session, secret)
        if found is None:
            return unknown_key()
        who, touched = found
        bind_to_organisation(session, who.organisation_id)
        organisation = session.get(Organisation, who.organisation_id)
        if organisation is None:  # pragma: no cover - the key was just authenticated
            return unknown_key()
        scoped = list(
            session.scalars(
                select(UseCase)
                .join(ApiKeyScope, ApiKeyScope.use_case_id == UseCase.id)
                .where(ApiKeyScope.api_key_id == who.key_id)
                .order_by(UseCase.slug)
            )
        )
        caller = PolicyCaller(api_key_id=who.key_id)
        data = [
            {
                "id": use_case.slug,
                "object": "model",
                "created": int(use_case.created_at.timestamp()),
                "owned_by": organisation.slug,
            }
            for use_case in scoped
            if authorise(session, organisation, use_case.slug, caller).allowed
        ]
    if touched is not None:
        writer_for(database).call(
            who.organisation_id, lambda session: touch(session, who.key_id, touched)
        )
    return {"object": "list", "data": data}


@router.get("/models", name="gateway_models")
async def list_models(request: Request) -> Response:
    try:
        secret = bearer_secret(request)
    except GatewayError as error:
        return error.response()
    listed = await to_thread.run_sync(_models, get_runtime(request).database, secret)
    if isinstance(listed, GatewayError):
        return listed.response()
    return JSONResponse(listed)
