"""Who performs a governance action: a signed-in person, or an operator at the CLI acting as a
named user. Every action is attributed to a user so that the history says who decided."""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.accounts.roles import Role
from waarborg.db.tables import User
from waarborg.governance.errors import NotAllowedError


@dataclass(frozen=True)
class Actor:
    user_id: str
    label: str
    roles: frozenset[Role]
    organisation_id: str

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(
            user_id=user.id,
            label=user.username,
            roles=frozenset(Role(name) for name in user.role_names),
            organisation_id=user.organisation_id,
        )

    def require(self, *roles: Role) -> None:
        if not self.roles.intersection(roles):
            names = " of ".join(role.value for role in roles)
            raise NotAllowedError(f"Deze actie vraagt de rol {names}; {self.label} heeft die niet.")
