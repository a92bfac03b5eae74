"""The risk assessment of a use case and its history, in the console.

The assessment form holds the checklist of the government-wide position, the DPIA and IAMA, the
legal basis and the AI Act questions; saving goes through ``update_assessment``, which raises
the revision so that sign-offs given for what was assessed before lapse.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from waarborg.db.tables import UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.ai_act import QUESTIONS, classify
from waarborg.governance.assessments import (
    CHECKLIST_LABELS,
    assessment_of,
    current_assessment_fields,
    update_assessment,
)
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import history
from waarborg.governance.vocabulary import DpiaStatus, ImpactAssessmentStatus
from waarborg.web.csrf import verify_csrf
from waarborg.web.flash import set_flash
from waarborg.web.i18n import Translator
from waarborg.web.redirects import see_other
from waarborg.web.rendering import render
from waarborg.web.routes.use_case_forms import (
    Governor,
    Posted,
    PostedForm,
    first,
    is_owner_or_admin,
    use_case_or_404,
)
from waarborg.web.visitor import DbSession, Visitor

router = APIRouter(prefix="/toepassingen/{slug}", dependencies=[Depends(verify_csrf)])

PLAIN_FIELDS = (*CHECKLIST_LABELS, "dpia_status", "dpia_link", "dpia_outcome")
PLAIN_FIELDS += ("iama_status", "iama_link", "iama_notes")
MIN_LINK_ROWS = 2
ANSWER_PREFIX = "ai_act_"
LONGEST_VALUE = 300  # characters of an old or new value shown in the history table


def assessment_changes(form: Posted) -> dict[str, Any]:
    """The posted form as the input of ``update_assessment``; absent fields stay as they are."""
    changes: dict[str, Any] = {name: first(form, name) for name in PLAIN_FIELDS if name in form}
    if "dpia_date" in form:
        changes["dpia_date"] = first(form, "dpia_date").strip() or None
    if "link_title" in form or "link_url" in form:
        titles, links = form.get("link_title", []), form.get("link_url", [])
        changes["legal_basis_links"] = [
            {"title": title, "link": link}
            for title, link in zip(titles, links, strict=False)
            if title.strip() or link.strip()
        ]
    answers = {
        question.key: first(form, ANSWER_PREFIX + question.key)
        for question in QUESTIONS
        if first(form, ANSWER_PREFIX + question.key)
    }
    if answers:
        changes["ai_act_answers"] = answers
    return changes


def _values(use_case: UseCase) -> dict[str, Any]:
    values: dict[str, Any] = current_assessment_fields(use_case).model_dump(mode="json")
    values["dpia_date"] = values["dpia_date"] or ""
    return values


def _page(
    request: Request,
    visitor: Visitor,
    db: Session,
    use_case: UseCase,
    values: dict[str, Any],
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    links = list(values.get("legal_basis_links") or [])
    links += [{"title": "", "link": ""}] * max(MIN_LINK_ROWS - len(links), 1)
    context = {
        "use_case": use_case,
        "revision": assessment_of(use_case).revision,
        "values": values,
        "links": links,
        "checklist": CHECKLIST_LABELS,
        "questions": QUESTIONS,
        "answer_prefix": ANSWER_PREFIX,
        "classification": classify(values.get("ai_act_answers") or {}),
        "dpia_statuses": [s.value for s in DpiaStatus],
        "iama_statuses": [s.value for s in ImpactAssessmentStatus],
        "can_edit": is_owner_or_admin(visitor, use_case),
        "error": error,
    }
    return render(request, visitor, "toepassingen/assessment.html", context, status_code)


@router.get("/beoordeling", name="use_case_assessment")
def show_assessment(request: Request, slug: str, visitor: Governor, db: DbSession) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    return _page(request, visitor, db, use_case, _values(use_case))


@router.post("/beoordeling")
def save_assessment(
    request: Request, slug: str, visitor: Governor, db: DbSession, form: PostedForm
) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    if not is_owner_or_admin(visitor, use_case):
        raise HTTPException(status_code=403)
    changes = assessment_changes(form)
    try:
        diff = update_assessment(db, use_case, changes, Actor.of(visitor.account))
        db.commit()
    except GovernanceError as error:
        db.rollback()
        shown = {**_values(use_case), **changes}
        shown["dpia_date"] = shown["dpia_date"] or ""
        return _page(request, visitor, db, use_case, shown, str(error), status_code=400)
    response = see_other(f"/toepassingen/{slug}")
    if diff:
        revision = str(assessment_of(use_case).revision)
        set_flash(response, request, "gov.flash.assessed", revision=revision)
    else:
        set_flash(response, request, "gov.flash.unchanged", kind="info")
    return response


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dict):
        text = ", ".join(f"{key}: {_shown(item)}" for key, item in value.items())
    elif isinstance(value, list):
        parts = [
            " ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        ]
        text = ", ".join(parts) or "—"
    else:
        text = str(value)
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def describe_changes(t: Translator, changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each changed field as (label, old, new); a decision as (label, '', what was decided)."""
    rows = []
    for name, change in changes.items():
        key = f"gov.field.{name}"
        label = t(key) if t(key) != key else name
        if isinstance(change, dict) and {"oud", "nieuw"} <= set(change):
            old, new = change["oud"], change["nieuw"]
            if name == "status":
                old, new = t(f"gov.status.{old}"), t(f"gov.status.{new}")
            rows.append((label, _shown(old), _shown(new)))
        else:
            rows.append((label, "", _shown(change)))
    return rows


def action_label(t: Translator, action: str) -> str:
    if action.startswith("besluit_"):
        return t("gov.action.besluit", role=t("role." + action.removeprefix("besluit_")))
    key = f"gov.action.{action}"
    return t(key) if t(key) != key else action


@router.get("/geschiedenis", name="use_case_history")
def show_history(request: Request, slug: str, visitor: Governor, db: DbSession) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    entries = [
        (entry, action_label(visitor.t, entry.action), describe_changes(visitor.t, entry.changes))
        for entry in reversed(history(db, use_case))
    ]
    context = {"use_case": use_case, "entries": entries}
    return render(request, visitor, "toepassingen/history.html", context)
