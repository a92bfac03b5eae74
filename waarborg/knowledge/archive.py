"""The knowledge part of a use case's exit archive: its sources, documents and passages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.db.tables import Chunk, Document, KnowledgeSource, UseCase


def knowledge_records(session: Session, use_case: UseCase) -> list[dict[str, Any]]:
    sources = session.scalars(
        select(KnowledgeSource).where(KnowledgeSource.use_case_id == use_case.id)
    )
    records = []
    for source in sources:
        documents = []
        for document in session.scalars(
            select(Document).where(Document.source_id == source.id).order_by(Document.location)
        ):
            chunks = session.scalars(
                select(Chunk).where(Chunk.document_id == document.id).order_by(Chunk.ordinal)
            )
            documents.append(
                {
                    "location": document.location,
                    "title": document.title,
                    "content_type": document.content_type,
                    "fetched_at": document.fetched_at.isoformat(timespec="seconds"),
                    "content_hash": document.content_hash,
                    "chunks": [
                        {"text": c.text, "headings": c.headings, "page": c.page} for c in chunks
                    ],
                }
            )
        records.append(
            {
                "name": source.name,
                "kind": source.kind,
                "seeds": source.seeds,
                "allowed_hosts": source.allowed_hosts,
                "status": source.status,
                "last_run_at": source.last_run_at.isoformat(timespec="seconds")
                if source.last_run_at
                else None,
                "documents": documents,
            }
        )
    return records
