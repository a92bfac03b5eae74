"""Waarborg's errors on one corpus file, for reading: missed gold spans, wrong spans, and
predictions on look-alikes.

Run: ``.venv/bin/python -m benchmarks.privacy.errors benchmarks/privacy/heldout.jsonl``

The output holds the (synthetic) corpus text; it is a development aid, not a report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from waarborg.privacy import detect


def errors(path: Path) -> list[str]:
    lines: list[str] = []
    for raw in path.read_text("utf-8").splitlines():
        record = json.loads(raw)
        text = record["text"]
        gold = {(e["start"], e["end"], e["type"]) for e in record["entities"]}
        found = {(e.start, e.end, e.type.value) for e in detect(text)}
        missed = sorted(gold - found)
        extra = sorted(found - gold)
        if not (missed or extra):
            continue
        lines.append(f"{record['id']} {text!r}")
        lines += [f"    - {t:<16} {text[s:e]!r}" for s, e, t in missed]
        lines += [f"    + {t:<16} {text[s:e]!r}" for s, e, t in extra]
    return lines


def main() -> None:
    for name in sys.argv[1:]:
        print("\n".join(errors(Path(name))))


if __name__ == "__main__":
    main()
