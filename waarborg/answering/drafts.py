"""What engines produce and what the verifier and the pages consume."""

from __future__ import annotations

from dataclasses import dataclass, field

from waarborg.knowledge.lexical_index import Passage


@dataclass(frozen=True)
class Source:
    """A retrieved passage, numbered as the answer cites it."""

    number: int
    passage: Passage
    score: float


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer and the sources it says support it."""

    text: str
    cites: tuple[int, ...]
    support: float = 0.0


@dataclass
class Draft:
    claims: list[Claim] = field(default_factory=list)
    engine: str = ""
