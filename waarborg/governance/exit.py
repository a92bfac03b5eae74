"""The exit strategy made concrete: everything of a use case in one archive, so an
organisation can stop, move or hand over without losing its records."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg import __version__
from waarborg.conversations.archive import audit_records, conversation_records
from waarborg.db.tables import Approval, Organisation, UseCase
from waarborg.governance.summary import summarise
from waarborg.knowledge.archive import knowledge_records

# Parts that other components contribute: a name and a function returning the records of one
# use case.
ArchivePart = Callable[[Session, UseCase], list[dict[str, Any]]]
EXTRA_PARTS: dict[str, ArchivePart] = {
    "sources": knowledge_records,
    "conversations": conversation_records,
    "audit": audit_records,
}


def write_archive(
    session: Session, organisation: Organisation, use_case: UseCase, path: Path
) -> dict[str, int]:
    """Write the archive; return how many records each part holds."""
    summary = summarise(session, organisation, use_case)
    approvals = [
        {
            "role": a.role,
            "decision": a.decision,
            "assessment_revision": a.assessment_revision,
            "decided_at": a.decided_at.isoformat(timespec="seconds"),
            "comment": a.comment,
        }
        for a in session.scalars(
            select(Approval)
            .where(Approval.use_case_id == use_case.id)
            .order_by(Approval.decided_at)
        )
    ]
    parts: dict[str, Any] = {
        "use_case.json": {k: v for k, v in summary.items() if k != "history"},
        "history.json": summary["history"],
        "approvals.json": approvals,
    }
    for name, collect in EXTRA_PARTS.items():
        parts[f"{name}.json"] = collect(session, use_case)
    manifest = {
        "waarborg_version": __version__,
        "organisation": organisation.slug,
        "use_case": use_case.slug,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "parts": sorted(parts),
    }
    temporary = path.with_name(path.name + ".part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", _dump(manifest))
        for name, content in parts.items():
            archive.writestr(name, _dump(content))
    temporary.replace(path)  # never a half-written archive under the real name
    return {name.removesuffix(".json"): _count(content) for name, content in parts.items()}


def _dump(content: Any) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2, default=str)


def _count(content: Any) -> int:
    return len(content) if isinstance(content, list) else 1
