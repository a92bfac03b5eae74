"""The two judgements the register asks for that Waarborg derives from its records: the status
of the algorithm and its publication category. The rules are documented in docs/register.md.
"""

from __future__ import annotations

from collections.abc import Mapping

from waarborg.db.tables import UseCase
from waarborg.governance.ai_act import classify
from waarborg.governance.assessments import personal_data_possible
from waarborg.governance.vocabulary import Audience, TaskType, UseCaseStatus

IN_DEVELOPMENT = "In ontwikkeling"
IN_USE = "In gebruik"
OUT_OF_USE = "Buiten gebruik"

HIGH_RISK = "Hoog-risico AI-systeem"
IMPACTFUL = "Impactvolle algoritmes"
OTHER = "Overige algoritmes"

# Statuses in which a use case is shown on the public register page. A suspended use case stays
# visible, marked as stopped: people who used it should be able to see that it is paused.
PUBLIC_STATUSES = frozenset({UseCaseStatus.PRODUCTION, UseCaseStatus.SUSPENDED})


def register_status(use_case: UseCase) -> str:
    """Production is "in use"; everything before it is "in development"; retired is "out of use".

    The register has no word for a temporary stop. A suspended use case that has been in
    production stays "in use" (the suspension is a pause, not an end, and the public page shows
    it as stopped); one suspended before it ever reached production is still in development.
    """
    status = use_case.status
    if status == UseCaseStatus.PRODUCTION:
        return IN_USE
    if status == UseCaseStatus.RETIRED:
        return OUT_OF_USE
    if status == UseCaseStatus.SUSPENDED and use_case.production_since is not None:
        return IN_USE
    return IN_DEVELOPMENT


def impactful(use_case: UseCase, ai_act_answers: Mapping[str, str]) -> bool:
    """Whether the use case has impact on people outside the organisation's own work.

    It has when citizens talk to it directly, when personal data can reach the model, when it
    helps assess decisions about people, or when its text is published without human editing.
    """
    return (
        use_case.audience == Audience.PUBLIC
        or personal_data_possible(use_case)
        or use_case.task_type == TaskType.DECISION_REVIEW
        or ai_act_answers.get("publiceert_tekst") == "ja"
    )


def publication_category(use_case: UseCase, ai_act_answers: Mapping[str, str]) -> str:
    """The register's category, or "" while the AI Act classification cannot tell.

    High-risk under the AI Act is category A. Otherwise a use case with impact (see
    ``impactful``) is B, "Impactvolle algoritmes"; the rest is C, "Overige algoritmes". A
    prohibited practice has no category: it may not be used at all.
    """
    classification = classify(dict(ai_act_answers))
    if classification.risk_group == "hoog-risico AI-systeem":
        return HIGH_RISK
    if classification.risk_group != "geen hoog-risico AI-systeem":
        return ""
    return IMPACTFUL if impactful(use_case, ai_act_answers) else OTHER
