"""One lexical index per use case per worker, rebuilt when the use case's knowledge changed.

The database stays the only source of truth: the cache compares the use case's
``KnowledgeRevision`` on every request (one primary-key read) and rebuilds when it moved, so
ingestion on one server is picked up by every worker on its next question.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.db.tables import Chunk, Document, KnowledgeRevision
from waarborg.knowledge.lexical_index import LexicalIndex, Passage


@dataclass(frozen=True)
class CachedIndex:
    revision: int
    index: LexicalIndex


def knowledge_revision(session: Session, use_case_id: str) -> int:
    record = session.get(KnowledgeRevision, use_case_id)
    return record.revision if record is not None else 0


def load_passages(session: Session, use_case_id: str) -> list[Passage]:
    rows = session.execute(
        select(Chunk.id, Chunk.text, Chunk.headings, Chunk.page, Document.title, Document.location)
        .join(Document, Document.id == Chunk.document_id)
        .where(Chunk.use_case_id == use_case_id)
        .order_by(Document.location, Chunk.ordinal)
    )
    return [
        Passage(
            chunk_id=row.id,
            text=row.text,
            title=row.title,
            location=row.location,
            headings=tuple(row.headings or ()),
            page=row.page,
        )
        for row in rows
    ]


class IndexCache:
    def __init__(self) -> None:
        self._entries: dict[str, CachedIndex] = {}
        self._lock = threading.Lock()

    def index_for(self, session: Session, use_case_id: str) -> LexicalIndex:
        revision = knowledge_revision(session, use_case_id)
        cached = self._entries.get(use_case_id)
        if cached is not None and cached.revision == revision:
            return cached.index
        with self._lock:  # one build per use case at a time; others wait for it
            cached = self._entries.get(use_case_id)
            if cached is not None and cached.revision == revision:
                return cached.index
            index = LexicalIndex(load_passages(session, use_case_id))
            self._entries[use_case_id] = CachedIndex(revision, index)
            return index

    def forget(self, use_case_id: str) -> None:
        self._entries.pop(use_case_id, None)
