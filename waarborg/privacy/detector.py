"""One pass of every recognizer over a text, and the rule that settles overlaps.

When recognizers claim overlapping spans, the more reliable evidence wins: a checksum or a
structural match beats a context rule, which beats a name lookup; among equals the longer span
wins. Special-category flags never compete with values: they are kept beside them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache

from waarborg.privacy.entities import Category, Entity, EntityType
from waarborg.privacy.recognizers.address import AddressRecognizer
from waarborg.privacy.recognizers.base import Recognizer
from waarborg.privacy.recognizers.contact import EmailRecognizer, IpRecognizer, PhoneRecognizer
from waarborg.privacy.recognizers.dates import (
    AgeRecognizer,
    BirthDateRecognizer,
    age_after_person,
)
from waarborg.privacy.recognizers.identifiers import (
    BsnRecognizer,
    BtwRecognizer,
    DocumentRecognizer,
    IbanRecognizer,
    LabelledNumberRecognizer,
)
from waarborg.privacy.recognizers.names import NameRecognizer
from waarborg.privacy.recognizers.special import SpecialCategoryRecognizer, about_a_person
from waarborg.privacy.recognizers.vehicles import KentekenRecognizer

PRIORITY: dict[EntityType, int] = {
    EntityType.EMAIL: 100,
    EntityType.IBAN: 95,
    EntityType.BTW: 95,
    EntityType.BSN: 90,
    EntityType.IP_ADRES: 88,
    EntityType.RIJBEWIJS: 87,
    EntityType.PASPOORT: 86,
    EntityType.ID_KAART: 86,
    EntityType.TELEFOON: 85,
    EntityType.VESTIGINGSNUMMER: 78,
    EntityType.KVK: 77,
    EntityType.KENTEKEN: 75,
    EntityType.GEBOORTEDATUM: 70,
    EntityType.ADRES: 65,
    EntityType.POSTCODE: 64,
    EntityType.WOONPLAATS: 60,
    EntityType.LEEFTIJD: 55,
    EntityType.PERSOON: 40,
    EntityType.BIJZONDER: 0,
}


def default_recognizers() -> list[Recognizer]:
    """Every built-in recognizer, freshly constructed."""
    return [
        EmailRecognizer(),
        IbanRecognizer(),
        BtwRecognizer(),
        BsnRecognizer(),
        IpRecognizer(),
        DocumentRecognizer(),
        PhoneRecognizer(),
        LabelledNumberRecognizer(
            EntityType.VESTIGINGSNUMMER,
            12,
            r"(?:vestigingsnummer|vestigingsnr\.?|vestiging)",
            ("vestiging",),
        ),
        LabelledNumberRecognizer(
            EntityType.KVK,
            8,
            r"(?:kvk|k\.v\.k\.?|kamer van koophandel|handelsregister|kvk-nummer|kvk-nr\.?)",
            ("kvk", "k.v.k", "koophandel", "handelsregister"),
        ),
        KentekenRecognizer(),
        BirthDateRecognizer(),
        AddressRecognizer(),
        AgeRecognizer(),
        NameRecognizer(),
        SpecialCategoryRecognizer(),
    ]


class Detector:
    """Runs recognizers over a text and returns non-overlapping entities in text order."""

    def __init__(
        self,
        recognizers: Iterable[Recognizer] | None = None,
        types: Iterable[EntityType] | None = None,
    ) -> None:
        self._recognizers = list(recognizers) if recognizers is not None else default_recognizers()
        self._types = frozenset(types) if types is not None else frozenset(EntityType)
        self._addresses = next(
            (r for r in self._recognizers if isinstance(r, AddressRecognizer)), None
        )

    def detect(self, text: str, *, start: int = 0) -> list[Entity]:
        """Entities in ``text``; those beginning before ``start`` are not returned (they
        belong to an earlier window when a long text is processed in pieces). Values wholly
        before ``start`` still count as context ("Anouk (34) uit Lelystad" after a cut)."""
        candidates = [
            entity
            for recognizer in self._recognizers
            for entity in recognizer.find(text)
            if entity.start >= start or entity.end <= start
        ]
        found = self._link(text, resolve(candidates))
        return [e for e in found if e.start >= start and e.type in self._types]

    def _link(self, text: str, entities: list[Entity]) -> list[Entity]:
        """What only shows once all values are known: a special category counts only in a
        sentence about someone; a person's age right after the name ("Anouk (34)", "Thijs is
        12 en ...") and the place a person comes from ("Jan uit Zwolle") are found when the
        recognizers left that text unclaimed."""
        values = _Spans([e for e in entities if e.type is not EntityType.BIJZONDER])
        if len(values) < len(entities):
            entities = [
                e
                for e in entities
                if e.type is not EntityType.BIJZONDER
                or about_a_person(text, e.start, e.end, values.overlaps)
            ]
        people = [e for e in values.entities if e.type is EntityType.PERSOON]
        added: list[Entity] = []
        for person in people:
            end = person.end
            age = age_after_person(text, end)
            if age is not None and not values.overlaps(age.start, age.end):
                added.append(age)
                values.add(age)
                end = age.end + (text[age.end : age.end + 1] == ")")
            if self._addresses is not None:
                place = self._addresses.place_after_person(text, end)
                if place is not None and not values.overlaps(place.start, place.end):
                    added.append(place)
                    values.add(place)
        if not added:
            return entities
        return sorted(entities + added, key=lambda e: (e.start, e.end))


class _Spans:
    """Non-overlapping entities in text order, with a fast overlap test (bisect)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._ends = [e.end for e in entities]

    def __len__(self) -> int:
        return len(self.entities)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._ends, start)
        return index < len(self.entities) and self.entities[index].start < end

    def add(self, entity: Entity) -> None:
        index = bisect.bisect_right(self._ends, entity.start)
        self.entities.insert(index, entity)
        self._ends.insert(index, entity.end)


