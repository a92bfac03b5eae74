"""Verification of a generated answer: every sentence must cite a retrieved passage that
supports it. A model may write "[7]" when only five passages were given, or cite a passage
that says something else; such sentences are removed (whole answers) or marked (streams,
which cannot take back what they sent)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from waarborg.answering.sentences import split_sentences
from waarborg.answering.verification import support_of

CITATION = re.compile(r"\s*\[(\d{1,3})\]")
# "… € 75. [1]" cites the sentence before it: move such markers in front of the full stop.
_TRAILING = re.compile(r"([.!?])((?:\s*\[\d{1,3}\])+)")
# Paraphrase keeps fewer of the passage's words than extraction does (0.75 there).
SUPPORTED = 0.5
UNSUPPORTED_MARK = " (niet onderbouwd)"


@dataclass(frozen=True)
class CheckedSentence:
    text: str  # without its citation markers
    cites: tuple[int, ...]  # only numbers of passages that were given
    support: float

    @property
    def supported(self) -> bool:
        return bool(self.cites) and self.support >= SUPPORTED

    def render(self, mark: str = "") -> str:
        """The sentence with its citations (and mark) before its closing punctuation."""
        body, end = self.text, ""
        if body and body[-1] in ".!?":
            body, end = body[:-1].rstrip(), body[-1]
        return body + "".join(f" [{n}]" for n in self.cites) + mark + end


@dataclass(frozen=True)
class GroundedAnswer:
    sentences: list[CheckedSentence]

    @property
    def kept(self) -> list[CheckedSentence]:
        return [s for s in self.sentences if s.supported]

    @property
    def unsupported(self) -> list[CheckedSentence]:
        return [s for s in self.sentences if not s.supported]

    @property
    def support(self) -> float:
        kept = self.kept
        return sum(s.support for s in kept) / len(kept) if kept else 0.0

    @property
    def cited(self) -> list[int]:
        return sorted({n for s in self.kept for n in s.cites})

    def text(self, *, drop: bool) -> str:
        if drop:
            return " ".join(s.render() for s in self.kept)
        return " ".join(
            s.render() if s.supported else s.render(UNSUPPORTED_MARK) for s in self.sentences
        )


def check(answer: str, passages: dict[int, str]) -> GroundedAnswer:
    checked = []
    for sentence in split_sentences(_TRAILING.sub(r"\2\1", answer)):
        numbers = tuple(int(n) for n in CITATION.findall(sentence))
        plain = CITATION.sub("", sentence).strip()
        if not plain:
            continue
        cites = tuple(dict.fromkeys(n for n in numbers if n in passages))
        support = max((support_of(plain, passages[n]) for n in cites), default=0.0)
        checked.append(CheckedSentence(plain, cites, support))
    return GroundedAnswer(checked)
