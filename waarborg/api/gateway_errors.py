"""Errors of the OpenAI-compatible gateway, in the shape OpenAI SDKs parse:
``{"error": {"message", "type", "param", "code"}}``.

A rejection after the API key is known is also written to the organisation's audit chain, as a
``verzoek`` event with the reason code only (never the text of the request).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from waarborg.audit.chain import actor_for, append
from waarborg.db.database import Database
from waarborg.pipeline.writer import writer_for

log = logging.getLogger("waarborg.gateway")

# HTTP status -> OpenAI error type (what the SDKs map to their exception classes).
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "invalid_request_error",
    413: "invalid_request_error",
    429: "rate_limit_exceeded",
    501: "not_implemented",
}


@dataclass
class GatewayError(Exception):
    """A request the gateway refuses before the governed path; ``code`` is stable."""

    status: int
    code: str
    message: str
    param: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> JSONResponse:
        body = {
            "error": {
                "message": self.message,
                "type": ERROR_TYPES.get(self.status, "api_error"),
                "param": self.param,
                "code": self.code,
            }
        }
        return JSONResponse(body, status_code=self.status, headers=self.headers or None)


def bad_request(code: str, message: str, param: str | None = None) -> GatewayError:
    return GatewayError(400, code, message, param)


@dataclass(frozen=True)
class KeyIdentity:
    """The authenticated API key, as plain values usable outside its database session."""

    key_id: str
    organisation_id: str
    organisation_slug: str


def record_rejection(
    session: Session,
    who: KeyIdentity,
    error: GatewayError,
    action: str = "afgewezen",
    use_case: str = "",
) -> None:
    """The audit event of a rejected request (in the caller's transaction)."""
    append(
        session,
        who.organisation_id,
        kind="verzoek",
        action=action,
        actor=actor_for(api_key_id=who.key_id),
        use_case=use_case,
        detail={"reason": error.code, "status": error.status, "channel": "api"},
    )


async def rejected(
    database: Database,
    who: KeyIdentity,
    error: GatewayError,
    *,
    action: str = "afgewezen",
    use_case: str = "",
) -> JSONResponse:
    """The error response, after the rejection is in the audit chain."""
    await writer_for(database).run(
        who.organisation_id,
        lambda session: record_rejection(session, who, error, action, use_case),
    )
    log.info("gateway rejected a request: %s (%s)", error.code, error.status)
    return error.response()
