"""Lexical, dense and hybrid retrieval compared through the product's ``retrieve()``: ranking
(hit@1, hit@5, MRR), the answer-or-refuse decision, and the latency of a whole extractive
answer (retrieval including the question's embedding, sentence selection, verification).

The dense cosine threshold is the only tuned number. The demo questions are split in two by
the parity of their number (``a001``, ``u001`` … odd: tuning; even: held out). The product's
default (``DENSE_MIN_SIMILARITY``) was chosen on the tuning half; this module reports it on
both halves, and also which threshold the tuning half would pick in this run, so that drift
shows.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from waarborg.answering.extractive import ExtractiveEngine
from waarborg.answering.verification import verify
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.retrieval import MIN_COVERAGE, Mode, Retrieval

Ask = Callable[[IndexCache, str, Mode, int], Retrieval]
THRESHOLDS = [round(0.78 + 0.0025 * step, 4) for step in range(73)]  # 0.78 … 0.96


@dataclass
class Outcome:
    """One question under one method."""

    question: dict[str, Any]
    pages: list[str]
    refused: bool
    milliseconds: float
    similarity: float | None  # best cosine among the sources (dense and hybrid)
    lexical_vote: bool = False
    agreement_vote: bool = False
    needed: int = 2  # votes the product asked for (3 with an unfamiliar word)

    @property
    def tuning(self) -> bool:
        return int(self.question["id"][1:]) % 2 == 1

    def refused_at(self, method: str, threshold: float) -> bool:
        """The decision had the dense threshold been ``threshold`` (same passages)."""
        if method == "lexical" or self.similarity is None:
            return self.refused
        dense = self.similarity >= threshold
        if method == "dense":
            return not dense
        return self.lexical_vote + dense + self.agreement_vote < self.needed


@dataclass
class MethodResult:
    method: str
    threshold: float | None
    outcomes: list[Outcome] = field(default_factory=list)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def run_method(
    ask: Ask, cache: IndexCache, method: Mode, questions: Sequence[dict[str, Any]], label: str
) -> MethodResult:
    engine = ExtractiveEngine()
    ask(cache, questions[0]["question"], method, 5)  # build the index, load the vectors
    result = MethodResult(label, cache.min_similarity if label != "lexical" else None)
    for question in questions:
        started = time.perf_counter()
        found = ask(cache, question["question"], method, 5)
        if found.relevant:
            verify(engine.answer(found.index, found.terms, found.relevant), found.relevant)
        elapsed = (time.perf_counter() - started) * 1000
        if label != "lexical" and found.method == "lexical":
            raise RuntimeError(f"{label} retrieval fell back to lexical: are the vectors there?")
        votes = found.votes
        result.outcomes.append(
            Outcome(
                question,
                [source.passage.location for source in found.sources],
                not found.relevant,
                elapsed,
                found.similarity,
                votes.lexical if votes else False,
                votes.agreement if votes else False,
                votes.needed if votes else 2,
            )
        )
    return result


def ranking_row(result: MethodResult) -> str:
    answerable = [o for o in result.outcomes if o.question["answerable"]]
    hit1 = sum(bool(o.pages) and o.pages[0] == o.question["expected"] for o in answerable)
    hit5 = sum(o.question["expected"] in o.pages[:5] for o in answerable)
    mrr = sum(
        1 / (o.pages.index(o.question["expected"]) + 1)
        for o in answerable
        if o.question["expected"] in o.pages
    )
    times = [o.milliseconds for o in result.outcomes]
    n = len(answerable)
    return (
        f"| {result.method} | {hit1 / n:.3f} | {hit5 / n:.3f} | {mrr / n:.3f} | "
        f"{percentile(times, 0.5):.1f} | {percentile(times, 0.95):.1f} |"
    )


@dataclass(frozen=True)
class Decisions:
    precision: float
    recall: float
    accuracy: float
    count: int


def decisions(outcomes: Sequence[Outcome], method: str, threshold: float | None) -> Decisions:
    refused_right = refused_wrong = correct = 0
    unanswerable = 0
    for outcome in outcomes:
        refused = outcome.refused if threshold is None else outcome.refused_at(method, threshold)
        answerable = outcome.question["answerable"]
        unanswerable += not answerable
        refused_right += refused and not answerable
        refused_wrong += refused and answerable
        correct += refused != answerable
    return Decisions(
        refused_right / max(refused_right + refused_wrong, 1),
        refused_right / max(unanswerable, 1),
        correct / max(len(outcomes), 1),
        len(outcomes),
    )


def tuned_threshold(result: MethodResult) -> float:
    """The threshold with the best decision accuracy on the tuning half (the middle one of
    the best run of thresholds, so that a plateau does not push it to its edge)."""
    tuning = [o for o in result.outcomes if o.tuning]
    scores = [decisions(tuning, result.method, t).accuracy for t in THRESHOLDS]
    best = max(scores)
    runs: list[list[float]] = []
    for threshold, score in zip(THRESHOLDS, scores, strict=True):
        if score == best:
            if runs and runs[-1][-1] == THRESHOLDS[THRESHOLDS.index(threshold) - 1]:
                runs[-1].append(threshold)
            else:
                runs.append([threshold])
    longest = max(runs, key=len)
    return longest[len(longest) // 2]


def refusal_rows(result: MethodResult) -> list[str]:
    """Decision rows for one method: at the product's threshold, on each half and overall;
    and at the threshold this run's tuning half would pick."""
    if result.method == "lexical":
        rows = []
        for label, subset in _halves(result.outcomes):
            d = decisions(subset, "lexical", None)
            rows.append(_decision_row(f"lexical (coverage ≥ {MIN_COVERAGE})", label, d))
        return rows
    assert result.threshold is not None
    rows = []
    for label, subset in _halves(result.outcomes):
        d = decisions(subset, result.method, result.threshold)
        rows.append(_decision_row(f"{result.method} (cosine ≥ {result.threshold})", label, d))
    again = tuned_threshold(result)
    if again != result.threshold:
        for label, subset in _halves(result.outcomes):
            d = decisions(subset, result.method, again)
            rows.append(_decision_row(f"{result.method}, re-tuned here ({again})", label, d))
    return rows


