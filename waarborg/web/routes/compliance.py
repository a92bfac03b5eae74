"""Compliance per use case: a page in the console and the same findings as JSON for programs.

Both are computed on every request from the records (see ``waarborg.governance.compliance``).
Like the rest of the governance API, the JSON answers in the name of the person who created the
key, and only if that person holds one of the roles that may open the page.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel
from starlette.responses import Response

from waarborg.accounts.roles import Role
from waarborg.api.auth import Caller
from waarborg.governance.compliance import Evidence, Finding, State, compliance_report
from waarborg.governance.errors import NotAllowedError
from waarborg.governance.use_cases import find_use_case
from waarborg.web.rendering import render
from waarborg.web.visitor import DbSession, Visitor, require_roles

router = APIRouter()
api_router = APIRouter(prefix="/api/v1", tags=["naleving"])

READERS = (Role.BEHEERDER, Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.AUDITOR)
Governors = Annotated[Visitor, require_roles(*READERS)]
STATE_KEYS = {
    State.MET: "compliance.state.met",
    State.NOT_MET: "compliance.state.not_met",
    State.NOT_APPLICABLE: "compliance.state.not_applicable",
}


def when(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M UTC")
    return value.strftime("%d-%m-%Y")


def evidence_line(item: Evidence) -> str:
    dated = f" ({when(item.when)})" if item.when is not None else ""
    return f"{item.record} › {item.field}: {item.value}{dated}"


@router.get("/toepassingen/{slug}/naleving", name="compliance")
def compliance_page(request: Request, slug: str, visitor: Governors, db: DbSession) -> Response:
    use_case = find_use_case(db, visitor.tenant.id, slug)
    if use_case is None:
        raise HTTPException(status_code=404)
    findings = compliance_report(db, visitor.tenant, use_case)
    counts = Counter(finding.state for finding in findings)
    context = {
        "use_case": use_case,
        "findings": findings,
        "state_keys": STATE_KEYS,
        "evidence_line": evidence_line,
        "met": counts[State.MET],
        "not_met": counts[State.NOT_MET],
        "not_applicable": counts[State.NOT_APPLICABLE],
    }
    return render(request, visitor, "compliance.html", context)


class EvidenceOut(BaseModel):
    record: str
    field: str
    value: str
    date: str | None


class FindingOut(BaseModel):
    urn: str
    kind: str
    title: str
    link: str
    control: str
    state: str
    evidence: list[EvidenceOut]
    pending: list[str]


class ComplianceOut(BaseModel):
    use_case: str
    findings: list[FindingOut]


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        urn=finding.urn,
        kind=finding.kind.value,
        title=finding.title,
        link=finding.link,
        control=finding.control,
        state=finding.state.value,
        evidence=[
            EvidenceOut(
                record=item.record,
                field=item.field,
                value=item.value,
                date=item.when.isoformat() if item.when is not None else None,
            )
            for item in finding.evidence
        ],
        pending=list(finding.pending),
    )


@api_router.get("/toepassingen/{slug}/naleving", name="api_compliance")
def compliance_json(slug: str, caller: Caller) -> ComplianceOut:
    """The compliance findings of one use case, for the key's creator's governance roles."""
    try:
        caller.acting_user().require(*READERS)
    except NotAllowedError as error:
        raise _error(403, "role_required", str(error)) from None
    use_case = find_use_case(caller.db, caller.organisation.id, slug)
    if use_case is None:
        raise _error(404, "not_found", f"Toepassing '{slug}' bestaat niet in deze organisatie.")
    findings = compliance_report(caller.db, caller.organisation, use_case)
    return ComplianceOut(use_case=use_case.slug, findings=[finding_out(f) for f in findings])


def _error(status: int, code: str, message: str) -> HTTPException:
    return HTTPException(status, detail={"error": {"code": code, "message": message}})
