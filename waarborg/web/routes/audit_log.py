"""The audit log in the console: search, filter, export (CSV, JSON) and the chain's state.

Read-only for everyone; auditors are the main audience. The events hold pseudonymous actors,
codes and kinds only, so nothing here shows what people typed.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import Select, select
from starlette.responses import Response

from waarborg.accounts.roles import Role
from waarborg.audit.verify import verify_chain
from waarborg.db.tables import AuditEvent
from waarborg.web.csrf import verify_csrf
from waarborg.web.rendering import render
from waarborg.web.visitor import DbSession, Visitor, require_roles

router = APIRouter(prefix="/beheer/audit", dependencies=[Depends(verify_csrf)])

Reader = Annotated[
    Visitor, require_roles(Role.AUDITOR, Role.BEHEERDER, Role.CISO, Role.PRIVACY_OFFICER)
]
COLUMNS = ["sequence", "occurred_at", "kind", "action", "actor", "use_case", "detail", "hash"]
PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


def _query(
    organisation_id: str, kind: str, use_case: str, action: str, since: str, until: str
) -> Select[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.organisation_id == organisation_id)
    if kind in {"verzoek", "beheer"}:
        query = query.where(AuditEvent.kind == kind)
    if use_case:
        query = query.where(AuditEvent.use_case == use_case)
    if action:
        query = query.where(AuditEvent.action == action)
    start, end = _day(since), _day(until)
    if start is not None:
        query = query.where(AuditEvent.occurred_at >= start)
    if end is not None:
        query = query.where(AuditEvent.occurred_at < end + timedelta(days=1))
    return query.order_by(AuditEvent.sequence.desc())


def _day(value: str) -> datetime | None:
    try:
        return datetime.combine(date.fromisoformat(value), time(), UTC) if value else None
    except ValueError:
        return None


def _row(event: AuditEvent) -> dict[str, Any]:
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(timespec="seconds"),
        "kind": event.kind,
        "action": event.action,
        "actor": event.actor,
        "use_case": event.use_case,
        "detail": event.detail,
        "hash": event.hash,
    }


@router.get("", name="audit_log")
def show(
    request: Request,
    visitor: Reader,
    db: DbSession,
    soort: str = "",
    toepassing: str = "",
    actie: str = "",
    vanaf: str = "",
    tot: str = "",
    pagina: int = 1,
) -> Response:
    query = _query(visitor.tenant.id, soort, toepassing, actie, vanaf, tot)
    page = max(1, min(pagina, 10_000))
    events = list(db.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    count, problems = verify_chain(db, visitor.tenant.id)
    filters = {"soort": soort, "toepassing": toepassing, "actie": actie, "vanaf": vanaf, "tot": tot}
    return render(
        request,
        visitor,
        "beheer/audit.html",
        {
            "events": [_row(e) for e in events[:PAGE_SIZE]],
            "more": len(events) > PAGE_SIZE,
            "page": page,
            "filters": filters,
            "checked": count,
            "problems": [p.message for p in problems],
        },
    )


@router.get("/export.{fmt}", name="audit_export")
def export(
    visitor: Reader,
    db: DbSession,
    fmt: str,
    soort: str = "",
    toepassing: str = "",
    actie: str = "",
    vanaf: str = "",
    tot: str = "",
) -> Response:
    query = _query(visitor.tenant.id, soort, toepassing, actie, vanaf, tot).limit(EXPORT_LIMIT)
    rows = [_row(event) for event in db.scalars(query)]
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    name = f"auditlog-{visitor.tenant.slug}-{stamp}"
    if fmt == "json":
        body = json.dumps(rows, ensure_ascii=False, indent=2)
        media = "application/json"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "detail": json.dumps(row["detail"], ensure_ascii=False)})
        body = buffer.getvalue()
        media = "text/csv; charset=utf-8"
    else:
        return Response(status_code=404)
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
