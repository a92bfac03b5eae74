"""Seed the demo organisation with one user per role.

Passwords are random per installation and kept (mode 0600) in the data directory, so that a
demo left running on a network never has a password that is printed in a README.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.accounts.organisations import create_organisation
from waarborg.accounts.roles import Role
from waarborg.accounts.users import create_user, find_user
from waarborg.db.tables import Organisation
from waarborg.demo.use_cases import seed_demo_governance

DEMO_SLUG = "gemeente-voorbeeld"
DEMO_NAME = "Gemeente Voorbeeld"
LOGINS_FILE = "demo-logins.json"

DEMO_PEOPLE: tuple[tuple[str, str, Role], ...] = (
    ("medewerker", "Sanne de Vries", Role.MEDEWERKER),
    ("eigenaar", "Mohamed el Idrissi", Role.EIGENAAR),
    ("privacy", "Annelies van der Berg", Role.PRIVACY_OFFICER),
    ("ciso", "Pieter Jansen", Role.CISO),
    ("beheerder", "Kees van 't Hof", Role.BEHEERDER),
    ("auditor", "Ingrid Bakker", Role.AUDITOR),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role
    display_name: str


def seed_demo(session: Session, data_dir: Path) -> tuple[list[DemoLogin], bool]:
    """Create what is missing; return the logins and whether anything was created."""
    stored = _read_logins(data_dir)
    organisation = session.scalar(select(Organisation).where(Organisation.slug == DEMO_SLUG))
    created = False
    if organisation is None:
        organisation = create_organisation(session, DEMO_SLUG, DEMO_NAME)
        created = True
    logins: list[DemoLogin] = []
    for username, display_name, role in DEMO_PEOPLE:
        password = stored.get(username)
        if find_user(session, username) is None:
            password = _new_password()
            create_user(session, organisation, username, display_name, [role], password)
            created = True
        if password is not None:
            logins.append(DemoLogin(username, password, role, display_name))
    _write_logins(data_dir, {login.username: login.password for login in logins})
    session.flush()
    created = seed_demo_governance(session, organisation) or created
    return logins, created


def _new_password() -> str:
    return "demo-" + secrets.token_urlsafe(12)


def _read_logins(data_dir: Path) -> dict[str, str]:
    path = data_dir / LOGINS_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_logins(data_dir: Path, logins: dict[str, str]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOGINS_FILE
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(json.dumps(logins, indent=2))
