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
from waarborg.privacy.recognizers.text import keyword_windows, lowered

_ASCII_WORD = re.compile(r"\w", re.ASCII)
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
        # An organisation's number (RSIN, fiscaal nummer) is often named further back.
        self._organisation = compile_label(
            r"(?:rsin|fiscaal\s+nummer|fiscaalnummer|anbi|oin)", gap=45
        )
        self._money = re.compile(r"(?:€|eur|euro)\s*$")
        # "699.736.535 euro": thousands separators and a currency after it make an amount.
        self._money_after = re.compile(r"\s*(?:euro\b|eur\b|€|,-|mln\b|miljoen\b)", re.IGNORECASE)

    def find(self, text: str) -> Iterator[Entity]:
        for match in self._pattern.finditer(text):
            raw = match.group(1)
            digits = raw.replace(" ", "").replace(".", "")
            if not bsn_valid(digits):
                continue
            context = before(text, match.start(), 60)
            if self._money.search(context):
                continue
            labelled = bool(self._label.search(context[-40:]))
            if not labelled and self._money_after.match(text, match.end()):
                continue
            if len(digits) == 8 and not labelled:
                continue
            if not labelled and (
                self._negative.search(context) or self._organisation.search(context)
            ):
                continue
            yield Entity(match.start(), match.end(), EntityType.BSN, raw)


class IbanRecognizer:
    """IBANs of any registered country, compact or in groups of four, in either case."""

    def __init__(self) -> None:
        # Candidates are found by their check digits (digits are rarer than letters, and a
        # pattern that starts with a lookbehind is tried at every position).
        self._digits = re.compile(r"\d\d(?<=[A-Za-z]{2}\d\d)", re.ASCII)
        self._pattern = re.compile(r"[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}", re.ASCII)

    def _search(self, text: str, position: int) -> re.Match[str] | None:
        while digits := self._digits.search(text, position + 2):
            start = digits.start() - 2
            if not (start and _ASCII_WORD.match(text, start - 1)):
                match = self._pattern.match(text, start)
                if match is not None:
                    return match
            position = start + 1
        return None

    def find(self, text: str) -> Iterator[Entity]:
        position = 0
        while match := self._search(text, position):
            position = match.start() + 1
            raw = match.group(0)
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
        # On the lowercased text: a literal "nl" lets the regex engine skip ahead.
        self._pattern = re.compile(r"(?<![\w])(nl(?:[ .]?\d){9}[ .]?b[ .]?\d{2})(?!\w)")

    def find(self, text: str) -> Iterator[Entity]:
        low = lowered(text)
        if "nl" not in low:
            return
        for match in self._pattern.finditer(low):
            value = text[match.start(1) : match.end(1)]
            if btw_valid(value.replace(" ", "").replace(".", "")):
                yield Entity(match.start(1), match.end(1), EntityType.BTW, value)


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
        seen: set[int] = set()
        for window in keyword_windows(low, self._keywords, before=0, after=80):
            for match in self._pattern.finditer(text, *window):
                if match.start() in seen:
                    continue
                seen.add(match.start())
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
    "documentnr": EntityType.ID_KAART,
    "document nr": EntityType.ID_KAART,
    "legitimatie": EntityType.ID_KAART,
    "legitimeer": EntityType.ID_KAART,
    "gelegitimeerd": EntityType.ID_KAART,
    "legitimeren": EntityType.ID_KAART,
    "reisdocument": EntityType.PASPOORT,
}
_GENERIC_LABELS = frozenset(
    {"documentnummer", "documentnr", "document nr", "legitimatie", "legitimeer", "gelegitimeerd",
     "legitimeren"}
)  # fmt: skip
_DOCUMENT_KEYWORDS = (
    "paspoort", "passport", "kaart", "identiteitsbewijs", "id-bewijs", "document", "legitim",
)  # fmt: skip


class DocumentRecognizer:
    """Passport and identity-card numbers (two letters, six letters or digits, one digit,
    never the letter O) and ten-digit driving-licence numbers, each after its label."""

    def __init__(self) -> None:
        # On the lowercased text, near a label only (see ``find``).
        self._document = re.compile(r"(?<![\w-])([a-np-z]{2}[a-np-z0-9]{6}[0-9])(?![\w-])")
        labels = (
            r"(reisdocument|paspoort|passport|identiteitskaart|id-kaart|idkaart|id kaart|"
            r"identiteitsbewijs|id-bewijs|documentnummer|documentnr|document nr|legitimatie|"
            r"legitimeer|gelegitimeerd|legitimeren)"
        )
        self._label = re.compile(labels)
        # A label right after the number: "NT9H951W0 (paspoort)", "IR57BH2K3, ID-kaart".
        self._label_after = re.compile(rf"\s*[(,:;-]?\s*(?:het\s+|een\s+|zijn\s+|haar\s+)?{labels}")
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
        seen: set[int] = set()
        for window in keyword_windows(low, _DOCUMENT_KEYWORDS, before=40, after=80):
            for match in self._document.finditer(low, *window):
                if match.start() not in seen:
                    seen.add(match.start())
                    yield from self._document_entity(text, low, match)

    def _document_entity(self, text: str, low: str, match: re.Match[str]) -> Iterator[Entity]:
        value = text[match.start(1) : match.end(1)]
        if sum(c.isdigit() for c in value) < 3:
            return
        context = before(text, match.start(), 70)
        labels = self._label.findall(context)
        after = self._label_after.match(low, match.end())
        if after:
            labels.append(after.group(1))
        if not labels:
            return
        # The nearest specific label decides; a generic one ("documentnummer",
        # "legitimatie") alone means an identity card.
        specific = [label for label in labels if label not in _GENERIC_LABELS]
        chosen = specific[-1] if specific else labels[-1]
        yield Entity(match.start(), match.end(), _DOCUMENT_LABELS[chosen], value)
