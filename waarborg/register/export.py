"""Export: the entry is handed out only when the standard accepts it; otherwise the owner gets
every problem by name, plus where in Waarborg to fix the fields Waarborg derives."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from waarborg.db.tables import Organisation, UseCase
from waarborg.governance.ai_act import classify
from waarborg.governance.errors import GovernanceError
from waarborg.register.entry import assessment_or_blank, build_register_entry
from waarborg.register.sources import NO_SOURCES, SourceCatalogue
from waarborg.register.standard import label
from waarborg.register.validation import validate_entry


class RegisterExportError(GovernanceError):
    """The entry does not meet the publication standard; ``problems`` names each issue."""

    def __init__(self, use_case_name: str, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(
            f"De registerpublicatie van '{use_case_name}' voldoet niet aan de "
            f"publicatiestandaard. Nog nodig:\n{lines}"
        )


def hints(use_case: UseCase, entry: Mapping[str, Any]) -> list[str]:
    """Where to fill in what the register needs but Waarborg derives from other records."""
    found = []
    if not entry.get("publication_category"):
        classification = classify(assessment_or_blank(use_case).ai_act_answers or {})
        if classification.risk_group == "verboden AI-praktijk":
            found.append("Een verboden AI-praktijk heeft geen publicatiecategorie.")
        else:
            found.append(
                f"{label('publication_category')} volgt uit de AI-verordening: beantwoord de "
                "vragen in de risicobeoordeling."
            )
    if not entry.get("contact_email"):
        found.append(
            f"{label('contact_email')}: vul een contactadres in bij de toepassing of bij de "
            "organisatie."
        )
    return found


def export_use_case(
    session: Session,
    organisation: Organisation,
    use_case: UseCase,
    *,
    public_url: str | None = None,
    sources: SourceCatalogue = NO_SOURCES,
) -> dict[str, Any]:
    """The validated entry; raises ``RegisterExportError`` listing every problem."""
    entry = build_register_entry(
        session, organisation, use_case, public_url=public_url, sources=sources
    )
    problems = validate_entry(entry)
    if problems:
        raise RegisterExportError(use_case.name, problems + hints(use_case, entry))
    return entry


def entry_json(entry: Mapping[str, Any]) -> str:
    """The file as people download it: UTF-8, readable, stable key order."""
    return json.dumps(entry, ensure_ascii=False, indent=2) + "\n"


def file_name(organisation: Organisation, use_case: UseCase) -> str:
    return f"algoritmeregister-{organisation.slug}-{use_case.slug}.json"
