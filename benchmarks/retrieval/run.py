"""Retrieval benchmark: Waarborg's lexical index against SQLite FTS5 and PostgreSQL full-text
search, in one run, on the demo site's citizen questions, on the Dutch legal QA set, and at
scale (query latency at N passages). Writes its section of docs/benchmarks.md.

Run: ``.venv/bin/python -m benchmarks.retrieval [--scale 100000] [--legal PATH]``.
Dense and hybrid retrieval are not built yet; their rows say so rather than show numbers.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import re
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from waarborg.answering.drafts import Source
from waarborg.answering.extractive import ExtractiveEngine
from waarborg.answering.verification import verify
from waarborg.demo.website import website_dir
from waarborg.knowledge.chunking import chunk_blocks
from waarborg.knowledge.dutch_text import content_words, stems
from waarborg.knowledge.lexical_index import LexicalIndex, Passage
from waarborg.knowledge.limits import Limits
from waarborg.knowledge.parsing import parse
from waarborg.knowledge.retrieval import MIN_COVERAGE, RETRIEVE

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = Path(__file__).with_name("demo_questions.jsonl")
LEGAL = ROOT.parent / "shared" / "datasets" / "legal-dutch-qa"
DOC = ROOT / "docs" / "benchmarks.md"
PG_DSN = os.environ.get(
    "WAARBORG_TEST_POSTGRES_DSN", "host=127.0.0.1 user=postgres dbname=postgres"
)

Search = Callable[[str, int], list[int]]


@dataclass
class Engine:
    name: str
    search: Search
    build_seconds: float


# --- engines ---------------------------------------------------------------------------------


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


# --- corpora ---------------------------------------------------------------------------------


def demo_passages() -> list[Passage]:
    passages = []
    for page in sorted((website_dir() / "pages").glob("*.html")):
        document = parse(page.read_bytes(), "text/html", page.stem, Limits())
        for number, chunk in enumerate(chunk_blocks(document.blocks)):
            passages.append(
                Passage(
                    f"{page.stem}#{number}", chunk.text, document.title, page.stem, chunk.headings
                )
            )
    return passages


def legal_corpus(folder: Path) -> tuple[list[Passage], list[tuple[str, set[str]]]]:
    passages = []
    with (folder / "knowledge_corpus_small.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            title = f"{row['law_name']} {row['artikel']}".strip()
            headings = tuple(
                row[key] for key in ("hoofdstuk_titel", "afdeling_titel", "titel_titel") if row[key]
            )
            passages.append(Passage(row["DOC_ID"], row["text"], title, row["DOC_ID"], headings))
    questions = []
    with (folder / "QA_set_102_smallcorpus.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            relevant = {doc.strip() for doc in row["human_attribution"].split(",") if doc.strip()}
            questions.append((row["question"], relevant))
    return passages, questions


def scaled(passages: Sequence[Passage], size: int) -> list[Passage]:
    """``size`` passages made of the legal articles split into ~60-word pieces, repeated."""
    pieces = []
    for passage in passages:
        words = passage.text.split()
        for start in range(0, max(len(words), 1), 60):
            pieces.append((passage, " ".join(words[start : start + 60])))
    out = []
    round_number = 0
    while len(out) < size:
        for passage, text in pieces:
            if len(out) >= size:
                break
            out.append(
                Passage(f"{passage.chunk_id}-{round_number}-{len(out)}", text, passage.title)
            )
        round_number += 1
    return out


# --- measurements ----------------------------------------------------------------------------


def timed(search: Search, query: str, k: int) -> tuple[list[int], float]:
    started = time.perf_counter()
    found = search(query, k)
    return found, (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def demo_run(passages: list[Passage], engines: list[Engine], index: LexicalIndex) -> list[str]:
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    answerable = [q for q in questions if q["answerable"]]
    rows = []
    for engine in engines:
        hit1 = hit5 = reciprocal = 0.0
        latencies = []
        for question in answerable:
            found, ms = timed(engine.search, question["question"], 5)
            latencies.append(ms)
            pages = [passages[i].location for i in found]
            hit1 += bool(pages) and pages[0] == question["expected"]
            hit5 += question["expected"] in pages
            if question["expected"] in pages:
                reciprocal += 1 / (pages.index(question["expected"]) + 1)
        n = len(answerable)
        rows.append(
            f"| {engine.name} | {hit1 / n:.3f} | {hit5 / n:.3f} | {reciprocal / n:.3f} | "
            f"{percentile(latencies, 0.5):.2f} | {percentile(latencies, 0.95):.2f} |"
        )
    # Refusals: the same decision the question path makes (no model call when it refuses).
    refused_right = refused_wrong = answered_wrong = 0
    for question in questions:
        terms = index.query_terms(question["question"])
        hits = index.search(terms, RETRIEVE)
        best = max((index.coverage(terms, _full(passages[h.position])) for h in hits), default=0)
        refused = best < MIN_COVERAGE
        if refused and not question["answerable"]:
            refused_right += 1
        elif refused:
            refused_wrong += 1
        elif not question["answerable"]:
            answered_wrong += 1
    unanswerable = len(questions) - len(answerable)
    precision = refused_right / max(refused_right + refused_wrong, 1)
    recall = refused_right / max(unanswerable, 1)
    accuracy = (refused_right + len(answerable) - refused_wrong) / len(questions)
    rows.append("")
    rows.append(
        f"Refusal (Waarborg, threshold {MIN_COVERAGE}): precision {precision:.3f}, recall "
        f"{recall:.3f}, decision accuracy {accuracy:.3f} over {len(questions)} questions "
        f"({unanswerable} not answerable from the site)."
    )
    return rows


def legal_run(
    engines: list[Engine], passages: list[Passage], questions: list[tuple[str, set[str]]]
) -> list[str]:
    rows = []
    for engine in engines:
        ndcg = recall = 0.0
        for question, relevant in questions:
            found = [passages[i].location for i in engine.search(question, 10)]
            gains = [1.0 if doc in relevant else 0.0 for doc in found]
            dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
            ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
            ndcg += dcg / ideal if ideal else 0.0
            recall += len(relevant & set(found)) / len(relevant) if relevant else 0.0
        n = len(questions)
        rows.append(f"| {engine.name} | {ndcg / n:.3f} | {recall / n:.3f} |")
    return rows


def scale_run(size: int, legal: list[Passage], questions: list[str]) -> list[str]:
    passages = scaled(legal, size)
    ours, index = waarborg_engine(passages)
    engines = [ours, fts5_engine(passages, stemmed=False)]
    postgres = postgres_engine(passages)
    if postgres is not None:
        engines.append(postgres)
    rows = []
    for engine in engines:
        latencies = [timed(engine.search, q, 10)[1] for q in questions]
        rows.append(
            f"| {engine.name} | {size:,} | {engine.build_seconds:.1f} s | "
            f"{percentile(latencies, 0.5):.1f} | {percentile(latencies, 0.95):.1f} |"
        )
    answers = []
    engine = ExtractiveEngine()
    for question in questions:
        started = time.perf_counter()
        terms = index.query_terms(question)
        sources = [
            Source(n, passages[h.position], h.score)
            for n, h in enumerate(index.search(terms, RETRIEVE), 1)
        ]
        verify(engine.answer(index, terms, sources), sources)
        answers.append((time.perf_counter() - started) * 1000)
    rows.append("")
    rows.append(
        f"Extractive answer (retrieval, sentence selection, verification) at {size:,} passages: "
        f"p50 {percentile(answers, 0.5):.1f} ms, p95 {percentile(answers, 0.95):.1f} ms."
    )
    return rows


def write_section(lines: list[str]) -> None:
    start, end = "<!-- retrieval:start -->", "<!-- retrieval:end -->"
    body = "\n".join([start, *lines, end])
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[: text.index(start)] + body + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=100_000, help="passages for the scale run")
    parser.add_argument("--legal", type=Path, default=LEGAL, help="folder of the legal QA set")
    args = parser.parse_args()

    demo = demo_passages()
    ours, index = waarborg_engine(demo)
    engines = [ours, fts5_engine(demo, stemmed=False), fts5_engine(demo, stemmed=True)]
    postgres = postgres_engine(demo)
    if postgres is not None:
        engines.append(postgres)
    lines = [
        "## Retrieval",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}. "
        "Command: `.venv/bin/python -m benchmarks.retrieval`. Dense and hybrid retrieval are "
        "not built yet, so only lexical engines are compared.",
        "",
        f"### Demo site: {len(demo)} passages, citizens' questions",
        "",
        "| Engine | hit@1 | hit@5 | MRR | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|",
        *demo_run(demo, engines, index),
    ]
    if (args.legal / "knowledge_corpus_small.csv").exists():
        legal, questions = legal_corpus(args.legal)
        ours_legal, _ = waarborg_engine(legal)
        legal_engines = [
            ours_legal,
            fts5_engine(legal, stemmed=False),
            fts5_engine(legal, stemmed=True),
        ]
        postgres = postgres_engine(legal)
        if postgres is not None:
            legal_engines.append(postgres)
        lines += [
            "",
            f"### Dutch legal QA: {len(legal):,} law articles, {len(questions)} real questions",
            "",
            "| Engine | nDCG@10 | recall@10 |",
            "|---|---|---|",
            *legal_run(legal_engines, legal, questions),
        ]
        lines += [
            "",
            f"### Scale: query latency at {args.scale:,} passages (legal questions)",
            "",
            "| Engine | passages | build/load | p50 ms | p95 ms |",
            "|---|---|---|---|---|",
            *scale_run(args.scale, legal, [q for q, _ in questions]),
        ]
    write_section(lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
