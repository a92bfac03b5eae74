"""Dutch-aware lexical retrieval: stems, compounds, typos, separable verbs, unknown words."""

from __future__ import annotations

from waarborg.knowledge.lexical_index import LexicalIndex, Passage

PASSAGES = [
    Passage("p", "Een paspoort aanvragen kost € 80,35 voor volwassenen.", "Paspoort aanvragen"),
    Passage("a", "De afvalkalender toont wanneer de container wordt geleegd.", "Afvalkalender"),
    Passage("b", "Met een bijstandsuitkering heeft u een inkomen om van te leven.", "Bijstand"),
    Passage("v", "Uw verhuizing geeft u door via de website van de gemeente.", "Verhuizen"),
]
INDEX = LexicalIndex(PASSAGES)


def _top(query: str) -> str:
    hits = INDEX.search(query, 1)
    return PASSAGES[hits[0].position].chunk_id if hits else ""


def test_inflections_compounds_and_typos_find_the_passage() -> None:
    assert _top("paspoorten aanvraag") == "p"
    assert _top("afval kalender") == "a"  # parts of a compound the corpus never splits
    assert _top("uitkering") == "b"  # the head of "bijstandsuitkering"
    assert _top("pasport") == "p"  # a typo, by character trigrams
    assert _top("CAFÉ afvalkalender") == "a"


def test_separable_verbs_are_joined() -> None:
    terms = INDEX.query_terms("Hoe vraag ik een paspoort aan?")
    assert "aanvraag" in terms.weights
    assert "aaneen" not in terms.weights  # never with a function word
    assert INDEX.query_terms("ik kom uit spanje in voorbeeld wonen").weights.get("inwoon") is None


def test_words_the_corpus_does_not_know_lower_the_coverage() -> None:
    known = INDEX.query_terms("wat kost een paspoort")
    unknown = INDEX.query_terms("wat kost een paspoort bij de bibliotheek xylofoon")
    text = PASSAGES[0].text
    assert INDEX.coverage(known, text) == 1.0
    assert INDEX.coverage(unknown, text) < INDEX.coverage(known, text)
    assert INDEX.search("xylofoon", 3) == []
