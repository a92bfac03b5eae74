"""The risk assessment of a use case and what it still lacks.

Every field is material: any change raises the revision, so sign-offs given for what was
assessed before no longer count, and a use case in production goes back to review.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy.orm import Session

from waarborg.db.tables import RiskAssessment, UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.ai_act import classify, validate_answers
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import record_change, require_owner_or_admin
from waarborg.governance.vocabulary import (
    DataClassification,
    DpiaStatus,
    ImpactAssessmentStatus,
    PersonalDataPolicy,
    UseCaseStatus,
)

TEXT = 2500


class LegalBasisLink(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    link: str = Field(min_length=1, max_length=500)


class AssessmentFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    legal_basis: str = Field(default="", max_length=TEXT)
    legal_basis_links: list[LegalBasisLink] = Field(default_factory=list)
    necessity: str = Field(default="", max_length=TEXT)
    preconditions: str = Field(default="", max_length=TEXT)
    alternatives: str = Field(default="", max_length=TEXT)
    limits_plan: str = Field(default="", max_length=TEXT)
    exit_strategy: str = Field(default="", max_length=TEXT)
    dpia_status: DpiaStatus = DpiaStatus.NOT_STARTED
    dpia_date: date | None = None
    dpia_link: str = Field(default="", max_length=500)
    dpia_outcome: str = Field(default="", max_length=TEXT)
    iama_status: ImpactAssessmentStatus = ImpactAssessmentStatus.NOT_RELEVANT
    iama_link: str = Field(default="", max_length=500)
    iama_notes: str = Field(default="", max_length=TEXT)
    ai_act_answers: dict[str, str] = Field(default_factory=dict)

    @field_validator("ai_act_answers")
    @classmethod
    def _answers(cls, value: dict[str, str]) -> dict[str, str]:
        problems = validate_answers(value)
        if problems:
            raise ValueError("; ".join(problems))
        return value


FIELD_NAMES = tuple(AssessmentFields.model_fields)

CHECKLIST_LABELS = {
    "legal_basis": "Rechtsgrond (welke wettelijke taak of grondslag)",
    "necessity": "Noodzaak en proportionaliteit",
    "preconditions": "Randvoorwaarden: AI-geletterdheid, governance en informatiebeheer",
    "alternatives": "Minder ingrijpende alternatieven (subsidiariteit)",
    "limits_plan": "Plan voor de grenzen van de techniek (zorgvuldigheid)",
    "exit_strategy": "Exitstrategie om snel te kunnen stoppen (veiligheid)",
}


def assessment_of(use_case: UseCase) -> RiskAssessment:
    if use_case.assessment is None:
        use_case.assessment = RiskAssessment(organisation_id=use_case.organisation_id)
    return use_case.assessment


def current_assessment_fields(use_case: UseCase) -> AssessmentFields:
    record = assessment_of(use_case)
    return AssessmentFields.model_validate({name: getattr(record, name) for name in FIELD_NAMES})


def update_assessment(
    session: Session, use_case: UseCase, changes: dict[str, Any], actor: Actor
) -> dict[str, dict[str, Any]]:
    require_owner_or_admin(use_case, actor)
    record = assessment_of(use_case)
    before = current_assessment_fields(use_case).model_dump(mode="json")
    try:
        merged = AssessmentFields.model_validate({**before, **changes})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise GovernanceError(f"Ongeldige risicobeoordeling: {problems}") from None
    after_json = merged.model_dump(mode="json")
    diff = {
        name: {"oud": before[name], "nieuw": after_json[name]}
        for name in FIELD_NAMES
        if before[name] != after_json[name]
    }
    if not diff:
        return {}
    after = merged.model_dump()
    for name in FIELD_NAMES:
        value = after[name]
        if name == "legal_basis_links":
            value = after_json[name]
        setattr(record, name, value)
    record.revision += 1
    record.updated_at = datetime.now(UTC)
    use_case.version += 1
    summary = f"Risicobeoordeling herzien (revisie {record.revision}); eerdere akkoorden vervallen."
    record_change(session, use_case, actor, "beoordeling_gewijzigd", summary, diff)
    if use_case.status == UseCaseStatus.PRODUCTION:
        _back_to_review(session, use_case, actor)
    return diff


def _back_to_review(session: Session, use_case: UseCase, actor: Actor) -> None:
    use_case.status = UseCaseStatus.IN_REVIEW.value
    use_case.status_reason = "Materiële wijziging van de risicobeoordeling: opnieuw beoordelen."
    use_case.status_changed_at = datetime.now(UTC)
    use_case.version += 1
    record_change(
        session,
        use_case,
        actor,
        "status",
        use_case.status_reason,
        {"status": {"oud": UseCaseStatus.PRODUCTION.value, "nieuw": use_case.status}},
    )


def personal_data_possible(use_case: UseCase) -> bool:
    """Whether personal data can reach the model: then a DPIA is required."""
    return (
        use_case.personal_data_policy != PersonalDataPolicy.BLOCK
        or use_case.data_classification == DataClassification.SPECIAL
    )


def dpia_on_record(record: RiskAssessment) -> bool:
    return (
        record.dpia_status == DpiaStatus.COMPLETED
        and record.dpia_date is not None
        and bool(record.dpia_outcome.strip())
    )


def missing_items(use_case: UseCase) -> list[str]:
    """Everything the assessment still lacks before it can be reviewed, in Dutch."""
    record = assessment_of(use_case)
    missing = [
        label for name, label in CHECKLIST_LABELS.items() if not getattr(record, name).strip()
    ]
    if personal_data_possible(use_case) and not dpia_on_record(record):
        missing.append(
            "Een afgeronde DPIA met datum en uitkomst (persoonsgegevens kunnen worden verwerkt)"
        )
    classification = classify(record.ai_act_answers)
    if not classification.complete:
        missing.append(
            "AI-verordening: beantwoord de vragen " + ", ".join(classification.unanswered)
        )
    if classification.risk_group == "verboden AI-praktijk":
        missing.append(
            "AI-verordening: een verboden AI-praktijk kan niet in gebruik worden genomen"
        )
    if (
        classification.risk_group == "hoog-risico AI-systeem"
        and record.iama_status != ImpactAssessmentStatus.COMPLETED
    ):
        missing.append("Een afgeronde IAMA/FRIA (hoog-risico AI-systeem)")
    if not use_case.human_oversight.strip():
        missing.append("Beschrijving van het menselijk toezicht")
    return missing
