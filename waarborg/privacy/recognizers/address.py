"""Where a person lives: postcode, street address with house number, place of residence.

A street is recognised by its suffix ("-straat", "-laan", ...) followed by a house number, or,
for names without such a suffix ("Lange Voorhout 9"), by a postcode right after it or an
address phrase right before it ("mijn adres is Hooiland 12"). A place name counts only as
part of an address (after a postcode or a street), after a residence phrase ("woonachtig te",
"woont sinds 2010 in"; there an unlisted town counts too, a country does not) or after a
person ("Jan uit Zwolle", found by the detector): a municipality named on its own is not
personal data. An organisation's postal address ("Postbus 15, 2500 AA Den Haag") and a unit
after a number ("1200 MW") are not a postcode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.lexicon import Lexicon, lexicon
from waarborg.privacy.recognizers.text import lowered

STREET_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|dreef|plantsoen|steeg|pad|hof|markt|dijk|baan|"
    "boulevard|allee|park|ring|wal|erf|dam|haven|burgwal|weide|akker|veld|hoeve|hoven|oord|"
    "zijde|donk|kwartier|wijk|dal|stede|polder|poort|brug|gang|straatje|laantje|vaart|vliet|"
    "kanaal|hage|ven|berg|horst|hoek|rade|heuvel|lei|lijn|tuin|wetering|passage|promenade|"
    "kamp|veen|meer|molen|dijkje|pleintje|hofje"
)
_PARTICLES = r"(?:van|de|der|den|het|'t|’t|ten|ter|la|le|du|von|St\.|Sint)"
_HOUSE_NUMBER = (
    r"\d{1,5}(?![\d,.:/]\d|\d)"
    r"(?:(?:[ -]?(?:bis|hs|huis|bg|boven|bov|zw|rd)|-(?:I{1,3}|IV|V|[A-Za-z]|\d{1,4})"
    r"|[ ](?:I{1,3}|IV)|[a-zA-Z])(?!\w)|[ ][A-Z](?![\w.]))?"
)
_POSTCODE = r"[1-9]\d{3}(?:[ \u00a0]?[A-Z]{2}|[a-z]{2})"
_NOT_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS", "EU", "NL", "BV", "NV", "KB", "MB"})
# Units written after a number ("1200 MW", "4096 GB"); a postcode only when a place follows.
_UNIT_LETTERS = frozenset(
    {"MW", "GW", "KW", "GB", "TB", "PB", "PJ", "TJ", "GJ", "MJ", "KG", "KM", "CM", "MM", "ML", "HA"}
)
_PARTICLE_WORDS = frozenset({"van", "de", "der", "den", "het", "'t", "’t", "ten", "ter", "la"})
# "Laan van Meerdervoort", "Plein 1813": a street word first, then the name.
_RESIDENCE_WORDS = ("woon", "wonen", "verhuis", "ingeschreven", "vestigt")
_LOWERCASE_SUFFIXES = ("straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef")
_LOWERCASE_STREET = re.compile(r"[a-z][\w'-]*(?:straat|laan|weg|plein|gracht|kade|singel|dreef)")
_STREET_FIRST_WORDS = frozenset({"laan", "plein", "kade", "singel", "weg", "dreef", "burgwal"})
_LEADING_DROP = frozenset({"de", "het", "in", "op", "aan", "bij", "De", "Het", "In", "Op", "Aan"})
_STREET_WORDS = frozenset(
    [
        "burgemeester",
        "prins",
        "prinses",
        "koning",
        "koningin",
        "graaf",
        "gravin",
        "hertog",
        "hertogin",
        "sint",
        "st.",
        "dokter",
        "dr.",
        "professor",
        "prof.",
        "pastoor",
        "pater",
        "kapelaan",
        "generaal",
        "admiraal",
        "kolonel",
        "majoor",
        "lange",
        "korte",
        "oude",
        "nieuwe",
        "hoge",
        "lage",
        "grote",
        "kleine",
        "groot",
        "klein",
        "eerste",
        "tweede",
        "derde",
        "vierde",
        "noord",
        "zuid",
        "oost",
        "west",
        "noorder",
        "zuider",
        "ooster",
        "wester",
        "binnen",
        "buiten",
        "achter",
        "voor",
        "middel",
        "molen",
        "kerk",
        "heilige",
        "president",
        "minister",
        "wethouder",
        "jonkheer",
        "meester",
        "mr.",
        "ir.",
        "vrouwe",
        "jonker",
        "heer",
    ]
)
# Countries and regions after "woont in": not a place of residence in the sense of an address.
_NOT_RESIDENCES = frozenset(
    "nederland holland europa belgië belgie duitsland frankrijk engeland spanje italië turkije "
    "marokko suriname polen azië afrika amerika buitenland randstad".split()
)
_NOT_STREETS = frozenset({"postbus", "antwoordnummer", "artikel", "hoofdstuk", "bijlage", "lid"})


class AddressRecognizer:
    """Postcodes, street addresses and the place of residence that belongs to them."""

    def __init__(self) -> None:
        # No leading lookbehind (it would make the engine try every position): the space
        # before the number is part of the match.
        self._number = re.compile(rf"[ \u00a0](?P<number>{_HOUSE_NUMBER})")
        self._suffix = re.compile(rf"(?:{STREET_SUFFIXES})$", re.IGNORECASE)
        self._postcode = re.compile(
            r"([1-9](?<![\w-][1-9])\d{3}(?:[ \u00a0]?[A-Z]{2}|[a-z]{2}))(?![\w-])"
        )
        self._after_street = re.compile(r"\s*,?\s*(?:te\s+|in\s+)?")
        self._after_postcode = re.compile(r"[ \u00a0]+(?:te\s+)?")
        # An organisation's postal address: "Postbus 15, 2500 AA Den Haag".
        self._postbus = re.compile(
            r"\b(?:postbus|antwoordnummer|p\.?\s?o\.?\s?box)\s*\d{1,6}\s*[,\n]?\s*$"
        )
        self._place_follows = re.compile(r"[ \u00a0]+(?:te\s+)?(?:'s-)?[A-Z]")
        self._postcode_follows = re.compile(rf"\s*,?\s*{_POSTCODE}(?![\w-])")
        self._address_phrase = re.compile(
            r"(?:woon\w*|adres\w*|verhuisd|verhuist|ingeschreven|verblijf\w*)\b[^.\n]{0,25}"
            r"(?:\b(?:aan|op|in|naar|is|was|wordt|:)\s+(?:de\s+|het\s+)?|:\s*)$",
            re.IGNORECASE,
        )
        self._residence = re.compile(
            r"(?:woonachtig|wonende|woont|wonend|woon|wonen|woonplaats|verhuisd|verhuist|"
            r"ingeschreven|"
            r"vestigt zich)\s*(?:te|in|naar|:)?\s+((?:'s-)?[A-Z][\w'’-]*(?:[ -][\w'’-]+){0,4})"
        )
        # "woont sinds 2010 in Almere", "woont betrokkene sinds 2022 in Steenwijk"
        self._residence_later = re.compile(
            r"(?:woont|woonde|wonen|woonden|verhuisd|verhuist|verhuizen|ingeschreven)"
            r"(?:[ ,]+(?!in\b|te\b|naar\b)[\w'’]+){1,4}[ ,]+(?:te|in|naar)\s+"
            r"((?:'s-)?[A-Z][\w'’-]*)"
        )
        self._place_words = re.compile(r"(?:'s-)?[\w'’/]+(?:-[\w'’]+)*")
        self._preposition = re.compile(r"\b(?:te|in|naar)\s+$")
        self._word_before = re.compile(r"[^\W\d_][ \u00a0]")
        # "Guus Lammertink uit Haaksbergen", "Anouk (34) uit Lelystad": after a person.
        self._from_place = re.compile(
            r"(?:\s*\(\d{1,3}(?:\s+jaar)?\))?(?:,\s*\d{1,3}(?:\s+jaar)?,?)?\s+uit\s+(?:het\s+)?"
        )

    def find(self, text: str) -> Iterator[Entity]:
        places: list[tuple[int, int]] = []
        yield from self._postcodes(text, places)
        yield from self._streets(text, places)
        self._residences(text, places)
        for start, end in places:
            yield Entity(start, end, EntityType.WOONPLAATS, text[start:end])

    def place_after_person(self, text: str, end: int) -> Entity | None:
        """A known place right after a person's name and "uit" ("Jan uit Zwolle")."""
        follow = self._from_place.match(text, end)
        if follow is None:
            return None
        place = self._place_at(text, follow.end(), lexicon(), strict=True)
        if place is None:
            return None
        return Entity(place[0], place[1], EntityType.WOONPLAATS, text[place[0] : place[1]])

    def _postcodes(self, text: str, places: list[tuple[int, int]]) -> Iterator[Entity]:
        """Postcodes, and the place name that follows one ("1234 AB Utrecht")."""
        words = lexicon()
        for match in self._postcode.finditer(text):
            letters = match.group(1)[-2:].upper()
            if letters in _NOT_POSTCODE_LETTERS:
                continue
            if letters in _UNIT_LETTERS and not self._place_follows.match(text, match.end()):
                continue
            if self._postbus.search(lowered(text)[max(0, match.start() - 40) : match.start()]):
                continue
            yield Entity(match.start(), match.end(), EntityType.POSTCODE, match.group(1))
            follow = self._after_postcode.match(text, match.end())
            if follow:
                place = self._place_at(text, follow.end(), words, strict=False)
                if place:
                    places.append(place)

    def _streets(self, text: str, places: list[tuple[int, int]]) -> Iterator[Entity]:
        """Street and house number, found from the number backwards; then "te Utrecht"."""
        words = lexicon()
        for match in self._number.finditer(text):
            number = match.start("number")
            if not self._word_before.match(text, max(0, number - 2)):
                continue  # no letter right before "<space><number>": not after a street name
            space = text.rfind(" ", max(0, number - 40), number - 1)
            previous = text[space + 1 : number - 1]
            previous = previous[previous.rfind("\n") + 1 :]
            if not previous[:1].isupper() and not previous.endswith(_LOWERCASE_SUFFIXES):
                continue  # "op 12", "van 45": a street name is capitalised or ends in "straat"
            found = self._street_before(text, number - 1)
            if found is None:
                continue
            street_start, street = self._trim_street(*found)
            if street is None:
                continue
            end = match.end()
            if not self._is_street(text, street, street_start, end):
                continue
            yield Entity(street_start, end, EntityType.ADRES, text[street_start:end])
            follow = self._after_street.match(text, end)
            if follow and not self._postcode_follows.match(text, end):
                place = self._place_at(text, follow.end(), words, strict=True)
                if place:
                    places.append(place)

    def _is_street(self, text: str, street: str, start: int, end: int) -> bool:
        parts = street.split()
        last = parts[-1]
        if self._suffix.search(last) and len(last) > 3:
            return True
        if len(parts) > 2 and parts[0].lower() in _STREET_FIRST_WORDS and parts[1] == "van":
            return True
        return bool(self._postcode_follows.match(text, end)) or bool(
            self._address_phrase.search(text, max(0, start - 60), start)
        )

    def _residences(self, text: str, places: list[tuple[int, int]]) -> None:
        """Places after "woonachtig te", "woont in", "verhuisd naar"."""
        low = lowered(text)
        if not any(word in low for word in _RESIDENCE_WORDS):
            return
        words = lexicon()
        for pattern in (self._residence, self._residence_later):
            for match in pattern.finditer(text):
                if match.start() and text[match.start() - 1].isalnum():
                    continue  # inside a word
                place = self._place_at(text, match.start(1), words, strict=True)
                if place is None and self._preposition.search(text, match.start(), match.start(1)):
                    # The phrase is the evidence: an unlisted town ("woont in Steenwijk") counts
                    # when it is written like a name and is not a country or an acronym.
                    place = self._place_at(text, match.start(1), words, strict=False)
                    word = text[place[0] : place[1]] if place else ""
                    if not word[1:].islower() or word.lower() in _NOT_RESIDENCES:
                        place = None
                if place and place not in places:
                    places.append(place)

    @staticmethod
    def _street_before(text: str, end: int) -> tuple[int, str] | None:
        """The words before a house number that may form a street name: capitalised words
        and particles on the same line ("Willem de Zwijgerlaan"), or one lowercase word with
        a street suffix ("kerkstraat")."""
        line = text[max(0, end - 80) : end]
        tokens = line.rsplit("\n", 1)[-1].split(" ")[-6:]
        taken: list[str] = []
        for token in reversed(tokens):
            if not token:
                break
            if (token[0].isupper() and token[-1] not in ",;:()") or (
                taken and token in _PARTICLE_WORDS
            ):
                taken.append(token)
            elif not taken and _LOWERCASE_STREET.fullmatch(token):
                taken.append(token)
                break
            else:
                break
        while taken and taken[-1] in _PARTICLE_WORDS:
            taken.pop()
        if not taken:
            return None
        street = " ".join(reversed(taken))
        return end - len(street), street

    def _trim_street(self, start: int, street: str) -> tuple[int, str | None]:
        """Keep the words that belong to the street name, counting back from its last word:
        particles ("Willem de Zwijgerlaan"), names ("Jan Steenlaan") and words such as
        "Burgemeester" or "Nieuwe"; a sentence opener before them is dropped."""
        words = lexicon()
        tokens = street.split()
        keep = len(tokens) - 1
        for index in range(len(tokens) - 2, -1, -1):
            lower = tokens[index].lower()
            belongs = (
                lower in _PARTICLE_WORDS
                or lower in _STREET_WORDS
                or lower in _STREET_FIRST_WORDS
                or (words.is_name(lower) and lower not in words.common_words)
            )
            if not belongs:
                break
            keep = index
        while keep < len(tokens) - 1 and tokens[keep] in _LEADING_DROP:
            keep += 1
        if tokens[keep].lower() in _NOT_STREETS or tokens[-1].lower() in _NOT_STREETS:
            return start, None
        offset = 0
        for token in tokens[:keep]:
            offset = street.index(token, offset) + len(token)
        offset = street.index(tokens[keep], offset)
        return start + offset, street[offset:]

    def _place_at(
        self, text: str, start: int, words: Lexicon, *, strict: bool
    ) -> tuple[int, int] | None:
        """The place name starting at ``start``: the longest run of words that is a known
        place, or (after a postcode) any single capitalised word."""
        tokens: list[tuple[int, int]] = []
        for match in self._place_words.finditer(text, start, min(len(text), start + 60)):
            if tokens and text[tokens[-1][1] : match.start()] not in (" ", "-"):
                break
            tokens.append((match.start(), match.end()))
            if len(tokens) == 5:
                break
        if not tokens or tokens[0][0] != start:
            return None
        for count in range(len(tokens), 0, -1):
            end = tokens[count - 1][1]
            if text[start:end].lower() in words.places:
                return start, end
        first = text[tokens[0][0] : tokens[0][1]]
        if strict or not first[:1].isupper() or first.lower() in words.common_words:
            return None
        return tokens[0]
