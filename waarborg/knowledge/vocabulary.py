"""Words of a question that a use case's sources never use: a sign that the question is about
something else than what the sources cover.

Questions a municipality's site does not answer are usually about another organisation or
place ("huurtoeslag", "zwembad", "Utrecht") and often sound like ones it does answer, so they
win the retrievers' votes on their other words. A word counts as known when its stem is one
of the index's terms (which include the stems of compound parts), or when a word one typing
slip away is ("paspoord" → "paspoort"): citizens' typos must not make a question unfamiliar.
Short words (under four letters) are too ambiguous to count. On a few documents, most words
of any question are new, so the sign only counts from ``MIN_PAGES`` pages on.
"""

from __future__ import annotations

from waarborg.knowledge.dutch_text import content_words, stem
from waarborg.knowledge.lexical_index import LexicalIndex

MIN_LENGTH = 4
MIN_PAGES = 20  # the demo site has 49; an assistant over three memos would refuse everything
ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def unfamiliar_words(index: LexicalIndex, question: str) -> tuple[str, ...]:
    """The question's content words (of at least ``MIN_LENGTH`` letters) the index does not
    know, even with one typing slip."""
    return tuple(
        word
        for word in dict.fromkeys(content_words(question))
        if len(word) >= MIN_LENGTH and not knows(index, word)
    )


def telling(pages: int) -> bool:
    """Whether sources of this many pages (documents) know enough words for an unknown one
    to say something about the question."""
    return pages >= MIN_PAGES


def knows(index: LexicalIndex, word: str) -> bool:
    if index.idf(stem(word)) > 0:
        return True
    return any(index.idf(stem(variant)) > 0 for variant in one_slip_away(word))


def one_slip_away(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, substitution or insertion away
    (Damerau–Levenshtein distance 1, over the letters a–z)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    inserts = {a + c + b for a, b in splits for c in ALPHABET}
    return (deletes | swaps | replaces | inserts) - {word}
