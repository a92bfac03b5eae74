"""Ask a question of a use case: policy → retrieval → early refusal → engine → verification →
AI label. Stages do not know about HTTP; the CLI, the API and the pages call ``ask``.

The privacy guard runs on the question right after the policy (``privacy_stage``); the audit
event joins in its own stage, and model back-ends other than the extractive engine plug in
through the model back-end registry.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from waarborg.answering.drafts import Source
from waarborg.answering.extractive import ExtractiveEngine
from waarborg.answering.labels import ai_label, fallback_answer
from waarborg.answering.verification import verify
from waarborg.audit.chain import actor_for, append
from waarborg.db.tables import Organisation
from waarborg.governance.policy import Caller, authorise
from waarborg.knowledge.index_cache import IndexCache
from waarborg.knowledge.lexical_index import Passage
from waarborg.pipeline.privacy_stage import guard_input
from waarborg.pipeline.results import AnswerResult, Citation

RETRIEVE = 5  # passages given to the engine
MIN_COVERAGE = 0.4  # share of the question's weight the best passage must contain
MAX_QUESTION = 2000


@dataclass
class Trace:
    """What the audit event needs from inside the path (model chosen, kinds of data found)."""

    model: str = ""
    kinds: frozenset[str] = field(default_factory=frozenset)


class QuestionError(ValueError):
    """The question itself is unusable (empty, too long); nothing was done."""


def ask(
    session: Session,
    organisation: Organisation,
    use_case_slug: str,
    caller: Caller,
    question: str,
    cache: IndexCache,
    language: str = "nl",
    model_key: str | None = None,
) -> AnswerResult:
    """Answer through the governed path and append the audit event (in the caller's
    transaction: the caller commits). The event holds codes, kinds and sources, never text."""
    started = time.perf_counter()
    trace = Trace()
    result = _answer(
        session, organisation, use_case_slug, caller, question, cache, language, model_key, trace
    )
    append(
        session,
        organisation.id,
        kind="verzoek",
        action="vraag",
        actor=actor_for(caller.user_id, caller.api_key_id),
        use_case=result.use_case,
        detail={
            "reason": result.reason,
            "refused": result.refused,
            "model": trace.model,
            "engine": result.engine,
            "personal_data": sorted(trace.kinds),
            "sources": [citation.url for citation in result.citations],
            "support": result.support,
            "removed_claims": result.removed_claims,
            "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return result


def _answer(
    session: Session,
    organisation: Organisation,
    use_case_slug: str,
    caller: Caller,
    question: str,
    cache: IndexCache,
    language: str = "nl",
    model_key: str | None = None,
    trace: Trace | None = None,
) -> AnswerResult:
    trace = trace if trace is not None else Trace()
    question = " ".join(question.split())
    if not question:
        raise QuestionError("Stel een vraag.")
    if len(question) > MAX_QUESTION:
        raise QuestionError(f"Een vraag heeft hoogstens {MAX_QUESTION} tekens.")
    label = ai_label(language)
    decision = authorise(session, organisation, use_case_slug, caller, model_key)
    if not decision.allowed or decision.use_case is None or decision.model is None:
        return AnswerResult(use_case_slug, decision.message, True, decision.reason.value, label)
    use_case = decision.use_case
    trace.model = decision.model.key
    fallback = fallback_answer(use_case.name, use_case.citizen_contact)

    guarded = guard_input(decision, question)
    trace.kinds = guarded.kinds
    if guarded.refusal is not None:
        return AnswerResult(
            use_case.slug, guarded.refusal.message, True, guarded.refusal.reason.value, label
        )

    index = cache.index_for(session, use_case.id)
    terms = index.query_terms(guarded.search_text)
    hits = index.search(terms, RETRIEVE)
    sources = [
        Source(number, index.passages[hit.position], hit.score)
        for number, hit in enumerate(hits, start=1)
    ]
    relevant = [s for s in sources if index.coverage(terms, _searchable(s)) >= MIN_COVERAGE]
    if not relevant:
        return AnswerResult(use_case.slug, fallback, True, "no_relevant_sources", label)

    # Generative back-ends join through the model back-end registry; until one is configured
    # for ``model``, the use case answers extractively, which never invents anything.
    draft = ExtractiveEngine().answer(index, terms, relevant)
    verified = verify(draft, relevant)
    if not verified.claims:
        return AnswerResult(use_case.slug, fallback, True, "unsupported", label)

    # One number per page or file: two passages of the same page share their citation.
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
        answer=guarded.restore(" ".join(parts)),
        refused=False,
        reason="answered",
        label=label,
        citations=citations,
        support=round(verified.support, 3),
        engine=draft.engine,
        removed_claims=len(verified.removed),
    )


def _searchable(source: Source) -> str:
    passage = source.passage
    return " ".join((passage.title, *passage.headings, passage.text))
