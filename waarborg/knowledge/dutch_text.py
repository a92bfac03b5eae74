"""Dutch text for retrieval: normalise, tokenise, drop function words, stem (Snowball).

Searching must be forgiving in the way citizens type: capitals, accents ("cafe"/"café"),
plurals and verb forms ("aanvragen"/"aanvraag") all reduce to the same terms.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

# Function words that carry no topic (own list; kept small so that questions like
# "wat kost een paspoort" keep "kost" and "paspoort").
STOPWORDS = frozenset(
    """
    aan al alle alles als altijd andere ben bij daar daarom dan dat de der deze die dit doch
    doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij
    hoe hun iemand iets ik in is ja je jij jou jouw jullie kan kon kunnen kun maar me mee
    meer men met mij mijn moet moeten na naar niet niets nog nu of om omdat ons onze ook op
    over reeds te tegen toch toen tot u uit uw van veel voor waren wat we wel welk welke
    werd wezen wie wij wil willen word worden wordt zal ze zei zelf zich zij zijn zo zonder
    zou zouden graag even echt eigenlijk hallo hoi beste goedemorgen goedemiddag dag bedankt
    dank alvast vraag vragen weet weten kunt mag mogen waar wanneer waarom laat laten
    """.split()
)
# Question words matter for the answer type but not for finding the page.


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def fold(text: str) -> str:
    """Lowercase and strip accents: "Café" and "cafe" become the same word."""
    lowered = text.lower()
    if lowered.isascii():  # most Dutch text: nothing to decompose (and 10x faster)
        return lowered
    return _combining_marks().sub("", unicodedata.normalize("NFKD", lowered))


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """Every combining character as one character class: one regex pass instead of a Python
    call per character, which dominated building the index of a large use case."""
    ranges: list[str] = []
    start = None
    for code in range(sys.maxunicode + 2):
        marked = code <= sys.maxunicode and unicodedata.combining(chr(code)) != 0
        if marked and start is None:
            start = code
        elif not marked and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"[{''.join(ranges)}]")


def words(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


def content_words(text: str) -> list[str]:
    return [word for word in words(text) if word not in STOPWORDS]


def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    return [str(s) for s in _stemmer().stemWords(content_words(text))]
