"""Hybrid retrieval without a database: reciprocal rank fusion, the passage-vector view, and
the answer vote (lexical coverage, dense similarity, agreement of the two rankings)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from waarborg.knowledge.dense_index import PassageVectors
from waarborg.knowledge.hybrid import RRF_K, Votes, rankings_agree, reciprocal_rank_fusion
from waarborg.knowledge.lexical_index import LexicalIndex, Passage
from waarborg.knowledge.retrieval import MIN_COVERAGE, hybrid_retrieval, lexical_retrieval
from waarborg.knowledge.vocabulary import MIN_PAGES

# --- reciprocal rank fusion ------------------------------------------------------------------


def test_rrf_adds_reciprocal_ranks() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1]], k=60)
    scores = dict(fused)
    assert math.isclose(scores[1], 1 / 61 + 1 / 62)
    assert math.isclose(scores[2], 1 / 62)
    assert math.isclose(scores[3], 1 / 63 + 1 / 61)
    assert [item for item, _ in fused] == [1, 3, 2]


def test_rrf_prefers_agreement_over_one_first_place() -> None:
    # 7 is second in both rankings; 5 and 9 are each first in only one.
    fused = reciprocal_rank_fusion([[5, 7, 8], [9, 7, 6]])
    assert fused[0][0] == 7


def test_rrf_ties_go_to_the_better_single_rank_then_the_lower_item() -> None:
    fused = reciprocal_rank_fusion([[4, 2], [2, 4]])
    assert [item for item, _ in fused] == [2, 4]  # equal scores, equal best ranks
    assert fused[0][1] == fused[1][1]
    uneven = reciprocal_rank_fusion([[8], [], [3]], k=0)
    assert [item for item, _ in uneven] == [3, 8]


def test_rrf_counts_an_item_once_per_ranking_and_handles_empty_input() -> None:
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([[], []]) == []
    fused = dict(reciprocal_rank_fusion([[1, 1, 2]], k=RRF_K))
    assert math.isclose(fused[1], 1 / (RRF_K + 1))
    with pytest.raises(ValueError, match="negative"):
        reciprocal_rank_fusion([[1]], k=-1)


# --- the vote --------------------------------------------------------------------------------


def test_two_of_three_signals_answer() -> None:
    assert Votes(lexical=True, dense=True, agreement=False).answer
    assert Votes(lexical=False, dense=True, agreement=True).answer
    assert Votes(lexical=True, dense=False, agreement=True).answer
    assert not Votes(lexical=True, dense=False, agreement=False).answer
    assert not Votes(lexical=False, dense=True, agreement=False).answer
    assert not Votes(lexical=False, dense=False, agreement=True).answer


def test_a_word_the_sources_never_use_makes_all_three_signals_necessary() -> None:
    unfamiliar = ("utrecht",)
    assert Votes(lexical=True, dense=True, agreement=True, unfamiliar=unfamiliar).answer
    assert not Votes(lexical=True, dense=True, agreement=False, unfamiliar=unfamiliar).answer
    assert not Votes(lexical=False, dense=True, agreement=True, unfamiliar=unfamiliar).answer
    assert Votes(lexical=True, dense=True, agreement=False).needed == 2


def test_rankings_agree_on_the_best_page_of_either() -> None:
    assert rankings_agree(["a", "b"], ["c", "a"])
    assert rankings_agree(["b", "a", "a"], ["a", "d"])  # dense best page is lexical's second
    assert not rankings_agree(["a", "b", "c", "d", "e", "f"], ["f", "g"])  # f is sixth
    assert rankings_agree(["a", "a", "b", "c", "d", "f"], ["f", "g"])  # pages, not passages
    assert not rankings_agree([], ["a"])


# --- passage vectors -------------------------------------------------------------------------


def test_passage_vectors_address_passages_by_position() -> None:
    vectors = PassageVectors([3, 0], [[0.0, 1.0], [1.0, 0.0]], total=4)
    assert len(vectors) == 2
    assert not vectors.complete
    similarities = vectors.similarities([1.0, 0.0])
    np.testing.assert_allclose(similarities[[0, 3]], [1.0, 0.0], atol=1e-6)
    assert np.isnan(similarities[1])
    assert np.isnan(similarities[2])
    assert vectors.ranking(similarities, 5) == [0, 3]
    assert vectors.ranking(vectors.similarities([0.0, 0.0]), 5) == [0, 3]  # ties: by position
    assert PassageVectors([1, 0], np.eye(2), total=2).complete
    with pytest.raises(ValueError, match="within"):
        PassageVectors([5], [[1.0, 0.0]], total=2)
    with pytest.raises(ValueError, match="one position per vector"):
        PassageVectors([0, 1], [[1.0, 0.0]], total=2)


# --- hybrid retrieval and refusal ------------------------------------------------------------

PASSAGES = [
    Passage("c0", "De gemeente haalt het restafval elke week op.", "Afval", "afval"),
    Passage("c1", "Een parkeervergunning kost 50 euro per jaar.", "Parkeren", "parkeren"),
    Passage("c2", "U vraagt een paspoort aan bij de balie.", "Paspoort", "paspoort"),
    Passage("c3", "Geef uw verhuizing binnen vijf dagen door.", "Verhuizen", "verhuizen"),
]
# One direction per passage; a question's vector says which passage it resembles.
VECTORS = PassageVectors(range(4), np.eye(4), total=4)


def near(position: int, closeness: float) -> np.ndarray:
    """A question vector with cosine ``closeness`` to passage ``position``."""
    vector = np.full(4, math.sqrt((1 - closeness**2) / 3), dtype=np.float32)
    vector[position] = closeness
    return vector


def ask(
    text: str, query: np.ndarray, min_similarity: float = 0.8, pages: int = 4
) -> tuple[Votes, list[str]]:
    """``pages`` is what the vectors claim the site has (its vocabulary rule needs a site of
    ``MIN_PAGES`` pages; agreement counts a tenth of them, here one or two)."""
    index = LexicalIndex(PASSAGES)
    vectors = PassageVectors(range(4), np.eye(4), total=4, pages=pages)
    found = hybrid_retrieval(index, index.query_terms(text), vectors, query, min_similarity)
    assert found.votes is not None
    return found.votes, [source.passage.location for source in found.relevant]


def test_a_paraphrase_is_answered_by_dense_similarity_and_agreement() -> None:
    # Lexically weak (one word of four known), but the dense side is close to the same page.
    votes, relevant = ask("hoe zit het met mijn reisdocument paspoort", near(2, 0.9))
    assert votes.dense
    assert votes.agreement
    assert votes.answer
    assert relevant[0] == "paspoort"


def test_a_lexical_match_the_dense_side_disowns_is_refused() -> None:
    # Every word occurs in the "afval" passage, but the question's meaning is elsewhere
    # (dense near "verhuizen", far below the threshold for "afval").
    votes, relevant = ask("restafval", near(3, 0.7))
    assert votes.lexical
    assert not votes.dense
    assert not votes.agreement
    assert relevant == []


def test_lexical_and_dense_together_answer_even_when_their_best_pages_differ() -> None:
    votes, relevant = ask("restafval", near(1, 0.95))
    assert votes.lexical
    assert votes.dense
    assert not votes.agreement
    assert set(relevant) == {"afval", "parkeren"}  # each carries one vote itself


def test_dense_similarity_alone_does_not_answer() -> None:
    votes, relevant = ask("appeltaart recept", near(1, 0.95))
    assert votes.dense
    assert not votes.lexical
    assert not votes.agreement
    assert relevant == []


def test_relevance_per_source_uses_the_same_thresholds() -> None:
    index = LexicalIndex(PASSAGES)
    terms = index.query_terms("paspoort balie")
    found = hybrid_retrieval(index, terms, VECTORS, near(2, 0.99), 0.8)
    assert found.hybrid
    assert found.similarity == pytest.approx(0.99, abs=1e-5)
    for source in found.relevant:
        covered = index.coverage(terms, f"{source.passage.title} {source.passage.text}")
        close = float(VECTORS.similarities(near(2, 0.99))[int(source.passage.chunk_id[1])])
        assert covered >= MIN_COVERAGE or close >= 0.8
    assert [s.number for s in found.sources] == list(range(1, len(found.sources) + 1))


def test_lexical_retrieval_is_the_lexical_path_unchanged() -> None:
    index = LexicalIndex(PASSAGES)
    terms = index.query_terms("paspoort aanvragen")
    found = lexical_retrieval(index, terms)
    assert not found.hybrid
    assert found.sources[0].passage.location == "paspoort"
    assert found.sources[0].score == index.search(terms, 5)[0].score


def test_a_question_about_another_place_needs_every_signal() -> None:
    # "utrecht" occurs nowhere in the sources: lexical and dense alone no longer answer.
    votes, relevant = ask("parkeervergunning utrecht", near(3, 0.95), pages=MIN_PAGES)
    assert votes.unfamiliar == ("utrecht",)
    assert votes.lexical
    assert votes.dense
    assert not votes.agreement
    assert not votes.answer
    assert relevant == []
    votes, relevant = ask("parkeervergunning utrecht", near(1, 0.95), pages=MIN_PAGES)
    assert votes.lexical
    assert votes.dense
    assert votes.agreement
    assert relevant[0] == "parkeren"


def test_a_typo_is_not_an_unfamiliar_word() -> None:
    votes, _ = ask("paspoord balie", near(2, 0.95), pages=MIN_PAGES)
    assert votes.unfamiliar == ()
    assert votes.answer


def test_on_a_few_documents_an_unknown_word_says_nothing() -> None:
    votes, relevant = ask("parkeervergunning utrecht", near(3, 0.95), pages=MIN_PAGES - 1)
    assert votes.unfamiliar == ()
    assert votes.answer
    assert "parkeren" in relevant
