"""The kill switch: suspend a use case, a model or everything of an organisation, with a
reason, at once. Every request reads these records, so a suspension committed on one worker
is refused by every worker on its next request."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from waarborg.accounts.roles import Role
from waarborg.audit.chain import actor_for, append
from waarborg.db.tables import ModelEntry, Organisation, UseCase, UseCaseChange
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import resume_model, suspend_model
from waarborg.governance.errors import GovernanceError, TransitionRefusedError
from waarborg.governance.lifecycle import apply_status, missing_for
from waarborg.governance.vocabulary import UseCaseStatus

# Anyone who carries responsibility for the use of AI may pull the plug.
SUSPENDERS = (Role.EIGENAAR, Role.BEHEERDER, Role.CISO, Role.PRIVACY_OFFICER)


def _reason(reason: str) -> str:
    if not reason.strip():
        raise GovernanceError("Geef een reden voor het schorsen.")
    return reason.strip()


def suspend_use_case(session: Session, use_case: UseCase, actor: Actor, reason: str) -> None:
    actor.require(*SUSPENDERS)
    if use_case.status in {UseCaseStatus.SUSPENDED, UseCaseStatus.RETIRED}:
        raise GovernanceError(f"De toepassing is al '{use_case.status}'.")
    apply_status(session, use_case, UseCaseStatus.SUSPENDED, actor, _reason(reason))


def resume_use_case(
    session: Session, use_case: UseCase, organisation: Organisation, actor: Actor
) -> UseCaseStatus:
    """Back to the status before the suspension; only the owner decides that."""
    if use_case.status != UseCaseStatus.SUSPENDED:
        raise GovernanceError("De toepassing is niet geschorst.")
    if actor.user_id != use_case.owner_id:
        raise GovernanceError("Alleen de eigenaar van de toepassing kan haar hervatten.")
    target = status_before_suspension(session, use_case)
    missing = missing_for(session, use_case, organisation, target)
    if missing:
        raise TransitionRefusedError(target.value, missing)
    apply_status(session, use_case, target, actor, f"Hervat na schorsing ({target.value}).")
    return target


def status_before_suspension(session: Session, use_case: UseCase) -> UseCaseStatus:
    changes = session.scalars(
        select(UseCaseChange)
        .where(UseCaseChange.use_case_id == use_case.id, UseCaseChange.action == "status")
        .order_by(UseCaseChange.changed_at.desc(), UseCaseChange.version.desc())
    )
    for change in changes:
        status = change.changes.get("status", {})
        if status.get("nieuw") == UseCaseStatus.SUSPENDED:
            return UseCaseStatus(status["oud"])
    return UseCaseStatus.CONCEPT


def suspend_model_entry(model: ModelEntry, actor: Actor, reason: str) -> None:
    actor.require(Role.BEHEERDER, Role.CISO)
    if model.suspended_at is not None:
        raise GovernanceError(f"{model.name} is al geschorst.")
    suspend_model(model, _reason(reason))
    _audit(model, model.organisation_id, "model_geschorst", actor, {"model": model.key})


def resume_model_entry(model: ModelEntry, actor: Actor) -> None:
    actor.require(Role.BEHEERDER, Role.CISO)
    if model.suspended_at is None:
        raise GovernanceError(f"{model.name} is niet geschorst.")
    resume_model(model)
    _audit(model, model.organisation_id, "model_hervat", actor, {"model": model.key})


def suspend_organisation(organisation: Organisation, actor: Actor, reason: str) -> None:
    actor.require(Role.BEHEERDER, Role.CISO)
    if organisation.ai_suspended_at is not None:
        raise GovernanceError(f"Alle AI van {organisation.name} is al geschorst.")
    organisation.ai_suspended_reason = _reason(reason)
    organisation.ai_suspended_at = datetime.now(UTC)
    _audit(organisation, organisation.id, "organisatie_geschorst", actor, {})


def resume_organisation(organisation: Organisation, actor: Actor) -> None:
    actor.require(Role.BEHEERDER)
    if organisation.ai_suspended_at is None:
        raise GovernanceError(f"De AI van {organisation.name} is niet geschorst.")
    organisation.ai_suspended_at = None
    organisation.ai_suspended_reason = None
    _audit(organisation, organisation.id, "organisatie_hervat", actor, {})


def _audit(
    record: object, organisation_id: str, action: str, actor: Actor, detail: dict[str, str]
) -> None:
    """The fact goes to the audit log, not the reason: a reason is free text."""
    session = object_session(record)
    if session is None:  # a detached record: the caller keeps no transaction to write into
        raise GovernanceError("Interne fout: het record hoort niet bij een databasesessie.")
    append(
        session,
        organisation_id,
        kind="beheer",
        action=action,
        actor=actor_for(user_id=actor.user_id),
        detail=detail,
    )
