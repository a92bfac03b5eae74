"""Sign-offs by the roles an organisation requires, valid only for the revision they saw."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.accounts.roles import Role
from waarborg.db.tables import Approval, Organisation, UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.assessments import assessment_of
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import record_change
from waarborg.governance.vocabulary import Decision, UseCaseStatus


@dataclass(frozen=True)
class ApprovalState:
    required: tuple[Role, ...]
    approved: dict[Role, Approval]
    rejected: dict[Role, Approval]

    @property
    def missing(self) -> list[Role]:
        return [role for role in self.required if role not in self.approved]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.rejected


def required_roles(organisation: Organisation) -> tuple[Role, ...]:
    return tuple(Role(name) for name in organisation.required_approver_roles)


def decide(
    session: Session,
    use_case: UseCase,
    organisation: Organisation,
    actor: Actor,
    role: Role,
    decision: Decision,
    comment: str = "",
) -> Approval:
    """Record one role's decision on the current assessment revision."""
    if role not in required_roles(organisation):
        allowed = ", ".join(r.value for r in required_roles(organisation))
        raise GovernanceError(f"De rol {role.value} tekent hier niet; vereist zijn: {allowed}.")
    actor.require(role)
    if role == Role.EIGENAAR and actor.user_id != use_case.owner_id:
        raise GovernanceError("Namens de eigenaar tekent alleen de eigenaar van de toepassing.")
    if use_case.status in {UseCaseStatus.RETIRED, UseCaseStatus.CONCEPT}:
        raise GovernanceError(
            f"Een toepassing met status '{use_case.status}' kan niet worden goedgekeurd."
        )
    if decision == Decision.REJECTED and not comment.strip():
        raise GovernanceError("Geef bij een afwijzing aan waarom.")
    revision = assessment_of(use_case).revision
    approval = Approval(
        organisation_id=use_case.organisation_id,
        use_case_id=use_case.id,
        assessment_revision=revision,
        role=role.value,
        user_id=actor.user_id,
        decision=decision.value,
        comment=comment.strip(),
    )
    session.add(approval)
    use_case.version += 1
    verb = "akkoord gegeven" if decision == Decision.APPROVED else "afgewezen"
    record_change(
        session,
        use_case,
        actor,
        f"besluit_{role.value}",
        f"{role.value} heeft {verb} op revisie {revision}." + (f" {comment}" if comment else ""),
        {"besluit": {"rol": role.value, "besluit": decision.value, "revisie": revision}},
    )
    return approval


def approval_state(
    session: Session, use_case: UseCase, organisation: Organisation
) -> ApprovalState:
    """The latest decision per required role on the current revision."""
    revision = assessment_of(use_case).revision
    rows = session.scalars(
        select(Approval)
        .where(Approval.use_case_id == use_case.id, Approval.assessment_revision == revision)
        .order_by(Approval.decided_at)
    )
    latest: dict[Role, Approval] = {}
    for row in rows:
        latest[Role(row.role)] = row
    required = required_roles(organisation)
    approved = {
        r: a for r, a in latest.items() if a.decision == Decision.APPROVED and r in required
    }
    rejected = {
        r: a for r, a in latest.items() if a.decision == Decision.REJECTED and r in required
    }
    return ApprovalState(required=required, approved=approved, rejected=rejected)
