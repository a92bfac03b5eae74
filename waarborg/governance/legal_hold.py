"""Legal hold on a use case: while it holds, the purge keeps the use case's conversations and
audit events, whatever their retention says (for a court case, a Woo request or an inquiry).

Only the use case's owner role or the privacy officer places or lifts a hold; each step is in
the use case's history (with the reason) and in the audit log (without it).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from waarborg.accounts.roles import Role
from waarborg.db.tables import UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import record_change

MAX_REASON = 2000


def place_hold(session: Session, use_case: UseCase, actor: Actor, reason: str) -> None:
    actor.require(Role.EIGENAAR, Role.PRIVACY_OFFICER)
    reason = reason.strip()
    if not reason:
        raise GovernanceError("Geef een reden voor de juridische bewaring (--reason).")
    if len(reason) > MAX_REASON:
        raise GovernanceError(f"De reden heeft hoogstens {MAX_REASON} tekens.")
    if use_case.legal_hold:
        raise GovernanceError(f"Toepassing '{use_case.slug}' staat al onder juridische bewaring.")
    use_case.legal_hold = True
    use_case.legal_hold_reason = reason
    session.flush()
    record_change(
        session,
        use_case,
        actor,
        "bewaring_geplaatst",
        f"Juridische bewaring geplaatst: {reason}",
        {"legal_hold": True, "legal_hold_reason": reason},
    )


def release_hold(session: Session, use_case: UseCase, actor: Actor) -> None:
    actor.require(Role.EIGENAAR, Role.PRIVACY_OFFICER)
    if not use_case.legal_hold:
        raise GovernanceError(f"Toepassing '{use_case.slug}' staat niet onder juridische bewaring.")
    use_case.legal_hold = False
    use_case.legal_hold_reason = ""
    session.flush()
    record_change(
        session,
        use_case,
        actor,
        "bewaring_opgeheven",
        "Juridische bewaring opgeheven.",
        {"legal_hold": False, "legal_hold_reason": ""},
    )
