"""The use-case detail page, built from the same services the CLI's ``show`` uses, so what the
console says a use case lacks is exactly what a status change would refuse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from waarborg.accounts.roles import Role
from waarborg.db.tables import Approval, UseCase, User
from waarborg.governance.ai_act import classify
from waarborg.governance.approvals import approval_state
from waarborg.governance.assessments import assessment_of
from waarborg.governance.catalogue import get_model, model_warnings
from waarborg.governance.errors import GovernanceError
from waarborg.governance.kill_switch import SUSPENDERS
from waarborg.governance.lifecycle import TRANSITIONS, missing_for
from waarborg.governance.use_cases import current_fields
from waarborg.governance.vocabulary import UseCaseStatus
from waarborg.knowledge.sources import list_sources
from waarborg.knowledge.vectors import source_progress
from waarborg.web.rendering import render
from waarborg.web.routes.use_case_forms import is_owner_or_admin
from waarborg.web.visitor import Visitor

# Targets offered as buttons; suspending and retiring have their own forms.
REVIEW_TARGETS = (UseCaseStatus.IN_REVIEW, UseCaseStatus.PRODUCTION)


@dataclass(frozen=True)
class Signature:
    """One required role's decision on the current revision, and whether the visitor may sign."""

    role: str
    decision: str | None
    by: str
    at: Any
    comment: str
    may_sign: bool


def username(db: Session, user_id: str | None) -> str:
    user = db.get(User, user_id) if user_id else None
    return user.username if user else "—"


def linked_pages(request: Request) -> set[str]:
    """Pages other parts of the console add (compliance, register file), when installed."""
    return {getattr(route, "name", "") for route in request.app.routes}


def _signatures(db: Session, visitor: Visitor, use_case: UseCase) -> list[Signature]:
    state = approval_state(db, use_case, visitor.tenant)
    signable = use_case.status not in {UseCaseStatus.CONCEPT, UseCaseStatus.RETIRED}
    rows = []
    for role in state.required:
        decided: Approval | None = state.approved.get(role) or state.rejected.get(role)
        may_sign = signable and visitor.has_role(role)
        if role == Role.EIGENAAR and visitor.account.id != use_case.owner_id:
            may_sign = False
        rows.append(
            Signature(
                role=role.value,
                decision=decided.decision if decided else None,
                by=username(db, decided.user_id) if decided else "",
                at=decided.decided_at if decided else None,
                comment=decided.comment if decided else "",
                may_sign=may_sign,
            )
        )
    return rows


def _transitions(visitor: Visitor, use_case: UseCase) -> list[str]:
    if not is_owner_or_admin(visitor, use_case):
        return []
    targets = TRANSITIONS[UseCaseStatus(use_case.status)]
    owner = visitor.account.id == use_case.owner_id
    ordered = [status for status in UseCaseStatus if status in targets]
    return [s.value for s in ordered if s != UseCaseStatus.SANDBOX or owner]


def _warnings(db: Session, visitor: Visitor, use_case: UseCase) -> list[str]:
    warnings: list[str] = []
    for key in use_case.allowed_models:
        try:
            warnings.extend(model_warnings(get_model(db, visitor.tenant.id, key)))
        except GovernanceError as error:
            warnings.append(str(error))
    return warnings


def _sources(request: Request, db: Session, use_case: UseCase) -> dict[str, Any]:
    """The use case's sources and, when the installation embeds passages, how many of each
    source's passages have their vector (``vectors`` None: lexical retrieval only)."""
    embedder = request.app.state.runtime.indexes.embedder
    return {
        "sources": list_sources(db, use_case),
        "vectors": source_progress(db, embedder, use_case.id) if embedder else None,
    }


def detail_page(
    request: Request,
    visitor: Visitor,
    db: Session,
    use_case: UseCase,
    error: str | None = None,
    missing: list[str] | None = None,
    status_code: int = 200,
) -> Response:
    organisation = visitor.tenant
    record = assessment_of(use_case)
    status = UseCaseStatus(use_case.status)
    owner = is_owner_or_admin(visitor, use_case)
    context = {
        "use_case": use_case,
        "fields": current_fields(db, use_case),
        "record": record,
        "classification": classify(record.ai_act_answers),
        "missing_for": {
            target.value: missing_for(db, use_case, organisation, target)
            for target in REVIEW_TARGETS
        },
        "signatures": _signatures(db, visitor, use_case),
        "transitions": _transitions(visitor, use_case),
        "can_edit": owner,
        "can_suspend": visitor.has_role(*SUSPENDERS)
        and status not in {UseCaseStatus.SUSPENDED, UseCaseStatus.RETIRED},
        "can_resume": status == UseCaseStatus.SUSPENDED and visitor.account.id == use_case.owner_id,
        "can_retire": owner and status != UseCaseStatus.RETIRED,
        "warnings": _warnings(db, visitor, use_case),
        "pages": linked_pages(request),
        "organisation_suspended": organisation.ai_suspended_at is not None,
        "error": error,
        "missing": missing or [],
        **_sources(request, db, use_case),
    }
    return render(request, visitor, "toepassingen/detail.html", context, status_code)
