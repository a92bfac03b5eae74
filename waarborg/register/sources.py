"""What data a use case works with, for the register's "Gegevens" fields.

Extension point: the approved knowledge sources of a use case come in a later part of Waarborg
(``waarborg.knowledge``). Until then ``NO_SOURCES`` answers, and the text says honestly that the
sources are not yet recorded. The knowledge package will provide a ``SourceCatalogue`` that lists
the sources approved for a use case; the export and the public page then show them without
further changes here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from waarborg.db.tables import UseCase
from waarborg.register.html import bullet_list
from waarborg.register.wording import CLASSIFICATIONS, PERSONAL_DATA, TASKS, word


@dataclass(frozen=True)
class SourceReference:
    """One approved source: what people call it and where to read about it."""

    title: str
    link: str


class SourceCatalogue(Protocol):
    def sources_for(self, session: Session, use_case: UseCase) -> Sequence[SourceReference]:
        """The sources approved for this use case, in the order to show them."""
        ...


class _NoKnowledgeSources:
    def sources_for(self, session: Session, use_case: UseCase) -> Sequence[SourceReference]:
        return ()


NO_SOURCES: SourceCatalogue = _NoKnowledgeSources()

NOT_YET_RECORDED = "Welke bronnen zijn goedgekeurd, is nog niet in deze registratie vastgelegd."


def describe_data(use_case: UseCase, sources: Sequence[SourceReference]) -> str:
    """Plain text: the input, its classification, the personal-data rule and the sources."""
    parts = [
        f"Invoer: wat gebruikers vragen of aanleveren (taak: {word(TASKS, use_case.task_type)}). "
        f"Gegevensclassificatie: {word(CLASSIFICATIONS, use_case.data_classification)}.",
        "Omgang met persoonsgegevens: " + word(PERSONAL_DATA, use_case.personal_data_policy),
    ]
    if sources:
        parts.append("Goedgekeurde bronnen:")
        parts.append(bullet_list(source.title for source in sources))
    else:
        parts.append(NOT_YET_RECORDED)
    return "\n\n".join(parts)
