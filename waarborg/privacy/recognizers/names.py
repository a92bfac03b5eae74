"""Person names: first names, surnames with tussenvoegsels, initials, titles and salutations.

The recognizer looks only at runs of capitalised words and initials (one regex pass that the
engine can skip through quickly), plus lowercase names after a title ("mevrouw bakker") and
lowercase first names followed by a surname ("jan de vries"), searched only for the words the
text actually contains. Inside a run each word is classified once by set lookups, and a name is
accepted when there is evidence for it:

* a title or salutation before it ("mevrouw", "dhr.", "Geachte heer", "Beste"),
* initials followed by a surname ("J.P. de Vries"),
* a known first name, alone or followed by more names ("Jan", "Fatima El Amrani"),
* a known surname, possibly after a particle ("Jansen", "van Dijk"),
* an unlisted capitalised word right before a known surname ("Dunya Brouwer").

Street names that contain a name ("Jan Steenlaan", "Willem de Zwijgerlaan"), places ("Bergen
op Zoom", "Anna Paulowna"), organisations named after a person ("Jeroen Bosch Ziekenhuis",
"Prins Bernhard Cultuurfonds"), a company after its trade ("Bouwbedrijf Van Wijnen") and a
portfolio after a role ("wethouder van Financiën") are rejected; a sole trader's name ends
before the trade word ("Hans Kamphuis Advies"). Text in capitals only is a heading as often
as a name: there a name needs a title ("Geachte heer JANSEN"), initials ("M. DE GRAAF") or a
listed first name with a surname ("JAN DE VRIES"). A run of capitalised words without any
listed name, title or initials is dropped before any other work, which is most runs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto

from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.lexicon import Lexicon, lexicon
from waarborg.privacy.recognizers import name_words as w
from waarborg.privacy.recognizers.address import STREET_SUFFIXES
from waarborg.privacy.recognizers.text import (
    keyword_matches,
    lowered,
    occurrences,
    vocabulary_of,
)

_UPPER = "A-ZÀ-ÖØ-ÞĆČĐŁŃŘŚŞŠŢŽİĞŒ"
_CAPWORD = rf"[{_UPPER}][\w'’]*(?:-[\w'’]+)*"
_INITIALS = r"(?:[A-Z]|Th|Chr|Ph|Joh|Jac|Corn|Hendr|Wm|Fr)\.(?:[ ]?[A-Z]\.)*"
# Street endings that end many surnames too ("Hofstede", "Oosterveld", "Nijkamp") do not make
# a word a street on their own; these unmistakable ones do ("Jan Steenlaan").
_STREET_ENDINGS = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "steeg", "plantsoen",
    "markt", "boulevard", "allee", "burgwal", "straatje", "laantje", "passage", "promenade",
    "pleintje", "hofje", "dijkje", "pad",
)  # fmt: skip
_STREET_ENDING_SET = frozenset(STREET_SUFFIXES.split("|"))
_BEFORE_NAME = frozenset("'’.@/-_")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = frozenset('.!?:;\n"“„(•*–-')


_SALUTATIONS = frozenset({"hoi", "hallo", "hey", "beste", "lieve", "dag"})
_KNOWN_WORDS = 50_000  # words whose facts are kept between texts (bounded memory)


class Kind(Enum):
    """What a word in a candidate run is, by lookup."""

    INITIALS = auto()
    PARTICLE = auto()
    FIRST = auto()
    SURNAME = auto()
    UNKNOWN = auto()


# kind, common, place, title, strong title, company, breaks, trade, multi-word place key
_Facts = tuple[Kind, bool, bool, bool, bool, bool, bool, bool, str]


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    kind: Kind
    common: bool
    place: bool
    title: bool
    strong_title: bool
    breaks: bool  # a street, organisation or place word: what precedes it is not a name
    company: bool  # "Bouwbedrijf", "Adviesbureau": what follows names a company
    trade: bool  # "Advies", "Schilderwerken": a sole trader's name ends before it
    capitals: bool  # written in capitals only ("JANSEN")


@dataclass(slots=True)
class _Context:
    strong: bool = False
    weak: bool = False
    # A preposition-like title ("door", "namens", "mail van"): one unlisted word after it
    # is as often an organisation or a product ("vervangen door Nextcloud").
    loose: bool = False


class NameRecognizer:
    """Person names in Dutch text, in any case."""

    def __init__(self) -> None:
        token = rf"(?:{_INITIALS}|{_CAPWORD})"
        particle = rf"(?:{w.PARTICLE_PATTERN})(?![\w'’])"
        self._run = re.compile(rf"{token}(?:[ \u00a0]*(?:{particle}[ \u00a0]+)*{token})*(?![\w'’])")
        self._token = re.compile(rf"{_INITIALS}|[\w'’.]+(?:-[\w'’]+)*")
        self._initials = re.compile(_INITIALS)
        self._next_word = re.compile(r"[ \u00a0]+([\w.]+)")
        self._salutation = re.compile(
            r"(?:hoi|hallo|hey|beste|lieve|dag)[ \u00a0]+([a-zà-ÿ]+)[ \u00a0]*[,!]"
        )
        # One pattern per title word ("de heer bakker" is found at "heer").
        self._lowercase_titles = {
            title: re.compile(
                rf"{title}\.?[ \u00a0]+"
                rf"((?:(?:{w.PARTICLE_PATTERN})[ \u00a0]+)*[a-zà-ÿ][\w'’]*(?:-[\w'’]+)*)"
            )
            for title in w.LOWERCASE_TITLES
        }
        self._lowercase_rest = re.compile(
            rf"[ \u00a0]+((?:(?:{w.PARTICLE_PATTERN})[ \u00a0]+)*)([a-zà-ÿ][\w'’]*(?:-[\w'’]+)*)"
        )
        self._title_patterns = _title_patterns()
        self._known: dict[str, _Facts] = {}

    def find(self, text: str) -> Iterator[Entity]:
        words = lexicon()
        low = lowered(text)
        titles = self._titles(low)
        title_ends = sorted(titles)
        for match in self._run.finditer(text):
            start, end = match.span()
            spaced = False
            if start:
                previous = text[start - 1]
                if previous.isalnum() or previous in _BEFORE_NAME:
                    # The run starts inside a word ("eMail"): drop that first word.
                    space = text.find(" ", start, end)
                    if space == -1:
                        continue
                    start = space + 1
                else:
                    spaced = previous == " "
            run = low[start:end]
            # Without a listed name, a title or initials a run is no name ("Het", "BSN",
            # "Mijn BSN", "De Raad van State"): most runs end here.
            candidate = "." in run or start in titles or _has_name_word(run, words)
            if spaced and (candidate or _title_before(title_ends, start)):
                # Particles before the run belong to the name ("mevrouw van Hofstede").
                extended = _extend_over_particles(text, start)
                candidate = candidate or extended in titles
                start = extended
            if candidate:
                yield from self._names_in_run(text, low, start, end, words, titles)
        yield from self._lowercase_names(text, words)

    # -- capitalised runs ------------------------------------------------------------------

    def _names_in_run(
        self, text: str, low: str, start: int, end: int, words: Lexicon, titles: dict[int, int]
    ) -> Iterator[Entity]:
        tokens = self._classify(text, low, start, end, words)
        after = self._next_word.match(low, end, end + 30)
        if after and after.group(1).rstrip(".") in w.ORGANISATION_WORDS:
            return
        company = next((i for i, t in enumerate(tokens) if t.company), len(tokens))
        tokens = tokens[:company]  # "Bouwbedrijf Van Wijnen": the rest names the company
        last_break = max((i for i, t in enumerate(tokens) if t.breaks), default=-1)
        tokens = tokens[last_break + 1 :]
        if not tokens:
            return
        title = titles.get(tokens[0].start)
        context = _Context(strong=title == _STRONG, weak=title == _WEAK, loose=title == _LOOSE)
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.title and token.kind is not Kind.INITIALS:
                context.strong = context.strong or token.strong_title
                context.weak = True
                index += 1
                continue
            found = self._name_from(text, tokens, index, context)
            context = _Context()
            if found is None:
                index += 1
                continue
            first, last = found
            begin, finish = tokens[first].start, tokens[last].end
            if low[begin:finish] not in w.EXCLUDED_NAMES:
                yield Entity(begin, finish, EntityType.PERSOON, text[begin:finish])
            index = last + 1

    def _classify(self, text: str, low: str, start: int, end: int, words: Lexicon) -> list[_Token]:
        tokens: list[_Token] = []
        known = self._known
        for match in self._token.finditer(text, start, end):
            raw = match.group(0)
            facts = known.get(raw)
            if facts is None:
                facts = self._facts(raw, low[match.start() : match.end()].rstrip("."), words)
                if len(known) > _KNOWN_WORDS:
                    known.clear()
                known[raw] = facts
            breaks = facts[6]
            if not breaks and facts[8]:
                for place in words.multiword_places[facts[8]]:
                    if low.startswith(place, match.start()):
                        breaks = True  # "Bergen op Zoom", "Den Haag": a place, not a name
                        break
            tokens.append(
                _Token(
                    match.start(),
                    match.end(),
                    raw,
                    facts[0],
                    facts[1],
                    facts[2],
                    facts[3],
                    facts[4],
                    breaks,
                    facts[5],
                    facts[7],
                    len(raw) > 1 and raw.isupper(),
                )
            )
        return tokens

    def _lowercase_titled(self, low: str, vocabulary: frozenset[str]) -> Iterator[re.Match[str]]:
        """Matches of "mevrouw bakker" and the like, one title word at a time."""
        for title in vocabulary & self._lowercase_titles.keys():
            yield from keyword_matches(low, title, self._lowercase_titles[title])

    def _facts(self, raw: str, lower: str, words: Lexicon) -> _Facts:
        """What a word is, by lookup; kept per word, because words repeat across texts."""
        if raw[-1] == "." and self._initials.fullmatch(raw):
            kind = Kind.INITIALS
        elif lower in w.PARTICLES:
            kind = Kind.PARTICLE
        else:
            kind = _lookup(lower, words)
        unlisted = kind is Kind.UNKNOWN
        breaks = (
            lower in w.ORGANISATION_WORDS
            or (not raw.isalpha() and _DIGIT.search(raw) is not None)
            or (unlisted and lower.endswith(w.ORGANISATION_SUFFIXES))
            or (
                kind is not Kind.SURNAME
                and lower.endswith(_STREET_ENDINGS)
                and lower not in _STREET_ENDING_SET
            )
        )
        return (
            kind,
            lower in words.common_words,
            lower in words.places,
            lower in w.TITLE_WORDS,
            lower in w.STRONG_TITLE_WORDS,
            unlisted and lower.endswith(w.COMPANY_SUFFIXES),
            breaks,
            unlisted and lower.endswith(w.TRADE_SUFFIXES),
            lower if lower in words.multiword_places else "",
        )

    def _titles(self, low: str) -> dict[int, int]:
        """Where a title or salutation ends (the offset a name would start at), and how
        strong it is; only the title words that occur in the text are searched."""
        titles: dict[int, int] = {}
        for word in vocabulary_of(low) & self._title_patterns.keys():
            for match in keyword_matches(low, word, self._title_patterns[word]):
                level = _LEVELS[match.lastgroup or "weak"]
                titles[match.end()] = max(titles.get(match.end(), _LOOSE), level)
        return titles

    def _name_from(
        self, text: str, tokens: list[_Token], index: int, context: _Context
    ) -> tuple[int, int] | None:
        """The span (first and last token index) of a name starting at ``index``, or None."""
        first = index
        while index < len(tokens) and tokens[index].kind is Kind.PARTICLE:
            index += 1
        if index >= len(tokens):
            return None
        particles = [t.text.lower() for t in tokens[first:index]]
        titled = context.strong or context.weak
        if particles and not titled and particles[0] not in w.STRONG_PARTICLES:
            return None
        anchor = tokens[index]
        if anchor.kind in (Kind.INITIALS, Kind.FIRST) or (
            anchor.kind is Kind.UNKNOWN and not titled
        ):
            # A particle comes before a surname, never before initials or a first name.
            first, particles = index, []
        # An unlisted word right before a listed surname is taken for a first name ("Dunya
        # Brouwer", "Dunya van Dijk"); before a listed first name it is not ("Bewoner Kevin",
        # "Mail van Anna"): a first name is followed by a surname far more often.
        following = next((t for t in tokens[index + 1 :] if t.kind is not Kind.PARTICLE), None)
        unlisted_first = (
            anchor.kind is Kind.UNKNOWN
            and not (anchor.common or anchor.place or anchor.title or anchor.breaks)
            and len(anchor.text) > 2
            and anchor.text[1:].islower()
            and following is not None
            and following.kind is Kind.SURNAME
            and not following.trade
        )
        if (
            particles
            and not context.strong
            and tokens[first].text[:1].islower()
            and (anchor.kind is not Kind.SURNAME or anchor.place)
        ):
            # "wethouder van Financiën", "de burgemeester van Assen": after a word that is no
            # strong title, a lowercase "van" + a place or an unlisted word names a portfolio,
            # an organisation or a place, not a person.
            return None
        evidence = context.strong or unlisted_first or anchor.kind in (Kind.INITIALS, Kind.FIRST)
        evidence = evidence or (anchor.kind is Kind.SURNAME and bool(particles))
        last, has_name = self._extend(tokens, index, evidence or context.weak)
        names = [t for t in tokens[first : last + 1] if t.kind is not Kind.PARTICLE]
        accepted = self._accept(text, anchor, names, particles, context, unlisted_first, has_name)
        return (first, last) if accepted else None

    @staticmethod
    def _extend(tokens: list[_Token], index: int, evidence: bool) -> tuple[int, bool]:
        """How far a name that starts at ``index`` runs, and whether it holds a listed name."""
        anchor = tokens[index]
        has_name = anchor.kind in (Kind.FIRST, Kind.SURNAME)
        last = index
        for position in range(index + 1, len(tokens)):
            token = tokens[position]
            if token.kind is Kind.PARTICLE:
                continue
            if token.title or token.trade or (token.common and token.kind is Kind.UNKNOWN):
                break
            if token.kind is Kind.UNKNOWN and (token.place or not (evidence or has_name)):
                break
            has_name = has_name or token.kind in (Kind.FIRST, Kind.SURNAME)
            last = position
        return last, has_name

    def _accept(
        self,
        text: str,
        anchor: _Token,
        names: list[_Token],
        particles: list[str],
        context: _Context,
        unlisted_first: bool,
        has_name: bool,
    ) -> bool:
        if names[-1].kind is Kind.INITIALS:
            return False
        if anchor.kind is Kind.INITIALS:
            return len(names) > 1 or context.strong
        if context.strong:
            return True
        if context.weak and not (anchor.common or anchor.place):
            return True
        if anchor.capitals and all(t.capitals for t in names):
            # Text in capitals is a heading as often as a name ("BESTEMMINGSPLAN DE BERG"):
            # without a title, only a listed first name with more names counts.
            return anchor.kind is Kind.FIRST and len(names) > 1
        if context.loose and not (anchor.common or anchor.place) and len(names) > 1:
            return True
        if not has_name:
            return False
        if len(names) == 1:
            return self._single_is_name(text, anchor, particles)
        if anchor.kind is Kind.FIRST or particles or unlisted_first:
            return True
        return anchor.kind is Kind.SURNAME and not anchor.place

    @staticmethod
    def _single_is_name(text: str, token: _Token, particles: list[str]) -> bool:
        """A lone first name or surname: not a place, and not a common word opening a
        sentence ("Roos" after a full stop may be a flower)."""
        if token.place and not particles:
            return False
        if particles:
            return token.kind is Kind.SURNAME
        if token.common:
            before = text[max(0, token.start - 4) : token.start].rstrip()
            return bool(before) and before[-1] not in _SENTENCE_END
        return True

    # -- lowercase ---------------------------------------------------------------------

    def _lowercase_names(self, text: str, words: Lexicon) -> Iterator[Entity]:
        low = lowered(text)
        vocabulary = vocabulary_of(low)
        for match in self._lowercase_titled(low, vocabulary):
            name = text[match.start(1) : match.end(1)]
            last = name.split()[-1].lower()
            if name[:1].islower() and (last in words.surnames or last in words.first_names):
                yield Entity(match.start(1), match.end(1), EntityType.PERSOON, name)
        for match in self._salutation.finditer(low) if vocabulary & _SALUTATIONS else ():
            # "hoi mark," "beste sanne!": a listed first name after a greeting, even one
            # that is also a common word
            name = text[match.start(1) : match.end(1)]
            inside = match.start() and low[match.start() - 1].isalnum()
            if not inside and name.islower() and name in words.first_names:
                yield Entity(match.start(1), match.end(1), EntityType.PERSOON, name)
        for first_name in (vocabulary & words.first_names) - words.common_words:
            size = len(first_name)
            # Searched in the text itself: only occurrences written in lowercase are found.
            for start in occurrences(text, first_name):
                end = start + size
                if _continues(text, end):
                    continue  # part of a longer word ("jan's", "jan2")
                if start and (text[start - 1].isalnum() or text[start - 1] in _BEFORE_NAME):
                    continue
                rest = self._lowercase_rest.match(text, end)
                if rest is None or rest.group(2) not in words.surnames:
                    continue
                # "jan bakker" needs a surname that is not also a common word; "jan de bakker" not.
                if rest.group(1) or rest.group(2) not in words.common_words:
                    yield Entity(start, rest.end(), EntityType.PERSOON, text[start : rest.end()])


def _title_before(title_ends: list[int], start: int) -> bool:
    """Whether a title ends shortly before ``start`` (with particles between, perhaps)."""
    index = bisect.bisect_left(title_ends, start - 16)
    return index < len(title_ends) and title_ends[index] < start


def _has_name_word(run: str, words: Lexicon) -> bool:
    """Whether a lowercased run holds a listed first name or surname, or a title word."""
    for word in run.split():
        if word in words.first_names or word in words.surnames or word in w.TITLE_WORDS:
            return True
        if "-" in word and any(
            part in words.surnames or part in words.first_names for part in word.split("-")
        ):
            return True
    return False


def _continues(text: str, end: int) -> bool:
    """Whether the word that ends at ``end`` goes on ("jan's", "jan2")."""
    following = text[end : end + 1]
    return bool(following) and (following.isalnum() or following in "_'’")


_LOOSE, _WEAK, _STRONG = 0, 1, 2
_LEVELS = {"loose": _LOOSE, "weak": _WEAK, "strong": _STRONG}


def _title_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per first word of a title or title phrase ("de" -> "de heer"), with a
    named group per strength."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for phrases, level in (
        (w.STRONG_TITLES | w.STRONG_TITLE_PHRASES, "strong"),
        (w.WEAK_TITLES | w.WEAK_TITLE_PHRASES, "weak"),
        (w.LOOSE_TITLES | w.LOOSE_TITLE_PHRASES, "loose"),
    ):
        for phrase in phrases:
            words = phrase.split("_")
            levels = grouped.setdefault(words[0].split(".")[0], {})
            levels.setdefault(level, []).append(re.escape(" ".join(words)))
    patterns: dict[str, re.Pattern[str]] = {}
    for first, levels in grouped.items():
        parts = [
            f"(?P<{level}>{'|'.join(sorted(alternatives, key=len, reverse=True))})"
            for level, alternatives in levels.items()
        ]
        patterns[first] = re.compile(
            rf"(?:{'|'.join(parts)})\.?(?:[ \u00a0\t]*[:,]?[ \u00a0\t\n]+)"
        )
    return patterns


def _extend_over_particles(text: str, start: int) -> int:
    """Move ``start`` back over lowercase particles right before it ("van der" Berg)."""
    while start > 1 and text[start - 1] == " ":
        space = text.rfind(" ", max(0, start - 8), start - 1)
        begin = space + 1 if space != -1 else max(0, start - 8)
        if text[begin : start - 1] not in w.PARTICLES:
            return start
        start = begin
    return start


def _lookup(lower: str, words: Lexicon) -> Kind:
    if lower in words.first_names:
        return Kind.FIRST
    if lower in words.surnames:
        return Kind.SURNAME
    if "-" in lower:
        parts = [p for p in lower.split("-") if p and p not in w.PARTICLES]
        if parts and any(p in words.surnames for p in parts):
            return Kind.SURNAME
        if parts and all(p in words.first_names for p in parts):
            return Kind.FIRST
    return Kind.UNKNOWN
