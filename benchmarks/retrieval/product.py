"""The product's own path for the benchmarks: a real database (SQLite file or PostgreSQL) with
the demo organisation, documents taken in through ``ingest`` (parsing, chunking, storage, the
revision bump), vectors stored through ``vectors.store_vectors`` and questions asked through
``retrieval.retrieve`` with the same ``IndexCache`` the server uses."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from benchmarks.retrieval.vectors import VectorCache
from waarborg.accounts.users import get_user
from waarborg.db.database import Database
from waarborg.db.migrate import upgrade
from waarborg.db.tables import Organisation
from waarborg.demo.seed import DEMO_SLUG, seed_demo
from waarborg.governance.actors import Actor
from waarborg.governance.use_cases import find_use_case
from waarborg.knowledge.embeddings import Embedder
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.ingest import IngestReport, ingest
from waarborg.knowledge.protocol import FetchedDocument, SourceItem
from waarborg.knowledge.retrieval import RETRIEVE, Mode, Retrieval, retrieve
from waarborg.knowledge.sources import add_source, list_sources
from waarborg.knowledge.vectors import pending_chunks, store_vectors

STORE_BATCH = 500  # vectors per INSERT (SQLite allows 32,766 parameters per statement)


class Documents:
    """A ``DocumentSource`` over documents already in memory."""

    def __init__(self, documents: Iterable[FetchedDocument]) -> None:
        self.documents = documents

    def items(self) -> Iterator[SourceItem]:
        yield from self.documents


def document(location: str, title: str, content_type: str, body: str | bytes) -> FetchedDocument:
    content = body.encode() if isinstance(body, str) else body
    return FetchedDocument(location, title, content_type, content, datetime.now(UTC))


@dataclass
class Installation:
    database: Database
    organisation_id: str
    ids: dict[str, str] = field(default_factory=dict)  # use case ids by slug

    @classmethod
    def create(cls, url: str, folder: Path) -> Installation:
        database = Database(url)
        upgrade(database.engine)
        with database.session() as session:
            seed_demo(session, folder)
            organisation = session.scalar(
                select(Organisation).where(Organisation.slug == DEMO_SLUG)
            )
            assert organisation is not None
            return cls(database, organisation.id)

    def use_case_id(self, slug: str) -> str:
        with self.database.session(self.organisation_id) as session:
            use_case = find_use_case(session, self.organisation_id, slug)
            assert use_case is not None
            return use_case.id

    def ingest(
        self, slug: str, name: str, documents: Iterable[FetchedDocument]
    ) -> tuple[IngestReport, float]:
        """Add a source to the demo use case ``slug`` and take ``documents`` in; the seconds
        the ingestion took (parsing, chunking, storing, one transaction per document)."""
        with self.database.session(self.organisation_id) as session:
            use_case = find_use_case(session, self.organisation_id, slug)
            assert use_case is not None
            source = add_source(
                session,
                use_case,
                Actor.of(get_user(session, "eigenaar")),
                kind="files",
                name=name,
                seeds=["/benchmark"],
            )
            session.commit()
            started = time.perf_counter()
            report = ingest(session, source, document_source=Documents(documents))
            seconds = time.perf_counter() - started
        if report.failure:
            raise RuntimeError(report.failure)
        return report, seconds

    def passage_count(self, slug: str) -> int:
        with self.database.session(self.organisation_id) as session:
            use_case = find_use_case(session, self.organisation_id, slug)
            assert use_case is not None
            return sum(overview.chunks for overview in list_sources(session, use_case))

    def store_vectors(self, slug: str, embedder: Embedder, cache: VectorCache) -> int:
        """Give every passage of ``slug`` its vector, from the disk cache where it has one
        (embedding the rest), written through the product's ``store_vectors``."""
        use_case_id = self.use_case_id(slug)
        with self.database.session() as session:
            pending = pending_chunks(session, embedder, 10**9, use_case_id)
        matrix = cache.vectors([chunk.text for chunk in pending])
        stored = 0
        for start in range(0, len(pending), STORE_BATCH):
            with self.database.session() as session:
                stored += store_vectors(
                    session,
                    embedder,
                    pending[start : start + STORE_BATCH],
                    matrix[start : start + STORE_BATCH],
                )
        return stored

    def ask(
        self,
        cache: IndexCache,
        slug: str,
        question: str,
        mode: Mode = "auto",
        limit: int = RETRIEVE,
    ) -> Retrieval:
        if slug not in self.ids:
            self.ids[slug] = self.use_case_id(slug)
        with self.database.session(self.organisation_id) as session:
            return retrieve(session, cache, self.ids[slug], question, mode=mode, limit=limit)

    def dispose(self) -> None:
        self.database.dispose()
