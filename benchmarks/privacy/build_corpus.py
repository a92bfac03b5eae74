"""Build ``corpus.jsonl`` from the annotated templates: exact gold offsets, seeded values.

Run: ``.venv/bin/python -m benchmarks.privacy.build_corpus``
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.privacy import heldout, heldout2, heldout3
from benchmarks.privacy.templates import LOOK_ALIKES, POSITIVE
from benchmarks.privacy.values import Values

CORPUS = Path(__file__).with_name("corpus.jsonl")
HELDOUT = Path(__file__).with_name("heldout.jsonl")
HELDOUT2 = Path(__file__).with_name("heldout2.jsonl")
HELDOUT3 = Path(__file__).with_name("heldout3.jsonl")
SLOT = re.compile(r"\{([A-Z_]+)(?::([a-z_0-9]+)(?:\|([^}]*))?|=([^}]*))\}")
INSTANCES = 4


def fill(template: str, values: Values) -> tuple[str, list[dict[str, object]]]:
    """The sentence and its gold spans."""
    parts: list[str] = []
    spans: list[dict[str, object]] = []
    length = 0
    position = 0
    for match in SLOT.finditer(template):
        before = template[position : match.start()]
        parts.append(before)
        length += len(before)
        entity_type, generator, suffix, literal = match.groups()
        if literal is not None:
            value = literal
        elif generator.startswith("iban_"):
            value = values.iban(generator[5:].upper())
        else:
            value = str(getattr(values, generator)()) + (suffix or "")
        parts.append(value)
        spans.append({"start": length, "end": length + len(value), "type": entity_type})
        length += len(value)
        position = match.end()
    parts.append(template[position:])
    return "".join(parts), spans


def build(
    seed: int = 2024,
    positive: list[str] = POSITIVE,
    look_alikes: list[str] = LOOK_ALIKES,
    instances: int = INSTANCES,
    prefix: str = "",
) -> list[dict[str, object]]:
    values = Values(seed)
    records: list[dict[str, object]] = []
    for number, template in enumerate(positive):
        literal_only = "{" in template and not re.search(r"\{[A-Z_]+:", template)
        for instance in range(1 if literal_only else instances):
            text, spans = fill(template, values)
            records.append(
                {
                    "id": f"{prefix}p{number:03d}-{instance}",
                    "kind": "positive",
                    "text": text,
                    "entities": spans,
                }
            )
    for number, template in enumerate(look_alikes):
        text = template.replace("{invalid}", values.invalid_nine_digits())
        records.append(
            {"id": f"{prefix}l{number:03d}", "kind": "lookalike", "text": text, "entities": []}
        )
    return records


def write(path: Path, records: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    positives = sum(r["kind"] == "positive" for r in records)
    print(
        f"{path.name}: {positives} sentences with personal data, "
        f"{len(records) - positives} look-alikes"
    )


def main() -> None:
    write(CORPUS, build())
    write(HELDOUT, build(7, heldout.POSITIVE, heldout.LOOK_ALIKES, instances=2, prefix="h"))
    write(HELDOUT2, build(41, heldout2.POSITIVE, heldout2.LOOK_ALIKES, instances=1, prefix="k"))
    write(HELDOUT3, build(73, heldout3.POSITIVE, heldout3.LOOK_ALIKES, instances=1, prefix="m"))


if __name__ == "__main__":
    main()
