"""BM25 over Dutch stems, in memory, with compound splitting and typo tolerance.

Why in memory: the same index then serves the embedded SQLite default and PostgreSQL alike,
and scoring is a handful of vectorised additions (numpy) instead of a full-text query per
request. Every worker builds the index of a use case from the database on first use and
rebuilds it when the use case's knowledge revision moves (see ``index_cache``).

Citizens write "vuilnis kalender" for "afvalkalender", "pasport" for "paspoort": compound
words are split into parts that occur on their own in the corpus (on both sides), and a query
word the corpus does not know is matched to its nearest known words by character trigrams.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from waarborg.knowledge.dutch_text import STOPWORDS, content_words, stem, words

K1 = 1.2
B = 0.75
TITLE_BOOST = 2  # title and headings count this many times
MIN_PART = 4  # shortest part of a compound word that we split off
LINKING = ("", "s", "e", "en")  # Dutch linking sounds between compound parts
FUZZY_MIN_SIMILARITY = 0.45
FUZZY_WEIGHT = 0.6
PART_WEIGHT = 0.5  # a compound part counts less than a whole word
SEPARABLE_PARTICLES = frozenset("aan af bij door in mee na om op over terug toe uit weg".split())
# Verbs we drop as function words on their own, but that make a word with a particle
# ("vraag … aan" → "aanvraag").
VERB_STOPWORDS = frozenset("vraag vragen kan kun kunt moet".split())
UNMATCHED_WEIGHT = 0.5  # tuned on the demo question set (see docs/benchmarks.md)


@dataclass(frozen=True)
class Passage:
    """What the index needs of a chunk, and what a citation shows."""

    chunk_id: str
    text: str
    title: str = ""
    location: str = ""
    headings: tuple[str, ...] = ()
    page: int | None = None


@dataclass(frozen=True)
class Hit:
    position: int  # index into the passages the index was built from
    score: float


@dataclass(frozen=True)
class QueryTerms:
    """The weighted stems a query was turned into (for scoring and for coverage), and how many
    of its words the corpus knows nothing about (those make a good answer less likely)."""

    weights: dict[str, float]
    unmatched: float = 0.0
    question: str = ""  # the text they were made from

    @property
    def total(self) -> float:
        return sum(self.weights.values())


class LexicalIndex:
    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages = list(passages)
        words_per_passage = [_passage_words(p) for p in self.passages]
        self._vocabulary: Counter[str] = Counter()
        for passage_words in words_per_passage:
            self._vocabulary.update(set(passage_words))
        self._splitter = CompoundSplitter(self._vocabulary)
        self._compounds = CompoundFinder(self._vocabulary)
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        lengths = np.zeros(len(self.passages), dtype=np.float32)
        # A corpus repeats its words: analyse each distinct word once (stem, compound parts),
        # which makes building the index several times faster than doing it per occurrence.
        analysed: dict[str, tuple[str, tuple[str, ...]]] = {}
        for position, passage_words in enumerate(words_per_passage):
            counts: dict[str, float] = defaultdict(float)
            for word in passage_words:
                analysis = analysed.get(word)
                if analysis is None:
                    parts = tuple(stem(part) for part in self._splitter.split(word))
                    analysis = analysed[word] = (stem(word), parts)
                counts[analysis[0]] += 1.0
                for part in analysis[1]:
                    counts[part] += PART_WEIGHT
            lengths[position] = sum(counts.values())
            for term, count in counts.items():
                postings[term][position] = count
        average = float(lengths.mean()) if len(lengths) else 1.0
        self._ids: dict[str, npt.NDArray[np.int32]] = {}
        self._weights: dict[str, npt.NDArray[np.float32]] = {}
        self._idf: dict[str, float] = {}
        total = max(len(self.passages), 1)
        for term, documents in postings.items():
            ids = np.fromiter(documents.keys(), dtype=np.int32, count=len(documents))
            tf = np.fromiter(documents.values(), dtype=np.float32, count=len(documents))
            norm = K1 * (1 - B + B * lengths[ids] / max(average, 1e-6))
            self._ids[term] = ids
            self._weights[term] = (tf * (K1 + 1) / (tf + norm)).astype(np.float32)
            frequency = len(documents)
            self._idf[term] = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
        self._fuzzy = TrigramMatcher(self._idf.keys())
        self._max_idf = max(self._idf.values(), default=1.0)

    def __len__(self) -> int:
        return len(self.passages)

    def idf(self, term: str) -> float:
        return self._idf.get(term, 0.0)

    def query_terms(self, query: str) -> QueryTerms:
        weights: dict[str, float] = defaultdict(float)
        unmatched = 0.0
        for word in content_words(query):
            term = stem(word)
            if term in self._idf:
                weights[term] = max(weights[term], 1.0)
                continue
            parts = self._splitter.split(word)
            if parts:
                for part in parts:
                    weights[stem(part)] = max(weights[stem(part)], 1.0)
                continue
            compounds = self._compounds.containing(word)
            for compound in compounds:
                weights[stem(compound)] = max(weights[stem(compound)], PART_WEIGHT)
            if compounds:
                continue
            neighbours = self._fuzzy.nearest(term)
            for neighbour, similarity in neighbours:
                weights[neighbour] = max(weights[neighbour], FUZZY_WEIGHT * similarity)
            # A guessed word counts as partly unknown: the weaker the match, the more.
            unmatched += 1.0 - max((similarity for _, similarity in neighbours), default=0.0)
        for joined in self._separable_verbs(query):
            weights[joined] = max(weights[joined], 1.0)
        return QueryTerms(dict(weights), unmatched, query)

    def _separable_verbs(self, query: str) -> list[str]:
        """ "Hoe vraag ik bijstand aan?" asks about "aanvragen": a Dutch verb whose particle
        stands apart, at the end of the clause. Rejoin it with the clause's words when the
        corpus knows the joined word."""
        joined = []
        for clause in re.split(r"[,;:.!?]", query):
            clause_words = words(clause)
            if len(clause_words) < 2 or clause_words[-1] not in SEPARABLE_PARTICLES:
                continue
            particle = clause_words[-1]
            for word in clause_words[:-1]:
                if word in SEPARABLE_PARTICLES or len(word) < 3:
                    continue
                if word in STOPWORDS and word not in VERB_STOPWORDS:
                    continue
                term = stem(particle + word)
                if term in self._idf:
                    joined.append(term)
        return joined

    def search(self, query: str | QueryTerms, k: int = 10) -> list[Hit]:
        terms = self.query_terms(query) if isinstance(query, str) else query
        if not terms.weights or not self.passages:
            return []
        scores = np.zeros(len(self.passages), dtype=np.float32)
        for term, weight in terms.weights.items():
            ids = self._ids.get(term)
            if ids is not None:
                scores[ids] += np.float32(weight * self._idf[term]) * self._weights[term]
        candidates = np.flatnonzero(scores)
        if candidates.size == 0:
            return []
        if candidates.size > k:
            top = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        else:
            top = candidates
        ordered = top[np.argsort(-scores[top], kind="stable")]
        return [Hit(int(position), float(scores[position])) for position in ordered]

    def coverage(self, terms: QueryTerms, text: str) -> float:
        """Share of the query's weight (by idf) whose terms occur in this text."""
        present: set[str] = set()
        for word in content_words(text):
            present.add(stem(word))
            present.update(stem(part) for part in self._splitter.split(word))
        weighted = {term: weight * self.idf(term) for term, weight in terms.weights.items()}
        # A word the corpus has never seen counts against a match, but only half as much as the
        # rarest word it knows: chatty words ("bel", "mail") should not sink a clear question.
        total = sum(weighted.values()) + UNMATCHED_WEIGHT * terms.unmatched * self._max_idf
        if total <= 0:
            return 0.0
        return sum(value for term, value in weighted.items() if term in present) / total


