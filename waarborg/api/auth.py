"""API-key authentication: ``Authorization: Bearer wb_…``, bound to one organisation.

Errors have the OpenAI shape ``{"error": {"message", "type", "param", "code"}}``, like the
gateway's (``waarborg.api.gateway_errors``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from waarborg.accounts.api_keys import authenticate_api_key
from waarborg.db.tables import ApiKey, Organisation, User
from waarborg.db.tenancy import bind_to_organisation
from waarborg.governance.actors import Actor
from waarborg.request_scope import get_db


class ApiAuthError(HTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(
            status_code=401,
            detail={
                "error": {
                    "message": message,
                    "type": "authentication_error",
                    "param": None,
                    "code": "invalid_api_key",
                }
            },
            headers={"WWW-Authenticate": 'Bearer realm="waarborg"'},
        )


@dataclass(frozen=True)
class ApiCaller:
    key: ApiKey
    organisation: Organisation
    db: Session

    def acting_user(self) -> Actor:
        """Governance actions through the API are taken in the name of the person who created
        the key (like a personal access token), with that person's current roles."""
        user = self.db.get(User, self.key.created_by) if self.key.created_by else None
        if user is None or not user.active or user.organisation_id != self.organisation.id:
            raise HTTPException(
                status_code=403,
                detail={
                    "error": {
                        "message": "Deze API-sleutel handelt niet namens een actieve gebruiker; "
                        "maak er een aan in de console onder uw eigen account.",
                        "type": "permission_error",
                        "param": None,
                        "code": "key_without_user",
                    }
                },
            )
        return Actor.of(user)


def get_api_caller(request: Request, db: Annotated[Session, Depends(get_db)]) -> ApiCaller:
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiAuthError("Geef een API-sleutel mee: Authorization: Bearer wb_…")
    found = authenticate_api_key(db, secret.strip())
    if found is None:
        raise ApiAuthError("Deze API-sleutel is onbekend of ingetrokken.")
    db.commit()
    key, organisation = found
    bind_to_organisation(db, organisation.id)
    return ApiCaller(key=key, organisation=organisation, db=db)


Caller = Annotated[ApiCaller, Depends(get_api_caller)]
