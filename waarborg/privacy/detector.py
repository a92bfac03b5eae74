"""One pass of every recognizer over a text, and the rule that settles overlaps.

When recognizers claim overlapping spans, the more reliable evidence wins: a checksum or a
structural match beats a context rule, which beats a name lookup; among equals the longer span
wins. Special-category flags never compete with values: they are kept beside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.recognizers.address import AddressRecognizer
from waarborg.privacy.recognizers.base import Recognizer
from waarborg.privacy.recognizers.contact import EmailRecognizer, IpRecognizer, PhoneRecognizer
from waarborg.privacy.recognizers.dates import AgeRecognizer, BirthDateRecognizer
from waarborg.privacy.recognizers.identifiers import (
    BsnRecognizer,
    BtwRecognizer,
    DocumentRecognizer,
    IbanRecognizer,
    LabelledNumberRecognizer,
)
from waarborg.privacy.recognizers.names import NameRecognizer
from waarborg.privacy.recognizers.special import SpecialCategoryRecognizer
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

    def detect(self, text: str, *, start: int = 0) -> list[Entity]:
        """Entities in ``text``; candidates beginning before ``start`` are ignored (they
        belong to an earlier window when a long text is processed in pieces)."""
        candidates = [
            entity
            for recognizer in self._recognizers
            for entity in recognizer.find(text)
            if entity.start >= start and entity.type in self._types
        ]
        return resolve(candidates)


def resolve(candidates: list[Entity]) -> list[Entity]:
    """Keep the strongest of overlapping candidates; flags (BIJZONDER) are kept apart.

    Candidates are cut into clusters of mutually overlapping spans first, so the priority
    contest runs within small groups and the whole stays linear in the number of candidates.
    """
    flags = {(e.start, e.end, e.category): e for e in candidates if e.type is EntityType.BIJZONDER}
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
