"""The register of use cases (toepassingen) in the console: list, register, show and edit.

A thin adapter over ``waarborg.governance.use_cases``: every change goes through the same
service as the CLI, so it is validated, versioned and attributed in one place.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from waarborg.governance.actors import Actor
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import (
    EDITABLE,
    create_use_case,
    current_fields,
    list_use_cases,
    parse_fields,
    update_use_case,
)
from waarborg.web.csrf import verify_csrf
from waarborg.web.flash import set_flash
from waarborg.web.redirects import see_other
from waarborg.web.rendering import render
from waarborg.web.routes.use_case_forms import (
    RESERVED_SLUGS,
    Governor,
    PostedForm,
    Registrar,
    current,
    defaults,
    form_choices,
    is_owner_or_admin,
    use_case_data,
    use_case_or_404,
)
from waarborg.web.routes.use_case_views import detail_page
from waarborg.web.visitor import DbSession, Visitor

router = APIRouter(prefix="/toepassingen", dependencies=[Depends(verify_csrf)])


def _form_page(
    request: Request,
    visitor: Visitor,
    db: Session,
    values: dict[str, Any],
    slug: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "values": values,
        "slug": slug,  # None: a new use case
        "error": error,
        **form_choices(db, visitor.tenant),
    }
    return render(request, visitor, "toepassingen/form.html", context, status_code)


@router.get("", name="use_cases")
def show_use_cases(request: Request, visitor: Governor, db: DbSession) -> Response:
    context = {"use_cases": list_use_cases(db, visitor.tenant.id)}
    return render(request, visitor, "toepassingen/list.html", context)


@router.get("/nieuw", name="use_case_new")
def new_use_case(request: Request, visitor: Registrar, db: DbSession) -> Response:
    return _form_page(request, visitor, db, defaults(visitor))


@router.post("/nieuw")
def add_use_case(request: Request, visitor: Registrar, db: DbSession, form: PostedForm) -> Response:
    data = use_case_data(form)
    try:
        if data.get("slug") in RESERVED_SLUGS:
            raise GovernanceError(f"De korte naam '{data['slug']}' is gereserveerd.")
        fields = parse_fields(data)
        use_case = create_use_case(db, visitor.tenant, fields, Actor.of(visitor.account))
        db.commit()
    except GovernanceError as error:
        db.rollback()
        shown = {**data, "owner": data.get("owner")}
        return _form_page(request, visitor, db, shown, error=str(error), status_code=400)
    response = see_other(f"/toepassingen/{use_case.slug}")
    set_flash(response, request, "gov.flash.created", name=use_case.name)
    return response


@router.get("/{slug}", name="use_case")
def show_use_case(request: Request, slug: str, visitor: Governor, db: DbSession) -> Response:
    return detail_page(request, visitor, db, use_case_or_404(db, visitor, slug))


@router.get("/{slug}/bewerken", name="use_case_edit")
def edit_use_case(request: Request, slug: str, visitor: Registrar, db: DbSession) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    if not is_owner_or_admin(visitor, use_case):
        raise HTTPException(status_code=403)
    return _form_page(request, visitor, db, current(current_fields(db, use_case)), slug)


@router.post("/{slug}/bewerken")
def save_use_case(
    request: Request, slug: str, visitor: Registrar, db: DbSession, form: PostedForm
) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    if not is_owner_or_admin(visitor, use_case):
        raise HTTPException(status_code=403)
    data = use_case_data(form)
    changes = {name: data[name] for name in (*EDITABLE, "owner") if name in data}
    if changes.get("owner") is None:
        changes.pop("owner", None)  # no choice made: keep the current owner
    try:
        diff = update_use_case(db, use_case, changes, Actor.of(visitor.account))
        db.commit()
    except GovernanceError as error:
        db.rollback()
        return _form_page(
            request, visitor, db, {**data, "slug": slug}, slug, str(error), status_code=400
        )
    response = see_other(f"/toepassingen/{slug}")
    if diff:
        set_flash(response, request, "gov.flash.updated", version=str(use_case.version))
    else:
        set_flash(response, request, "gov.flash.unchanged", kind="info")
    return response