def resolve(candidates: list[Entity]) -> list[Entity]:
    """Keep the strongest of overlapping candidates; flags (BIJZONDER) are kept apart.

    Candidates are cut into clusters of mutually overlapping spans first, so the priority
    contest runs within small groups and the whole stays linear in the number of candidates.
    """
    flags = {(e.start, e.end, e.category): e for e in candidates if e.type is EntityType.BIJZONDER}
    if len(flags) > 1:
        flags = _outermost(flags)
    values = sorted(
        (e for e in candidates if e.type is not EntityType.BIJZONDER),
        key=lambda e: (e.start, e.end),
    )
    kept: list[Entity] = []
    cluster: list[Entity] = []
    cluster_end = -1
    for entity in values:
        if cluster and entity.start >= cluster_end:
            kept.extend(_strongest(cluster))
            cluster = []
        cluster.append(entity)
        cluster_end = max(cluster_end, entity.end) if len(cluster) > 1 else entity.end
    kept.extend(_strongest(cluster))
    result = kept + list(flags.values())
    result.sort(key=lambda e: (e.start, e.end))
    return result


_FlagKey = tuple[int, int, Category | None]


def _outermost(flags: dict[_FlagKey, Entity]) -> dict[_FlagKey, Entity]:
    """One flag for nested phrases of one category ("in een rolstoel" holds "rolstoel")."""
    kept: dict[_FlagKey, Entity] = {}
    reach: dict[Category | None, int] = {}
    for key in sorted(flags, key=lambda k: (k[0], -k[1])):
        if reach.get(key[2], -1) >= key[1]:
            continue
        reach[key[2]] = key[1]
        kept[key] = flags[key]
    return kept


def _strongest(cluster: list[Entity]) -> list[Entity]:
    """Greedy choice within one cluster: highest priority first, then the longest span."""
    if len(cluster) < 2:
        return cluster
    chosen: list[Entity] = []
    for entity in sorted(cluster, key=lambda e: (-PRIORITY[e.type], -(e.end - e.start), e.start)):
        if all(entity.end <= other.start or other.end <= entity.start for other in chosen):
            chosen.append(entity)
    return chosen


@cache
def default_detector() -> Detector:
    """The shared detector with every recognizer, built on first use."""
    return Detector()
