"""Retrieval for one question: the passages of a use case's approved sources that answer it.

This is the single seam between the request path and the indexes: the pipeline asks
``retrieve`` and gets numbered sources plus the verdict whether anything is relevant enough to
answer from. How the ranking is made (lexical BM25 today; fused with dense vectors when an
embedding back-end is configured) stays behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from waarborg.answering.drafts import Source
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.lexical_index import LexicalIndex, QueryTerms

RETRIEVE = 5  # passages given to the engine
MIN_COVERAGE = 0.4  # share of the question's weight the best passage must contain


@dataclass(frozen=True)
class Retrieval:
    """What was found. ``relevant`` holds the sources good enough to answer from (may be
    empty: then the path refuses without calling a model); ``index`` and ``terms`` are what
    the extractive engine and the verifier need."""

    index: LexicalIndex
    terms: QueryTerms
    sources: list[Source]
    relevant: list[Source]


def retrieve(session: Session, cache: IndexCache, use_case_id: str, text: str) -> Retrieval:
    index = cache.index_for(session, use_case_id)
    terms = index.query_terms(text)
    hits = index.search(terms, RETRIEVE)
    sources = [
        Source(number, index.passages[hit.position], hit.score)
        for number, hit in enumerate(hits, start=1)
    ]
    relevant = [s for s in sources if index.coverage(terms, searchable(s)) >= MIN_COVERAGE]
    return Retrieval(index, terms, sources, relevant)


def searchable(source: Source) -> str:
    passage = source.passage
    return " ".join((passage.title, *passage.headings, passage.text))
