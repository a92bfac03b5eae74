"""Numbers issued to people and businesses: BSN, IBAN, BTW-id, KvK and vestigingsnummer,
passport, identity-card and driving-licence numbers.

Checksum identifiers (BSN, IBAN, BTW) need no context: the check digit is the evidence.
Numbers without a check digit (KvK, vestigingsnummer, documents) are only taken when a label
such as "KvK" or "paspoort" stands shortly before them, because their formats collide with
ordinary numbers and codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from waarborg.privacy.checksums import IBAN_LENGTHS, bsn_valid, btw_valid, iban_valid
from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.recognizers.base import NEGATIVE_LABELS, before, compile_label
from waarborg.privacy.recognizers.text import lowered

_DIGITS_END = r"(?!\w|[.,/-]\d|,-)"


class BsnRecognizer:
    """Nine digits that pass the 11-proef, written plain, with dots or with spaces."""

    def __init__(self) -> None:
        self._pattern = re.compile(
            r"(\d(?<![\w.,/€-]\d)(?:\d{8}|\d{7}|\d{2}[ .]\d{3}[ .]\d{3}|\d{3}[ .]\d{2}[ .]\d{3}|"
            r"\d[ .]\d{3}[ .]\d{2}[ .]\d{2}))" + _DIGITS_END
        )
        self._label = compile_label(r"(?:bsn|burgerservicenummer|sofi-?nummer)", gap=30)
        self._negative = compile_label(NEGATIVE_LABELS, gap=12)
        self._money = re.compile(r"(?:€|eur|euro)\s*$")

    def find(self, text: str) -> Iterator[Entity]:
        for match in self._pattern.finditer(text):
            raw = match.group(1)
            digits = raw.replace(" ", "").replace(".", "")
            if not bsn_valid(digits):
                continue
            context = before(text, match.start(), 40)
            if self._money.search(context):
                continue
            labelled = bool(self._label.search(context))
            if len(digits) == 8 and not labelled:
                continue
            if not labelled and self._negative.search(context):
                continue
            yield Entity(match.start(), match.end(), EntityType.BSN, raw)


class IbanRecognizer:
    """IBANs of any registered country, compact or in groups of four, in either case."""

    def __init__(self) -> None:
        self._pattern = re.compile(
            r"(?<![\w])([A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30})", re.ASCII
        )

    def find(self, text: str) -> Iterator[Entity]:
        position = 0
        while match := self._pattern.search(text, position):
            position = match.start() + 1
            raw = match.group(1)
            length = IBAN_LENGTHS.get(raw[:2].upper())
            if length is None:
                continue
            count = 0
            end = 0
            for index, char in enumerate(raw):
                if char != " ":
                    count += 1
                if count == length:
                    end = index + 1
                    break
            if not end or (end < len(raw) and raw[end] != " "):
                continue
            value = raw[:end]
            if iban_valid(value.replace(" ", "")):
                position = match.start() + end
                yield Entity(match.start(), match.start() + end, EntityType.IBAN, value)


class BtwRecognizer:
    """Dutch VAT ids (NL + 9 digits + B + 2 digits) that pass one of the two checks."""

    def __init__(self) -> None:
        self._pattern = re.compile(
            r"(?<![\w])(NL(?:[ .]?\d){9}[ .]?B[ .]?\d{2})(?!\w)", re.IGNORECASE
        )

    def find(self, text: str) -> Iterator[Entity]:
        for match in self._pattern.finditer(text):
            compact = re.sub(r"[ .]", "", match.group(1))
            if btw_valid(compact):
                yield Entity(match.start(), match.end(), EntityType.BTW, match.group(1))


class LabelledNumberRecognizer:
    """A number of a fixed digit count that counts only after a label (KvK, vestiging)."""

    def __init__(
        self, entity_type: EntityType, digits: int, labels: str, keywords: tuple[str, ...]
    ) -> None:
        groups = {8: r"\d{8}|\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{2}|\d{4}[ .]\d{4}",
                  12: r"\d{12}|\d{4}[ .]\d{4}[ .]\d{4}|\d{3}[ .]\d{3}[ .]\d{3}[ .]\d{3}",
                  10: r"\d{10}|\d{4}[ .]\d{3}[ .]\d{3}"}[digits]  # fmt: skip
        self._type = entity_type
        self._keywords = keywords
        self._pattern = re.compile(rf"(?:^|(?<=[^\w.,/€-]))({groups})" + _DIGITS_END)
        self._label = compile_label(labels, gap=40)

    def find(self, text: str) -> Iterator[Entity]:
        low = lowered(text)
        if not any(keyword in low for keyword in self._keywords):
            return  # no label anywhere: nothing of this type can be taken
        for match in self._pattern.finditer(text):
            if self._label.search(before(text, match.start(), 60)):
                yield Entity(match.start(), match.end(), self._type, match.group(1))


_DOCUMENT_LABELS = {
    "paspoort": EntityType.PASPOORT,
    "passport": EntityType.PASPOORT,
    "identiteitskaart": EntityType.ID_KAART,
    "id-kaart": EntityType.ID_KAART,
    "idkaart": EntityType.ID_KAART,
    "id kaart": EntityType.ID_KAART,
    "identiteitsbewijs": EntityType.ID_KAART,
    "id-bewijs": EntityType.ID_KAART,
    "documentnummer": EntityType.ID_KAART,
}


_DOCUMENT_KEYWORDS = ("paspoort", "passport", "kaart", "identiteitsbewijs", "id-bewijs", "document")


class DocumentRecognizer:
    """Passport and identity-card numbers (two letters, six letters or digits, one digit,
    never the letter O) and ten-digit driving-licence numbers, each after its label."""

    def __init__(self) -> None:
        self._document = re.compile(
            r"(?<![\w-])([A-NP-Z]{2}[A-NP-Z0-9]{6}[0-9])(?![\w-])", re.IGNORECASE
        )
        self._label = re.compile(
            r"(paspoort|passport|identiteitskaart|id-kaart|idkaart|id kaart|identiteitsbewijs|"
            r"id-bewijs|documentnummer)"
        )
        self._licence = LabelledNumberRecognizer(
            EntityType.RIJBEWIJS,
            10,
            r"(?:rijbewijs\w*|driving licen[cs]e)",
            ("rijbewijs", "driving licen"),
        )

    def find(self, text: str) -> Iterator[Entity]:
        yield from self._licence.find(text)
        low = lowered(text)
        if not any(keyword in low for keyword in _DOCUMENT_KEYWORDS):
            return
        for match in self._document.finditer(text):
            value = match.group(1)
            if sum(c.isdigit() for c in value) < 3:
                continue
            context = before(text, match.start(), 70)
            labels = self._label.findall(context)
            if not labels:
                continue
            # The nearest specific label decides; "documentnummer" alone means an identity card.
            specific = [label for label in labels if label != "documentnummer"]
            chosen = specific[-1] if specific else labels[-1]
            yield Entity(match.start(), match.end(), _DOCUMENT_LABELS[chosen], value)
