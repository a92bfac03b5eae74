"""Grounding verification: every sentence must be supported by a passage it cites, and may
cite only passages that were retrieved. Unsupported sentences are dropped (or marked), and
the support score is recorded with the answer."""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.answering.drafts import Claim, Draft, Source
from waarborg.knowledge.dutch_text import content_words, stem

SUPPORTED = 0.75  # share of a sentence's content words that must occur in a cited passage


@dataclass(frozen=True)
class Verified:
    claims: list[Claim]
    removed: list[Claim]
    support: float  # mean support of the kept claims (0 when nothing is left)


def support_of(sentence: str, passage_text: str) -> float:
    """Share of the sentence's content words (stemmed) that occur in the passage."""
    sentence_terms = [stem(word) for word in content_words(sentence)]
    if not sentence_terms:
        return 1.0
    passage_terms = {stem(word) for word in content_words(passage_text)}
    return sum(term in passage_terms for term in sentence_terms) / len(sentence_terms)


def verify(draft: Draft, sources: list[Source], drop: bool = True) -> Verified:
    by_number = {source.number: source for source in sources}
    kept: list[Claim] = []
    removed: list[Claim] = []
    for claim in draft.claims:
        cited = [by_number[n] for n in claim.cites if n in by_number]
        support = max((support_of(claim.text, s.passage.text) for s in cited), default=0.0)
        checked = Claim(text=claim.text, cites=tuple(s.number for s in cited), support=support)
        if cited and support >= SUPPORTED:
            kept.append(checked)
        elif drop:
            removed.append(checked)
        else:
            kept.append(
                Claim(text=f"{claim.text} (niet onderbouwd)", cites=checked.cites, support=support)
            )
    mean = sum(c.support for c in kept) / len(kept) if kept else 0.0
    return Verified(claims=kept, removed=removed, support=mean)
