"""Ways to reach a person: telephone numbers, e-mail addresses and IP addresses."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.recognizers.base import NEGATIVE_LABELS, before, compile_label

# National numbers that reach an organisation, not a person: free, paid and short numbers.
_SERVICE_PREFIXES = ("800", "900", "906", "909", "14")


class PhoneRecognizer:
    """Dutch numbers: mobile (06) and landline, national or with +31 / 0031, written with
    spaces, dashes, dots, slashes or parentheses; nine digits after the trunk prefix."""

    def __init__(self) -> None:
        self._pattern = re.compile(
            r"("
            r"(?:(?:\+|00)\s?31|\(\+31\))[ .-]?(?:\(0\)[ .-]?)?\(?\d"
            r"|\(0\d{1,3}\)[ .-]?\d"
            r"|0\d"
            r")((?:(?:[ ./-]|\s-\s|\)\s?)?\d){4,12})(?![\w]|[.,-]\d)"
        )
        # Where a number can start: "+", "0" or "(" not inside a word or another number.
        # (Found first with a cheap pattern; the full one is only tried there.)
        self._start = re.compile(r"[+0(](?<![\w+/.,-][+0(])")
        self._date_like = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2,4}(?!\d|[-/.]\d)")
        self._negative = compile_label(NEGATIVE_LABELS, gap=12)

    def find(self, text: str) -> Iterator[Entity]:
        position = 0
        while match := self._search(text, position):
            start = match.start()
            position = match.end()
            raw = match.group(0)
            if self._date_like.match(raw):
                continue
            international = raw.startswith(("+", "00", "(+"))
            needed = 10
            if international:
                needed = 11 + (2 if raw.startswith("00") else 0) + ("(0)" in raw[:12])
            end = _cut_after_digits(raw, needed)
            if end is None:
                continue
            value = raw[:end]
            digits = re.sub(r"\D", "", value.replace("(0)", "", 1))
            if digits.startswith("00"):
                digits = digits[2:]
            national = digits[2:] if international else digits[1:]
            if len(national) != 9 or national.startswith(("0", *_SERVICE_PREFIXES)):
                continue
            if self._negative.search(before(text, start, 30)):
                continue
            position = start + end
            yield Entity(start, start + end, EntityType.TELEFOON, value)

    def _search(self, text: str, position: int) -> re.Match[str] | None:
        for candidate in self._start.finditer(text, position):
            match = self._pattern.match(text, candidate.start())
            if match is not None:
                return match
        return None


def _cut_after_digits(raw: str, needed: int) -> int | None:
    """The end of the first ``needed`` digits of ``raw``; None when there are fewer, or when
    more digits follow without a separator (a longer number, not a phone number)."""
    count = 0
    for index, char in enumerate(raw):
        if char.isdigit():
            count += 1
            if count == needed:
                following = raw[index + 1 : index + 2]
                return None if following.isdigit() else index + 1
    return None


class EmailRecognizer:
    """E-mail addresses, including new and long top-level domains."""

    def __init__(self) -> None:
        # Anchored on the "@" (rare in text); the local part is read backwards from it.
        self._domain = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,24}(?![\w-])")

    def find(self, text: str) -> Iterator[Entity]:
        at = text.find("@")
        while at != -1:
            domain = self._domain.match(text, at)
            start = at
            while start and (text[start - 1].isalnum() or text[start - 1] in "._%+-"):
                start -= 1
            if domain is not None and start < at:
                yield Entity(start, domain.end(), EntityType.EMAIL, text[start : domain.end()])
                at = text.find("@", domain.end())
            else:
                at = text.find("@", at + 1)


# Words that make a dotted number a section, table, rule or version number, not an address.
_STRUCTURE_WORDS = (
    r"versie|version|release|build|update|upgrade|v|artikel|art\.|paragraaf|par\.|"
    r"hoofdstuk|hfst\.|bijlage|tabel|figuur|fig\.|afbeelding|grafiek|schema|sectie|§|nummer|"
    r"nr\.?|maatregel|eis|norm|control|onderdeel|punt|stap|fase|lid|"
    r"rubriek|regel|item|niveau|code|standaard|model|deel"
)
# Words that say a number is a network address ("vanaf", "IP-adres", "server").
_IP_CONTEXT = (
    "ip", "ipv4", "ipv6", "adres", "vanaf", "server", "host", "dns", "gateway", "router",
    "netwerk", "inlog", "login", "sessie", "verbinding", "firewall", "proxy", "subnet",
    "logbestand", "log", "wifi", "vpn", "client", "machine", "apparaat", "computer",
)  # fmt: skip
_SMALL_OCTET = 20


class IpRecognizer:
    """IPv4 and IPv6 addresses, validated by :mod:`ipaddress`.

    Dotted numbers are also section, table and version numbers ("Tabel 2.4.6.1", "versie
    3.2.10.4"): a number right after such a word is skipped, and a number whose four parts
    are all small (at most 20, as section numbers are) needs a network word nearby ("vanaf",
    "IP-adres", "server") to count as an address."""

    def __init__(self) -> None:
        self._v4 = re.compile(r"\d(?<![\w.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\w]|\.\d)")
        self._v6 = re.compile(
            r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?"
            r"(?![\w:])"
        )
        self._v6_anchor = re.compile(r":[0-9A-Fa-f]{0,4}:")
        self._not_ip = re.compile(
            rf"\b(?:{_STRUCTURE_WORDS})\s*[:.]?\s*(?:(?:naar|van|en|tot|t/m)\s+|[\d.]+,?\s+){{0,3}}$"
        )
        self._context_word = re.compile(r"[^\W\d_]+")

    def find(self, text: str) -> Iterator[Entity]:
        for match in self._v4.finditer(text):
            value = match.group(0)
            try:
                ipaddress.IPv4Address(value)
            except ValueError:
                continue
            context = before(text, match.start(), 60)
            if self._not_ip.search(context[-40:]):
                continue
            if max(map(int, value.split("."))) <= _SMALL_OCTET and not self._network_context(
                context, text[match.end() : match.end() + 30].lower()
            ):
                continue
            yield Entity(match.start(), match.end(), EntityType.IP_ADRES, value)
        seen: set[int] = set()
        for anchor in self._v6_anchor.finditer(text):
            window_end = min(len(text), anchor.end() + 60)
            for match in self._v6.finditer(text, max(0, anchor.start() - 40), window_end):
                if match.start() in seen or (match.end() == window_end < len(text)):
                    continue
                seen.add(match.start())
                yield from self._v6_entity(match)

    def _network_context(self, before_text: str, after_text: str) -> bool:
        for part in (before_text, after_text):
            for word in self._context_word.findall(part):
                if word in _IP_CONTEXT or word.startswith(("ip", "inlog", "netwerk")):
                    return True
        return False

    def _v6_entity(self, match: re.Match[str]) -> Iterator[Entity]:
        value = match.group(0)
        if value.count(":") < 2 or len(value) < 3:
            return
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            return
        yield Entity(match.start(), match.end(), EntityType.IP_ADRES, value)