class CompoundSplitter:
    """Split a compound into a known word and a remainder ("bijstands|uitkering").

    At least one part must occur on its own in the corpus; the other must be long enough to be
    a word. Dutch puts the head of a compound last, and citizens often type only the head
    ("uitkering") or only the modifier ("afval"), so both parts become terms.
    """

    def __init__(self, vocabulary: Counter[str]) -> None:
        self._known = {word for word in vocabulary if len(word) >= MIN_PART}

    def split(self, word: str) -> tuple[str, ...]:
        if len(word) < 2 * MIN_PART + 1 or word in STOPWORDS:
            return ()
        best: tuple[str, ...] = ()
        best_score = 0.0
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            left, rest = word[:cut], word[cut:]
            for linking in LINKING:
                if not rest.startswith(linking):
                    continue
                right = rest[len(linking) :]
                if len(right) < MIN_PART:
                    continue
                left_known, right_known = left in self._known, right in self._known
                if not (left_known or right_known):
                    continue
                if not (left_known and right_known) and min(len(left), len(right)) < 5:
                    continue
                # Prefer both parts known, then the most balanced split.
                score = 100.0 * (left_known + right_known) + 2 * min(len(left), len(right))
                score += 1 if linking else 0  # "bijstand|s|uitkering", not "bijstand|suitkering"
                if score > best_score:
                    best, best_score = (left, right), score
        return best


