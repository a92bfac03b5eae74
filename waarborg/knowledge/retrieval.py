"""Retrieval for one question: the passages of a use case's approved sources that answer it.

This is the single seam between the request path and the indexes: the pipeline asks
``retrieve`` and gets numbered sources plus the verdict whether anything is relevant enough to
answer from. How the ranking is made stays behind it: lexical BM25 alone, or, once (nearly)
all of the use case's passages have a vector of the configured embedder, BM25 and dense
similarity fused by reciprocal rank (``hybrid``). Without an embedder, or while the passages
are still being embedded, the result is exactly the lexical one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

import numpy as np
from sqlalchemy.orm import Session

from waarborg.answering.drafts import Source
from waarborg.knowledge.dense_index import PassageVectors
from waarborg.knowledge.embeddings import Embedder, Vectors
from waarborg.knowledge.hybrid import (
    CANDIDATES,
    Votes,
    agreement_window,
    rankings_agree,
    reciprocal_rank_fusion,
)
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.lexical_index import LexicalIndex, QueryTerms
from waarborg.knowledge.vocabulary import telling, unfamiliar_words

logger = logging.getLogger(__name__)

RETRIEVE = 5  # passages given to the engine
# Share of the passages that must have a vector before questions are answered hybrid. While
# a use case is being embedded, the dense ranking and the answer vote would see only part of
# it (a page without its vector yet could not win the dense vote), so it stays lexical; a few
# passages of a changed page waiting for their vector do not switch it back.
HYBRID_MIN_SHARE = 0.95
MIN_COVERAGE = 0.4  # share of the question's weight the best passage must contain


Mode = Literal["auto", "lexical", "dense"]


@dataclass(frozen=True)
class Retrieval:
    """What was found. ``relevant`` holds the sources good enough to answer from (may be
    empty: then the path refuses without calling a model); ``index`` and ``terms`` are what
    the extractive engine and the verifier need. ``votes`` is set when dense vectors took
    part (hybrid retrieval), ``similarity`` is then the best cosine among the sources."""

    index: LexicalIndex
    terms: QueryTerms
    sources: list[Source]
    relevant: list[Source]
    votes: Votes | None = None
    similarity: float | None = None
    dense_only: bool = False

    @property
    def hybrid(self) -> bool:
        return self.votes is not None

    @property
    def method(self) -> str:
        """``lexical``, ``hybrid`` or ``dense``: how this ranking was made."""
        return "dense" if self.dense_only else "hybrid" if self.hybrid else "lexical"


def retrieve(
    session: Session,
    cache: IndexCache,
    use_case_id: str,
    text: str,
    *,
    mode: Mode = "auto",
    limit: int = RETRIEVE,
) -> Retrieval:
    """The question's sources. ``mode`` ``auto`` (the request path): hybrid once at least
    ``HYBRID_MIN_SHARE`` of the use case's passages have a vector of the cache's embedder,
    else lexical. ``lexical`` and ``dense`` force one retriever (benchmarks, comparisons);
    ``dense`` uses whatever vectors there are and falls back to lexical without any. A
    failing embedder never fails the question: it is then answered lexically. ``limit``
    passages are returned (``RETRIEVE`` for the engine)."""
    knowledge = cache.lookup(session, use_case_id)
    index = knowledge.index
    terms = index.query_terms(text)
    vectors = knowledge.vectors if mode != "lexical" else None
    if mode == "auto" and vectors is not None and len(vectors) < HYBRID_MIN_SHARE * vectors.total:
        vectors = None  # still embedding: a vote over a part of the passages would mislead
    query = _query_vector(cache.embedder, text) if vectors is not None else None
    if vectors is None or query is None:
        return lexical_retrieval(index, terms, limit)
    try:
        if mode == "dense":
            return dense_retrieval(index, terms, vectors, query, cache.min_similarity, limit)
        return hybrid_retrieval(index, terms, vectors, query, cache.min_similarity, limit)
    except ValueError as error:  # e.g. a query vector of another length than the stored ones
        logger.warning("dense retrieval failed, lexical retrieval only: %s", error)
        return lexical_retrieval(index, terms, limit)


def lexical_retrieval(index: LexicalIndex, terms: QueryTerms, limit: int = RETRIEVE) -> Retrieval:
    hits = index.search(terms, limit)
    sources = [
        Source(number, index.passages[hit.position], hit.score)
        for number, hit in enumerate(hits, start=1)
    ]
    relevant = [s for s in sources if index.coverage(terms, searchable(s)) >= MIN_COVERAGE]
    return Retrieval(index, terms, sources, relevant)


def hybrid_retrieval(
    index: LexicalIndex,
    terms: QueryTerms,
    vectors: PassageVectors,
    query: Vectors,
    min_similarity: float,
    limit: int = RETRIEVE,
) -> Retrieval:
    """BM25 and dense rankings fused (RRF); the answer decision is the vote of ``hybrid``.
    A source counts as relevant when it carries the lexical or the dense vote itself."""
    candidates = max(CANDIDATES, limit)
    lexical = [hit.position for hit in index.search(terms, candidates)]
    similarities = vectors.similarities(query)
    dense = vectors.ranking(similarities, candidates)
    fused = reciprocal_rank_fusion([lexical, dense])[:limit]
    sources = [
        Source(number, index.passages[position], score)
        for number, (position, score) in enumerate(fused, start=1)
    ]
    coverage = [index.coverage(terms, searchable(source)) for source in sources]
    cosine = [_finite(similarities[position]) for position, _ in fused]
    votes = Votes(
        lexical=max(coverage, default=0.0) >= MIN_COVERAGE,
        dense=max(cosine, default=-1.0) >= min_similarity,
        agreement=rankings_agree(
            [index.passages[p].location for p in lexical],
            [index.passages[p].location for p in dense],
            agreement_window(vectors.pages),
        ),
        unfamiliar=unfamiliar_words(index, terms.question) if telling(vectors.pages) else (),
    )
    relevant = []
    if votes.answer:
        relevant = [
            source
            for source, covered, close in zip(sources, coverage, cosine, strict=True)
            if covered >= MIN_COVERAGE or close >= min_similarity
        ]
    best = max(cosine, default=None)
    return Retrieval(index, terms, sources, relevant, votes, best)


def dense_retrieval(
    index: LexicalIndex,
    terms: QueryTerms,
    vectors: PassageVectors,
    query: Vectors,
    min_similarity: float,
    limit: int = RETRIEVE,
) -> Retrieval:
    """Dense similarity alone (for comparison): the nearest passages, relevant when their
    cosine reaches ``min_similarity``."""
    similarities = vectors.similarities(query)
    sources = [
        Source(number, index.passages[position], _finite(similarities[position]))
        for number, position in enumerate(vectors.ranking(similarities, limit), start=1)
    ]
    relevant = [source for source in sources if source.score >= min_similarity]
    best = max((source.score for source in sources), default=None)
    return Retrieval(index, terms, sources, relevant, None, best, dense_only=True)


def searchable(source: Source) -> str:
    passage = source.passage
    return " ".join((passage.title, *passage.headings, passage.text))


def _query_vector(embedder: Embedder | None, text: str) -> Vectors | None:
    """The question's vector, once per question; None when the back-end fails (the question
    is then answered lexically rather than not at all)."""
    if embedder is None or not text.strip():
        return None
    try:
        vectors = embedder.embed_queries([text])
    except Exception as error:  # any back-end failure: answer lexically, never fail (500)
        logger.warning("question not embedded, lexical retrieval only: %s", type(error).__name__)
        return None
    if len(vectors) != 1 or not np.all(np.isfinite(vectors[0])):
        logger.warning("question not embedded, lexical retrieval only: unusable vector")
        return None
    return np.asarray(vectors[0], dtype=np.float32)


def _finite(value: np.floating | float) -> float:
    number = float(value)
    return number if np.isfinite(number) else -1.0
