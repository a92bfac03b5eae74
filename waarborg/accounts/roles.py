"""The roles of the government-wide position on generative AI, and what each may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEDEWERKER = "medewerker"
    EIGENAAR = "eigenaar"
    PRIVACY_OFFICER = "privacy_officer"
    CISO = "ciso"
    BEHEERDER = "beheerder"
    AUDITOR = "auditor"


ALL_ROLES: tuple[Role, ...] = tuple(Role)


class UnknownRoleError(ValueError):
    pass


def parse_roles(values: list[str] | tuple[str, ...]) -> list[Role]:
    """Accept role names as typed by people (case, spaces, 'privacy officer')."""
    roles: list[Role] = []
    for value in values:
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        try:
            role = Role(key)
        except ValueError:
            allowed = ", ".join(role.value for role in ALL_ROLES)
            raise UnknownRoleError(f"Onbekende rol '{value}'. Kies uit: {allowed}.") from None
        if role not in roles:
            roles.append(role)
    return roles
