"""What the privacy guard finds: a typed span of personal data in a text.

Types have stable, language-independent names so that placeholders (``[PERSOON_1]``), stored
mappings and audit events stay valid when labels or recognizers change. Special categories of
personal data (AVG art. 9 and 10) are one type, ``BIJZONDER``, with a separate ``category``
field: a use case refuses such text rather than pseudonymising it, so the trigger phrase is a
flag on the text, not a value to replace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """Kinds of personal data the guard recognises."""

    PERSOON = "PERSOON"
    BSN = "BSN"
    IBAN = "IBAN"
    TELEFOON = "TELEFOON"
    EMAIL = "EMAIL"
    POSTCODE = "POSTCODE"
    ADRES = "ADRES"
    WOONPLAATS = "WOONPLAATS"
    GEBOORTEDATUM = "GEBOORTEDATUM"
    LEEFTIJD = "LEEFTIJD"
    KENTEKEN = "KENTEKEN"
    KVK = "KVK"
    VESTIGINGSNUMMER = "VESTIGINGSNUMMER"
    BTW = "BTW"
    PASPOORT = "PASPOORT"
    ID_KAART = "ID_KAART"
    RIJBEWIJS = "RIJBEWIJS"
    IP_ADRES = "IP_ADRES"
    BIJZONDER = "BIJZONDER"


class Category(StrEnum):
    """Special categories of personal data, flagged by the phrase that reveals them."""

    GEZONDHEID = "GEZONDHEID"
    RELIGIE = "RELIGIE"
    ETNICITEIT = "ETNICITEIT"
    POLITIEK = "POLITIEK"
    SEKSUELE_GEAARDHEID = "SEKSUELE_GEAARDHEID"
    STRAFRECHTELIJK = "STRAFRECHTELIJK"
    VAKBOND = "VAKBOND"


# Types whose values are replaced by placeholders; BIJZONDER is a flag, not a value.
PSEUDONYMISED_TYPES: frozenset[EntityType] = frozenset(EntityType) - {EntityType.BIJZONDER}


@dataclass(frozen=True, slots=True)
class Entity:
    """A span ``text[start:end]`` holding personal data of one type.

    ``value`` is left out of ``repr`` so that an entity printed in a log or a traceback does not
    leak the personal data it points at.
    """

    start: int
    end: int
    type: EntityType
    value: str = field(repr=False, compare=False)
    category: Category | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span {self.start}:{self.end}")

    def shifted(self, offset: int) -> Entity:
        """The same entity with its offsets moved, for texts processed in windows."""
        return Entity(self.start + offset, self.end + offset, self.type, self.value, self.category)

    def to_dict(self) -> dict[str, object]:
        """Offsets and type only: safe to write where the text itself may not go."""
        data: dict[str, object] = {"start": self.start, "end": self.end, "type": self.type.value}
        if self.category is not None:
            data["category"] = self.category.value
        return data


def special_categories(entities: list[Entity]) -> frozenset[Category]:
    """The special categories a text touches, so that a use case can refuse it."""
    return frozenset(e.category for e in entities if e.category is not None)
