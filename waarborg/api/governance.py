"""Governance through the JSON API: the same services as the console and the CLI.

Refusals come back as ``{"error": {"code", "message", "missing"?}}`` with status 400 (refused),
403 (role lacking) or 404 (unknown in this organisation), and change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from waarborg.accounts.roles import Role, UnknownRoleError, parse_roles
from waarborg.api.auth import Caller
from waarborg.db.tables import ModelEntry
from waarborg.governance.approvals import decide
from waarborg.governance.assessments import update_assessment
from waarborg.governance.catalogue import list_models, model_warnings
from waarborg.governance.errors import GovernanceError, NotAllowedError, TransitionRefusedError
from waarborg.governance.kill_switch import (
    resume_model_entry,
    resume_organisation,
    resume_use_case,
    suspend_model_entry,
    suspend_organisation,
    suspend_use_case,
)
from waarborg.governance.lifecycle import change_status
from waarborg.governance.summary import summarise
from waarborg.governance.use_cases import (
    create_use_case,
    find_use_case,
    list_use_cases,
    parse_fields,
    update_use_case,
)
from waarborg.governance.vocabulary import Decision, UseCaseStatus

router = APIRouter(prefix="/api/v1", tags=["governance"])

READERS = (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.BEHEERDER, Role.AUDITOR)


class Reason(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class StatusChange(BaseModel):
    status: UseCaseStatus
    reason: str = Field(default="", max_length=2000)


class DecisionIn(BaseModel):
    role: str
    decision: Decision
    comment: str = Field(default="", max_length=2000)


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except TransitionRefusedError as error:
        raise _error(400, "transition_refused", str(error), missing=error.missing) from None
    except NotAllowedError as error:
        raise _error(403, "role_required", str(error)) from None
    except (GovernanceError, UnknownRoleError) as error:
        raise _error(400, "refused", str(error)) from None


def _error(status: int, code: str, message: str, **extra: Any) -> HTTPException:
    return HTTPException(status, detail={"error": {"code": code, "message": message, **extra}})


def _use_case(caller: Caller, slug: str) -> Any:
    use_case = find_use_case(caller.db, caller.organisation.id, slug)
    if use_case is None:
        raise _error(404, "not_found", f"Toepassing '{slug}' bestaat niet in deze organisatie.")
    return use_case


def _model(caller: Caller, key: str) -> Any:
    model = caller.db.scalar(
        select(ModelEntry).where(
            ModelEntry.organisation_id == caller.organisation.id, ModelEntry.key == key
        )
    )
    if model is None:
        raise _error(404, "not_found", f"Model '{key}' staat niet in de catalogus.")
    return model


def _done(caller: Caller, slug: str, status: int = 200) -> JSONResponse:
    caller.db.commit()
    body = summarise(caller.db, caller.organisation, _use_case(caller, slug))
    return JSONResponse(body, status_code=status)


@router.get("/toepassingen", name="api_use_cases")
def use_cases(caller: Caller) -> list[dict[str, Any]]:
    with _refusals():
        caller.acting_user().require(*READERS)
    return [
        {
            "slug": u.slug,
            "name": u.name,
            "status": u.status,
            "audience": u.audience,
            "models": u.allowed_models,
            "version": u.version,
        }
        for u in list_use_cases(caller.db, caller.organisation.id)
    ]


@router.post("/toepassingen", name="api_use_case_create")
def create(caller: Caller, body: dict[str, Any]) -> JSONResponse:
    with _refusals():
        use_case = create_use_case(
            caller.db, caller.organisation, parse_fields(body), caller.acting_user()
        )
    return _done(caller, use_case.slug, 201)


@router.get("/toepassingen/{slug}", name="api_use_case")
def show(caller: Caller, slug: str) -> dict[str, Any]:
    with _refusals():
        caller.acting_user().require(*READERS)
    return summarise(caller.db, caller.organisation, _use_case(caller, slug))


@router.patch("/toepassingen/{slug}", name="api_use_case_update")
def update(caller: Caller, slug: str, body: dict[str, Any]) -> JSONResponse:
    with _refusals():
        update_use_case(caller.db, _use_case(caller, slug), body, caller.acting_user())
    return _done(caller, slug)


@router.patch("/toepassingen/{slug}/beoordeling", name="api_use_case_assess")
def assess(caller: Caller, slug: str, body: dict[str, Any]) -> JSONResponse:
    with _refusals():
        update_assessment(caller.db, _use_case(caller, slug), body, caller.acting_user())
    return _done(caller, slug)


@router.post("/toepassingen/{slug}/besluiten", name="api_use_case_decide")
def decide_on(caller: Caller, slug: str, body: DecisionIn) -> JSONResponse:
    with _refusals():
        (role,) = parse_roles([body.role])
        decide(
            caller.db,
            _use_case(caller, slug),
            caller.organisation,
            caller.acting_user(),
            role,
            body.decision,
            body.comment,
        )
    return _done(caller, slug)


@router.post("/toepassingen/{slug}/status", name="api_use_case_status")
def status(caller: Caller, slug: str, body: StatusChange) -> JSONResponse:
    with _refusals():
        if body.status == UseCaseStatus.SUSPENDED:
            raise GovernanceError("Schorsen gaat via /schorsen, met een reden.")
        change_status(
            caller.db,
            _use_case(caller, slug),
            caller.organisation,
            body.status,
            caller.acting_user(),
            body.reason,
        )
    return _done(caller, slug)


@router.post("/toepassingen/{slug}/schorsen", name="api_use_case_suspend")
def suspend(caller: Caller, slug: str, body: Reason) -> JSONResponse:
    with _refusals():
        suspend_use_case(caller.db, _use_case(caller, slug), caller.acting_user(), body.reason)
    return _done(caller, slug)


@router.post("/toepassingen/{slug}/hervatten", name="api_use_case_resume")
def resume(caller: Caller, slug: str) -> JSONResponse:
    with _refusals():
        resume_use_case(
            caller.db, _use_case(caller, slug), caller.organisation, caller.acting_user()
        )
    return _done(caller, slug)


@router.get("/modellen", name="api_models")
def models(caller: Caller) -> list[dict[str, Any]]:
    return [
        {
            "key": m.key,
            "name": m.name,
            "provider": m.provider,
            "hosting_location": m.hosting_location,
            "licence": m.licence,
            "open_weights": m.open_weights,
            "suspended": m.suspended_at is not None,
            "warnings": model_warnings(m),
        }
        for m in list_models(caller.db, caller.organisation.id)
    ]


@router.post("/modellen/{key}/schorsen", name="api_model_suspend")
def suspend_model(caller: Caller, key: str, body: Reason) -> dict[str, str]:
    with _refusals():
        suspend_model_entry(_model(caller, key), caller.acting_user(), body.reason)
    caller.db.commit()
    return {"key": key, "state": "geschorst"}


@router.post("/modellen/{key}/hervatten", name="api_model_resume")
def resume_model(caller: Caller, key: str) -> dict[str, str]:
    with _refusals():
        resume_model_entry(_model(caller, key), caller.acting_user())
    caller.db.commit()
    return {"key": key, "state": "actief"}


@router.post("/organisatie/schorsen", name="api_organisation_suspend")
def suspend_all(caller: Caller, body: Reason) -> dict[str, str]:
    with _refusals():
        suspend_organisation(caller.organisation, caller.acting_user(), body.reason)
    caller.db.commit()
    return {"organisation": caller.organisation.slug, "state": "geschorst"}


@router.post("/organisatie/hervatten", name="api_organisation_resume")
def resume_all(caller: Caller) -> dict[str, str]:
    with _refusals():
        resume_organisation(caller.organisation, caller.acting_user())
    caller.db.commit()
    return {"organisation": caller.organisation.slug, "state": "actief"}
