"""The organisation's AI policy and its organisation-wide kill switch, in the console.

The policy (which models are allowed at all, who must sign before production) and the kill
switch are the records the policy service reads on every request, so a change here takes
effect on the next request on every worker.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from waarborg.accounts.roles import Role
from waarborg.governance.actors import Actor
from waarborg.governance.errors import GovernanceError
from waarborg.governance.kill_switch import resume_organisation, suspend_organisation
from waarborg.governance.organisation_policy import APPROVER_ROLES, set_policy
from waarborg.web.csrf import verify_csrf
from waarborg.web.flash import set_flash
from waarborg.web.redirects import see_other
from waarborg.web.rendering import render
from waarborg.web.routes.use_case_forms import Governor
from waarborg.web.visitor import DbSession, Visitor, require_roles

router = APIRouter(prefix="/beheer/organisatie", dependencies=[Depends(verify_csrf)])

Administrator = Annotated[Visitor, require_roles(Role.BEHEERDER)]
Guardian = Annotated[Visitor, require_roles(Role.BEHEERDER, Role.CISO)]
PAGE = "/beheer/organisatie"
# The roles that carry responsibility for a use case and so may be asked to sign.


def _page(
    request: Request,
    visitor: Visitor,
    db: Session,
    error: str | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    organisation = visitor.tenant
    db.refresh(organisation)
    shown = form or {
        "block_non_eu": organisation.block_non_eu_models,
        "block_closed": organisation.block_closed_models,
        "approvers": list(organisation.required_approver_roles),
        "contact_email": organisation.contact_email,
    }
    context = {
        "organisation": organisation,
        "form": shown,
        "approver_roles": [role.value for role in APPROVER_ROLES],
        "can_edit": visitor.has_role(Role.BEHEERDER),
        "can_suspend": visitor.has_role(Role.BEHEERDER, Role.CISO),
        "can_resume": visitor.has_role(Role.BEHEERDER),
        "error": error,
    }
    return render(request, visitor, "beheer/organisatie.html", context, status_code)


@router.get("", name="organisation_policy")
def show_policy(request: Request, visitor: Governor, db: DbSession) -> Response:
    return _page(request, visitor, db)


@router.post("/beleid", name="organisation_policy_save")
def save_policy(
    request: Request,
    visitor: Administrator,
    db: DbSession,
    block_non_eu: Annotated[str, Form(max_length=8)] = "",
    block_closed: Annotated[str, Form(max_length=8)] = "",
    approvers: Annotated[list[str] | None, Form()] = None,
    contact_email: Annotated[str, Form(max_length=254)] = "",
) -> Response:
    form = {
        "block_non_eu": block_non_eu == "ja",
        "block_closed": block_closed == "ja",
        "approvers": approvers or [],
        "contact_email": contact_email,
    }
    try:
        set_policy(
            visitor.tenant,
            Actor.of(visitor.account),
            block_non_eu=block_non_eu == "ja",
            block_closed=block_closed == "ja",
            approvers=approvers or [],
            contact_email=contact_email,
        )
        db.commit()
    except GovernanceError as error:
        db.rollback()
        return _page(request, visitor, db, str(error), form, status_code=400)
    response = see_other(PAGE)
    set_flash(response, request, "gov.flash.policy")
    return response


@router.post("/schorsen", name="organisation_suspend")
def suspend(
    request: Request,
    visitor: Guardian,
    db: DbSession,
    reason: Annotated[str, Form(max_length=2500)] = "",
) -> Response:
    try:
        suspend_organisation(visitor.tenant, Actor.of(visitor.account), reason)
        db.commit()
    except GovernanceError as error:
        db.rollback()
        return _page(request, visitor, db, str(error), status_code=400)
    response = see_other(PAGE)
    set_flash(response, request, "gov.flash.org_suspended")
    return response


@router.post("/hervatten", name="organisation_resume")
def resume(request: Request, visitor: Administrator, db: DbSession) -> Response:
    try:
        resume_organisation(visitor.tenant, Actor.of(visitor.account))
        db.commit()
    except GovernanceError as error:
        db.rollback()
        return _page(request, visitor, db, str(error), status_code=400)
    response = see_other(PAGE)
    set_flash(response, request, "gov.flash.org_resumed")
    return response
