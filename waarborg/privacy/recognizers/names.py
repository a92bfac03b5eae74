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
op Zoom") and organisations named after a person ("Jeroen Bosch Ziekenhuis") are rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto

from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.lexicon import Lexicon, lexicon
from waarborg.privacy.recognizers import name_words as w
from waarborg.privacy.recognizers.address import STREET_SUFFIXES
from waarborg.privacy.recognizers.text import lowered, vocabulary, vocabulary_of
from waarborg.privacy.recognizers.text import words as text_words

_UPPER = "A-ZÀ-ÖØ-ÞĆČĐŁŃŘŚŞŠŢŽİĞŒ"
_CAPWORD = rf"[{_UPPER}][\w'’]*(?:-[\w'’]+)*"
_INITIALS = r"(?:[A-Z]|Th|Chr|Ph|Joh|Jac|Corn|Hendr|Wm|Fr)\.(?:[ ]?[A-Z]\.)*"
_STREET_ENDINGS = tuple(STREET_SUFFIXES.split("|"))
_STREET_ENDING_SET = frozenset(_STREET_ENDINGS)
_BEFORE_NAME = frozenset("'’.@/-_")
_SENTENCE_END = frozenset('.!?:;\n"“„(•*–-')


class Kind(Enum):
    """What a word in a candidate run is, by lookup."""

    INITIALS = auto()
    PARTICLE = auto()
    FIRST = auto()
    SURNAME = auto()
    UNKNOWN = auto()


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


@dataclass(slots=True)
class _Context:
    strong: bool = False
    weak: bool = False


