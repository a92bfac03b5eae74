"""Approved sources of a use case: add, list, find and remove them.

Only the use case's owner or a beheerder may add or remove a source: what a use case may
answer from is part of what was assessed and approved. Removing a source removes its
documents and chunks through the foreign keys and raises the knowledge revision in the same
transaction, so no worker keeps answering from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from waarborg.db.tables import Chunk, Document, KnowledgeSource, UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import require_owner_or_admin
from waarborg.knowledge.ingest import SourceStatus
from waarborg.knowledge.registry import available_kinds
from waarborg.knowledge.revision import raise_revision
from waarborg.knowledge.ssrf import normalise_host


@dataclass(frozen=True)
class SourceOverview:
    source: KnowledgeSource
    documents: int
    chunks: int

    def as_dict(self) -> dict[str, Any]:
        source = self.source
        return {
            "id": source.id,
            "kind": source.kind,
            "name": source.name,
            "seeds": list(source.seeds or ()),
            "allowed_hosts": list(source.allowed_hosts or ()),
            "max_pages": source.max_pages,
            "status": source.status,
            "status_detail": source.status_detail,
            "last_run_at": source.last_run_at.isoformat() if source.last_run_at else None,
            "documents": self.documents,
            "chunks": self.chunks,
            "problems": list(source.problems or ()),
        }


def add_source(
    session: Session,
    use_case: UseCase,
    actor: Actor,
    *,
    kind: str,
    name: str,
    seeds: list[str],
    allowed_hosts: list[str] | None = None,
    max_pages: int = 500,
) -> KnowledgeSource:
    require_owner_or_admin(use_case, actor)
    if kind not in available_kinds():
        raise GovernanceError(f"Onbekende bronsoort '{kind}'.")
    if not seeds:
        raise GovernanceError("Geef een adres of pad op.")
    if not 1 <= max_pages <= 100_000:
        raise GovernanceError("Het maximum aantal pagina's ligt tussen 1 en 100.000.")
    hosts = [normalise_host(host) for host in allowed_hosts or []]
    if kind == "website":
        for seed in seeds:
            parts = urlsplit(seed)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise GovernanceError(f"'{seed}' is geen http- of https-adres.")
        hosts = hosts or list(
            dict.fromkeys(normalise_host(urlsplit(s).hostname or "") for s in seeds)
        )
    source = KnowledgeSource(
        organisation_id=use_case.organisation_id,
        use_case_id=use_case.id,
        kind=kind,
        name=name.strip()[:200] or seeds[0][:200],
        seeds=seeds,
        allowed_hosts=hosts,
        max_pages=max_pages,
        status=SourceStatus.NEW,
        status_detail="",
        problems=[],
    )
    session.add(source)
    session.flush()
    return source


def get_source(session: Session, organisation_id: str, source_id: str) -> KnowledgeSource:
    source = session.scalar(
        select(KnowledgeSource).where(
            KnowledgeSource.organisation_id == organisation_id, KnowledgeSource.id == source_id
        )
    )
    if source is None:
        raise GovernanceError(f"Bron '{source_id}' bestaat niet in deze organisatie.")
    return source


def list_sources(session: Session, use_case: UseCase) -> list[SourceOverview]:
    sources = session.scalars(
        select(KnowledgeSource)
        .where(KnowledgeSource.use_case_id == use_case.id)
        .order_by(KnowledgeSource.created_at, KnowledgeSource.name)
    ).all()
    documents = _counts(
        session,
        select(Document.source_id, func.count(Document.id))
        .where(Document.use_case_id == use_case.id)
        .group_by(Document.source_id),
    )
    chunks = _counts(
        session,
        select(Document.source_id, func.count(Chunk.id))
        .join(Chunk, Chunk.document_id == Document.id)
        .where(Document.use_case_id == use_case.id)
        .group_by(Document.source_id),
    )
    return [
        SourceOverview(source, documents.get(source.id, 0), chunks.get(source.id, 0))
        for source in sources
    ]


def remove_source(
    session: Session, use_case: UseCase, source: KnowledgeSource, actor: Actor
) -> None:
    require_owner_or_admin(use_case, actor)
    if source.use_case_id != use_case.id:
        raise GovernanceError("Deze bron hoort niet bij deze toepassing.")
    session.delete(source)
    raise_revision(session, source.organisation_id, source.use_case_id)
    session.flush()


def _counts(session: Session, query: Select[str, int]) -> dict[str, int]:
    return {str(row[0]): int(row[1]) for row in session.execute(query)}
