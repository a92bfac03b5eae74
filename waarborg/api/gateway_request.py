"""Reading a gateway request: the API key (401), the body within its size limit (413) and
the JSON itself (400), all as :class:`GatewayError` in the OpenAI error format."""

from __future__ import annotations

import json
from typing import Any

from anyio import to_thread
from starlette.requests import Request

from waarborg.accounts.api_keys import authenticate_api_key
from waarborg.api.gateway_errors import GatewayError, KeyIdentity, bad_request
from waarborg.db.database import Database

AUTH_HEADERS = {"WWW-Authenticate": 'Bearer realm="waarborg"'}


def _lookup(database: Database, secret: str) -> KeyIdentity | None:
    with database.session() as session:
        found = authenticate_api_key(session, secret)
        if found is None:
            return None
        key, organisation = found
        return KeyIdentity(key.id, organisation.id, organisation.slug)


async def authenticate(request: Request, database: Database) -> KeyIdentity:
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise GatewayError(
            401,
            "missing_api_key",
            "Geef een API-sleutel mee: Authorization: Bearer wb_…",
            headers=AUTH_HEADERS,
        )
    who = await to_thread.run_sync(_lookup, database, secret.strip())
    if who is None:
        raise GatewayError(
            401,
            "invalid_api_key",
            "Deze API-sleutel is onbekend of ingetrokken.",
            headers=AUTH_HEADERS,
        )
    return who


def _too_large(limit: int) -> GatewayError:
    return GatewayError(
        413, "request_too_large", f"Het verzoek is groter dan {limit} bytes (de ingestelde grens)."
    )


async def read_json(request: Request, limit: int) -> dict[str, Any]:
    """The body as a JSON object, read no further than ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for piece in request.stream():
        body.extend(piece)
        if len(body) > limit:
            raise _too_large(limit)
    try:
        data = json.loads(bytes(body))
    except (ValueError, UnicodeDecodeError):
        raise bad_request("invalid_json", "De body is geen geldige JSON.", None) from None
    if not isinstance(data, dict):
        raise bad_request("invalid_json", "De body moet een JSON-object zijn.")
    return data
