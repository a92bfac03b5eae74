"""The built-in extractive engine: an answer made of the best-supported sentences of the top
passages, each with its citation. It needs no model and cannot invent anything, which makes
it the safe default for a citizen chatbot on the municipality's own pages."""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.answering.drafts import Claim, Draft, Source
from waarborg.answering.sentences import split_sentences
from waarborg.knowledge.lexical_index import LexicalIndex, QueryTerms

MAX_SENTENCES = 3
MAX_CHARACTERS = 600
MIN_SENTENCE_COVERAGE = 0.25


@dataclass(frozen=True)
class _Candidate:
    score: float
    source: Source
    position: int
    text: str


class ExtractiveEngine:
    name = "extractief"

    def answer(self, index: LexicalIndex, terms: QueryTerms, sources: list[Source]) -> Draft:
        candidates = self._candidates(index, terms, sources)
        if not candidates:
            return Draft(engine=self.name)
        best = max(candidates, key=lambda c: c.score)
        chosen = [best]
        # The sentence after the best one often completes it ("U betaalt … Dat kan met pin.").
        following = [
            c
            for c in candidates
            if c.source.number == best.source.number and c.position == best.position + 1
        ]
        if following and len(best.text) < 200:
            chosen.append(following[0])
        for candidate in sorted(candidates, key=lambda c: -c.score):
            if len(chosen) >= MAX_SENTENCES:
                break
            if candidate in chosen or candidate.score < 0.6 * best.score:
                continue
            if sum(len(c.text) for c in chosen) + len(candidate.text) > MAX_CHARACTERS:
                continue
            chosen.append(candidate)
        chosen.sort(key=lambda c: (c.source.number, c.position))
        claims = [Claim(text=c.text, cites=(c.source.number,)) for c in chosen]
        return Draft(claims=claims, engine=self.name)

    def _candidates(
        self, index: LexicalIndex, terms: QueryTerms, sources: list[Source]
    ) -> list[_Candidate]:
        candidates = []
        top_score = max((s.score for s in sources), default=1.0) or 1.0
        for source in sources:
            for position, sentence in enumerate(split_sentences(source.passage.text)):
                coverage = index.coverage(terms, sentence)
                if coverage < MIN_SENTENCE_COVERAGE or len(sentence) > MAX_CHARACTERS:
                    continue
                # Sentence relevance first, then how relevant its passage was as a whole.
                score = coverage + 0.5 * (source.score / top_score) - 0.02 * position
                candidates.append(_Candidate(score, source, position, sentence))
        return candidates
