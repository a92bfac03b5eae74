"""The policy service: the first step of every request, on every entry point.

It reads the governance records themselves (not a cache), so an approval, a suspension or a
policy change takes effect on the very next request on every worker. A refusal carries a
stable reason code for programs and a Dutch message for people.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from sqlalchemy import Select, String, and_, bindparam, select
from sqlalchemy.orm import Session, lazyload

from waarborg.accounts.roles import Role
from waarborg.db.tables import ApiKeyScope, ModelEntry, Organisation, SupplierAgreement, UseCase
from waarborg.db.tenancy import SELF_SCOPED
from waarborg.governance.catalogue import policy_blocks
from waarborg.governance.vocabulary import (
    SERVING_STATUSES,
    Audience,
    PersonalDataPolicy,
    UseCaseStatus,
)


class Reason(StrEnum):
    ALLOWED = "allowed"
    ORGANISATION_SUSPENDED = "organisation_suspended"
    USE_CASE_UNKNOWN = "use_case_unknown"
    USE_CASE_NOT_ACTIVE = "use_case_not_active"
    USE_CASE_SUSPENDED = "use_case_suspended"
    MODEL_NOT_ALLOWED = "model_not_allowed"
    MODEL_SUSPENDED = "model_suspended"
    MODEL_BLOCKED_BY_POLICY = "model_blocked_by_policy"
    MODEL_WITHOUT_AGREEMENT = "model_without_agreement"
    ACCESS_DENIED = "access_denied"
    ANONYMOUS_NOT_ALLOWED = "anonymous_not_allowed"
    PERSONAL_DATA_IN_SANDBOX = "personal_data_in_sandbox"
    PERSONAL_DATA_BLOCKED = "personal_data_blocked"
    SPECIAL_CATEGORY_DATA = "special_category_data"


@dataclass(frozen=True)
class Caller:
    """Who asks: a signed-in user, a program with an API key, or an anonymous citizen."""

    user_id: str | None = None
    roles: frozenset[Role] = frozenset()
    api_key_id: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.user_id is None and self.api_key_id is None


@dataclass(frozen=True)
class PolicyDecision:
    reason: Reason
    message: str
    use_case: UseCase | None = None
    model: ModelEntry | None = None

    @property
    def allowed(self) -> bool:
        return self.reason == Reason.ALLOWED


def authorise(
    session: Session,
    organisation: Organisation,
    use_case_slug: str,
    caller: Caller,
    model_key: str | None = None,
) -> PolicyDecision:
    """May this caller use this use case (and model) right now?"""
    if organisation.ai_suspended_at is not None:
        return _refuse(
            Reason.ORGANISATION_SUSPENDED,
            f"Alle AI-toepassingen van {organisation.name} zijn tijdelijk stopgezet: "
            f"{organisation.ai_suspended_reason}",
        )
    use_case, scoped = _use_case_and_scope(session, organisation, use_case_slug, caller)
    if use_case is None:
        return _refuse(Reason.USE_CASE_UNKNOWN, f"De toepassing '{use_case_slug}' bestaat niet.")
    if use_case.status == UseCaseStatus.SUSPENDED:
        return _refuse(
            Reason.USE_CASE_SUSPENDED,
            f"{use_case.name} is tijdelijk stopgezet: {use_case.status_reason}",
            use_case,
        )
    if use_case.status not in SERVING_STATUSES:
        return _refuse(
            Reason.USE_CASE_NOT_ACTIVE,
            f"{use_case.name} is niet in gebruik (status: {use_case.status}).",
            use_case,
        )
    access = _access(use_case, caller, scoped)
    if access is not None:
        return PolicyDecision(access[0], access[1], use_case)
    key = model_key or (use_case.allowed_models[0] if use_case.allowed_models else "")
    if key not in use_case.allowed_models:
        return _refuse(
            Reason.MODEL_NOT_ALLOWED,
            f"Het model '{key}' is niet toegestaan voor {use_case.name}.",
            use_case,
        )
    # The model and the agreement with its provider in one statement (the agreement is only
    # consulted for production use cases, but reading it along costs less than a query).
    found = session.execute(
        _model_and_agreement_query(), {"organisation_id": organisation.id, "key": key}
    ).first()
    if found is None:
        return _refuse(Reason.MODEL_NOT_ALLOWED, f"Het model '{key}' bestaat niet.", use_case)
    model, agreement = found
    if model.suspended_at is not None:
        return _refuse(
            Reason.MODEL_SUSPENDED,
            f"Het model {model.name} is tijdelijk stopgezet: {model.suspended_reason}",
            use_case,
        )
    blocked = policy_blocks(model, organisation)
    if blocked:
        return _refuse(Reason.MODEL_BLOCKED_BY_POLICY, blocked, use_case)
    if use_case.status == UseCaseStatus.PRODUCTION and (
        agreement is None or agreement.retraining_on_prompts
    ):
        return _refuse(
            Reason.MODEL_WITHOUT_AGREEMENT,
            f"Voor {model.name} is geen passende leveranciersafspraak vastgelegd.",
            use_case,
        )
    return PolicyDecision(Reason.ALLOWED, "Toegestaan.", use_case, model)


def check_personal_data(decision: PolicyDecision, kinds: Collection[str]) -> PolicyDecision:
    """The second policy step, after the privacy guard found these kinds of personal data."""
    if not decision.allowed or not kinds or decision.use_case is None:
        return decision
    names = ", ".join(sorted(kinds))
    if decision.use_case.status == UseCaseStatus.SANDBOX:
        return PolicyDecision(
            Reason.PERSONAL_DATA_IN_SANDBOX,
            f"In de sandbox mogen geen persoonsgegevens worden gebruikt (gevonden: {names}).",
            decision.use_case,
            decision.model,
        )
    if decision.use_case.personal_data_policy == PersonalDataPolicy.BLOCK:
        return PolicyDecision(
            Reason.PERSONAL_DATA_BLOCKED,
            f"Deze toepassing accepteert geen persoonsgegevens (gevonden: {names}).",
            decision.use_case,
            decision.model,
        )
    return decision


@cache
def _use_case_query() -> Select[UseCase]:
    """Built once with bound parameters (building a query cost about as much as running it)."""
    return (
        select(UseCase)
        .where(
            UseCase.organisation_id == bindparam("organisation_id", type_=String()),
            UseCase.slug == bindparam("slug", type_=String()),
        )
        # The risk assessment (eagerly loaded elsewhere) plays no part in the decision;
        # loading it cost more than the rest of the policy on every request.
        .options(lazyload(UseCase.assessment))
        .execution_options(**{SELF_SCOPED: True})
    )


@cache
def _use_case_and_scope_query() -> Select[UseCase, str]:
    return (
        _use_case_query()
        .add_columns(ApiKeyScope.use_case_id)
        .outerjoin(
            ApiKeyScope,
            and_(
                ApiKeyScope.organisation_id == UseCase.organisation_id,
                ApiKeyScope.use_case_id == UseCase.id,
                ApiKeyScope.api_key_id == bindparam("api_key_id", type_=String()),
            ),
        )
    )


@cache
def _model_and_agreement_query() -> Select[ModelEntry, SupplierAgreement]:
    return (
        select(ModelEntry, SupplierAgreement)
        .outerjoin(
            SupplierAgreement,
            and_(
                SupplierAgreement.organisation_id == ModelEntry.organisation_id,
                SupplierAgreement.provider == ModelEntry.provider,
            ),
        )
        .where(
            ModelEntry.organisation_id == bindparam("organisation_id", type_=String()),
            ModelEntry.key == bindparam("key", type_=String()),
        )
        .execution_options(**{SELF_SCOPED: True})
    )


def _use_case_and_scope(
    session: Session, organisation: Organisation, slug: str, caller: Caller
) -> tuple[UseCase | None, bool]:
    """The use case and, for an API key, whether the key is scoped to it: one statement."""
    values = {"organisation_id": organisation.id, "slug": slug}
    if caller.api_key_id is None:
        return session.scalar(_use_case_query(), values), False
    values["api_key_id"] = caller.api_key_id
    row = session.execute(_use_case_and_scope_query(), values).first()
    if row is None:
        return None, False
    use_case, scope = row
    return use_case, scope is not None


def _access(use_case: UseCase, caller: Caller, scoped: bool) -> tuple[Reason, str] | None:
    """``scoped``: the caller's API key may call this use case."""
    if caller.anonymous:
        if use_case.audience != Audience.PUBLIC:
            return Reason.ANONYMOUS_NOT_ALLOWED, f"{use_case.name} is alleen voor medewerkers."
        return None
    if caller.api_key_id is not None:
        if not scoped:
            return Reason.ACCESS_DENIED, f"Deze API-sleutel heeft geen toegang tot {use_case.name}."
        return None
    if use_case.audience == Audience.PUBLIC:
        return None
    if not caller.roles.intersection(Role(name) for name in use_case.access_roles):
        return Reason.ACCESS_DENIED, f"U heeft geen toegang tot {use_case.name}."
    return None


def _refuse(reason: Reason, message: str, use_case: UseCase | None = None) -> PolicyDecision:
    return PolicyDecision(reason, message, use_case)
