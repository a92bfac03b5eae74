"""The benchmark corpora as documents for the product's ingest path: the demo website's pages
(HTML, as the crawler would fetch them) and the Dutch legal QA set's law articles (one
Markdown document per article, its law, chapter and section as headings)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from benchmarks.retrieval.product import document
from waarborg.demo.website import website_dir
from waarborg.knowledge.protocol import HTML, MARKDOWN, FetchedDocument

QUESTIONS = Path(__file__).with_name("demo_questions.jsonl")
HEADING_FIELDS = ("hoofdstuk_titel", "afdeling_titel", "titel_titel")


def demo_documents() -> list[FetchedDocument]:
    """The demo site's pages, located by slug (the ``expected`` of the questions)."""
    return [
        document(page.stem, page.stem, HTML, page.read_bytes())
        for page in sorted((website_dir() / "pages").glob("*.html"))
    ]


def demo_questions() -> list[dict[str, Any]]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]


def legal_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "knowledge_corpus_small.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def legal_markdown(row: dict[str, str]) -> str:
    title = f"{row['law_name']} {row['artikel']}".strip()
    lines = [f"# {title}", ""]
    for key in HEADING_FIELDS:
        if row.get(key):
            lines += [row[key], ""]
    lines.append(row["text"])
    return "\n".join(lines)


def legal_documents(folder: Path) -> list[FetchedDocument]:
    """One document per article, located by its ``DOC_ID``."""
    return [
        document(
            row["DOC_ID"], f"{row['law_name']} {row['artikel']}", MARKDOWN, legal_markdown(row)
        )
        for row in legal_rows(folder)
    ]


def legal_questions(folder: Path) -> list[tuple[str, set[str]]]:
    questions = []
    with (folder / "QA_set_102_smallcorpus.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            relevant = {doc.strip() for doc in row["human_attribution"].split(",") if doc.strip()}
            questions.append((row["question"], relevant))
    return questions
