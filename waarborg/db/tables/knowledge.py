"""Approved sources and what was taken from them: documents and their passages (chunks).

A use case answers only from its own sources. Each chunk keeps what a citation needs (URL or
file name, title, headings, page number, fetch date). Deleting a source deletes its documents
and chunks through the foreign keys, and bumps the use case's knowledge revision so that every
worker drops its cached index.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.db.base import (
    Base,
    IdMixin,
    OrganisationScoped,
    TimestampMixin,
    UtcDateTime,
    utcnow,
)


class KnowledgeSource(IdMixin, TimestampMixin, OrganisationScoped, Base):
    """A website (seed URLs or a sitemap) or a set of files approved for one use case."""

    __tablename__ = "knowledge_source"

    use_case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("use_case.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # "website" | "files"
    name: Mapped[str] = mapped_column(String(200))
    # Website: seed URLs / sitemap URL and the hosts that may be fetched; files: unused.
    seeds: Mapped[list[str]] = mapped_column(JSON, default=list)
    allowed_hosts: Mapped[list[str]] = mapped_column(JSON, default=list)
    max_pages: Mapped[int] = mapped_column(Integer, default=500)
    recrawl_hours: Mapped[int] = mapped_column(Integer, default=24)
    status: Mapped[str] = mapped_column(String(16), default="nieuw")
    status_detail: Mapped[str] = mapped_column(Text, default="")
    last_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # Per-item problems of the last run (skipped pages or files with the reason), for people.
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Document(IdMixin, OrganisationScoped, Base):
    """One page or file as fetched, with its metadata for citations."""

    __tablename__ = "knowledge_document"
    __table_args__ = (UniqueConstraint("source_id", "location"),)

    source_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("knowledge_source.id", ondelete="CASCADE"), index=True
    )
    use_case_id: Mapped[str] = mapped_column(String(32), index=True)
    location: Mapped[str] = mapped_column(String(2000))  # URL, or the file name
    title: Mapped[str] = mapped_column(String(500), default="")
    content_type: Mapped[str] = mapped_column(String(100), default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime())
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)


class Chunk(IdMixin, OrganisationScoped, Base):
    """A passage: the unit of retrieval and of citation."""

    __tablename__ = "knowledge_chunk"

    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("knowledge_document.id", ondelete="CASCADE"), index=True
    )
    use_case_id: Mapped[str] = mapped_column(String(32), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    headings: Mapped[list[str]] = mapped_column(JSON, default=list)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)


class KnowledgeRevision(OrganisationScoped, Base):
    """A counter per use case, raised on every change to its documents; workers compare it
    with the revision of their cached index and rebuild when it moved."""

    __tablename__ = "knowledge_revision"

    use_case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("use_case.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ChunkVector(OrganisationScoped, Base):
    """The dense embedding of one chunk, made in the background after ingestion. ``embedder``
    names the model that made it, so changing the embedding back-end re-embeds instead of
    mixing vectors of two models."""

    __tablename__ = "knowledge_chunk_vector"

    chunk_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("knowledge_chunk.id", ondelete="CASCADE"), primary_key=True
    )
    use_case_id: Mapped[str] = mapped_column(String(32), index=True)
    embedder: Mapped[str] = mapped_column(String(64))
    dimension: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