class NameRecognizer:
    """Person names in Dutch text, in any case."""

    def __init__(self) -> None:
        token = rf"(?:{_INITIALS}|{_CAPWORD})"
        particle = rf"(?:{w.PARTICLE_PATTERN})(?![\w'’])"
        self._run = re.compile(rf"{token}(?:[ \u00a0]*(?:{particle}[ \u00a0]+)*{token})*(?![\w'’])")
        self._token = re.compile(rf"{_INITIALS}|[\w'’.]+(?:-[\w'’]+)*")
        self._initials = re.compile(_INITIALS)
        self._next_word = re.compile(r"[ \u00a0]+([\w.]+)")
        self._lowercase_title = re.compile(
            r"(?:mevrouw|mevr|mw|meneer|mijnheer|de heer|dhr|familie|fam)\.?[ \u00a0]+"
            rf"((?:(?:{w.PARTICLE_PATTERN})[ \u00a0]+)*[a-zà-ÿ][\w'’]*(?:-[\w'’]+)*)"
        )
        self._lowercase_rest = re.compile(
            rf"[ \u00a0]+((?:(?:{w.PARTICLE_PATTERN})[ \u00a0]+)*)([a-zà-ÿ][\w'’]*(?:-[\w'’]+)*)"
        )
        self._title_patterns = _title_patterns()
        self._first_name_patterns: dict[str, re.Pattern[str]] = {}

    def find(self, text: str) -> Iterator[Entity]:
        words = lexicon()
        low = lowered(text)
        titles = self._titles(low)
        for match in self._run.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in _BEFORE_NAME):
                # The run starts inside a word ("eMail"): drop that first word.
                space = text.find(" ", start, match.end())
                if space == -1:
                    continue
                start = space + 1
            yield from self._names_in_run(text, low, start, match.end(), words, titles)
        yield from self._lowercase_names(text, words)

    # -- capitalised runs ------------------------------------------------------------------

    def _names_in_run(
        self, text: str, low: str, start: int, end: int, words: Lexicon, titles: dict[int, bool]
    ) -> Iterator[Entity]:
        start = _extend_over_particles(text, start)
        if " " not in text[start:end] and "." not in text[start:end]:
            # Fast path for a lone capitalised word: most runs are "Het", "BSN", "Utrecht".
            lone = low[start:end]
            known = lone in words.first_names or lone in words.surnames
            if not known and start not in titles:
                return
        tokens = self._classify(text, low, start, end, words)
        after = self._next_word.match(low, end, end + 30)
        if after and after.group(1).rstrip(".") in w.ORGANISATION_WORDS:
            return
        last_break = max((i for i, t in enumerate(tokens) if t.breaks), default=-1)
        tokens = tokens[last_break + 1 :]
        if not tokens:
            return
        title = titles.get(tokens[0].start)
        context = _Context(strong=title is True, weak=title is False)
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
        for match in self._token.finditer(text, start, end):
            raw = match.group(0)
            lower = low[match.start() : match.end()].rstrip(".")
            if raw[-1] == "." and self._initials.fullmatch(raw):
                kind = Kind.INITIALS
            elif lower in w.PARTICLES:
                kind = Kind.PARTICLE
            else:
                kind = _lookup(lower, words)
            breaks = lower in w.ORGANISATION_WORDS or (
                kind is not Kind.SURNAME
                and lower.endswith(_STREET_ENDINGS)
                and lower not in _STREET_ENDING_SET
            )
            for place in words.multiword_places.get(lower, ()):
                if low.startswith(place, match.start()):
                    breaks = True  # "Bergen op Zoom", "Den Haag": a place, not a name
                    break
            tokens.append(
                _Token(
                    match.start(),
                    match.end(),
                    raw,
                    kind,
                    common=lower in words.common_words,
                    place=lower in words.places,
                    title=lower in w.TITLE_WORDS,
                    strong_title=lower in w.STRONG_TITLE_WORDS,
                    breaks=breaks,
                )
            )
        return tokens

    def _titles(self, low: str) -> dict[int, bool]:
        """Where a title or salutation ends (the offset a name would start at), and whether
        it is a strong one; only the title words that occur in the text are searched."""
        titles: dict[int, bool] = {}
        for word in vocabulary_of(low) & self._title_patterns.keys():
            for match in self._title_patterns[word].finditer(low):
                start = match.start()
                if start and low[start - 1].isalnum():
                    continue
                titles[match.end()] = titles.get(match.end(), False) or match.lastgroup == "strong"
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
        unlisted_first = (
            anchor.kind is Kind.UNKNOWN
            and not (anchor.common or anchor.place or anchor.title or anchor.breaks)
            and len(anchor.text) > 2
            and anchor.text[1:].islower()
            and any(t.kind in (Kind.FIRST, Kind.SURNAME) for t in tokens[index + 1 : index + 4])
        )
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
            if token.title or (token.common and token.kind is Kind.UNKNOWN):
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
        vocab = vocabulary(text)
        if vocab & w.LOWERCASE_TITLES:
            low = lowered(text)
            for match in self._lowercase_title.finditer(low):
                if match.start() and low[match.start() - 1].isalnum():
                    continue
                name = text[match.start(1) : match.end(1)]
                last = name.split()[-1].lower()
                if name[:1].islower() and (last in words.surnames or last in words.first_names):
                    yield Entity(match.start(1), match.end(1), EntityType.PERSOON, name)
        lowercase_words = {word for word in text_words(text) if word.islower()}
        for first_name in (lowercase_words & words.first_names) - words.common_words:
            for match in self._first_name_pattern(first_name).finditer(text):
                if match.start() and (
                    text[match.start() - 1].isalnum() or text[match.start() - 1] in _BEFORE_NAME
                ):
                    continue
                rest = self._lowercase_rest.match(text, match.end())
                if rest is None or rest.group(2) not in words.surnames:
                    continue
                # "jan bakker" needs a surname that is not also a common word; "jan de bakker" not.
                if rest.group(1) or rest.group(2) not in words.common_words:
                    end = rest.end()
                    yield Entity(match.start(), end, EntityType.PERSOON, text[match.start() : end])

    def _first_name_pattern(self, name: str) -> re.Pattern[str]:
        pattern = self._first_name_patterns.get(name)
        if pattern is None:
            pattern = re.compile(rf"{re.escape(name)}(?![\w'’])")
            self._first_name_patterns[name] = pattern
        return pattern


def _title_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per first word of a title or title phrase ("de" -> "de heer")."""
    grouped: dict[str, list[tuple[str, bool]]] = {}
    for phrases, strong in (
        (w.STRONG_TITLES | w.STRONG_TITLE_PHRASES, True),
        (w.WEAK_TITLES | w.WEAK_TITLE_PHRASES, False),
    ):
        for phrase in phrases:
            words = phrase.split("_")
            grouped.setdefault(words[0].split(".")[0], []).append((" ".join(words), strong))
    patterns: dict[str, re.Pattern[str]] = {}
    for first, entries in grouped.items():
        strong_alternatives = [re.escape(p) for p, strong in entries if strong]
        weak_alternatives = [re.escape(p) for p, strong in entries if not strong]
        parts = []
        if strong_alternatives:
            parts.append(
                f"(?P<strong>{'|'.join(sorted(strong_alternatives, key=len, reverse=True))})"
            )
        if weak_alternatives:
            parts.append(f"(?P<weak>{'|'.join(sorted(weak_alternatives, key=len, reverse=True))})")
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
