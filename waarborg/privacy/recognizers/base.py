"""The contract every recognizer fulfils, and the context helpers they share.

A recognizer compiles its patterns when it is constructed (never at import) and yields
candidate entities; the detector resolves overlaps between recognizers afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from waarborg.privacy.entities import Entity


class Recognizer(Protocol):
    """Finds one family of personal data in a text."""

    def find(self, text: str) -> Iterator[Entity]:
        """Candidate entities in ``text``, in any order, possibly overlapping."""
        ...


# Labels that say a number is something other than personal data (or another identifier).
NEGATIVE_LABELS = (
    r"(?:kenmerk|zaak(?:nummer|nr)?|zaaknr|factuur(?:nummer|nr)?|dossier(?:nummer|nr)?|"
    r"klant(?:nummer|nr)|order(?:nummer|nr)?|polis(?:nummer|nr)?|referentie(?:nummer)?|ref\.?|"
    r"relatie(?:nummer|nr)|registratie(?:nummer|nr)|rsin|vestigingsnummer|kvk(?:-?nummer)?|"
    r"artikel(?:nummer|nr)?|art\.|lid|versie|bedrag|nota(?:nummer)?|aanslag(?:nummer)?|"
    r"ticket(?:nummer)?|subsidie(?:nummer)?|project(?:nummer)?|besluit(?:nummer)?|"
    r"verzoek(?:nummer)?|meldings?nummer|type(?:nummer)?|serie(?:nummer)?|"
    r"product(?:code|nummer)?|bestel(?:nummer|code)|onderdeel(?:nummer)?|code|model)"
)


def before(text: str, start: int, size: int) -> str:
    """Up to ``size`` characters before ``start``, lowercased, for context checks."""
    return text[max(0, start - size) : start].lower()


def compile_label(labels: str, *, gap: int = 25) -> re.Pattern[str]:
    """A pattern that matches when ``labels`` occur at most ``gap`` characters before the end
    of a context window (only separators and short words may come between)."""
    return re.compile(rf"\b{labels}\b[^\n]{{0,{gap}}}$")
