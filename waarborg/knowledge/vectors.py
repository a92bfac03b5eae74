"""Stored passage vectors: which chunks still need one, writing them, reading them back, and
how far each use case is.

A vector is kept per chunk with the key of the model that made it (``ChunkVector.embedder``),
as float32 little-endian bytes. A chunk counts as embedded only for the configured model and
dimension: after a switch of embedding back-end every chunk is pending again, and its old
vector is overwritten rather than compared with vectors of another model. Removing a source
removes its chunks and, through the foreign key, their vectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg.db.tables import Chunk, ChunkVector, Document
from waarborg.knowledge.embeddings import Embedder, Vectors

VECTOR_DTYPE = np.dtype("<f4")  # float32, little-endian, whatever the machine


@dataclass(frozen=True)
class PendingChunk:
    chunk_id: str
    organisation_id: str
    use_case_id: str
    text: str  # what is embedded: title, headings and the passage, as the lexical index sees it


@dataclass(frozen=True)
class EmbeddingProgress:
    """How many of a use case's passages have a vector of the configured model."""

    use_case_id: str
    embedded: int
    total: int

    @property
    def pending(self) -> int:
        return self.total - self.embedded

    @property
    def complete(self) -> bool:
        return self.embedded >= self.total

    def label(self) -> str:
        """As the console and the CLI show it: ``vectoren: 120 van 340``."""
        return f"vectoren: {self.embedded} van {self.total}"


def encode_vector(vector: Sequence[float] | Vectors) -> bytes:
    return np.asarray(vector, dtype=VECTOR_DTYPE).reshape(-1).tobytes()


def decode_vectors(blobs: Sequence[bytes], dimension: int) -> Vectors:
    """The rows of ``blobs`` as one ``(n, dimension)`` float32 matrix."""
    if not blobs:
        return np.zeros((0, dimension), dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype=VECTOR_DTYPE).reshape(len(blobs), dimension)
    return matrix.astype(np.float32)


def embedding_text(title: str, headings: Sequence[str], text: str) -> str:
    return " ".join(part for part in (title, *headings, text) if part)


def _current(embedder: Embedder) -> ColumnElement[bool]:
    return and_(
        ChunkVector.chunk_id == Chunk.id,
        ChunkVector.embedder == embedder.key,
        ChunkVector.dimension == embedder.dimension,
    )


def pending_chunks(
    session: Session, embedder: Embedder, limit: int, use_case_id: str | None = None
) -> list[PendingChunk]:
    """Up to ``limit`` chunks without a vector of ``embedder`` (none, or another model's)."""
    query = (
        select(
            Chunk.id,
            Chunk.organisation_id,
            Chunk.use_case_id,
            Chunk.text,
            Chunk.headings,
            Document.title,
        )
        .join(Document, Document.id == Chunk.document_id)
        .outerjoin(ChunkVector, _current(embedder))
        .where(ChunkVector.chunk_id.is_(None))
        .order_by(Chunk.id)
        .limit(limit)
    )
    if use_case_id is not None:
        query = query.where(Chunk.use_case_id == use_case_id)
    return [
        PendingChunk(
            row.id,
            row.organisation_id,
            row.use_case_id,
            embedding_text(row.title, row.headings or (), row.text),
        )
        for row in session.execute(query)
    ]


def store_vectors(
    session: Session, embedder: Embedder, chunks: Sequence[PendingChunk], vectors: Vectors
) -> int:
    """Write one vector per chunk (replacing another model's), in the caller's transaction.

    A chunk removed meanwhile (its document changed or its source was removed while the batch
    was being embedded) is skipped: the batch is retried, inside a savepoint, with only the
    chunks that still exist. Returns how many vectors were written.
    """
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    remaining = list(zip(chunks, vectors, strict=True))
    for _attempt in range(3):
        if not remaining:
            return 0
        try:
            with session.begin_nested():
                _upsert(session, embedder, remaining)
            return len(remaining)
        except IntegrityError:
            alive = set(
                session.scalars(
                    select(Chunk.id).where(Chunk.id.in_([c.chunk_id for c, _ in remaining]))
                )
            )
            remaining = [(c, v) for c, v in remaining if c.chunk_id in alive]
    raise RuntimeError("could not store the vectors: chunks keep disappearing")


def _upsert(
    session: Session, embedder: Embedder, rows: Sequence[tuple[PendingChunk, Vectors]]
) -> None:
    now = datetime.now(UTC)
    values = [
        {
            "chunk_id": chunk.chunk_id,
            "organisation_id": chunk.organisation_id,
            "use_case_id": chunk.use_case_id,
            "embedder": embedder.key,
            "dimension": embedder.dimension,
            "vector": encode_vector(vector),
            "created_at": now,
        }
        for chunk, vector in rows
    ]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ChunkVector).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=[ChunkVector.chunk_id],
        set_={
            "embedder": statement.excluded.embedder,
            "dimension": statement.excluded.dimension,
            "vector": statement.excluded.vector,
            "created_at": statement.excluded.created_at,
        },
    )
    session.execute(statement)


def vector_count(session: Session, use_case_id: str, embedder: Embedder) -> int:
    """Vectors of ``embedder`` for the use case: one indexed count, read on questions only
    while the use case's vectors are incomplete (see ``index_cache``)."""
    count = session.scalar(
        select(func.count())
        .select_from(ChunkVector)
        .where(
            ChunkVector.use_case_id == use_case_id,
            ChunkVector.embedder == embedder.key,
            ChunkVector.dimension == embedder.dimension,
        )
    )
    return int(count or 0)


def load_vectors(
    session: Session, use_case_id: str, embedder: Embedder
) -> tuple[list[str], Vectors]:
    """The use case's chunk ids and their vectors of ``embedder``, row for row."""
    rows = session.execute(
        select(ChunkVector.chunk_id, ChunkVector.vector).where(
            ChunkVector.use_case_id == use_case_id,
            ChunkVector.embedder == embedder.key,
            ChunkVector.dimension == embedder.dimension,
        )
    ).all()
    return [row.chunk_id for row in rows], decode_vectors(
        [bytes(row.vector) for row in rows], embedder.dimension
    )


def embedding_progress(
    session: Session, embedder: Embedder, use_case_id: str | None = None
) -> list[EmbeddingProgress]:
    """Embedded and total passages per use case (those with passages), for the console and
    the CLI. A session bound to an organisation sees only that organisation's use cases."""
    query = (
        select(Chunk.use_case_id, func.count(Chunk.id), func.count(ChunkVector.chunk_id))
        .outerjoin(ChunkVector, _current(embedder))
        .group_by(Chunk.use_case_id)
        .order_by(Chunk.use_case_id)
    )
    if use_case_id is not None:
        query = query.where(Chunk.use_case_id == use_case_id)
    return [
        EmbeddingProgress(str(use_case), int(embedded), int(total))
        for use_case, total, embedded in session.execute(query)
    ]


def source_progress(
    session: Session, embedder: Embedder, use_case_id: str
) -> dict[str, EmbeddingProgress]:
    """Embedded and total passages per source of one use case (sources with passages)."""
    query = (
        select(Document.source_id, func.count(Chunk.id), func.count(ChunkVector.chunk_id))
        .join(Chunk, Chunk.document_id == Document.id)
        .outerjoin(ChunkVector, _current(embedder))
        .where(Document.use_case_id == use_case_id)
        .group_by(Document.source_id)
    )
    return {
        str(source_id): EmbeddingProgress(use_case_id, int(embedded), int(total))
        for source_id, total, embedded in session.execute(query)
    }
