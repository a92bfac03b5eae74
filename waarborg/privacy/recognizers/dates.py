"""Dates of birth and ages, told apart from other dates and durations by their context.

A date is a date of birth only when a birth phrase ("geboren", "geb.", "geboortedatum")
stands right before it; a meeting date or an expiry date is not personal data. An age needs
a phrase that makes it a person's age ("45 jaar oud", "een 82-jarige", "leeftijd: 45",
"mijn zoon van 12"), so that "een termijn van 5 jaar" stays untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.recognizers.text import lowered

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


class BirthDateRecognizer:
    """Dates directly preceded by a birth phrase (a place may come between)."""

    def __init__(self) -> None:
        self._date = re.compile(rf"(?<![\w-])({DATE})(?![\w]|[-/.]\d)", re.IGNORECASE)
        self._context = re.compile(
            rf"\b{_BIRTH}(?:\s*[:\-]\s*|\s+op\s+|\s+|\s+te\s+[\w' -]{{1,30}}?\s+(?:op\s+)?"
            r"|\s+in\s+[\w' -]{1,30}?\s+op\s+|\s+is\s+|\s*\(\s*)(?:de\s+)?$"
        )
        # "Op 12 maart 1985 bent u geboren", "is op 05-05-1987 geboren"
        self._after = re.compile(
            r"\s+(?:(?:ben|bent|is|zijn|werd|werden|u|je|hij|zij|ze|ik)\s+){0,2}geboren\b"
        )

    def find(self, text: str) -> Iterator[Entity]:
        low = lowered(text)
        if "geb" not in low and "dob" not in low and "d.o.b" not in low and "birth" not in low:
            return  # without a birth phrase no date is a date of birth
        for match in self._date.finditer(text):
            window = text[max(0, match.start() - 60) : match.start()].lower()
            if self._context.search(window) or self._after.match(text, match.end()):
                yield Entity(match.start(), match.end(), EntityType.GEBOORTEDATUM, match.group(1))


class AgeRecognizer:
    """Ages stated about a person."""

    def __init__(self) -> None:
        age = r"(1[01]\d|\d{1,2})"
        self._anchor = re.compile(r"\d[- ]?(?:jaar|jarig|jr\b)|leeftijd|van \d")
        self._patterns = [
            # "een 82-jarige", "45-jarige man", "op 17-jarige leeftijd"
            re.compile(rf"(?<![\w-]){age}[- ]?jarige?\b", re.IGNORECASE),
            # "45 jaar oud", "(45 jaar)", "45 jr."
            re.compile(rf"(?<![\w-]){age}\s+(?:jaar|jr\.?)(?=\s+oud\b|\s*\))", re.IGNORECASE),
            # "leeftijd: 45", "leeftijd van 45 jaar"
            re.compile(
                rf"\bleeftijd\s*(?::|van|is)?\s*{age}(?:\s+(?:jaar|jr\.?))?(?![\w-])",
                re.IGNORECASE,
            ),
            # "ik ben 45 jaar", "mijn moeder is 82 jaar", "hij wordt 18 jaar"
            re.compile(
                rf"\b(?:(?:ik|hij|zij|ze|{_PERSON_NOUNS}|(?-i:[A-Z][a-zà-ÿ]+))\s+(?:ben|is|word|wordt|werd|was)"
                r"|(?:ben|is|wordt|werd|was)\s+(?:ik|hij|zij|ze))\s+"
                rf"(?:nu\s+|inmiddels\s+|pas\s+|al\s+|bijna\s+|ruim\s+)?{age}\s+(?:jaar|jr\.?)"
                rf"(?!\s+{_NOT_AGE_AFTER})(?=\s*(?:oud\b|[.,;!?)]|en\b|\n|$))",
                re.IGNORECASE,
            ),
            # "Femke, 86 jaar,": an age in apposition after a name
            re.compile(rf"(?<=[a-zà-ÿ]), {age}\s+jaar(?=\s*[,)])"),
            # "is nu 67 jaar", "werd inmiddels 80 jaar"
            re.compile(
                rf"\b(?:is|ben|wordt|werd|was)\s+(?:nu|inmiddels|pas|bijna|ruim)\s+{age}\s+jaar"
                rf"(?!\s+{_NOT_AGE_AFTER})(?=\s*(?:oud\b|[.,;!?)]|en\b|\n|$))",
                re.IGNORECASE,
            ),
            # "mijn zoon van 12", "een meisje van 15 jaar"
            re.compile(
                rf"\b{_PERSON_NOUNS}\s+van\s+{age}(?:\s+(?:jaar|jr\.?))?(?![\w-])"
                rf"(?!\s+{_NOT_AGE_AFTER})",
                re.IGNORECASE,
            ),
        ]

    def find(self, text: str) -> Iterator[Entity]:
        low = lowered(text)
        seen: set[tuple[int, int]] = set()
        # The patterns are only tried near an anchor word, never over the whole text.
        windows: list[list[int]] = []
        for anchor in self._anchor.finditer(low):
            low_end = max(0, anchor.start() - 70)
            high_end = min(len(text), anchor.end() + 40)
            if windows and low_end <= windows[-1][1]:
                windows[-1][1] = high_end
            else:
                windows.append([low_end, high_end])
        for low_end, high_end in windows:
            for pattern in self._patterns:
                for match in pattern.finditer(text, low_end, high_end):
                    start = match.start(1)
                    # The span is the number plus its unit: "45 jaar", "82-jarige", "45".
                    span = (start, match.end())
                    if span not in seen:
                        seen.add(span)
                        yield Entity(
                            start, match.end(), EntityType.LEEFTIJD, text[start : match.end()]
                        )
