"""What people do to a use case from its page: change its status, sign off, pull the kill
switch, retire it, and take everything out in the exit archive.

Each action calls the governance service that the CLI calls. A refusal re-renders the page with
the service's own words (and, for a status change, the exact list of what is missing), with
status 400 and nothing changed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response

from waarborg.accounts.roles import Role
from waarborg.db.tables import UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.approvals import decide
from waarborg.governance.errors import (
    GovernanceError,
    NotAllowedError,
    TransitionRefusedError,
)
from waarborg.governance.exit import write_archive
from waarborg.governance.kill_switch import resume_use_case, suspend_use_case
from waarborg.governance.lifecycle import change_status
from waarborg.governance.vocabulary import Decision, UseCaseStatus
from waarborg.web.csrf import verify_csrf
from waarborg.web.flash import set_flash
from waarborg.web.redirects import see_other
from waarborg.web.routes.use_case_forms import Governor, use_case_or_404
from waarborg.web.routes.use_case_views import detail_page
from waarborg.web.visitor import DbSession, Visitor

router = APIRouter(prefix="/toepassingen/{slug}", dependencies=[Depends(verify_csrf)])

Reason = Annotated[str, Form(max_length=2500)]
# The statuses a person may ask for with the status buttons (the kill switch and retiring
# have forms of their own, with a reason).
BUTTON_TARGETS = frozenset(UseCaseStatus) - {UseCaseStatus.SUSPENDED, UseCaseStatus.RETIRED}


def _act(
    request: Request,
    visitor: Visitor,
    db: Session,
    use_case: UseCase,
    action: Callable[[Actor], None],
    flash_key: str,
    **flash_values: str,
) -> Response:
    """Run one service call; commit and redirect, or roll back and show why."""
    try:
        action(Actor.of(visitor.account))
        db.commit()
    except TransitionRefusedError as error:
        db.rollback()
        message = visitor.t("gov.error.transition", target=visitor.t(f"gov.status.{error.target}"))
        return detail_page(request, visitor, db, use_case, message, error.missing, 400)
    except GovernanceError as error:
        db.rollback()
        code = 403 if isinstance(error, NotAllowedError) else 400
        return detail_page(request, visitor, db, use_case, str(error), status_code=code)
    response = see_other(f"/toepassingen/{use_case.slug}")
    set_flash(response, request, flash_key, **flash_values)
    return response


@router.post("/status", name="use_case_status")
def set_status(
    request: Request,
    slug: str,
    visitor: Governor,
    db: DbSession,
    status: Annotated[str, Form(max_length=32)] = "",
    reason: Reason = "",
) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    target = next((s for s in BUTTON_TARGETS if s.value == status), None)
    if target is None:
        message = visitor.t("gov.error.unknown_status", status=status)
        return detail_page(request, visitor, db, use_case, message, status_code=400)

    def action(actor: Actor) -> None:
        change_status(db, use_case, visitor.tenant, target, actor, reason)

    label = visitor.t(f"gov.status.{target.value}")
    return _act(request, visitor, db, use_case, action, "gov.flash.status", status=label)


@router.post("/besluit", name="use_case_decision")
def sign(
    request: Request,
    slug: str,
    visitor: Governor,
    db: DbSession,
    role: Annotated[str, Form(max_length=32)] = "",
    decision: Annotated[str, Form(max_length=16)] = "",
    comment: Reason = "",
) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    try:
        signing_role, verdict = Role(role), Decision(decision)
    except ValueError:
        message = visitor.t("gov.error.unknown_decision")
        return detail_page(request, visitor, db, use_case, message, status_code=400)

    def action(actor: Actor) -> None:
        decide(db, use_case, visitor.tenant, actor, signing_role, verdict, comment)

    key = "gov.flash.approved" if verdict == Decision.APPROVED else "gov.flash.rejected"
    return _act(request, visitor, db, use_case, action, key, role=visitor.t(f"role.{role}"))


@router.post("/schorsen", name="use_case_suspend")
def suspend(
    request: Request, slug: str, visitor: Governor, db: DbSession, reason: Reason = ""
) -> Response:
    use_case = use_case_or_404(db, visitor, slug)

    def action(actor: Actor) -> None:
        suspend_use_case(db, use_case, actor, reason)

    return _act(request, visitor, db, use_case, action, "gov.flash.suspended", name=use_case.name)


@router.post("/hervatten", name="use_case_resume")
def resume(request: Request, slug: str, visitor: Governor, db: DbSession) -> Response:
    use_case = use_case_or_404(db, visitor, slug)

    def action(actor: Actor) -> None:
        resume_use_case(db, use_case, visitor.tenant, actor)

    return _act(request, visitor, db, use_case, action, "gov.flash.resumed", name=use_case.name)


@router.post("/buiten-gebruik", name="use_case_retire")
def retire(
    request: Request, slug: str, visitor: Governor, db: DbSession, reason: Reason = ""
) -> Response:
    use_case = use_case_or_404(db, visitor, slug)
    if use_case.status == UseCaseStatus.RETIRED:
        message = visitor.t("gov.error.already_retired")
        return detail_page(request, visitor, db, use_case, message, status_code=400)

    def action(actor: Actor) -> None:
        change_status(db, use_case, visitor.tenant, UseCaseStatus.RETIRED, actor, reason)

    return _act(request, visitor, db, use_case, action, "gov.flash.retired", name=use_case.name)


@router.post("/export", name="use_case_export")
def export(slug: str, visitor: Governor, db: DbSession) -> Response:
    """The exit archive as a download; the temporary file goes once it has been sent."""
    use_case = use_case_or_404(db, visitor, slug)
    organisation = visitor.tenant
    folder = Path(tempfile.mkdtemp(prefix="waarborg-export-"))
    name = f"waarborg-{organisation.slug}-{use_case.slug}-{datetime.now(UTC):%Y%m%d}.zip"
    try:
        write_archive(db, organisation, use_case, folder / name)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        folder / name,
        media_type="application/zip",
        filename=name,
        headers={"Cache-Control": "no-store"},
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
