"""Per-text facts that several recognizers need, computed once per text.

Case-insensitive regex alternations are several times slower than case-sensitive ones, so
keyword searches run on a lowercased copy of the text with the same length (offsets stay
valid), and a recognizer first checks the text's vocabulary to skip keywords that are absent.
"""

from __future__ import annotations

import re
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
    return frozenset(word.lower() for word in words(text))


@lru_cache(maxsize=4)
def vocabulary_of(low: str) -> frozenset[str]:
    """The words of an already lowercased text."""
    return frozenset(_WORD.findall(low))
