"""One command for the privacy benchmark: ``.venv/bin/python -m benchmarks.privacy``.

Builds the corpus and the two held-out sets, runs Waarborg, deduce and Presidio each in a fresh
subprocess (for honest startup and memory figures), scores them on the same sets and writes the
results between ``<!-- privacy:start -->`` and ``<!-- privacy:end -->`` in docs/benchmarks.md.

deduce and Presidio run from a separate virtualenv (``benchmarks/privacy/.venv``, see
requirements.txt) or from the Python named in ``WAARBORG_BENCH_PYTHON``; when neither has
them, the document says so instead of showing numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.privacy import build_corpus
from benchmarks.privacy.evaluate import ALL_TYPES, IDENTIFIER_TYPES, Report, evaluate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- privacy:start -->", "<!-- privacy:end -->"
TOOLS = ("waarborg", "deduce", "presidio")
CACHE = ROOT / "benchmarks" / "results" / "privacy.json"


def _python_for(tool: str) -> str:
    if tool == "waarborg":
        return sys.executable
    override = os.environ.get("WAARBORG_BENCH_PYTHON")
    if override:
        return override
    return str(HERE / ".venv" / "bin" / "python")


def run_tool(tool: str, corpus: Path, *heldout: Path) -> dict | str:
    """The tool's result, or the reason it could not run."""
    python = _python_for(tool)
    if not Path(python).exists():
        return f"niet geïnstalleerd (geen {python})"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        completed = subprocess.run(  # noqa: S603 - our own script with our own arguments
            [python, str(HERE / "tool.py"), tool, str(out), str(corpus), *map(str, heldout)],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
            timeout=3600,
        )
        if completed.returncode != 0:
            last = (completed.stderr.strip().splitlines() or ["?"])[-1]
            return f"mislukt: {last}"
        return json.loads(out.read_text("utf-8"))


def _pct(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.3f}"


