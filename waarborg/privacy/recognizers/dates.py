"""Dates of birth and ages, told apart from other dates and durations by their context.

A date is a date of birth only when a birth phrase ("geboren", "geb.", "geboortedatum kind:")
stands right before it, or "... geboren" closes the clause after it ("Op 3 mei 2019 is onze
dochter geboren"); a meeting date or an expiry date is not personal data. An age needs a
phrase that makes it a person's age ("45 jaar oud", "een 82-jarige", "leeftijd: 45", "mijn
zoon van 12", "de jongen (15)", "mevrouw is 88 en ..."), so that "een termijn van 5 jaar",
"het 25-jarig bestaan" and "kinderen van 4 tot 12 jaar" stay untouched. An age right after
a name ("Anouk (34)") is found by the detector once the name is known
(:func:`age_after_person`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.recognizers.text import keyword_windows, lowered

MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
DATE = (
    rf"(?:{_DAY}[-/.]{_MONTH}[-/.](?:{_YEAR}|\d{{2}})|{_DAY}\s+{MONTHS}\s+{_YEAR}"
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
)
_BIRTH = (
    r"(?:geboren|geb\.|geb|geboortedatum|geboortedag|geboorte-?datum|geb\.datum|"
    r"geboortejaar|date of birth|dob|d\.o\.b\.)"
)
_PERSON_NOUNS = (
    r"(?:zoon|zoontje|dochter|dochtertje|kind|kinderen|vader|moeder|man|vrouw|jongen|meisje|"
    r"broer|zus|zusje|broertje|opa|oma|cliënt|client|cliënte|bewoner|bewoonster|inwoner|"
    r"inwoonster|buurman|buurvrouw|partner|echtgenoot|echtgenote|patiënt|leerling|persoon|"
    r"heer|dame|mevrouw|meneer|aanvrager|aanvraagster|melder|kleinzoon|kleindochter|jongere|"
    r"oudere|senior|puber|tiener|baby|peuter|kleuter|oudste|jongste|neef|nicht|oom|tante)"
)
_NOT_AGE_AFTER = (
    r"(?:geleden|lang|geldig|in dienst|werkzaam|getrouwd|samen|oud(?:er)? dan|termijn|"
    r"na|daarna|later|eerder|duur|looptijd|verjaring|bewaar)"
)


_BIRTH_KEYWORDS = ("geb", "dob", "d.o.b", "birth")


class BirthDateRecognizer:
    """Dates directly preceded by a birth phrase (a place may come between)."""

    def __init__(self) -> None:
        # Run on the lowercased text: case-insensitive alternations are slow.
        self._date = re.compile(rf"(?<![\w-])({DATE})(?![\w]|[-/.]\d)")
        self._context = re.compile(
            rf"\b{_BIRTH}(?:\s*[:\-]\s*|\s+op\s+|\s+|\s+te\s+[\w' -]{{1,30}}?\s+(?:op\s+)?"
            r"|\s+in\s+[\w' -]{1,30}?\s+op\s+|\s+is\s+|\s*\(\s*"
            # "geboortedatum kind: ", "geboortedatum van de aanvrager: "
            r"|(?:\s+[\w'’-]+){1,4}\s*:\s*)(?:de\s+)?$"
        )
        # "Op 12 maart 1985 bent u geboren", "is op 05-05-1987 geboren"
        self._after = re.compile(
            r"\s+(?:(?:ben|bent|is|zijn|werd|werden|u|je|hij|zij|ze|ik)\s+){0,2}geboren\b"
            # "Op 21 juni 2019 is onze dochter Noa geboren": a few words, no punctuation
            r"|\s+(?:is|zijn|werd|werden)(?:\s+[\w'’-]+){1,4}?\s+geboren\b"
        )

    def find(self, text: str) -> Iterator[Entity]:
        low = lowered(text)
        # Dates are only looked for near a birth phrase: up to 100 characters after it (the
        # phrase before the date) or before it ("op 3 mei 1950 ... geboren").
        for begin, end in keyword_windows(low, _BIRTH_KEYWORDS, before=100, after=130):
            for match in self._date.finditer(low, begin, end):
                window = low[max(0, match.start() - 60) : match.start()]
                if self._context.search(window) or self._after.match(low, match.end()):
                    start, finish = match.span(1)
                    yield Entity(start, finish, EntityType.GEBOORTEDATUM, text[start:finish])


# Nouns after "-jarig(e)" that make it the age of a thing or a duration, not of a person.
_THING_AFTER_JARIG = (
    "bestaan", "jubileum", "contract", "hypotheek", "lening", "looptijd", "termijn", "periode",
    "plan", "programma", "project", "garantie", "samenwerking", "dienstverband", "huwelijk",
    "traditie", "geschiedenis", "ervaring", "gemiddelde", "rente", "cyclus", "onderhoud",
    "abonnement", "overeenkomst", "pacht", "erfpacht", "vergunning", "concessie", "obligatie",
    "staatslening", "deposito", "verband", "aanstelling", "lidmaatschap", "relatie",
)  # fmt: skip
_SUBJECT = re.compile(
    r"([\w'’]+)\s+(?:is|zijn|was|waren|wordt|worden|werd)\s+"
    r"(?:nu\s+|inmiddels\s+|al\s+|ruim\s+|bijna\s+|pas\s+)?$"
)
_PERSON_WORDS = frozenset(
    [*_PERSON_NOUNS.strip("(?:)").split("|"), "ik", "hij", "zij", "ze", "u", "jij", "je", "men"]
)
_OLDEST = 119
_LOWER_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ")
_RANGE_AFTER = re.compile(r"\s*(?:tot|t/m|-|–|en)\s*\d")


class AgeRecognizer:
    """Ages stated about a person.

    Not ages: the age of a thing ("de brug is 50 jaar oud", "het 25-jarig bestaan", "een
    30-jarige hypotheek") and age groups ("kinderen van 4 tot 12 jaar").

    Every pattern starts at the number, a verb or a short literal word, and the word before
    it ("mijn moeder is 82 jaar", "een meisje van 15") is checked by a set lookup afterwards:
    a regex that starts with an alternation of a hundred nouns would be tried at every
    position of the text. All patterns run on the lowercased text except the apposition,
    which needs a capital."""

    def __init__(self) -> None:
        # No pattern starts with "\b" or a lookbehind: those make the regex engine try every
        # position of the text. What must come before a match is checked afterwards.
        age = r"(?P<age>\d{1,3})"
        after_age = rf"(?!\s+{_NOT_AGE_AFTER})(?=\s*(?:oud\b|[.,;!?)]|en\b|\n|$))"
        adverb = r"(?:nu\s+|inmiddels\s+|pas\s+|al\s+|bijna\s+|ruim\s+)?"
        verb = r"(?:ben|is|word|wordt|werd|was)\s+"
        # "een 82-jarige", "45-jarige man", "op 17-jarige leeftijd", "een 16-jarig meisje"
        self._jarig = re.compile(rf"{age}[- ]?jarige?\b")
        self._next_word = re.compile(r"\s+([\w'’-]+)")
        # "45 jaar oud", "(45 jaar)", "45 jr."
        self._old = re.compile(rf"{age}\s+(?:jaar|jr\.?)(?=\s+oud\b|\s*\))")
        # "leeftijd: 45", "leeftijd van 45 jaar", "leeftijd aanvrager: 67"
        self._leeftijd = re.compile(
            rf"leeftijd(?:\s+[a-zà-ÿ]+)?\s*(?::|van|is)?\s*{age}(?:\s+(?:jaar|jr\.?))?(?![\w-])"
        )
        # "<person> is 45 jaar", "is zij 18 jaar", "is nu 67 jaar"
        self._verb_years = re.compile(
            rf"{verb}(?:(?P<pronoun>ik|hij|zij|ze)\s+)?(?P<adverb>{adverb}){age}"
            rf"\s+(?:jaar|jr\.?){after_age}"
        )
        # "<person> is 88 en ...", "hij is 12.": a bare number
        self._verb_bare = re.compile(rf"{verb}{adverb}{age}(?=\s*(?:[.,;!?]|en\b|\n|$))")
        # "<person> van 12", "<person> Lieke van 7 jaar"
        self._van = re.compile(
            rf"van\s+{age}(?:\s+(?:jaar|jr\.?))?(?![\w-])(?!\s+{_NOT_AGE_AFTER})"
        )
        # "<person> (15)"
        self._parenthesis = re.compile(rf"\({age}\)")
        # "Femke, 86 jaar,": an age in apposition after a name
        self._apposition = re.compile(rf", {age}\s+jaar(?=\s*[,)])")

    def find(self, text: str) -> Iterator[Entity]:
        low = lowered(text)
        seen: set[int] = set()
        for entity in self._find(text, low):
            if entity.start not in seen:
                seen.add(entity.start)
                yield entity

    def _find(self, text: str, low: str) -> Iterator[Entity]:
        if "jarig" in low:
            for match in self._jarig.finditer(low):
                following = self._next_word.match(low, match.end())
                if following and following.group(1).endswith(_THING_AFTER_JARIG):
                    continue  # "het 25-jarig bestaan", "een 30-jarige hypotheek"
                yield from _age(text, match, before="-_")
        if "jaar" in low or "jr" in low:
            yield from self._with_years(text, low)
        if "leeftijd" in low:
            for match in self._leeftijd.finditer(low):
                yield from _age(text, match)
        yield from self._after_person(text, low)

    def _after_person(self, text: str, low: str) -> Iterator[Entity]:
        """Bare numbers after a word for a person: "hij is 12.", "een meisje van 15",
        "dochter Lieke van 7", "de jongen (15)"."""
        for match in self._verb_bare.finditer(low):
            if _person_noun_before(low, match.start()):
                yield from _age(text, match)
        for match in self._van.finditer(low):
            start = match.start()
            if _person_noun_before(low, start) or _named_person_before(text, low, start):
                yield from _age(text, match)
        if "(" in low:
            for match in self._parenthesis.finditer(low):
                if _person_noun_before(low, match.start()):
                    yield from _age(text, match)

    def _with_years(self, text: str, low: str) -> Iterator[Entity]:
        """Ages written with "jaar": "45 jaar oud", "mijn moeder is 82 jaar", "Femke, 86 jaar"."""
        for match in self._old.finditer(low):
            if not _thing_subject(text, low, match.start("age")):
                yield from _age(text, match, before="-_")  # not "de brug is 50 jaar oud"
        for match in self._verb_years.finditer(low):
            if (
                match.group("pronoun")
                or match.group("adverb")
                or _person_before(text, low, match.start())
            ):
                yield from _age(text, match)
        for match in self._apposition.finditer(text):
            if match.start() and text[match.start() - 1] in _LOWER_LETTERS:
                yield from _age(text, match, word=False)


def _word_before(low: str, position: int) -> tuple[int, str]:
    """The word that ends (spaces aside) right before ``position``, and where it starts."""
    end = position
    while end > 0 and low[end - 1] in " \u00a0\t":
        end -= 1
    start = end
    while start > 0 and (low[start - 1].isalpha() or low[start - 1] in "'’-"):
        start -= 1
    return start, low[start:end]


def _person_noun_before(low: str, position: int) -> bool:
    """Whether a pronoun or a noun for a person stands right before ``position``."""
    return _word_before(low, position)[1] in _PERSON_WORDS


def _named_person_before(text: str, low: str, position: int) -> bool:
    """A capitalised word right before, itself after a noun for a person ("dochter Lieke")."""
    start, word = _word_before(low, position)
    return bool(word) and text[start].isupper() and _person_noun_before(low, start)


def _person_before(text: str, low: str, position: int) -> bool:
    """A pronoun, a noun for a person or a capitalised word (a name) right before."""
    start, word = _word_before(low, position)
    if word in _PERSON_WORDS:
        return True
    return bool(word) and text[start].isupper() and word[1:].isalpha()


def _age(
    text: str, match: re.Match[str], *, before: str = "", word: bool = True
) -> Iterator[Entity]:
    """The age in ``match``: the number plus its unit ("45 jaar", "45"), not an age group.
    With ``word`` the match must start a word: no letter, digit or one of ``before`` right
    before it."""
    begin = match.start()
    if word and begin and (text[begin - 1].isalnum() or text[begin - 1] in before):
        return
    start = match.start("age")
    if int(match.group("age")) > _OLDEST or _RANGE_AFTER.match(text, match.end()):
        return  # not an age, or "van 4 tot 12 jaar": an age group
    end = match.end() - (text[match.end() - 1] == ")")
    yield Entity(start, end, EntityType.LEEFTIJD, text[start:end])


def _thing_subject(text: str, low: str, start: int) -> bool:
    """Whether "N jaar oud" follows "<lowercase noun> is" where the noun is no person."""
    subject = _SUBJECT.search(low, max(0, start - 40), start)
    if subject is None:
        return False
    word = subject.group(1)
    return text[subject.start(1)].islower() and word not in _PERSON_WORDS and word != "die"


def age_after_person(text: str, end: int) -> Entity | None:
    """An age right after a name: "Anouk (34)", "Tessa, 19)", "Thijs is 12 en ..."."""
    match = _AGE_AFTER_NAME.match(text, end)
    if match is None:
        return None
    return Entity(match.start(1), match.end(1), EntityType.LEEFTIJD, match.group(1))


_AGE_AFTER_NAME = re.compile(
    r"(?:\s*\(|,\s*|\s+(?:is|wordt|werd)\s+(?:nu\s+|inmiddels\s+|pas\s+|bijna\s+)?)"
    r"(1[01]\d|\d{1,2})(?=\s*(?:\)|,\s*[a-zà-ÿ]|en\b|[.;!?]|\n|$))"
)
