"""Local user accounts: create, find, authenticate, disable."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg.accounts.errors import DuplicateError, InvalidIdentifierError, NotFoundError
from waarborg.accounts.passwords import hash_password, needs_rehash, verify_password
from waarborg.accounts.roles import Role
from waarborg.accounts.web_sessions import end_sessions_of
from waarborg.db.tables import Organisation, User, UserRole

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,253}$")


def normalise_username(username: str) -> str:
    value = username.strip().lower()
    if not USERNAME_PATTERN.fullmatch(value):
        raise InvalidIdentifierError(
            "Een gebruikersnaam heeft 2 tot 254 tekens: letters, cijfers en . _ @ + -"
        )
    return value


def create_user(
    session: Session,
    organisation: Organisation,
    username: str,
    display_name: str,
    roles: Iterable[Role],
    password: str | None = None,
) -> User:
    """Create an account; with no password it can only log in through OIDC."""
    username = normalise_username(username)
    if find_user(session, username) is not None:
        raise DuplicateError(f"De gebruikersnaam '{username}' is al in gebruik.")
    role_list = list(dict.fromkeys(roles))
    if not role_list:
        raise InvalidIdentifierError("Geef een gebruiker minstens één rol.")
    user = User(
        organisation_id=organisation.id,
        username=username,
        display_name=display_name.strip() or username,
        password_hash=hash_password(password) if password is not None else None,
    )
    user.roles = [UserRole(organisation_id=organisation.id, role=role.value) for role in role_list]
    try:
        # A savepoint: the check above cannot see other organisations through a tenant-bound
        # session, so the unique constraint is the installation-wide arbiter.
        with session.begin_nested():
            session.add(user)
            session.flush()
    except IntegrityError:
        raise DuplicateError(f"De gebruikersnaam '{username}' is al in gebruik.") from None
    return user


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def get_user(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise NotFoundError(f"Gebruiker '{username}' bestaat niet.")
    return user


def list_users(session: Session, organisation_id: str) -> list[User]:
    return list(
        session.scalars(
            select(User).where(User.organisation_id == organisation_id).order_by(User.username)
        )
    )


def count_users(session: Session, organisation_id: str) -> int:
    query = select(func.count()).select_from(User).where(User.organisation_id == organisation_id)
    return int(session.scalar(query) or 0)


def set_roles(session: Session, user: User, roles: Iterable[Role]) -> None:
    role_list = list(dict.fromkeys(roles))
    if not role_list:
        raise InvalidIdentifierError("Geef een gebruiker minstens één rol.")
    user.roles = [UserRole(organisation_id=user.organisation_id, role=r.value) for r in role_list]
    session.flush()


def disable_user(session: Session, user: User) -> None:
    """Disable the account and end its sessions at once."""
    user.active = False
    end_sessions_of(session, user)
    session.flush()


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user whose password matches, else None (constant work either way)."""
    try:
        candidate = find_user(session, normalise_username(username))
    except InvalidIdentifierError:
        candidate = None
    stored = candidate.password_hash if candidate is not None else None
    if not verify_password(stored, password) or candidate is None or not candidate.active:
        return None
    organisation = session.get(Organisation, candidate.organisation_id)
    if organisation is None or not organisation.active:
        return None
    if stored is not None and needs_rehash(stored):
        candidate.password_hash = hash_password(password)
    candidate.last_login_at = datetime.now(UTC)
    return candidate
