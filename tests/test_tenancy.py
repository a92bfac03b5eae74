"""Tenant scoping at the storage layer: a session bound to one organisation sees only its rows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, update

from tests.conftest import Tenant
from waarborg.accounts.roles import Role
from waarborg.db.database import Database
from waarborg.db.tables import User, UserRole


def test_bound_session_sees_only_its_own_organisation(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    a, b = make_tenant("alfa"), make_tenant("beta")
    # Looked up first: one thread never holds two SQLite transactions at once.
    b_user = _user_id(database, b.username(Role.MEDEWERKER))
    with database.session(a.organisation.id) as session:
        usernames = set(session.scalars(select(User.username)))
        roles = {row.user_id for row in session.scalars(select(UserRole))}
        by_id = session.get(User, b_user)
    assert usernames >= set(a.usernames.values())
    assert not usernames & set(b.usernames.values())
    assert all(_org_of(database, user_id) == a.organisation.id for user_id in roles)
    assert by_id is None or by_id.organisation_id == a.organisation.id


def test_bound_session_cannot_update_or_write_other_organisation(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    a, b = make_tenant("alfa"), make_tenant("beta")
    victim = b.username(Role.BEHEERDER)
    with database.session(a.organisation.id) as session:
        session.execute(
            update(User).where(User.username == victim).values(display_name="overgenomen")
        )
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == victim))
        assert user is not None
        assert user.display_name != "overgenomen"

    with pytest.raises(PermissionError), database.session(a.organisation.id) as session:
        session.add(User(organisation_id=b.organisation.id, username="indringer", display_name="x"))
    with database.session() as session:
        assert session.scalar(select(User).where(User.username == "indringer")) is None


def _user_id(database: Database, username: str) -> str:
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return user.id


def _org_of(database: Database, user_id: str) -> str:
    with database.session() as session:
        user = session.get(User, user_id)
        assert user is not None
        return user.organisation_id
