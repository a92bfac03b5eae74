"""The per-conversation mapping between values and placeholders, serialisable as plain data.

The mapping is the only place where the real values live, so it is kept small and explicit:
a later encrypted vault stores ``to_dict()`` and loads it with ``from_dict()``; this module
knows nothing about storage. Values are compared by a normalised key (digits of a BSN,
IBAN without spaces, national part of a phone number, lowercased name), so "06-12345678" and
"+31 6 1234 5678" share one placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from waarborg.privacy.entities import EntityType

FORMAT_VERSION = 1
PLACEHOLDER = re.compile(r"\[([A-Z_]+)_(\d+)\]")
_COMPACT_TYPES = frozenset(
    {
        EntityType.BSN,
        EntityType.IBAN,
        EntityType.BTW,
        EntityType.KENTEKEN,
        EntityType.PASPOORT,
        EntityType.ID_KAART,
        EntityType.RIJBEWIJS,
        EntityType.POSTCODE,
        EntityType.KVK,
        EntityType.VESTIGINGSNUMMER,
    }
)
_TITLES = re.compile(
    r"^(?:(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|de heer|heer|dhr\.?|mr\.?|dr\.?)\s+)+",
    re.IGNORECASE,
)


def normalise(entity_type: EntityType, value: str) -> str:
    """The key under which equal values of one type meet."""
    if entity_type in _COMPACT_TYPES:
        return re.sub(r"[\s.\-]", "", value).upper()
    if entity_type is EntityType.TELEFOON:
        digits = re.sub(r"\D", "", value.replace("(0)", ""))
        if digits.startswith("00"):
            digits = digits[2:]
        return digits[2:] if value.lstrip().startswith(("+", "00", "(+")) else digits[1:]
    if entity_type is EntityType.PERSOON:
        value = _TITLES.sub("", value.strip())
    return " ".join(value.lower().split())


@dataclass(slots=True)
class MappingEntry:
    """One placeholder, the value it stands for and the keys that lead to it."""

    placeholder: str
    type: EntityType
    value: str = field(repr=False)
    keys: list[str] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "placeholder": self.placeholder,
            "type": self.type.value,
            "value": self.value,
            "keys": list(self.keys),
        }


class PseudonymMap:
    """Values and their placeholders for one conversation."""

    def __init__(self) -> None:
        self._entries: dict[str, MappingEntry] = {}
        self._by_key: dict[tuple[EntityType, str], str] = {}
        self._counters: dict[EntityType, int] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[MappingEntry]:
        return list(self._entries.values())

    def placeholder_for(self, entity_type: EntityType, value: str) -> tuple[MappingEntry, bool]:
        """The entry for ``value``, creating or extending one; True when the map changed."""
        key = normalise(entity_type, value)
        known = self._by_key.get((entity_type, key))
        if known is not None:
            return self._entries[known], False
        if entity_type is EntityType.PERSOON:
            variant = self._name_variant(key)
            if variant is not None:
                variant.keys.append(key)
                self._by_key[(entity_type, key)] = variant.placeholder
                return variant, True
        number = self._counters.get(entity_type, 0) + 1
        self._counters[entity_type] = number
        entry = MappingEntry(f"[{entity_type.value}_{number}]", entity_type, value, [key])
        self._entries[entry.placeholder] = entry
        self._by_key[(entity_type, key)] = entry.placeholder
        return entry, True

    def value_of(self, placeholder: str) -> str | None:
        entry = self._entries.get(placeholder)
        return entry.value if entry else None

    def _name_variant(self, key: str) -> MappingEntry | None:
        """An existing person this name is a shorter or longer form of ("Bakker" and
        "Anna Bakker"), when exactly one person fits."""
        words = key.split()
        matches = set()
        for (entity_type, other), placeholder in self._by_key.items():
            if entity_type is not EntityType.PERSOON:
                continue
            other_words = other.split()
            shorter, longer = sorted((words, other_words), key=len)
            if longer[-len(shorter) :] == shorter and len(shorter[-1]) > 1:
                matches.add(placeholder)
        if len(matches) == 1:
            return self._entries[matches.pop()]
        return None

    def to_dict(self) -> dict[str, object]:
        """Plain data (JSON-ready) for a vault to store."""
        return {"version": FORMAT_VERSION, "entries": [e.to_dict() for e in self._entries.values()]}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> PseudonymMap:
        """Rebuild a map from :meth:`to_dict` output; unknown versions are refused."""
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unsupported mapping version: {data.get('version')!r}")
        mapping = cls()
        raw_entries = data.get("entries")
        if not isinstance(raw_entries, list):
            raise ValueError("mapping has no entry list")
        for raw in raw_entries:
            entity_type = EntityType(raw["type"])
            placeholder = str(raw["placeholder"])
            match = PLACEHOLDER.fullmatch(placeholder)
            if match is None or match.group(1) != entity_type.value:
                raise ValueError(f"invalid placeholder {placeholder!r}")
            keys = [str(k) for k in raw.get("keys") or [normalise(entity_type, raw["value"])]]
            entry = MappingEntry(placeholder, entity_type, str(raw["value"]), keys)
            mapping._entries[placeholder] = entry
            for key in keys:
                mapping._by_key[(entity_type, key)] = placeholder
            number = int(match.group(2))
            mapping._counters[entity_type] = max(mapping._counters.get(entity_type, 0), number)
        return mapping
