"""Passage vectors on SQLite and PostgreSQL: stored per batch in the background, counted per
use case, removed with their source, redone after a change or a switch of model; and the
hybrid ranking that follows once they exist (lexical until then)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select

from tests.governance.conftest import Governed
from waarborg.accounts.roles import Role
from waarborg.db.tables import ChunkVector, KnowledgeSource
from waarborg.knowledge.embedding_worker import EmbeddingWorker, embed_batch, embed_pending
from waarborg.knowledge.embeddings import EmbeddingError, Vectors, normalised
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.ingest import ingest
from waarborg.knowledge.protocol import TEXT, FetchedDocument, SourceItem
from waarborg.knowledge.retrieval import Retrieval, lexical_retrieval, retrieve
from waarborg.knowledge.sources import add_source, remove_source
from waarborg.knowledge.vectors import decode_vectors, embedding_progress, pending_chunks

PAGES = {
    "afval": "Afval\n\nDe gemeente haalt het restafval elke week op. Grofvuil brengt u naar de "
    "milieustraat.",
    "parkeren": "Parkeren\n\nEen vergunning om te parkeren met uw auto in de parkeerzone vraagt "
    "u aan via de website. De vergunning kost 50 euro per jaar per auto.",
    "paspoort": "Paspoort\n\nU vraagt een paspoort aan bij de balie. Voor een reis buiten Europa "
    "heeft u soms ook een visum nodig.",
    "verhuizen": "Verhuizen\n\nGeef uw verhuizing uiterlijk vijf dagen na de verhuisdatum door.",
}
QUESTION = "welke vergunning heb ik nodig voor mijn vakantie"


class ConceptEmbedder:
    """A deterministic stand-in for a real model, speaking the same ``Embedder`` protocol:
    one dimension per concept, counted by the words that signal it. It knows that a trip
    ("reis", "vakantie") is about travel documents, which the lexical index cannot know."""

    CONCEPTS = (
        ("reis", "vakantie", "paspoort", "visum", "reisdocument"),
        ("afval", "grofvuil", "container", "milieustraat"),
        ("verhuizing", "verhuizen", "verhuisdatum", "adres"),
        ("parkeer", "parkeren", "auto"),
    )

    def __init__(self, key: str = "test:concepts") -> None:
        self.key = key
        self.dimension = len(self.CONCEPTS) + 1
        self.passage_calls = 0
        self.query_calls = 0

    def _vectors(self, texts: Sequence[str]) -> Vectors:
        rows = []
        for text in texts:
            words = re.findall(r"\w+", text.lower())
            row = [sum(w.startswith(c) for w in words for c in group) for group in self.CONCEPTS]
            rows.append([*row, 0.5])
        return normalised(np.array(rows, dtype=np.float32).reshape(len(texts), self.dimension))

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.passage_calls += 1
        return self._vectors(texts)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.query_calls += 1
        return self._vectors(texts)


class Pages:
    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages

    def items(self) -> Iterator[SourceItem]:
        for name, text in self.pages.items():
            yield FetchedDocument(name, name.title(), TEXT, text.encode(), datetime.now(UTC))


def add_pages(governed: Governed, slug: str, pages: dict[str, str]) -> str:
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        source = add_source(
            session,
            use_case,
            governed.actors[Role.EIGENAAR],
            kind="files",
            name="Pagina's",
            seeds=[str(Path("/nergens"))],
        )
        source_id = source.id
    rerun(governed, source_id, pages)
    return source_id


def rerun(governed: Governed, source_id: str, pages: dict[str, str]) -> None:
    with governed.database.session(governed.organisation_id) as session:
        source = session.get(KnowledgeSource, source_id)
        assert source is not None
        report = ingest(session, source, document_source=Pages(pages))
        assert report.failure is None, report.failure


def use_case_id(governed: Governed, slug: str) -> str:
    with governed.database.session(governed.organisation_id) as session:
        return governed.use_case(session, slug).id


def progress(governed: Governed, embedder: ConceptEmbedder, slug: str) -> tuple[int, int]:
    with governed.database.session(governed.organisation_id) as session:
        found = embedding_progress(session, embedder, use_case_id(governed, slug))
    assert len(found) <= 1
    return (found[0].embedded, found[0].total) if found else (0, 0)


def ask(governed: Governed, slug: str, cache: IndexCache, text: str = QUESTION) -> Retrieval:
    with governed.database.session(governed.organisation_id) as session:
        return retrieve(session, cache, governed.use_case(session, slug).id, text)


def ranking(found: Retrieval) -> list[str]:
    return [source.passage.location for source in found.sources]


def test_vectors_are_stored_per_batch_and_removed_with_their_source(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    source_id = add_pages(governed, use_case_slug, PAGES)
    embedded, total = progress(governed, embedder, use_case_slug)
    assert (embedded, total) == (0, 4)

    first = embed_batch(
        governed.database, embedder, batch_size=3, use_case_id=use_case_id(governed, use_case_slug)
    )
    assert first.embedded == 3
    assert progress(governed, embedder, use_case_slug) == (3, 4)
    rest = embed_pending(
        governed.database, embedder, batch_size=3, use_case_id=use_case_id(governed, use_case_slug)
    )
    assert rest.embedded == 1
    assert progress(governed, embedder, use_case_slug) == (4, 4)
    assert (
        embed_pending(
            governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug)
        ).embedded
        == 0
    )  # nothing left

    with governed.database.session(governed.organisation_id) as session:
        rows = session.scalars(
            select(ChunkVector).where(
                ChunkVector.use_case_id == use_case_id(governed, use_case_slug)
            )
        ).all()
        assert {row.embedder for row in rows} == {"test:concepts"}
        assert {row.dimension for row in rows} == {embedder.dimension}
        assert all(row.organisation_id == governed.organisation_id for row in rows)
        matrix = decode_vectors([row.vector for row in rows], embedder.dimension)
        np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-6)

    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, use_case_slug)
        source = session.get(KnowledgeSource, source_id)
        assert source is not None
        remove_source(session, use_case, source, governed.actors[Role.EIGENAAR])
    with governed.database.session(governed.organisation_id) as session:
        left = session.scalar(
            select(func.count())
            .select_from(ChunkVector)
            .where(ChunkVector.use_case_id == use_case_id(governed, use_case_slug))
        )
    assert left == 0
    assert progress(governed, embedder, use_case_slug) == (0, 0)


def test_a_changed_page_and_another_model_are_embedded_again(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    source_id = add_pages(governed, use_case_slug, PAGES)
    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug))
    changed = {**PAGES, "verhuizen": "Verhuizen\n\nGeef uw nieuwe adres binnen vijf dagen door."}
    rerun(governed, source_id, changed)  # new chunks for the page; its old vector went with it
    assert progress(governed, embedder, use_case_slug) == (3, 4)
    assert (
        embed_pending(
            governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug)
        ).embedded
        == 1
    )

    other = ConceptEmbedder(key="test:other-model")
    assert progress(governed, other, use_case_slug) == (0, 4)
    with governed.database.session() as session:
        pending = pending_chunks(session, other, 10, use_case_id(governed, use_case_slug))
    assert len(pending) == 4
    assert embed_pending(governed.database, other, use_case_id=pending[0].use_case_id).embedded == 4
    assert progress(governed, other, use_case_slug) == (4, 4)
    assert progress(governed, embedder, use_case_slug) == (0, 4)  # overwritten, not mixed


def test_progress_is_per_use_case_and_per_organisation(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    other_slug = governed.create("tweede")
    add_pages(governed, other_slug, {"afval": PAGES["afval"]})
    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, other_slug))
    assert progress(governed, embedder, use_case_slug) == (0, 4)
    assert progress(governed, embedder, other_slug) == (1, 1)
    with governed.database.session(governed.organisation_id) as session:
        mine = {p.use_case_id for p in embedding_progress(session, embedder)}
    assert mine == {use_case_id(governed, use_case_slug), use_case_id(governed, other_slug)}
    with governed.database.session("someone-else") as session:
        assert embedding_progress(session, embedder) == []


def test_without_vectors_or_without_an_embedder_retrieval_is_lexical(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    with governed.database.session(governed.organisation_id) as session:
        index = IndexCache().index_for(session, use_case_id(governed, use_case_slug))
    expected = lexical_retrieval(index, index.query_terms(QUESTION))

    no_vectors_yet = ask(governed, use_case_slug, IndexCache(embedder))
    assert not no_vectors_yet.hybrid
    assert embedder.query_calls == 0  # no vectors: the question is not even embedded
    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug))
    no_embedder = ask(governed, use_case_slug, IndexCache())
    for found in (no_vectors_yet, no_embedder):
        assert found.sources == expected.sources
        assert found.relevant == expected.relevant
        assert found.votes is None
        assert found.similarity is None


def test_background_embedding_changes_the_ranking(governed: Governed, use_case_slug: str) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    cache = IndexCache(ConceptEmbedder(), min_similarity=0.8)
    before = ask(governed, use_case_slug, cache)
    assert not before.hybrid
    assert ranking(before)[0] == "parkeren"  # "vergunning" is the rarer word

    worker = EmbeddingWorker(governed.database, embedder, batch_size=2, interval=3600)
    worker.start()
    try:
        worker.wake()
        deadline = time.monotonic() + 120  # a generous wait, not a timing requirement
        while progress(governed, embedder, use_case_slug) != (4, 4):
            assert time.monotonic() < deadline, "the worker made no progress"
            assert worker.running
            time.sleep(0.05)
    finally:
        worker.stop()
    assert not worker.running
    assert worker.embedded >= 4
    assert embedder.passage_calls >= 2  # batches of two

    after = ask(governed, use_case_slug, cache)
    assert after.hybrid
    assert ranking(after)[0] == "paspoort"  # the dense side knows a trip needs a passport
    assert set(ranking(after)) >= {"paspoort", "parkeren"}
    assert after.votes is not None
    assert after.votes.answer
    assert after.relevant


def test_the_dense_matrix_is_reloaded_as_vectors_arrive(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    cache = IndexCache(embedder)
    uc = use_case_id(governed, use_case_slug)
    with governed.database.session(governed.organisation_id) as session:
        cache.index_for(session, uc)
        assert cache.vectors_for(session, uc) is None
    embed_pending(
        governed.database, embedder, limit=2, use_case_id=use_case_id(governed, use_case_slug)
    )
    with governed.database.session(governed.organisation_id) as session:
        partial = cache.vectors_for(session, uc)
        assert partial is not None
        assert (len(partial), partial.complete) == (2, False)
    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug))
    with governed.database.session(governed.organisation_id) as session:
        complete = cache.vectors_for(session, uc)
        assert complete is not None
        assert complete.complete
        assert cache.vectors_for(session, uc) is complete  # complete: no reload, no count


class Unreachable(ConceptEmbedder):
    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        raise EmbeddingError("embedding server down")


def test_a_failing_question_embedder_falls_back_to_lexical(
    governed: Governed, use_case_slug: str
) -> None:
    add_pages(governed, use_case_slug, PAGES)
    embed_pending(
        governed.database, ConceptEmbedder(), use_case_id=use_case_id(governed, use_case_slug)
    )
    found = ask(governed, use_case_slug, IndexCache(Unreachable()))
    assert not found.hybrid
    assert found.sources == ask(governed, use_case_slug, IndexCache()).sources


def test_a_failing_passage_embedder_leaves_the_worker_running(
    governed: Governed, use_case_slug: str
) -> None:
    class Broken(ConceptEmbedder):
        def embed_passages(self, texts: Sequence[str]) -> Vectors:
            self.passage_calls += 1
            raise EmbeddingError("model missing")

    add_pages(governed, use_case_slug, PAGES)
    broken = Broken()
    worker = EmbeddingWorker(governed.database, broken, interval=3600)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while worker.last_error is None:
            assert time.monotonic() < deadline, "the worker never tried"
            time.sleep(0.05)
        assert worker.running
        assert worker.last_error == "EmbeddingError"
    finally:
        worker.stop()
    assert progress(governed, broken, use_case_slug) == (0, 4)


def test_embed_batch_refuses_an_empty_batch(governed: Governed) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        embed_batch(governed.database, ConceptEmbedder(), batch_size=0)
