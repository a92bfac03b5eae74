"""Reading a gateway request: the API key (401), the body within its size limit (413) and
the JSON itself (400), all as :class:`GatewayError` in the OpenAI error format."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from anyio import to_thread
from sqlalchemy import update
from sqlalchemy.orm import Session
from starlette.requests import Request

from waarborg.accounts.api_keys import authenticate_api_key
from waarborg.api.gateway_errors import GatewayError, KeyIdentity, bad_request
from waarborg.db.database import Database
from waarborg.db.tables import ApiKey, Organisation

AUTH_HEADERS = {"WWW-Authenticate": 'Bearer realm="waarborg"'}


def identify(session: Session, secret: str) -> tuple[KeyIdentity, datetime | None] | None:
    """The key for a presented secret, and the new ``last_used_at`` when it is due to be
    written (at most once a minute; the caller writes it), else None."""
    found = identify_in(session, secret)
    return (found[0], found[1]) if found is not None else None


def identify_in(
    session: Session, secret: str
) -> tuple[KeyIdentity, datetime | None, Organisation] | None:
    """``identify`` and the key's organisation as loaded: the caller keeps it for the policy,
    which would otherwise load it again (the session's identity map holds objects weakly)."""
    found = authenticate_api_key(session, secret)
    if found is None:
        return None
    key, organisation = found
    touched = key.last_used_at if session.is_modified(key) else None
    return KeyIdentity(key.id, organisation.id, organisation.slug), touched, organisation


def touch(session: Session, key_id: str, moment: datetime | None) -> None:
    """Write a key's ``last_used_at`` (nothing when ``moment`` is None)."""
    if moment is not None:
        session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=moment))


def _lookup(database: Database, secret: str) -> KeyIdentity | None:
    with database.session() as session:
        found = identify(session, secret)
        return found[0] if found is not None else None


def bearer_secret(request: Request) -> str:
    """The presented secret; 401 without a bearer token (nothing read from the database)."""
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise GatewayError(
            401,
            "missing_api_key",
            "Geef een API-sleutel mee: Authorization: Bearer wb_…",
            headers=AUTH_HEADERS,
        )
    return secret.strip()


def unknown_key() -> GatewayError:
    return GatewayError(
        401,
        "invalid_api_key",
        "Deze API-sleutel is onbekend of ingetrokken.",
        headers=AUTH_HEADERS,
    )


async def authenticate(request: Request, database: Database) -> KeyIdentity:
    secret = bearer_secret(request)
    who = await to_thread.run_sync(_lookup, database, secret)
    if who is None:
        raise unknown_key()
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
