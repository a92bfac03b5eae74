"""Status changes of a use case and their preconditions.

concept → sandbox → in review → production; any serving status → suspended (the kill switch,
see ``kill_switch``); anything → retired. A refused change lists exactly what is missing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from waarborg.accounts.roles import Role
from waarborg.db.tables import Organisation, UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.approvals import approval_state
from waarborg.governance.assessments import missing_items
from waarborg.governance.catalogue import get_model, production_blockers
from waarborg.governance.errors import GovernanceError, TransitionRefusedError
from waarborg.governance.use_cases import record_change, require_owner_or_admin
from waarborg.governance.vocabulary import UseCaseStatus

ROLE_LABELS = {
    Role.EIGENAAR: "de eigenaar",
    Role.PRIVACY_OFFICER: "de privacy officer",
    Role.CISO: "de CISO",
    Role.BEHEERDER: "de beheerder",
    Role.AUDITOR: "de auditor",
    Role.MEDEWERKER: "een medewerker",
}

# Which statuses each status may move to through ``change_status`` (suspension and resumption
# go through the kill switch).
TRANSITIONS: dict[UseCaseStatus, frozenset[UseCaseStatus]] = {
    UseCaseStatus.CONCEPT: frozenset({UseCaseStatus.SANDBOX, UseCaseStatus.IN_REVIEW}),
    UseCaseStatus.SANDBOX: frozenset({UseCaseStatus.IN_REVIEW, UseCaseStatus.CONCEPT}),
    UseCaseStatus.IN_REVIEW: frozenset(
        {UseCaseStatus.PRODUCTION, UseCaseStatus.SANDBOX, UseCaseStatus.CONCEPT}
    ),
    UseCaseStatus.PRODUCTION: frozenset({UseCaseStatus.IN_REVIEW}),
    UseCaseStatus.SUSPENDED: frozenset(),
    UseCaseStatus.RETIRED: frozenset(),
}


def missing_for(
    session: Session, use_case: UseCase, organisation: Organisation, target: UseCaseStatus
) -> list[str]:
    """What the use case lacks for the target status (empty: nothing)."""
    if target in {UseCaseStatus.CONCEPT, UseCaseStatus.SANDBOX}:
        return [] if use_case.owner_id else ["Een eigenaar van de toepassing"]
    missing = missing_items(use_case)
    if target == UseCaseStatus.PRODUCTION:
        state = approval_state(session, use_case, organisation)
        for role in state.missing:
            missing.append(f"Akkoord van {ROLE_LABELS[role]} op de huidige beoordeling")
        for role, approval in state.rejected.items():
            missing.append(f"{ROLE_LABELS[role].capitalize()} heeft afgewezen: {approval.comment}")
        for key in use_case.allowed_models:
            missing.extend(
                production_blockers(session, get_model(session, organisation.id, key), organisation)
            )
        if not use_case.contact_email:
            missing.append("Een contactadres (e-mail) voor vragen over de toepassing")
    return missing


def change_status(
    session: Session,
    use_case: UseCase,
    organisation: Organisation,
    target: UseCaseStatus,
    actor: Actor,
    reason: str = "",
) -> None:
    current = UseCaseStatus(use_case.status)
    if target == UseCaseStatus.RETIRED:
        require_owner_or_admin(use_case, actor)
        apply_status(session, use_case, target, actor, reason or "Buiten gebruik gesteld.")
        return
    if target not in TRANSITIONS[current]:
        raise GovernanceError(
            f"Van '{current.value}' naar '{target.value}' is geen toegestane overgang."
        )
    if target == UseCaseStatus.SANDBOX and actor.user_id != use_case.owner_id:
        raise GovernanceError("Alleen de eigenaar van de toepassing zet haar in de sandbox.")
    require_owner_or_admin(use_case, actor)
    missing = missing_for(session, use_case, organisation, target)
    if missing:
        raise TransitionRefusedError(target.value, missing)
    apply_status(session, use_case, target, actor, reason)


def apply_status(
    session: Session, use_case: UseCase, target: UseCaseStatus, actor: Actor, reason: str
) -> None:
    previous = use_case.status
    now = datetime.now(UTC)
    use_case.status = target.value
    use_case.status_reason = reason.strip()
    use_case.status_changed_at = now
    if target == UseCaseStatus.PRODUCTION and use_case.production_since is None:
        use_case.production_since = now
    use_case.version += 1
    record_change(
        session,
        use_case,
        actor,
        "status",
        reason.strip() or f"Status gewijzigd naar {target.value}.",
        {"status": {"oud": previous, "nieuw": target.value}},
    )