class CompoundFinder:
    """Known words that start or end with a query word: "afval" finds "afvalkalender" and
    "tuinafval" even when the corpus never uses "afval" on its own."""

    LIMIT = 8

    def __init__(self, vocabulary: Counter[str]) -> None:
        self._frequency = vocabulary
        self._forward = sorted(vocabulary)
        self._backward = sorted(word[::-1] for word in vocabulary)

    def containing(self, word: str) -> list[str]:
        if len(word) < MIN_PART + 1 or word in STOPWORDS:
            return []
        found = set(_with_prefix(self._forward, word))
        found.update(w[::-1] for w in _with_prefix(self._backward, word[::-1]))
        found = {w for w in found if len(w) >= len(word) + MIN_PART}
        return sorted(found, key=lambda w: -self._frequency[w])[: self.LIMIT]


def _with_prefix(ordered: list[str], prefix: str) -> Iterable[str]:
    start = bisect.bisect_left(ordered, prefix)
    for word in ordered[start : start + 200]:
        if not word.startswith(prefix):
            break
        yield word


class TrigramMatcher:
    """Nearest known terms by character-trigram similarity, for words with a typo."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._by_trigram: dict[str, list[str]] = defaultdict(list)
        self._trigrams: dict[str, frozenset[str]] = {}
        for term in terms:
            if len(term) < 4 or term.isdigit():
                continue
            grams = _trigrams(term)
            self._trigrams[term] = grams
            for gram in grams:
                self._by_trigram[gram].append(term)

    def nearest(self, term: str, limit: int = 2) -> list[tuple[str, float]]:
        if len(term) < 4 or term.isdigit():
            return []
        grams = _trigrams(term)
        shared: Counter[str] = Counter()
        for gram in grams:
            shared.update(self._by_trigram.get(gram, ()))
        scored = []
        for candidate, overlap in shared.most_common(50):
            similarity = overlap / len(grams | self._trigrams[candidate])
            if similarity >= FUZZY_MIN_SIMILARITY and abs(len(candidate) - len(term)) <= 3:
                scored.append((candidate, similarity))
        scored.sort(key=lambda item: -item[1])
        return scored[:limit]


def _trigrams(term: str) -> frozenset[str]:
    padded = f"^{term}$"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def _passage_words(passage: Passage) -> list[str]:
    heading_words = content_words(" ".join((passage.title, *passage.headings)))
    return heading_words * TITLE_BOOST + content_words(passage.text)
