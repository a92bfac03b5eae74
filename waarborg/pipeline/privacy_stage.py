"""The privacy stage of the request path: what personal data is in the input, may the use case
receive it, and what the rest of the path sees instead.

- Special categories (health, religion, …) are refused unless the use case is classified for
  them: they cannot be pseudonymised away, the phrase itself reveals them.
- Any personal data in a sandbox use case is refused; a use case that blocks personal data
  refuses it; ``pseudonimiseren`` replaces each value with a placeholder before retrieval or
  any model sees it, and only the answer shown to the same person gets the values back;
  ``toestaan`` (only possible with a DPIA on record) passes the text on unchanged.
Refusal messages name the kinds found, never the values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from waarborg.governance.policy import PolicyDecision, Reason, check_personal_data
from waarborg.governance.vocabulary import DataClassification, PersonalDataPolicy
from waarborg.models.protocol import ChatMessage
from waarborg.privacy import EntityType, Pseudonymiser, PseudonymMap
from waarborg.privacy.mapping import PLACEHOLDER


@dataclass(frozen=True)
class Refusal:
    reason: Reason
    message: str


@dataclass
class GuardedInput:
    text: str
    kinds: frozenset[str] = frozenset()
    refusal: Refusal | None = None
    mapping: PseudonymMap = field(default_factory=PseudonymMap)

    @property
    def search_text(self) -> str:
        """The text to search the sources with: placeholders say nothing about the topic."""
        return " ".join(PLACEHOLDER.sub(" ", self.text).split())

    def restore(self, answer: str) -> str:
        """Values back in the answer for the person who typed them (placeholders only)."""
        return Pseudonymiser(self.mapping).restore(answer) if self.mapping else answer


def guard_input(
    decision: PolicyDecision, text: str, mapping: PseudonymMap | None = None
) -> GuardedInput:
    """``mapping`` is the conversation's own (from its vault), so "[PERSOON_1]" means the same
    person in every turn of one conversation."""
    use_case = decision.use_case
    if use_case is None:
        return GuardedInput(text)
    pseudonymiser = Pseudonymiser(mapping)
    result = pseudonymiser.pseudonymise(text)
    kinds = frozenset(e.type.value for e in result.entities if e.type != EntityType.BIJZONDER)
    if result.categories and use_case.data_classification != DataClassification.SPECIAL:
        names = ", ".join(sorted(category.value.lower() for category in result.categories))
        return GuardedInput(
            text,
            kinds,
            Refusal(
                Reason.SPECIAL_CATEGORY_DATA,
                f"Uw bericht bevat bijzondere persoonsgegevens ({names}); deze toepassing mag "
                "die niet verwerken. Laat ze weg of neem contact op met de organisatie.",
            ),
        )
    checked = check_personal_data(decision, kinds)
    if not checked.allowed:
        return GuardedInput(text, kinds, Refusal(checked.reason, checked.message))
    if kinds and use_case.personal_data_policy == PersonalDataPolicy.PSEUDONYMISE:
        return GuardedInput(result.text, kinds, mapping=pseudonymiser.mapping)
    return GuardedInput(text, kinds, mapping=pseudonymiser.mapping)


def guard_history(
    decision: PolicyDecision, history: tuple[ChatMessage, ...], question: GuardedInput
) -> tuple[tuple[ChatMessage, ...], GuardedInput]:
    """Earlier turns a client sends along get the same rules as the question, with the same
    mapping, so "[BSN_1]" means one value throughout the prompt. Returns the history as the
    model may see it and the question's guard with the kinds found anywhere (and a refusal
    when the history holds what the use case may not receive)."""
    guarded: list[ChatMessage] = []
    kinds = set(question.kinds)
    for message in history:
        turn = guard_input(decision, message.content, question.mapping)
        kinds.update(turn.kinds)
        if turn.refusal is not None:
            return (), GuardedInput(question.text, frozenset(kinds), turn.refusal, question.mapping)
        guarded.append(replace(message, content=turn.text))
    return tuple(guarded), replace(question, kinds=frozenset(kinds))
