"""Account services on both databases: users, passwords, API keys, sessions, throttling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from tests.conftest import PASSWORD, Tenant
from waarborg.accounts.api_keys import authenticate_api_key, create_api_key, revoke_api_key
from waarborg.accounts.errors import DuplicateError, InvalidIdentifierError
from waarborg.accounts.passwords import WeakPasswordError
from waarborg.accounts.roles import Role, UnknownRoleError, parse_roles
from waarborg.accounts.throttle import LoginThrottler, ThrottlePolicy
from waarborg.accounts.tokens import digest
from waarborg.accounts.users import authenticate, create_user, disable_user, get_user
from waarborg.accounts.web_sessions import SessionPolicy, resume_session, start_session
from waarborg.db.database import Database
from waarborg.db.tables import ApiKey, LoginThrottle, User, WebSession


def test_passwords_are_stored_as_argon2id_and_verified(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant()
    username = tenant.username(Role.MEDEWERKER)
    with database.session() as session:
        user = get_user(session, username)
        assert user.password_hash is not None
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        assert authenticate(session, username.upper(), PASSWORD) is not None
        assert authenticate(session, username, PASSWORD + "x") is None
        assert authenticate(session, "bestaat-niet", PASSWORD) is None


def test_duplicate_user_is_refused_and_nothing_changes(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant()
    username = tenant.username(Role.CISO)
    with pytest.raises(DuplicateError, match="al in gebruik"), database.session() as session:
        create_user(session, tenant.organisation, username, "Dubbel", [Role.AUDITOR], PASSWORD)
    with database.session() as session:
        user = get_user(session, username)
        assert user.role_names == ["ciso"]


@pytest.mark.parametrize(
    ("username", "password", "roles", "error"),
    [
        ("kort", "te-kort", ["medewerker"], WeakPasswordError),
        ("spatie in naam", PASSWORD, ["medewerker"], InvalidIdentifierError),
        ("geen-rol", PASSWORD, [], InvalidIdentifierError),
    ],
)
def test_invalid_users_are_refused_without_residue(
    database: Database,
    make_tenant: Callable[..., Tenant],
    username: str,
    password: str,
    roles: list[str],
    error: type[Exception],
) -> None:
    tenant = make_tenant()
    with pytest.raises(error), database.session() as session:
        create_user(session, tenant.organisation, username, "X", parse_roles(roles), password)
    with database.session() as session:
        assert session.scalar(select(User).where(User.username == username)) is None


def test_role_names_are_parsed_leniently_and_strictly() -> None:
    assert parse_roles(["Privacy Officer", "ciso", "CISO"]) == [Role.PRIVACY_OFFICER, Role.CISO]
    with pytest.raises(UnknownRoleError, match="Kies uit"):
        parse_roles(["koning"])


def test_api_keys_are_shown_once_stored_hashed_and_revocable(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant()
    with database.session() as session:
        new_key = create_api_key(session, tenant.organisation, "Open WebUI")
        key_id = new_key.record.id
        secret = new_key.secret
    assert secret.startswith("wb_")
    with database.session() as session:
        stored = session.get(ApiKey, key_id)
        assert stored is not None
        assert secret not in (stored.key_hash, stored.prefix)
        assert stored.last_used_at is None
        found = authenticate_api_key(session, secret)
        assert found is not None
        assert found[1].id == tenant.organisation.id
    with database.session() as session:
        stored = session.get(ApiKey, key_id)
        assert stored is not None
        assert stored.last_used_at is not None
        revoke_api_key(session, stored)
    with database.session() as session:
        assert authenticate_api_key(session, secret) is None
        assert authenticate_api_key(session, "wb_verzonnen") is None
        assert authenticate_api_key(session, "sk-anders") is None


def test_sessions_expire_when_idle_and_when_old(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant()
    policy = SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=8))
    with database.session() as session:
        user = get_user(session, tenant.username(Role.MEDEWERKER))
        fresh, idle, old = (start_session(session, user, policy) for _ in range(3))
    now = datetime.now(UTC)
    with database.session() as session:
        for token, last_seen, expires in (
            (idle, now - timedelta(minutes=31), now + timedelta(hours=1)),
            (old, now, now - timedelta(seconds=1)),
        ):
            record = session.get(WebSession, digest(token))
            assert record is not None
            record.last_seen_at = last_seen
            record.expires_at = expires
    with database.session() as session:
        active, expired = resume_session(session, fresh, policy)
        assert active is not None
        assert not expired
        for token in (idle, old):
            active, expired = resume_session(session, token, policy)
            assert active is None
            assert expired
        assert resume_session(session, "onbekend", policy) == (None, False)


def test_disabling_a_user_ends_their_sessions(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant()
    policy = SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=8))
    with database.session() as session:
        user = get_user(session, tenant.username(Role.EIGENAAR))
        token = start_session(session, user, policy)
        disable_user(session, user)
    with database.session() as session:
        assert resume_session(session, token, policy)[0] is None
        assert authenticate(session, tenant.username(Role.EIGENAAR), PASSWORD) is None


def test_lockout_after_repeated_failures_and_keys_hide_the_username(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant()
    username = tenant.username(Role.AUDITOR)
    throttler = LoginThrottler(
        b"k" * 32,
        ThrottlePolicy(
            max_failures=3,
            failure_window=timedelta(minutes=15),
            lockout=timedelta(minutes=15),
            attempts_per_minute_per_client=100,
        ),
    )
    for _ in range(3):
        with database.session() as session:
            assert throttler.check(session, username, "192.0.2.1").allowed
            throttler.record_failure(session, username)
    with database.session() as session:
        verdict = throttler.check(session, username, "192.0.2.1")
        assert not verdict.allowed
        assert 0 < verdict.retry_after_seconds <= 15 * 60 + 1
        keys = list(session.scalars(select(LoginThrottle.key)))
        assert all(username not in key and "192.0.2.1" not in key for key in keys)
        raw = session.execute(text("SELECT * FROM login_throttle")).all()
        assert username not in repr(raw)
