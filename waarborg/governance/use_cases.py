"""Use cases (toepassingen): create, change and look up, with every change versioned."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.accounts.roles import Role
from waarborg.audit.chain import actor_for, append
from waarborg.db.tables import Organisation, RiskAssessment, UseCase, UseCaseChange, User
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import get_model
from waarborg.governance.errors import GovernanceError
from waarborg.governance.fields import MATERIAL_FIELDS, UseCaseFields
from waarborg.governance.vocabulary import UseCaseStatus

EDITABLE = tuple(name for name in UseCaseFields.model_fields if name not in {"slug", "owner"})


def describe_validation(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem["loc"]) or "invoer"
        parts.append(f"{where}: {problem['msg']}")
    return "Ongeldige gegevens voor de toepassing: " + "; ".join(parts)


def parse_fields(data: dict[str, Any]) -> UseCaseFields:
    try:
        return UseCaseFields.model_validate(data)
    except ValidationError as error:
        raise GovernanceError(describe_validation(error)) from None


def create_use_case(
    session: Session, organisation: Organisation, fields: UseCaseFields, actor: Actor
) -> UseCase:
    actor.require(Role.EIGENAAR, Role.BEHEERDER)
    if find_use_case(session, organisation.id, fields.slug) is not None:
        raise GovernanceError(f"Er is al een toepassing met de korte naam '{fields.slug}'.")
    for key in fields.allowed_models:
        get_model(session, organisation.id, key)
    if fields.owner:
        owner_id = _owner_id(session, organisation.id, fields.owner)
    elif Role.EIGENAAR in actor.roles:
        owner_id = actor.user_id
    else:
        raise GovernanceError("Geef een eigenaar op: een gebruiker met de rol eigenaar.")
    values = _stored_values(fields)
    use_case = UseCase(
        organisation_id=organisation.id,
        slug=fields.slug,
        owner_id=owner_id,
        status=UseCaseStatus.CONCEPT.value,
        version=1,
        **values,
    )
    use_case.assessment = RiskAssessment(organisation_id=organisation.id)
    session.add(use_case)
    session.flush()
    record_change(session, use_case, actor, "aangemaakt", "Toepassing geregistreerd.", {})
    return use_case


def update_use_case(
    session: Session, use_case: UseCase, changes: dict[str, Any], actor: Actor
) -> dict[str, dict[str, Any]]:
    """Apply the changed fields; return what changed. A material change invalidates sign-offs."""
    require_owner_or_admin(use_case, actor)
    current = current_fields(session, use_case)
    merged = parse_fields({**current.model_dump(mode="json"), **changes})
    if merged.slug != use_case.slug:
        raise GovernanceError("De korte naam van een toepassing kan niet veranderen.")
    for key in merged.allowed_models:
        get_model(session, use_case.organisation_id, key)
    before = _stored_values(current)
    after = _stored_values(merged)
    diff = {
        name: {"oud": before[name], "nieuw": after[name]}
        for name in after
        if before[name] != after[name]
    }
    new_owner = _owner_id(session, use_case.organisation_id, merged.owner) if merged.owner else None
    if new_owner and new_owner != use_case.owner_id:
        diff["owner"] = {"oud": current.owner, "nieuw": merged.owner}
        use_case.owner_id = new_owner
    if not diff:
        return {}
    for name, value in after.items():
        setattr(use_case, name, value)
    if MATERIAL_FIELDS.intersection(diff) and use_case.assessment is not None:
        use_case.assessment.revision += 1
    use_case.version += 1
    use_case.updated_at = datetime.now(UTC)
    record_change(session, use_case, actor, "gewijzigd", ", ".join(sorted(diff)), diff)
    return diff


def current_fields(session: Session, use_case: UseCase) -> UseCaseFields:
    owner = session.get(User, use_case.owner_id) if use_case.owner_id else None
    return UseCaseFields.model_validate(
        {
            "slug": use_case.slug,
            "owner": owner.username if owner else None,
            **{name: getattr(use_case, name) for name in EDITABLE},
        }
    )


def record_change(
    session: Session,
    use_case: UseCase,
    actor: Actor,
    action: str,
    summary: str,
    changes: dict[str, Any],
) -> UseCaseChange:
    entry = UseCaseChange(
        organisation_id=use_case.organisation_id,
        use_case_id=use_case.id,
        version=use_case.version,
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action,
        summary=summary,
        changes=changes,
    )
    session.add(entry)
    session.flush()
    # The audit log gets the fact, not the words: summaries and comments can hold names.
    append(
        session,
        use_case.organisation_id,
        kind="beheer",
        action=f"toepassing_{action}",
        actor=actor_for(user_id=actor.user_id),
        use_case=use_case.slug,
        detail={"version": use_case.version, "fields": sorted(changes)},
    )
    return entry


def history(session: Session, use_case: UseCase) -> list[UseCaseChange]:
    query = select(UseCaseChange).where(UseCaseChange.use_case_id == use_case.id)
    return list(session.scalars(query.order_by(UseCaseChange.changed_at, UseCaseChange.version)))


def find_use_case(session: Session, organisation_id: str, slug: str) -> UseCase | None:
    return session.scalar(
        select(UseCase).where(UseCase.organisation_id == organisation_id, UseCase.slug == slug)
    )


def get_use_case(session: Session, organisation_id: str, slug: str) -> UseCase:
    use_case = find_use_case(session, organisation_id, slug)
    if use_case is None:
        raise GovernanceError(f"Toepassing '{slug}' bestaat niet in deze organisatie.")
    return use_case


def list_use_cases(session: Session, organisation_id: str) -> list[UseCase]:
    query = select(UseCase).where(UseCase.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(UseCase.name)))


def require_owner_or_admin(use_case: UseCase, actor: Actor) -> None:
    if actor.user_id == use_case.owner_id or Role.BEHEERDER in actor.roles:
        return
    actor.require(Role.EIGENAAR)
    if actor.user_id != use_case.owner_id:
        raise GovernanceError("Alleen de eigenaar van de toepassing of een beheerder mag dit.")


def _owner_id(session: Session, organisation_id: str, username: str) -> str:
    owner = session.scalar(
        select(User).where(User.organisation_id == organisation_id, User.username == username)
    )
    if owner is None:
        raise GovernanceError(f"Eigenaar '{username}' is geen gebruiker van deze organisatie.")
    if Role.EIGENAAR.value not in owner.role_names:
        raise GovernanceError(f"Eigenaar '{username}' heeft de rol eigenaar niet.")
    return owner.id


def _stored_values(fields: UseCaseFields) -> dict[str, Any]:
    data = fields.model_dump(mode="json")
    return {name: data[name] for name in EDITABLE}
