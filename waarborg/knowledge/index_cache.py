"""One lexical index (and, with an embedder, one dense matrix) per use case per worker,
rebuilt when the use case's knowledge changed.

The database stays the only source of truth: the cache compares the use case's
``KnowledgeRevision`` on every request (one primary-key read) and rebuilds when it moved, so
ingestion on one server is picked up by every worker on its next question.

Vectors arrive in the background, after the revision moved, so the dense part is keyed by the
revision and by the number of vectors. Once every passage of the revision has its vector,
nothing can change without a new revision and no further query is made; while vectors are
still coming, one indexed count per question tells whether to reload. The matrix is reloaded
when the count grew by a quarter (or on completion), so a use case being embedded batch by
batch is not re-read on every question.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.db.tables import Chunk, Document, KnowledgeRevision
from waarborg.knowledge.dense_index import PassageVectors
from waarborg.knowledge.embeddings import Embedder
from waarborg.knowledge.hybrid import DENSE_MIN_SIMILARITY
from waarborg.knowledge.lexical_index import LexicalIndex, Passage
from waarborg.knowledge.vectors import load_vectors, vector_count

RELOAD_GROWTH = 1.25  # reload the dense matrix when this many times more vectors are stored


@dataclass(frozen=True)
class CachedIndex:
    revision: int
    index: LexicalIndex
    vectors: PassageVectors | None = None
    vector_count: int = -1  # vectors stored when ``vectors`` was loaded; -1: never looked


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


def passage_vectors(
    session: Session, use_case_id: str, index: LexicalIndex, embedder: Embedder
) -> PassageVectors | None:
    """The stored vectors of the index's passages, by position; None when there are none.
    Vectors of chunks the index does not hold (stored after it was built) are left out."""
    chunk_ids, matrix = load_vectors(session, use_case_id, embedder)
    position_of = {passage.chunk_id: position for position, passage in enumerate(index.passages)}
    rows = [row for row, chunk_id in enumerate(chunk_ids) if chunk_id in position_of]
    if not rows:
        return None
    positions = np.array([position_of[chunk_ids[row]] for row in rows], dtype=np.int64)
    pages = len({passage.location for passage in index.passages})
    return PassageVectors(positions, matrix[rows], len(index), pages)


class IndexCache:
    """``embedder`` is the model questions are embedded with; without one (the default),
    retrieval is lexical only and no vectors are read. ``min_similarity`` is the cosine that
    counts as the dense vote for answering (see ``hybrid``)."""

    def __init__(
        self, embedder: Embedder | None = None, min_similarity: float = DENSE_MIN_SIMILARITY
    ) -> None:
        self.embedder = embedder
        self.min_similarity = min_similarity
        self._entries: dict[str, CachedIndex] = {}
        self._lock = threading.Lock()

    def index_for(self, session: Session, use_case_id: str) -> LexicalIndex:
        return self._entry(session, use_case_id).index

    def vectors_for(self, session: Session, use_case_id: str) -> PassageVectors | None:
        """The dense vectors of the current index's passages, or None (no embedder, or no
        vectors yet)."""
        return self.lookup(session, use_case_id).vectors

    def lookup(self, session: Session, use_case_id: str) -> CachedIndex:
        """The current lexical index and, with an embedder, the vectors of its passages, as
        one entry: the positions of the vectors always refer to this very index, even when
        another request rebuilds the entry meanwhile."""
        cached = self._entry(session, use_case_id)
        if self.embedder is None or (cached.vectors is not None and cached.vectors.complete):
            return cached
        count = vector_count(session, use_case_id, self.embedder)
        if not _worth_reloading(cached, count):
            return cached
        with self._lock:
            current = self._entries.get(use_case_id)
            if current is not cached:  # another request reloaded or rebuilt meanwhile
                return current if current is not None else cached
            vectors = passage_vectors(session, use_case_id, cached.index, self.embedder)
            entry = replace(cached, vectors=vectors, vector_count=count)
            self._entries[use_case_id] = entry
            return entry

    def _entry(self, session: Session, use_case_id: str) -> CachedIndex:
        revision = knowledge_revision(session, use_case_id)
        cached = self._entries.get(use_case_id)
        if cached is not None and cached.revision == revision:
            return cached
        with self._lock:  # one build per use case at a time; others wait for it
            cached = self._entries.get(use_case_id)
            if cached is not None and cached.revision == revision:
                return cached
            # A new revision starts without vectors: they are read again for its passages.
            entry = CachedIndex(revision, LexicalIndex(load_passages(session, use_case_id)))
            self._entries[use_case_id] = entry
            return entry

    def forget(self, use_case_id: str) -> None:
        self._entries.pop(use_case_id, None)


def _worth_reloading(cached: CachedIndex, count: int) -> bool:
    if count == cached.vector_count:
        return False
    if cached.vector_count <= 0 or count < cached.vector_count:
        return True
    return count >= len(cached.index) or count >= cached.vector_count * RELOAD_GROWTH
