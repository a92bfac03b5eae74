"""The model catalogue and the supplier agreements in the console.

Everyone who governs AI can see which models the organisation may use and on what terms; the
administrator and the CISO suspend a model (the kill switch for one model) and record the
agreements that production use requires.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from waarborg.accounts.roles import Role
from waarborg.db.tables import ModelEntry
from waarborg.governance.actors import Actor
from waarborg.governance.agreements import AgreementTerms, providers, record_agreement
from waarborg.governance.catalogue import (
    find_agreement,
    get_model,
    list_agreements,
    list_models,
    model_warnings,
)
from waarborg.governance.errors import GovernanceError
from waarborg.governance.kill_switch import resume_model_entry, suspend_model_entry
from waarborg.governance.vocabulary import HostingLocation
from waarborg.web.csrf import verify_csrf
from waarborg.web.flash import set_flash
from waarborg.web.redirects import see_other
from waarborg.web.rendering import render
from waarborg.web.routes.use_case_forms import Governor
from waarborg.web.visitor import DbSession, Visitor, require_roles

router = APIRouter(prefix="/beheer", dependencies=[Depends(verify_csrf)])

Guardian = Annotated[Visitor, require_roles(Role.BEHEERDER, Role.CISO)]
Text = Annotated[str, Form(max_length=2500)]
MODELS = "/beheer/modellen"
AGREEMENTS = "/beheer/leveranciersafspraken"


def _models_page(
    request: Request,
    visitor: Visitor,
    db: Session,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    organisation_id = visitor.tenant.id
    rows = [
        (model, find_agreement(db, organisation_id, model.provider), model_warnings(model))
        for model in list_models(db, organisation_id)
    ]
    context = {
        "rows": rows,
        "can_manage": visitor.has_role(Role.BEHEERDER, Role.CISO),
        "error": error,
    }
    return render(request, visitor, "beheer/modellen.html", context, status_code)


def _model_or_404(db: Session, visitor: Visitor, key: str) -> ModelEntry:
    try:
        return get_model(db, visitor.tenant.id, key)
    except GovernanceError:
        raise HTTPException(status_code=404) from None


@router.get("/modellen", name="models")
def show_models(request: Request, visitor: Governor, db: DbSession) -> Response:
    return _models_page(request, visitor, db)


@router.post("/modellen/{key}/schorsen", name="model_suspend")
def suspend(
    request: Request, key: str, visitor: Guardian, db: DbSession, reason: Text = ""
) -> Response:
    model = _model_or_404(db, visitor, key)
    try:
        suspend_model_entry(model, Actor.of(visitor.account), reason)
        db.commit()
    except GovernanceError as error:
        db.rollback()
        return _models_page(request, visitor, db, str(error), status_code=400)
    response = see_other(MODELS)
    set_flash(response, request, "gov.flash.model_suspended", name=model.name)
    return response


@router.post("/modellen/{key}/hervatten", name="model_resume")
def resume(request: Request, key: str, visitor: Guardian, db: DbSession) -> Response:
    model = _model_or_404(db, visitor, key)
    try:
        resume_model_entry(model, Actor.of(visitor.account))
        db.commit()
    except GovernanceError as error:
        db.rollback()
        return _models_page(request, visitor, db, str(error), status_code=400)
    response = see_other(MODELS)
    set_flash(response, request, "gov.flash.model_resumed", name=model.name)
    return response


def _agreements_page(
    request: Request,
    visitor: Visitor,
    db: Session,
    form: dict[str, Any] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    organisation_id = visitor.tenant.id
    context = {
        "agreements": list_agreements(db, organisation_id),
        "providers": providers(db, organisation_id),
        "hostings": [h.value for h in HostingLocation],
        "can_manage": visitor.has_role(Role.BEHEERDER, Role.CISO),
        "form": form or {"hosting": HostingLocation.EU.value, "retraining": "nee"},
        "error": error,
    }
    return render(request, visitor, "beheer/leveranciersafspraken.html", context, status_code)


@router.get("/leveranciersafspraken", name="agreements")
def show_agreements(request: Request, visitor: Governor, db: DbSession) -> Response:
    return _agreements_page(request, visitor, db)


@router.post("/leveranciersafspraken")
def save_agreement(
    request: Request,
    visitor: Guardian,
    db: DbSession,
    provider: Annotated[str, Form(max_length=200)] = "",
    data_sharing: Text = "",
    retention: Text = "",
    hosting: Annotated[str, Form(max_length=32)] = "",
    retraining: Annotated[str, Form(max_length=8)] = "",
    signed_on: Annotated[str, Form(max_length=10)] = "",
    link: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    form = {
        "provider": provider,
        "data_sharing": data_sharing,
        "retention": retention,
        "hosting": hosting,
        "retraining": retraining,
        "signed_on": signed_on,
        "link": link,
    }
    try:
        terms = AgreementTerms(
            provider=provider,
            data_sharing=data_sharing,
            retention=retention,
            hosting=hosting,
            retraining_on_prompts=retraining == "ja",
            signed_on=signed_on or None,
            link=link,
        )
        record_agreement(db, visitor.tenant, Actor.of(visitor.account), terms)
        db.commit()
    except GovernanceError as error:
        db.rollback()
        return _agreements_page(request, visitor, db, form, str(error), status_code=400)
    response = see_other(AGREEMENTS)
    set_flash(response, request, "gov.flash.agreement", provider=provider)
    return response
