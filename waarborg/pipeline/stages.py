"""The synchronous stages of the governed path: prepare (policy, privacy guard, retrieval,
early refusal) and finish (keep the turn, append the audit event).

They take a database session and do not know about HTTP, threads or event loops; the
orchestrators (``ask`` for one synchronous caller, ``governed`` for streams) run them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from waarborg.answering.drafts import Source
from waarborg.answering.labels import ai_label, fallback_answer
from waarborg.audit.chain import actor_for, append
from waarborg.conversations.store import ConversationStore
from waarborg.conversations.vault import Vault
from waarborg.db.tables import Conversation, ModelEntry, Organisation, UseCase
from waarborg.governance.policy import PolicyDecision, authorise
from waarborg.governance.vocabulary import TaskType
from waarborg.knowledge.index_cache import IndexCache, knowledge_revision
from waarborg.knowledge.retrieval import Retrieval, retrieve
from waarborg.models.protocol import ChatMessage
from waarborg.pipeline.privacy_stage import GuardedInput, guard_history, guard_input
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.turn import TurnRequest

# Reasons after which the turn is kept in the conversation: the question passed the policy
# and the privacy guard, so its (encrypted) text may be stored for the owner.
KEPT_REASONS = frozenset({"answered", "no_relevant_sources", "unsupported", "model_unavailable"})


@dataclass
class Trace:
    """What the audit event needs from inside the path (model chosen, kinds of data found)."""

    started: float = field(default_factory=time.perf_counter)
    model: str = ""
    kinds: frozenset[str] = field(default_factory=frozenset)
    channel: str = ""
    stopped: str = ""  # why a stream was cut off ("use_case_suspended", "backend_error")


@dataclass
class Prepared:
    """A request that passed policy and privacy and has its sources: ready for an engine."""

    turn: TurnRequest
    question: str
    organisation: Organisation
    use_case: UseCase
    model: ModelEntry
    guarded: GuardedInput
    retrieval: Retrieval | None
    conversation: Conversation | None
    label: str
    fallback: str
    history: tuple[ChatMessage, ...] = ()  # earlier turns, guarded like the question
    # An answer given before any engine (nothing relevant in the sources): no model is
    # called, but the turn is kept in the conversation like any other answer.
    early: AnswerResult | None = None

    @property
    def relevant(self) -> list[Source]:
        return self.retrieval.relevant if self.retrieval is not None else []

    @property
    def grounded(self) -> bool:
        """Answers must come from the sources (the use case answers questions over them)."""
        return self.use_case.task_type == TaskType.SOURCE_QA


def prepare(
    session: Session,
    turn: TurnRequest,
    cache: IndexCache,
    vault: Vault | None,
    trace: Trace,
    decided: tuple[Organisation, PolicyDecision] | None = None,
) -> Prepared | AnswerResult:
    """Everything before the engine. A refusal comes back as a finished ``AnswerResult``.

    ``decided`` is the organisation and the policy's decision for this very request when the
    caller has just made it (the gateway decides once, at admission); else it is made here."""
    question = turn.normalised_question()
    label = ai_label(turn.language)
    if decided is None:
        found = session.get(Organisation, turn.organisation_id)
        if found is None:
            raise LookupError("unknown organisation")
        decided = found, authorise(session, found, turn.use_case_slug, turn.caller, turn.model_key)
    organisation, decision = decided
    if not decision.allowed or decision.use_case is None or decision.model is None:
        return AnswerResult(
            turn.use_case_slug, decision.message, True, decision.reason.value, label
        )
    use_case, model = decision.use_case, decision.model
    trace.model = model.key

    conversation = None
    store = ConversationStore(session, vault) if vault is not None else None
    if store is not None and turn.owner is not None and turn.conversation_id:
        conversation = store.find(turn.conversation_id, turn.owner)
        if conversation is None or conversation.use_case_id != use_case.id:
            return AnswerResult(
                use_case.slug,
                "Dit gesprek bestaat niet (meer). Begin een nieuw gesprek.",
                True,
                "conversation_unknown",
                label,
            )
    mapping = store.mapping(conversation) if store is not None and conversation else None
    guarded = guard_input(decision, question, mapping)
    history: tuple[ChatMessage, ...] = ()
    if guarded.refusal is None and turn.history:
        history, guarded = guard_history(decision, turn.history, guarded)
    trace.kinds = guarded.kinds
    if guarded.refusal is not None:
        return AnswerResult(
            use_case.slug, guarded.refusal.message, True, guarded.refusal.reason.value, label
        )
    fallback = fallback_answer(use_case.name, use_case.citizen_contact)
    # Open tasks (rewriting, summarising the user's own text) of a use case without sources
    # have nothing to retrieve; skipping saves the query analysis of a long text.
    retrieval = None
    if use_case.task_type == TaskType.SOURCE_QA or knowledge_revision(session, use_case.id):
        retrieval = retrieve(session, cache, use_case.id, guarded.search_text)
    prepared = Prepared(
        turn,
        question,
        organisation,
        use_case,
        model,
        guarded,
        retrieval,
        conversation,
        label,
        fallback,
        history,
    )
    if prepared.grounded and not prepared.relevant:
        prepared.early = AnswerResult(
            use_case.slug, fallback, True, "no_relevant_sources", label, model=model.key
        )
    return prepared


def finish(
    session: Session,
    turn: TurnRequest,
    prepared: Prepared | None,
    result: AnswerResult,
    vault: Vault | None,
    trace: Trace,
) -> AnswerResult:
    """Keep the turn for its owner (encrypted) and append the audit event, in the caller's
    transaction (the caller commits). The event holds codes, kinds and sources, never text."""
    conversation_id = message_id = None
    use_case = prepared.use_case if prepared is not None else None
    if (
        vault is not None
        and use_case is not None
        and prepared is not None
        and turn.owner is not None
        and result.reason in KEPT_REASONS
    ):
        store = ConversationStore(session, vault)
        conversation = prepared.conversation
        if conversation is not None:
            conversation = session.merge(conversation)
        else:
            conversation = store.open(use_case, turn.owner, turn.channel)
        store.keep_mapping(conversation, prepared.guarded.mapping)
        days = use_case.retention_days
        store.add(conversation, "user", prepared.question, retention_days=days)
        answer = store.add(
            conversation,
            "assistant",
            result.answer,
            retention_days=days,
            citations=[
                {"number": c.number, "url": c.url, "title": c.title, "page": c.page}
                for c in result.citations
            ],
            refused=result.refused,
            reason=result.reason,
            model=trace.model,
            support=result.support,
        )
        conversation_id, message_id = conversation.id, answer.id
    append(
        session,
        turn.organisation_id,
        kind="verzoek",
        action="vraag",
        actor=actor_for(turn.caller.user_id, turn.caller.api_key_id),
        use_case=result.use_case,
        detail={
            "reason": result.reason,
            "refused": result.refused,
            "model": trace.model,
            "engine": result.engine,
            "channel": turn.channel,
            "personal_data": sorted(trace.kinds),
            "sources": [citation.url for citation in result.citations],
            "support": result.support,
            "removed_claims": result.removed_claims,
            "flagged_claims": len(result.flagged_claims),
            "masked_output": result.masked_output,
            "tokens": {"prompt": result.prompt_tokens, "completion": result.completion_tokens},
            "stopped": trace.stopped,
            "conversation": conversation_id or "",
            "latency_ms": round((time.perf_counter() - trace.started) * 1000, 1),
        },
    )
    if conversation_id is None:
        return result
    return replace(result, conversation_id=conversation_id, message_id=message_id)
