"""Split Dutch text into sentences without breaking on abbreviations, amounts or dates."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (lower case, without dot).
ABBREVIATIONS = frozenset(
    """
    bijv bv bijvoorbeeld o.a oa d.w.z dwz i.p.v ipv m.b.t mbt t.a.v tav t.o.v tov e.d ed enz
    etc art nr no vs ca incl excl max min resp z.s.m zsm m.u.v muv i.v.m ivm jl dhr mevr mw
    drs dr ir mr prof ing st blz pag tel
    """.split()
)
_CANDIDATE = re.compile(r"([.!?]+)(\s+)(?=[\"'(\[]?[A-Z0-9ÀÁÂÄÉÈÊËÍÏÓÖÚÜ€])")
# Every line is its own unit: chunks keep list items and table rows on lines of their own.
_LINE_BREAKS = re.compile(r"\n+")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for raw in _LINE_BREAKS.split(text):
        block = " ".join(raw.split())
        if not block:
            continue
        start = 0
        for match in _CANDIDATE.finditer(block):
            before = block[start : match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if match.group(1) == "." and (last in ABBREVIATIONS or len(last) == 1):
                continue
            sentences.append(block[start : match.end(1)].strip())
            start = match.end()
        tail = block[start:].strip()
        if tail:
            sentences.append(tail)
    return [s.lstrip("-*• ").strip() for s in sentences if len(s.strip()) > 1]
