"""Dutch licence plates (kentekens), checked against the fourteen side codes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from waarborg.privacy.checksums import kenteken_sidecode
from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.recognizers.base import NEGATIVE_LABELS, before, compile_label
from waarborg.privacy.recognizers.text import lowered


class KentekenRecognizer:
    """Plates with dashes in any case, and undashed plates in capitals. The undashed form
    of side code 2 (9999LL) is left to the postcode recognizer, which it resembles. A code
    right after a reference label ("Woo-besluit WB-24-17", "artikelnummer KL-204-B") is a
    reference, not a plate."""

    def __init__(self) -> None:
        # Anchored on the middle group between two dashes, which is rare in ordinary text.
        self._dashed = re.compile(r"-[A-Za-z0-9]{2,3}-")
        self._left = re.compile(r"[A-Za-z0-9]{1,3}$")
        self._right = re.compile(r"[A-Za-z0-9]{1,3}(?![\w-])")
        self._compact = re.compile(r"[A-Z0-9](?<![\w-][A-Z0-9])[A-Z0-9]{5}(?![\w-])")
        self._labelled = re.compile(r"kenteken\w*\s*:?\s*(?:is\s+)?([a-z0-9]{6})(?![\w-])")
        self._reference = compile_label(NEGATIVE_LABELS, gap=3)

    def find(self, text: str) -> Iterator[Entity]:
        for match in self._dashed.finditer(text):
            left = self._left.search(text, max(0, match.start() - 4), match.start())
            right = self._right.match(text, match.end())
            if left is None or right is None:
                continue
            start = left.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "-_"):
                continue
            plate = text[start : right.end()]
            if self._reference.search(before(text, start, 30)):
                continue
            if _mixed(plate) and kenteken_sidecode(plate) is not None:
                yield Entity(start, right.end(), EntityType.KENTEKEN, plate)
        for match in self._compact.finditer(text):
            plate = match.group(0)
            side = kenteken_sidecode(plate) if _mixed(plate) else None
            if side is None or side == 2:  # 9999LL is a postcode far more often
                continue
            if self._reference.search(before(text, match.start(), 30)):
                continue
            yield Entity(match.start(), match.end(), EntityType.KENTEKEN, plate)
        if "kenteken" in lowered(text):
            for match in self._labelled.finditer(lowered(text)):
                plate = text[match.start(1) : match.end(1)]
                if plate.islower() and _mixed(plate) and kenteken_sidecode(plate):
                    yield Entity(match.start(1), match.end(1), EntityType.KENTEKEN, plate)


def _mixed(plate: str) -> bool:
    """Plates have both letters and digits; a plate in mixed case is a word, not a plate."""
    letters = [c for c in plate if c.isalpha()]
    has_digit = any(c.isdigit() for c in plate)
    same_case = all(c.isupper() for c in letters) or all(c.islower() for c in letters)
    return bool(letters) and has_digit and same_case
