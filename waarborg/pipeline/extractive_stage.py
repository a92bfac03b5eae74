"""The extractive engine on the governed path: the best-supported sentences of the relevant
passages, verified, with one citation number per page or file."""

from __future__ import annotations

from waarborg.answering.extractive import ExtractiveEngine
from waarborg.answering.verification import verify
from waarborg.knowledge.lexical_index import Passage
from waarborg.pipeline.results import AnswerResult, Citation
from waarborg.pipeline.stages import Prepared

NEEDS_MODEL = (
    "Deze toepassing heeft een taalmodel nodig en dat is nu niet beschikbaar. "
    "Probeer het later opnieuw."
)


def answer_extractively(prepared: Prepared, engine_name: str = "") -> AnswerResult:
    use_case = prepared.use_case
    relevant = prepared.relevant
    retrieval = prepared.retrieval
    if retrieval is None or not relevant:
        return AnswerResult(use_case.slug, NEEDS_MODEL, True, "model_unavailable", prepared.label)
    draft = ExtractiveEngine().answer(retrieval.index, retrieval.terms, relevant)
    verified = verify(draft, relevant)
    if not verified.claims:
        return AnswerResult(use_case.slug, prepared.fallback, True, "unsupported", prepared.label)

    by_number = {source.number: source for source in relevant}
    numbers: dict[str, int] = {}
    parts = []
    for claim in verified.claims:
        cited = []
        for number in claim.cites:
            location = by_number[number].passage.location
            cited.append(numbers.setdefault(location, len(numbers) + 1))
        parts.append(claim.text + "".join(f" [{n}]" for n in dict.fromkeys(cited)))
    first_passage: dict[str, Passage] = {}
    for source in relevant:
        first_passage.setdefault(source.passage.location, source.passage)
    citations = [
        Citation(
            number=number,
            title=first_passage[location].title or location,
            url=location,
            page=first_passage[location].page,
            chunk_id=first_passage[location].chunk_id,
        )
        for location, number in sorted(numbers.items(), key=lambda item: item[1])
    ]
    return AnswerResult(
        use_case=use_case.slug,
        answer=prepared.guarded.restore(" ".join(parts)),
        refused=False,
        reason="answered",
        label=prepared.label,
        citations=citations,
        support=round(verified.support, 3),
        engine=engine_name or draft.engine,
        removed_claims=len(verified.removed),
        model=prepared.model.key,
    )
