"""Scores predictions against the gold spans: per type, exact and overlapping, plus the share
of personal-data characters masked and the look-alikes flagged.

Other tools use other labels; ``LABELS`` maps each label to the gold types it may stand for
(deduce's ``locatie`` covers an address, a postcode and a place). A prediction counts for a
gold span when its label may stand for the gold type and the spans are equal (exact) or share
at least one character (overlap). Per-type precision is reported under the label's first type.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

Span = tuple[int, int, str]

IDENTIFIER_TYPES = (
    "BSN", "IBAN", "TELEFOON", "EMAIL", "POSTCODE", "KENTEKEN", "KVK", "VESTIGINGSNUMMER",
    "BTW", "PASPOORT", "ID_KAART", "RIJBEWIJS", "IP_ADRES",
)  # fmt: skip
ALL_TYPES = (
    "PERSOON", *IDENTIFIER_TYPES[:4], "POSTCODE", "ADRES", "WOONPLAATS", "GEBOORTEDATUM",
    "LEEFTIJD", *IDENTIFIER_TYPES[5:], "BIJZONDER",
)  # fmt: skip
_IDS = ("BSN", "IBAN", "PASPOORT", "ID_KAART", "RIJBEWIJS", "KVK", "VESTIGINGSNUMMER", "BTW")
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "waarborg": {t: (t,) for t in ALL_TYPES},
    "deduce": {
        "persoon": ("PERSOON",),
        "patient": ("PERSOON",),
        "locatie": ("ADRES", "POSTCODE", "WOONPLAATS"),
        "datum": ("GEBOORTEDATUM",),
        "leeftijd": ("LEEFTIJD",),
        "telefoonnummer": ("TELEFOON",),
        "emailadres": ("EMAIL",),
        "bsn": ("BSN",),
        "id": (*_IDS, "KENTEKEN"),
        "iban": ("IBAN",),
    },
    "presidio": {
        "EMAIL_ADDRESS": ("EMAIL",),
        "PHONE_NUMBER": ("TELEFOON",),
        "IBAN_CODE": ("IBAN",),
        "IP_ADDRESS": ("IP_ADRES",),
        "DATE_TIME": ("GEBOORTEDATUM",),
    },
}


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    found_exact: int = 0
    found_overlap: int = 0
    correct_exact: int = 0
    correct_overlap: int = 0

    def scores(self, mode: str) -> tuple[float, float, float]:
        found = self.found_exact if mode == "exact" else self.found_overlap
        correct = self.correct_exact if mode == "exact" else self.correct_overlap
        recall = found / self.gold if self.gold else float("nan")
        precision = correct / self.predicted if self.predicted else float("nan")
        if math.isnan(precision) or math.isnan(recall):
            f1 = float("nan")
        elif precision + recall == 0:
            f1 = 0.0
        else:
            f1 = 2 * precision * recall / (precision + recall)
        return precision, recall, f1


@dataclass
class Report:
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    micro: Counts = field(default_factory=Counts)
    gold_chars: int = 0
    masked_chars: int = 0
    lookalikes: int = 0
    lookalikes_flagged: int = 0
    other_predictions: int = 0


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(tool: str, records: list[dict], predictions: dict[str, list[Span]]) -> Report:
    labels = LABELS[tool]
    report = Report()
    for record in records:
        gold: list[Span] = [(e["start"], e["end"], e["type"]) for e in record["entities"]]
        raw = [tuple(p) for p in predictions.get(record["id"], [])]
        predicted: list[tuple[int, int, tuple[str, ...]]] = []
        for start, end, label in raw:
            types = labels.get(str(label))
            if types is None:
                report.other_predictions += 1
                types = ()
            predicted.append((int(start), int(end), types))
        if record["kind"] == "lookalike":
            report.lookalikes += 1
            report.lookalikes_flagged += bool(raw)
        _score(gold, predicted, report)
        _mask_share(gold, raw, report)
    return report


def _score(
    gold: list[Span], predicted: list[tuple[int, int, tuple[str, ...]]], report: Report
) -> None:
    for g in gold:
        counts = report.per_type[g[2]]
        counts.gold += 1
        compatible = [p for p in predicted if g[2] in p[2]]
        exact = any(p[0] == g[0] and p[1] == g[1] for p in compatible)
        overlap = any(_overlaps((p[0], p[1], ""), g) for p in compatible)
        counts.found_exact += exact
        counts.found_overlap += overlap
        if g[2] != "BIJZONDER":
            report.micro.gold += 1
            report.micro.found_exact += exact
            report.micro.found_overlap += overlap
    for p in predicted:
        primary = p[2][0] if p[2] else "ANDERS"
        counts = report.per_type[primary]
        counts.predicted += 1
        matches = [g for g in gold if g[2] in p[2]]
        exact = any(g[0] == p[0] and g[1] == p[1] for g in matches)
        overlap = any(_overlaps(g, (p[0], p[1], "")) for g in matches)
        counts.correct_exact += exact
        counts.correct_overlap += overlap
        if primary != "BIJZONDER":
            report.micro.predicted += 1
            report.micro.correct_exact += exact
            report.micro.correct_overlap += overlap


def _mask_share(gold: list[Span], raw: list[tuple], report: Report) -> None:
    for start, end, entity_type in gold:
        if entity_type == "BIJZONDER":
            continue
        covered = set()
        for p in raw:
            covered.update(range(max(start, int(p[0])), min(end, int(p[1]))))
        report.gold_chars += end - start
        report.masked_chars += len(covered)
