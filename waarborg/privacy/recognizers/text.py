"""Per-text facts that several recognizers need, computed once per text.

Case-insensitive regex alternations are several times slower than case-sensitive ones, so
keyword searches run on a lowercased copy of the text with the same length (offsets stay
valid), and a recognizer first checks the text's vocabulary to skip keywords that are absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """``text.lower()`` with exactly the same length (a few characters such as "İ" grow when
    lowercased; they are lowercased one by one and cut to one character)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(char.lower()[:1] for char in text)


@lru_cache(maxsize=4)
def words(text: str) -> frozenset[str]:
    """The words (letters only, case kept) that occur in ``text``."""
    return frozenset(_WORD.findall(text))


@lru_cache(maxsize=4)
def vocabulary(text: str) -> frozenset[str]:
    """The lowercased words (letters only) that occur in ``text``."""
    return vocabulary_of(lowered(text))


@lru_cache(maxsize=4)
def vocabulary_of(low: str) -> frozenset[str]:
    """The words of an already lowercased text."""
    return frozenset(_WORD.findall(low))


SHORT_TEXT = 1 << 15
_FREQUENT = 32


def keyword_matches(low: str, word: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` (which starts with the literal ``word``) at the start of a
    word in the lowercased text ``low``. A short text, or a frequent word, is searched by the
    pattern itself; a rare word in a long text only where it occurs (see
    :func:`occurrences`)."""
    if len(low) <= SHORT_TEXT or low.count(word) > _FREQUENT:
        # A regex pass with a literal prefix runs at C speed; per occurrence in Python only
        # pays off for a rare word in a long text.
        for match in pattern.finditer(low):
            start = match.start()
            if not (start and low[start - 1].isalpha()):
                yield match
        return
    for start in occurrences(low, word):
        found = pattern.match(low, start)
        if found is not None:
            yield found


def occurrences(low: str, word: str) -> Iterator[int]:
    """Where ``word`` occurs as a whole word (letters only) in ``low`` (the lowercased text,
    or the text itself to find only the occurrences written in lowercase).

    A recognizer that looks for keywords tries its patterns only at these offsets: a
    substring search per keyword present is far cheaper than a regex pass per keyword, which
    matters for a long document, where nearly every keyword occurs somewhere."""
    size = len(word)
    start = low.find(word)
    while start != -1:
        end = start + size
        if not (start and low[start - 1].isalpha()) and not low[end : end + 1].isalpha():
            yield start
        start = low.find(word, end)


def keyword_windows(
    low: str, keywords: tuple[str, ...], *, before: int, after: int
) -> list[tuple[int, int]]:
    """Merged stretches of ``low`` around every occurrence of the keywords (substrings):
    where a labelled value can be. Found with substring search, which is much cheaper than
    a regex alternation over a long text."""
    spots: list[tuple[int, int]] = []
    for keyword in keywords:
        start = low.find(keyword)
        while start != -1:
            spots.append((max(0, start - before), min(len(low), start + len(keyword) + after)))
            start = low.find(keyword, start + 1)
    spots.sort()
    merged: list[tuple[int, int]] = []
    for begin, end in spots:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged
