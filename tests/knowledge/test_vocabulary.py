"""Which words of a question the sources never use (``waarborg.knowledge.vocabulary``)."""

from __future__ import annotations

from waarborg.knowledge.lexical_index import LexicalIndex, Passage
from waarborg.knowledge.vocabulary import MIN_PAGES, knows, one_slip_away, telling, unfamiliar_words

INDEX = LexicalIndex(
    [
        Passage("c0", "U vraagt een paspoort aan bij de balie van het stadhuis.", "Paspoort"),
        Passage("c1", "De hondenbelasting is 120 euro per hond per jaar.", "Hondenbelasting"),
        Passage("c2", "Meld uw verhuizing binnen vijf dagen.", "Verhuizen"),
    ]
)


def test_words_of_the_sources_are_known_in_every_form() -> None:
    assert knows(INDEX, "paspoort")
    assert knows(INDEX, "paspoorten")  # the same stem
    assert knows(INDEX, "Verhuizing".lower())
    assert knows(INDEX, "hond")  # a part of a compound the sources use


def test_one_typing_slip_is_forgiven_two_are_not() -> None:
    assert knows(INDEX, "paspoord")  # substitution
    assert knows(INDEX, "pasport")  # deletion
    assert knows(INDEX, "papsoort")  # swap of neighbours
    assert not knows(INDEX, "pazpoord")


def test_unfamiliar_words_are_the_unknown_content_words_once_each() -> None:
    assert unfamiliar_words(INDEX, "Wat is de hondenbelasting in Utrecht?") == ("utrecht",)
    assert unfamiliar_words(INDEX, "huurtoeslag huurtoeslag aanvragen") == (
        "huurtoeslag",
        "aanvragen",
    )
    assert unfamiliar_words(INDEX, "paspoord bij de balie") == ()


def test_short_words_and_function_words_do_not_count() -> None:
    assert unfamiliar_words(INDEX, "wie is er nu op de wal") == ()  # "wal": three letters
    assert unfamiliar_words(INDEX, "") == ()


def test_one_slip_away_is_damerau_levenshtein_distance_one() -> None:
    variants = one_slip_away("ab")
    assert {"a", "b", "ba", "abc", "xab", "ac"} <= variants
    assert "ab" not in variants
    assert "abcd" not in variants


def test_the_sign_counts_on_sources_of_enough_pages_only() -> None:
    assert telling(MIN_PAGES)
    assert not telling(MIN_PAGES - 1)
