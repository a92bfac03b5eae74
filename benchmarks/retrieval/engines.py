"""The lexical engines compared with Waarborg's own index: SQLite FTS5 (with and without
Snowball stems) and PostgreSQL's ``dutch`` full-text search, over the same passages."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import psycopg

from waarborg.knowledge.dutch_text import content_words, stems
from waarborg.knowledge.lexical_index import LexicalIndex, Passage

PG_DSN = os.environ.get(
    "WAARBORG_TEST_POSTGRES_DSN", "host=127.0.0.1 user=postgres dbname=postgres"
)

Search = Callable[[str, int], list[int]]


@dataclass
class Engine:
    name: str
    search: Search
    build_seconds: float


def waarborg_engine(passages: Sequence[Passage]) -> tuple[Engine, LexicalIndex]:
    started = time.perf_counter()
    index = LexicalIndex(passages)
    built = time.perf_counter() - started
    return Engine(
        "Waarborg lexical (in memory)", lambda q, k: [h.position for h in index.search(q, k)], built
    ), index


def fts5_engine(passages: Sequence[Passage], stemmed: bool) -> Engine:
    started = time.perf_counter()
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    db.executemany(
        "INSERT INTO p(rowid, body) VALUES (?, ?)",
        ((i, _analysed(_full(p), stemmed)) for i, p in enumerate(passages)),
    )
    db.commit()
    built = time.perf_counter() - started

    def search(query: str, k: int) -> list[int]:
        terms = stems(query) if stemmed else content_words(query)
        if not terms:
            return []
        expression = " OR ".join('"' + t.replace('"', "") + '"' for t in dict.fromkeys(terms))
        rows = db.execute(
            "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?", (expression, k)
        )
        return [row[0] for row in rows]

    name = "SQLite FTS5 + Snowball stems" if stemmed else "SQLite FTS5 (unicode61)"
    return Engine(name, search, built)


def postgres_engine(passages: Sequence[Passage]) -> Engine | None:
    try:
        connection = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        return None
    started = time.perf_counter()
    connection.execute("CREATE TEMP TABLE passages (id int primary key, body text, tsv tsvector)")
    with connection.cursor() as cursor, cursor.copy("COPY passages (id, body) FROM STDIN") as copy:
        for i, passage in enumerate(passages):
            copy.write_row((i, _full(passage)))
    connection.execute("UPDATE passages SET tsv = to_tsvector('dutch', body)")
    connection.execute("CREATE INDEX ON passages USING gin (tsv)")
    connection.execute("ANALYZE passages")
    built = time.perf_counter() - started

    def search(query: str, k: int) -> list[int]:
        words = [w for w in content_words(query) if re.fullmatch(r"\w+", w)]
        if not words:
            return []
        tsquery = " | ".join(dict.fromkeys(words))
        rows = connection.execute(
            "SELECT id FROM passages, to_tsquery('dutch', %s) q WHERE tsv @@ q "
            "ORDER BY ts_rank(tsv, q) DESC LIMIT %s",
            (tsquery, k),
        )
        return [row[0] for row in rows]

    return Engine("PostgreSQL 'dutch' full-text (OR, ts_rank)", search, built)


def _full(passage: Passage) -> str:
    return " ".join((passage.title, *passage.headings, passage.text))


def _analysed(text: str, stemmed: bool) -> str:
    return " ".join(stems(text)) if stemmed else text