def _halves(outcomes: Sequence[Outcome]) -> list[tuple[str, list[Outcome]]]:
    return [
        ("tuning half", [o for o in outcomes if o.tuning]),
        ("held-out half", [o for o in outcomes if not o.tuning]),
        ("all", list(outcomes)),
    ]


def _decision_row(method: str, subset: str, d: Decisions) -> str:
    return (
        f"| {method} | {subset} ({d.count}) | {d.precision:.3f} | {d.recall:.3f} | "
        f"{d.accuracy:.3f} |"
    )


def legal_row(
    label: str, ask: Ask, cache: IndexCache, method: Mode, questions: Sequence[tuple[str, set[str]]]
) -> str:
    """nDCG@10 and recall@10 over distinct articles (an article may have several passages)."""
    ndcg = recall = 0.0
    times = []
    for question, relevant in questions:
        started = time.perf_counter()
        found = ask(cache, question, method, 30)
        times.append((time.perf_counter() - started) * 1000)
        articles = list(dict.fromkeys(s.passage.location for s in found.sources))[:10]
        gains = [1.0 if doc in relevant else 0.0 for doc in articles]
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
        ndcg += dcg / ideal if ideal else 0.0
        recall += len(relevant & set(articles)) / len(relevant) if relevant else 0.0
    n = len(questions)
    return (
        f"| {label} | {ndcg / n:.3f} | {recall / n:.3f} | {percentile(times, 0.5):.1f} | "
        f"{percentile(times, 0.95):.1f} |"
    )
