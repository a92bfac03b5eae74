"""User management for administrators; auditors may look but not touch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from starlette.responses import Response

from waarborg.accounts.errors import AccountError
from waarborg.accounts.passwords import WeakPasswordError
from waarborg.accounts.roles import Role, UnknownRoleError, parse_roles
from waarborg.accounts.users import create_user, disable_user, list_users
from waarborg.audit.admin import user_event
from waarborg.audit.chain import actor_for
from waarborg.db.tables import User
from waarborg.web.csrf import verify_csrf
from waarborg.web.flash import set_flash
from waarborg.web.redirects import see_other
from waarborg.web.rendering import render
from waarborg.web.visitor import DbSession, Visitor, require_roles

router = APIRouter(prefix="/beheer/gebruikers", dependencies=[Depends(verify_csrf)])

Viewer = Annotated[Visitor, require_roles(Role.BEHEERDER, Role.AUDITOR)]
Manager = Annotated[Visitor, require_roles(Role.BEHEERDER)]


def _page(
    request: Request,
    visitor: Visitor,
    db: DbSession,
    error: str | None = None,
    form: Mapping[str, object] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        visitor,
        "beheer/users.html",
        {
            "users": list_users(db, visitor.tenant.id),
            "can_manage": visitor.has_role(Role.BEHEERDER),
            "error": error,
            "form": form or {},
        },
        status_code=status_code,
    )


@router.get("", name="users")
def show_users(request: Request, visitor: Viewer, db: DbSession) -> Response:
    return _page(request, visitor, db)


@router.post("")
def add_user(
    request: Request,
    visitor: Manager,
    db: DbSession,
    gebruikersnaam: Annotated[str, Form(max_length=254)] = "",
    naam: Annotated[str, Form(max_length=200)] = "",
    wachtwoord: Annotated[str, Form(max_length=1024)] = "",
    rollen: Annotated[list[str] | None, Form()] = None,
) -> Response:
    form = {"gebruikersnaam": gebruikersnaam, "naam": naam, "rollen": rollen or []}
    try:
        roles = parse_roles(rollen or [])
        user = create_user(db, visitor.tenant, gebruikersnaam, naam, roles, wachtwoord)
        user_event(db, "gebruiker_aangemaakt", user, actor_for(user_id=visitor.account.id))
        db.commit()
    except (AccountError, UnknownRoleError, WeakPasswordError) as error:
        db.rollback()
        return _page(request, visitor, db, str(error), form, status_code=400)
    response = see_other("/beheer/gebruikers")
    set_flash(response, request, "users.created", username=user.username)
    return response


@router.post("/{user_id}/uitschakelen")
def disable(request: Request, user_id: str, visitor: Manager, db: DbSession) -> Response:
    user = db.get(User, user_id)
    if user is None or user.organisation_id != visitor.account.organisation_id:
        raise HTTPException(status_code=404)
    if user.id == visitor.account.id:
        return _page(request, visitor, db, visitor.t("users.cannot_disable_self"), status_code=400)
    disable_user(db, user)
    user_event(db, "gebruiker_uitgeschakeld", user, actor_for(user_id=visitor.account.id))
    db.commit()
    response = see_other("/beheer/gebruikers")
    set_flash(response, request, "users.disabled", username=user.username)
    return response
