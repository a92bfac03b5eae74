"""Before the governed path: is the model id a use case this key may call (404 / 403), and is
the key or the use case over its limits (429 with ``Retry-After``)?

Every other policy refusal (suspended, not active, model not allowed, kill switch) is left to
the governed path, which answers it as a refusal with ``waarborg.refused = true``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from waarborg.api.gateway_errors import GatewayError, KeyIdentity
from waarborg.api.gateway_limits import Exceeded, Limits, count_request, over_budget, spend
from waarborg.db.database import Database
from waarborg.db.tables import Organisation, UseCase
from waarborg.governance.policy import Caller, PolicyDecision, Reason, authorise
from waarborg.settings import Settings


@dataclass(frozen=True)
class Admitted:
    use_case_id: str | None
    use_case: UseCase | None
    reason: str = Reason.ALLOWED.value  # the policy's decision (the chat path decides again)
    message: str = ""
    model_key: str = ""
    model_backend: str = ""


@dataclass(frozen=True)
class Refused:
    error: GatewayError
    use_case: str  # the known use case's slug for the audit event, else ""


def limits_for(settings: Settings, use_case: UseCase | None) -> Limits:
    own_rpm = use_case.requests_per_minute if use_case is not None else None
    own_tpd = use_case.tokens_per_day if use_case is not None else None
    return Limits(
        key_requests_per_minute=settings.gateway_key_requests_per_minute,
        key_tokens_per_day=settings.gateway_key_tokens_per_day,
        use_case_requests_per_minute=(
            settings.gateway_use_case_requests_per_minute if own_rpm is None else own_rpm
        ),
        use_case_tokens_per_day=(
            settings.gateway_use_case_tokens_per_day if own_tpd is None else own_tpd
        ),
    )


@dataclass(frozen=True)
class Decided:
    """The policy's decision for a request that passed the checks that only read."""

    organisation: Organisation
    decision: PolicyDecision
    limits: Limits

    @property
    def use_case_id(self) -> str | None:
        use_case = self.decision.use_case
        return use_case.id if use_case is not None else None

    @property
    def admitted(self) -> Admitted:
        decision = self.decision
        return Admitted(
            self.use_case_id,
            decision.use_case,
            decision.reason.value,
            decision.message,
            decision.model.key if decision.model is not None else "",
            decision.model.backend if decision.model is not None else "",
        )


def _slug(decision: PolicyDecision) -> str:
    return decision.use_case.slug if decision.use_case is not None else ""


def _limit_error(exceeded: Exceeded) -> GatewayError:
    noun = "verzoeken per minuut" if exceeded.what == "requests" else "tokens per dag"
    whose = "deze API-sleutel" if exceeded.subject == "key" else "deze toepassing"
    return GatewayError(
        429,
        exceeded.code,
        f"De grens van {noun} voor {whose} is bereikt; probeer het over "
        f"{exceeded.retry_after} seconden opnieuw.",
        headers={"Retry-After": str(exceeded.retry_after)},
    )


def decide(
    session: Session,
    settings: Settings,
    who: KeyIdentity,
    use_case_slug: str,
    model_key: str | None,
    organisation: Organisation | None = None,
) -> Decided | Refused:
    """Unknown model (404), no access (403), token budget spent (429): reads only.

    ``organisation`` is the key's, when the caller loaded it in this session already."""
    if organisation is None or organisation.id != who.organisation_id:
        organisation = session.get(Organisation, who.organisation_id)
    if organisation is None:  # pragma: no cover - the key was just authenticated
        return Refused(GatewayError(401, "invalid_api_key", "Onbekende organisatie."), "")
    decision = authorise(
        session, organisation, use_case_slug, Caller(api_key_id=who.key_id), model_key
    )
    if decision.reason == Reason.USE_CASE_UNKNOWN:
        error = GatewayError(
            404,
            "model_not_found",
            f"Het model '{use_case_slug}' bestaat niet of deze sleutel heeft er geen "
            "toegang toe; GET /v1/models toont de toepassingen van deze sleutel.",
            "model",
        )
        return Refused(error, "")
    if decision.reason == Reason.ACCESS_DENIED and decision.use_case is not None:
        error = GatewayError(403, "model_access_denied", decision.message, "model")
        return Refused(error, decision.use_case.slug)
    decided = Decided(organisation, decision, limits_for(settings, decision.use_case))
    spent = over_budget(session, who.key_id, decided.use_case_id, decided.limits)
    if spent is not None:
        return Refused(_limit_error(spent), _slug(decision))
    return decided


def count(session: Session, who: KeyIdentity, decided: Decided) -> Refused | None:
    """Count the request in the per-minute windows (a write); 429 when it goes over."""
    exceeded = count_request(
        session, who.organisation_id, who.key_id, decided.use_case_id, decided.limits
    )
    if exceeded is None:
        return None
    return Refused(_limit_error(exceeded), _slug(decided.decision))


def admission(
    database: Database,
    settings: Settings,
    who: KeyIdentity,
    use_case_slug: str,
    model_key: str | None,
) -> Admitted | Refused:
    """``decide`` and ``count`` in one transaction (for the embeddings endpoint)."""
    with database.session(who.organisation_id) as session:
        decided = decide(session, settings, who, use_case_slug, model_key)
        if isinstance(decided, Refused):
            return decided
        return count(session, who, decided) or decided.admitted


def record_tokens(
    database: Database, who: KeyIdentity, use_case_id: str | None, tokens: int
) -> None:
    with database.session(who.organisation_id) as session:
        spend(session, who.organisation_id, who.key_id, use_case_id, tokens)
