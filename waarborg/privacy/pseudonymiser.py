"""Replace personal data by placeholders that stay the same for a whole conversation, and put
the values back in the answer shown to the same user."""

from __future__ import annotations

import re
from dataclasses import dataclass

from waarborg.privacy.detector import Detector, default_detector
from waarborg.privacy.entities import (
    PSEUDONYMISED_TYPES,
    Category,
    Entity,
    EntityType,
    special_categories,
)
from waarborg.privacy.mapping import PLACEHOLDER, MappingEntry, PseudonymMap


@dataclass(frozen=True, slots=True)
class Pseudonymised:
    """The outcome of one turn: safe text, what was found, and what the mapping gained."""

    text: str
    entities: list[Entity]
    changes: list[MappingEntry]
    categories: frozenset[Category]


class Pseudonymiser:
    """Pseudonymises the turns of one conversation with one :class:`PseudonymMap`."""

    def __init__(
        self,
        mapping: PseudonymMap | None = None,
        *,
        detector: Detector | None = None,
        types: frozenset[EntityType] = PSEUDONYMISED_TYPES,
    ) -> None:
        self.mapping = mapping if mapping is not None else PseudonymMap()
        self._detector = detector
        self._types = types

    def pseudonymise(self, text: str) -> Pseudonymised:
        """``text`` with each value replaced by its placeholder ("[BSN_1]")."""
        detector = self._detector or default_detector()
        entities = detector.detect(text)
        parts: list[str] = []
        changes: dict[str, MappingEntry] = {}
        position = 0
        for entity in entities:
            if entity.type not in self._types:
                continue
            entry, changed = self.mapping.placeholder_for(entity.type, entity.value)
            if changed:
                changes[entry.placeholder] = entry
            parts.append(text[position : entity.start])
            parts.append(entry.placeholder)
            position = entity.end
        parts.append(text[position:])
        return Pseudonymised(
            "".join(parts), entities, list(changes.values()), special_categories(entities)
        )

    def restore(self, text: str) -> str:
        """Put the values back for the placeholders this conversation knows."""
        return restore(text, self.mapping)


def restore(text: str, mapping: PseudonymMap) -> str:
    """Replace known placeholders in ``text`` by their values; unknown ones stay as they are."""

    def value(match: re.Match[str]) -> str:
        found = mapping.value_of(match.group(0))
        return found if found is not None else match.group(0)

    return PLACEHOLDER.sub(value, text)
