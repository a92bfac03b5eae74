"""API keys for administrators: create (shown once), list, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from starlette.responses import Response

from waarborg.accounts.api_keys import (
    NewApiKey,
    create_api_key,
    get_api_key,
    list_api_keys,
    revoke_api_key,
)
from waarborg.accounts.errors import AccountError, NotFoundError
from waarborg.accounts.roles import Role
from waarborg.audit.admin import api_key_event
from waarborg.audit.chain import actor_for
from waarborg.web.csrf import verify_csrf
from waarborg.web.flash import set_flash
from waarborg.web.redirects import see_other
from waarborg.web.rendering import render
from waarborg.web.visitor import DbSession, Visitor, require_roles

router = APIRouter(prefix="/beheer/api-sleutels", dependencies=[Depends(verify_csrf)])

Manager = Annotated[Visitor, require_roles(Role.BEHEERDER)]


def _page(
    request: Request,
    visitor: Visitor,
    db: DbSession,
    new_key: NewApiKey | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    keys = list_api_keys(db, visitor.tenant.id)
    context = {"keys": keys, "new_key": new_key, "error": error}
    return render(request, visitor, "beheer/api_keys.html", context, status_code=status_code)


@router.get("", name="api_keys")
def show_keys(request: Request, visitor: Manager, db: DbSession) -> Response:
    return _page(request, visitor, db)


@router.post("")
def add_key(
    request: Request,
    visitor: Manager,
    db: DbSession,
    naam: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        new_key = create_api_key(db, visitor.tenant, naam, created_by=visitor.account.id)
        api_key_event(db, "sleutel_aangemaakt", new_key.record, actor_for(visitor.account.id))
        db.commit()
    except AccountError as error:
        db.rollback()
        return _page(request, visitor, db, error=str(error), status_code=400)
    # Shown in this response only; reloading the list never shows the secret again.
    return _page(request, visitor, db, new_key=new_key, status_code=201)


@router.post("/{key_id}/intrekken")
def revoke(request: Request, key_id: str, visitor: Manager, db: DbSession) -> Response:
    try:
        record = get_api_key(db, visitor.tenant.id, key_id)
    except NotFoundError:
        raise HTTPException(status_code=404) from None
    revoke_api_key(db, record)
    api_key_event(db, "sleutel_ingetrokken", record, actor_for(user_id=visitor.account.id))
    db.commit()
    response = see_other("/beheer/api-sleutels")
    set_flash(response, request, "apikeys.revoked", name=record.name)
    return response
