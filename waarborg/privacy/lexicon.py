"""The word lists behind name and place recognition, read on first use and then kept.

The lists live in ``data/`` as plain text so that reviewers can read and extend them; they are
lowercased into sets because a set lookup per candidate word is what keeps name detection fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lowercased word sets used by the recognizers."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    place_words: frozenset[str]
    common_words: frozenset[str]
    # Places of more than one word by their first word ("bergen" -> ("bergen op zoom",)).
    multiword_places: dict[str, tuple[str, ...]]

    def is_name(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.first_names or lower in self.surnames


def _read(name: str, *, per_line: bool = False) -> frozenset[str]:
    text = resources.files("waarborg.privacy").joinpath("data", name).read_text("utf-8")
    words: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if per_line:
            words.add(line.lower())
        else:
            words.update(w.lower() for w in line.split())
    return frozenset(words)


@cache
def lexicon() -> Lexicon:
    """The shared lexicon, loaded once per process."""
    places = _read("places.txt", per_line=True)
    return Lexicon(
        first_names=_read("first_names.txt"),
        surnames=_read("surnames.txt"),
        places=places,
        place_words=frozenset(w for p in places for w in p.split()),
        common_words=_read("common_words.txt"),
        multiword_places=_by_first_word(p for p in places if " " in p),
    )


def _by_first_word(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for name in names:
        grouped.setdefault(name.split()[0], []).append(name)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in grouped.items()}
