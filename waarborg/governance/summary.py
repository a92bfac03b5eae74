"""One serialisable view of a use case, shared by the CLI (``show --format json``), the JSON
API and the exit archive, so that all three say the same thing."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from waarborg.db.tables import Organisation, UseCase, User
from waarborg.governance.ai_act import classify
from waarborg.governance.approvals import approval_state
from waarborg.governance.assessments import current_assessment_fields
from waarborg.governance.catalogue import get_model, model_warnings
from waarborg.governance.lifecycle import missing_for
from waarborg.governance.use_cases import current_fields, history
from waarborg.governance.vocabulary import UseCaseStatus


def summarise(session: Session, organisation: Organisation, use_case: UseCase) -> dict[str, Any]:
    assessment = current_assessment_fields(use_case)
    approvals = approval_state(session, use_case, organisation)
    warnings: list[str] = []
    for key in use_case.allowed_models:
        warnings.extend(model_warnings(get_model(session, organisation.id, key)))
    return {
        "slug": use_case.slug,
        "status": use_case.status,
        "status_reason": use_case.status_reason,
        "version": use_case.version,
        "fields": current_fields(session, use_case).model_dump(mode="json"),
        "assessment": {
            "revision": use_case.assessment.revision if use_case.assessment else 1,
            **assessment.model_dump(mode="json"),
            "ai_act": asdict(classify(assessment.ai_act_answers)),
        },
        "missing": {
            target.value: missing_for(session, use_case, organisation, target)
            for target in (UseCaseStatus.IN_REVIEW, UseCaseStatus.PRODUCTION)
        },
        "approvals": {
            "required": [role.value for role in approvals.required],
            "approved": {
                role.value: _who(session, a.user_id) for role, a in approvals.approved.items()
            },
            "rejected": {
                role.value: {"by": _who(session, a.user_id), "comment": a.comment}
                for role, a in approvals.rejected.items()
            },
        },
        "model_warnings": warnings,
        "history": [
            {
                "version": entry.version,
                "changed_at": entry.changed_at.isoformat(timespec="seconds"),
                "actor": entry.actor_label,
                "action": entry.action,
                "summary": entry.summary,
                "changes": entry.changes,
            }
            for entry in history(session, use_case)
        ],
    }


def _who(session: Session, user_id: str | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.username if user else "(verwijderd)"
