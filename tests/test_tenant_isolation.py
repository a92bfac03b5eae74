"""Every route of the app, called by organisation A with B's identifiers, yields nothing of B.

The routes are enumerated from the app itself, so a route added later is covered without
touching this test; a route with a path parameter this test does not know fails it, which
forces whoever adds one to say which of B's identifiers to try there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from sqlalchemy import select

from tests.conftest import PASSWORD, Tenant
from tests.support.web import csrf_from, login
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.roles import ALL_ROLES, Role
from waarborg.accounts.users import create_user, get_user
from waarborg.conversations.store import ConversationStore, Owner
from waarborg.conversations.vault import Vault
from waarborg.db.database import Database
from waarborg.db.tables import ApiKey, ModelEntry, Organisation, User
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.use_cases import create_use_case, parse_fields

SKIPPED_PREFIXES = ("/static",)  # files shipped with the package, the same for everyone


@dataclass
class Victim:
    """Organisation B and everything of it that must never show up for A."""

    tenant: Tenant
    user_ids: list[str]
    key_id: str
    key_secret: str
    markers: list[str]
    use_case_slug: str = ""
    model_key: str = ""
    conversation_id: str = ""

    def path_value(self, name: str) -> str:
        values = {
            "user_id": self.user_ids[0],
            "key_id": self.key_id,
            "language": "en",
            "provider": "onbekend",
            "slug": self.use_case_slug,
            # B's only use case is unpublished, so B has no public register page: the public
            # routes must answer 404 here and show nothing of B's records.
            "organisation_slug": self.tenant.organisation.slug,
            # B's use case is internal and has no widget origins: the widget routes refuse it.
            "org_slug": self.tenant.organisation.slug,
            "use_case_slug": self.use_case_slug,
            "key": self.model_key,
            "fmt": "json",
            "conversation_id": self.conversation_id,
        }
        if name not in values:
            pytest.fail(f"route parameter '{name}' unknown to the tenant-isolation test: add it")
        return values[name]


@pytest.fixture
def victim(database: Database, make_tenant: Callable[..., Tenant]) -> Victim:
    tenant = make_tenant("beta")
    with database.session() as session:
        key = create_api_key(
            session, tenant.organisation, f"Sleutel van {tenant.organisation.slug}"
        )
        users = session.scalars(
            select(User).where(User.organisation_id == tenant.organisation.id)
        ).all()
        user_ids = [user.id for user in users]
        key_id, secret, prefix = key.record.id, key.secret, key.record.prefix
        organisation = session.get(Organisation, tenant.organisation.id)
        assert organisation is not None
        seed_catalogue(session, organisation)
        model_key = f"alleen-{tenant.organisation.slug}"
        session.add(
            ModelEntry(
                organisation_id=organisation.id,
                key=model_key,
                name=f"Model van {model_key}",
                provider="Eigen organisatie",
                hosting_location="eigen_infrastructuur",
                licence="EUPL-1.2",
                open_weights=True,
                training_data_openness="open",
                backend="extractive",
                context_length=0,
            )
        )
        session.flush()
        owner = Actor.of(get_user(session, tenant.usernames[Role.EIGENAAR]))
        use_case = create_use_case(
            session,
            organisation,
            parse_fields(
                {
                    "slug": f"geheim-{tenant.organisation.slug}",
                    "name": f"Geheim {model_key}",
                    "purpose": "Alleen voor B.",
                    "allowed_models": [model_key],
                }
            ),
            owner,
        )
        use_case_slug, use_case_id = use_case.slug, use_case.id
        store = ConversationStore(session, Vault(b"test-secret-key-that-is-long-enough"))
        conversation = store.open(use_case, Owner(user_id=user_ids[0]), "assistent")
        store.add(conversation, "user", "Vraag van B", retention_days=30)
        conversation_id = conversation.id
    markers = [
        tenant.organisation.name,
        tenant.organisation.slug,
        tenant.organisation.id,
        key_id,
        prefix,
        *tenant.usernames.values(),
        *user_ids,
        use_case_slug,
        use_case_id,
        model_key,
        conversation_id,
    ]
    return Victim(
        tenant, user_ids, key_id, secret, markers, use_case_slug, model_key, conversation_id
    )


@pytest.fixture
def intruder(database: Database, make_tenant: Callable[..., Tenant]) -> tuple[str, str]:
    """A user of organisation A holding every role, and an API key of A."""
    tenant = make_tenant("alfa", roles=())
    with database.session() as session:
        organisation = session.get(Organisation, tenant.organisation.id)
        assert organisation is not None
        username = f"alles.{tenant.organisation.slug}"
        user = create_user(session, organisation, username, "Alle Rollen", ALL_ROLES, PASSWORD)
        # The key acts for that user, so governance API routes are exercised past the role check.
        key = create_api_key(session, organisation, "Sleutel van A", created_by=user.id)
        return username, key.secret


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if path.startswith(SKIPPED_PREFIXES):
            continue
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                found.append((method, path))
    return found


def _fill(path: str, victim: Victim) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: victim.path_value(m.group(1)), path)


def _state(database: Database, victim: Victim) -> tuple[object, ...]:
    with database.session() as session:
        users = session.execute(
            select(User.username, User.display_name, User.active, User.password_hash)
            .where(User.organisation_id == victim.tenant.organisation.id)
            .order_by(User.username)
        ).all()
        keys = session.execute(
            select(ApiKey.id, ApiKey.revoked_at)
            .where(ApiKey.organisation_id == victim.tenant.organisation.id)
            .order_by(ApiKey.id)
        ).all()
    return tuple(users), tuple(keys)


def test_no_route_gives_organisation_a_anything_of_organisation_b(
    app: FastAPI,
    live_url: str,
    database: Database,
    victim: Victim,
    intruder: tuple[str, str],
) -> None:
    username, api_secret = intruder
    routes = _routes(app)
    assert len(routes) >= 15, routes
    before = _state(database, victim)
    checked = []
    for method, template in routes:
        path = _fill(template, victim)
        with httpx.Client(base_url=live_url, follow_redirects=True, timeout=30) as client:
            login(client, username, PASSWORD)
            token = csrf_from(client.get("/account").text)
            headers = {"Authorization": f"Bearer {api_secret}"}
            if method == "GET":
                response = client.get(path, headers=headers)
            else:
                response = client.request(
                    method,
                    path,
                    headers=headers,
                    data={"csrf_token": token, "gebruikersnaam": "x", "naam": "x"},
                )
        body = response.text
        # An identifier the request itself carried may be echoed (e.g. in the language link).
        leaked = [marker for marker in victim.markers if marker in body and marker not in path]
        assert not leaked, f"{method} {template} showed organisation B's data: {leaked}"
        assert _state(database, victim) == before, f"{method} {template} changed B's records"
        checked.append((method, template, response.status_code))
    # Routes that address B's records by id must fail (not found, or refused before lookup).
    by_route = {(m, t): code for m, t, code in checked}
    for method, template in routes:
        addressed = ("user_id", "key_id", "slug", "key", "conversation_id")
        if any(f"{{{name}}}" in template for name in addressed):
            assert by_route[(method, template)] in (403, 404, 422), (method, template)
            if method == "GET":
                assert by_route[(method, template)] == 404, (method, template)


def test_api_key_of_a_sees_only_a(live_url: str, victim: Victim, intruder: tuple[str, str]) -> None:
    _, api_secret = intruder
    with httpx.Client(base_url=live_url) as program:
        mine = program.get("/api/v1/organisatie", headers={"Authorization": f"Bearer {api_secret}"})
        theirs = program.get(
            "/api/v1/organisatie", headers={"Authorization": f"Bearer {victim.key_secret}"}
        )
    assert mine.json()["slug"] != victim.tenant.organisation.slug
    assert theirs.json()["slug"] == victim.tenant.organisation.slug
