"""An organisation's AI policy: which models it refuses, who must sign off, its contact."""

from __future__ import annotations

from waarborg.accounts.roles import Role, UnknownRoleError, parse_roles
from waarborg.db.tables import Organisation
from waarborg.governance.actors import Actor
from waarborg.governance.errors import GovernanceError
from waarborg.governance.fields import EMAIL

# The roles that can be required to sign off before production.
APPROVER_ROLES = (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.BEHEERDER)


def set_policy(
    organisation: Organisation,
    actor: Actor,
    *,
    block_non_eu: bool | None = None,
    block_closed: bool | None = None,
    approvers: list[str] | None = None,
    contact_email: str | None = None,
) -> None:
    """Change what is given; refuse what would make no sense. Only a beheerder decides."""
    actor.require(Role.BEHEERDER)
    if approvers is not None:
        try:
            roles = parse_roles(approvers)
        except UnknownRoleError as error:
            raise GovernanceError(str(error)) from None
        if not roles or not set(roles) <= set(APPROVER_ROLES):
            allowed = ", ".join(role.value for role in APPROVER_ROLES)
            raise GovernanceError(f"Kies minstens één rol die moet tekenen uit: {allowed}.")
        organisation.required_approver_roles = [role.value for role in roles]
    if contact_email is not None:
        email = contact_email.strip()
        if email and not EMAIL.fullmatch(email):
            raise GovernanceError(f"'{email}' is geen geldig e-mailadres.")
        organisation.contact_email = email
    if block_non_eu is not None:
        organisation.block_non_eu_models = block_non_eu
    if block_closed is not None:
        organisation.block_closed_models = block_closed