def _overall(reports: dict[str, Report]) -> list[str]:
    lines = [
        "| Tool | P exact | R exact | F1 exact | P overlap | R overlap | F1 overlap | "
        "chars masked | look-alikes flagged |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for tool, report in reports.items():
        pe, re_, fe = report.micro.scores("exact")
        po, ro, fo = report.micro.scores("overlap")
        masked = report.masked_chars / report.gold_chars if report.gold_chars else 0
        flagged = report.lookalikes_flagged / report.lookalikes if report.lookalikes else 0
        lines.append(
            f"| {tool} | {_pct(pe)} | {_pct(re_)} | {_pct(fe)} | {_pct(po)} | {_pct(ro)} | "
            f"{_pct(fo)} | {masked:.1%} | {report.lookalikes_flagged}/{report.lookalikes} "
            f"({flagged:.1%}) |"
        )
    return lines


HELDOUT_NOTES = {
    "heldout.jsonl": "templates written after the first tuning and not used for it; two "
    "instances of each template",
    "heldout2.jsonl": "hand-written sentences, one of each, with hard look-alikes (section "
    "and version numbers, amounts, case numbers, postbus addresses, headings in capitals, "
    "policy texts about health or religion); written before the second round of recognizer "
    "changes, whose classes of errors it then informed (docs/privacy.md says how), so its "
    "figures are partly fitted",
    "heldout3.jsonl": "hand-written after the second round of changes, with other sentence "
    "shapes and names; its first, blind measurement is kept in docs/privacy.md, and one class "
    "of errors it showed was fixed afterwards, so only that first figure is unseen",
}


def _per_type(reports: dict[str, Report]) -> list[str]:
    lines = ["| Type | " + " | ".join(reports) + " |", "|---|" + "---|" * len(reports)]
    for entity_type in ALL_TYPES:
        cells = []
        for report in reports.values():
            counts = report.per_type.get(entity_type)
            if counts is None or counts.gold == 0:
                cells.append("–")
                continue
            _, _, fe = counts.scores("exact")
            _, ro, fo = counts.scores("overlap")
            cells.append(f"{_pct(fe)} / {_pct(fo)} (R {_pct(ro)})")
        first = next(iter(reports.values()), None)
        gold_count = first.per_type[entity_type].gold if first else 0
        if gold_count:
            lines.append(f"| {entity_type} ({gold_count}) | " + " | ".join(cells) + " |")
    return lines


def _identifier_recall(reports: dict[str, Report]) -> list[str]:
    lines = []
    for tool, report in reports.items():
        recalls = [
            f"{t} {report.per_type[t].scores('overlap')[1]:.2f} "
            f"({report.per_type[t].found_overlap}/{report.per_type[t].gold})"
            for t in IDENTIFIER_TYPES
            if report.per_type[t].gold
        ]
        lines.append(f"- {tool}: " + ", ".join(recalls))
    return lines


def render(
    results: dict[str, dict | str], records: list[dict], helds: dict[str, list[dict]]
) -> str:
    ran = {tool: r for tool, r in results.items() if isinstance(r, dict)}
    reports = {tool: evaluate(tool, records, r["predictions"]) for tool, r in ran.items()}
    positives = sum(r["kind"] == "positive" for r in records)
    gold = sum(len(r["entities"]) for r in records)
    lines = [
        START,
        "## Privacy guard: Dutch personal data",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.platform()}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}. Command: `.venv/bin/python -m benchmarks.privacy`.",
        "",
        f"Corpus: `benchmarks/privacy/corpus.jsonl`, {positives} sentences with personal data "
        f"({gold} gold spans) and {len(records) - positives} look-alikes, generated by "
        "`benchmarks/privacy/build_corpus.py` from annotated templates with seeded, "
        "checksum-valid values. The corpus and the recognizers were written by the same "
        "team and the recognizers were tuned on it, so Waarborg's figures are optimistic; "
        "some names in the corpus are deliberately missing from Waarborg's word lists.",
        "",
        "| Tool | Version | Status |",
        "|---|---|---|",
    ]
    for tool, result in results.items():
        if isinstance(result, dict):
            lines.append(f"| {tool} | {result['version']} | ran |")
        else:
            lines.append(f"| {tool} | – | {result} |")
    lines += ["", "### Overall (all types except BIJZONDER, micro-averaged)", ""]
    lines += _overall(reports)
    held_all: list[dict] = []
    for name, held in helds.items():
        held_all += held
        held_reports = {tool: evaluate(tool, held, r["predictions"]) for tool, r in ran.items()}
        held_positive = sum(r["kind"] == "positive" for r in held)
        lines += [
            "",
            f"Held-out set `benchmarks/privacy/{name}` ({held_positive} sentences, "
            f"{sum(len(r['entities']) for r in held)} gold spans, "
            f"{len(held) - held_positive} look-alikes): {HELDOUT_NOTES.get(name, '')}.",
            "",
        ]
        lines += _overall(held_reports)
    all_reports = {tool: evaluate(tool, held_all, r["predictions"]) for tool, r in ran.items()}
    lines += ["", "Look-alikes flagged on the held-out sets together (any prediction counts):", ""]
    for tool, report in all_reports.items():
        share = report.lookalikes_flagged / report.lookalikes if report.lookalikes else 0
        lines.append(f"- {tool}: {report.lookalikes_flagged}/{report.lookalikes} ({share:.1%})")
    lines += ["", "### Per type, corpus (F1 exact / F1 overlap; recall overlap in brackets)", ""]
    lines += _per_type(reports)
    lines += ["", "### Per type, held-out sets together", ""]
    lines += _per_type(all_reports)
    lines += ["", "Recall (overlap) of the checksum and pattern identifiers, corpus:", ""]
    lines += _identifier_recall(reports)
    lines += ["", "The same on the held-out sets together:", ""]
    lines += _identifier_recall(all_reports)
    lines += [
        "",
        "### Speed, memory, startup (each tool in its own process)",
        "",
        "| Tool | chars/CPU-s, 2 KB documents | chars/CPU-s, one large document | "
        "peak RSS | ready (import + first call) |",
        "|---|---|---|---|---|",
    ]
    for tool, result in ran.items():
        size = result["large_document_chars"]
        lines.append(
            f"| {tool} | {result['chars_per_cpu_second_2kb']:,.0f} | "
            f"{result['chars_per_cpu_second_large']:,.0f} ({size / 1e6:.1f} MB) | "
            f"{result['peak_rss_mb']:.0f} MB | {result['startup_seconds']:.2f} s |"
        )
    lines += [
        "",
        "Notes: throughput is characters per CPU second (best of several passes over the "
        "corpus joined into ~2 KB documents), so a busy machine inflates it less than wall "
        "time would; the corpus is dense with personal data, which is the slow case. deduce "
        "was measured after its one-time lookup-structure build. Presidio ran with pattern "
        "recognizers only (e-mail, phone with region NL, IBAN, IP, date, URL, credit card) "
        "and a blank spaCy `nl` pipeline, because no model can be downloaded here; it has no "
        "name recognition in that setup. Labels map to Waarborg's types as listed in "
        "`benchmarks/privacy/evaluate.py`; predictions with other labels count against "
        "precision.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(section: str) -> None:
    text = DOC.read_text("utf-8") if DOC.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text, "utf-8")


def main() -> None:
    build_corpus.main()
    records = [json.loads(line) for line in build_corpus.CORPUS.read_text("utf-8").splitlines()]
    held_paths = (build_corpus.HELDOUT, build_corpus.HELDOUT2, build_corpus.HELDOUT3)
    helds = {
        path.name: [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        for path in held_paths
    }
    # ``--reuse-others`` runs only Waarborg and takes deduce's and Presidio's last results
    # (same corpus files) from benchmarks/results/, for quick iterations on the recognizers.
    cached = json.loads(CACHE.read_text("utf-8")) if CACHE.exists() else {}
    reuse = "--reuse-others" in sys.argv[1:]
    results: dict[str, dict | str] = {}
    for tool in TOOLS:
        if reuse and tool != "waarborg" and tool in cached:
            results[tool] = cached[tool]
            continue
        print(f"running {tool} ...", flush=True)
        results[tool] = run_tool(tool, build_corpus.CORPUS, *held_paths)
        if isinstance(results[tool], str):
            print(f"  {tool}: {results[tool]}")
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(results), "utf-8")
    write_section(render(results, records, helds))
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
