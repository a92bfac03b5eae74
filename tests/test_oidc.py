"""OpenID Connect login, end to end: a real Waarborg server, a real test provider, and httpx
following the redirects as a browser would. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import html
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.support.live_server import live_server
from tests.support.oidc_provider import (
    ENTRA_PATH,
    KEYCLOAK_PATH,
    IdentityProvider,
    IdpUser,
    entra_user,
    keycloak_user,
)
from tests.support.web import login
from waarborg.accounts import oidc
from waarborg.accounts.oidc import REASONS, OidcError
from waarborg.accounts.organisations import create_organisation
from waarborg.accounts.roles import Role
from waarborg.accounts.users import create_user, disable_user, get_user
from waarborg.app import create_app
from waarborg.db.database import Database
from waarborg.db.tables import Organisation, User, WebSession
from waarborg.settings import OidcProvider, Settings
from waarborg.web.i18n.en import MESSAGES as EN
from waarborg.web.i18n.nl import MESSAGES as NL

ENTRA_SECRET = "entra-client-secret-~with.special_chars-and-length"
GUID_CISO = "0b8e6c2a-5d4f-4e1a-9c3b-7f2d1e0a9b8c"
GUID_STAFF = "4f9d2e1c-8b7a-4c6d-a5e4-3b2c1d0e9f8a"
GUID_OTHER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

KEYCLOAK_MAPPING = {
    "/ai-beheer": ["beheerder"],
    "/ai-gebruik": ["medewerker"],
    "/ai-privacy": ["privacy officer", "medewerker"],
}
ENTRA_GROUP_MAPPING = {GUID_CISO: ["ciso"], GUID_STAFF: ["medewerker"]}
ENTRA_ROLE_MAPPING = {"Waarborg.Auditor": ["auditor"], "Waarborg.Beheerder": ["beheerder"]}


# --- providers, organisation and server ---------------------------------------------------


@pytest.fixture(scope="module")
def keycloak() -> Iterator[IdentityProvider]:
    """Keycloak-shaped, public client (PKCE only)."""
    with IdentityProvider(KEYCLOAK_PATH, client_id="waarborg").running() as provider:
        yield provider


@pytest.fixture(scope="module")
def entra() -> Iterator[IdentityProvider]:
    """Entra-shaped: issuer /{tenant}/v2.0, GUID client id, confidential client."""
    provider = IdentityProvider(ENTRA_PATH, client_id=str(uuid.uuid4()), client_secret=ENTRA_SECRET)
    with provider.running():
        yield provider


@pytest.fixture(autouse=True)
def _fresh_providers(keycloak: IdentityProvider, entra: IdentityProvider) -> None:
    keycloak.reset()
    entra.reset()
    oidc.clear_caches()


@pytest.fixture(scope="module")
def organisation(database: Database) -> Organisation:
    suffix = uuid.uuid4().hex[:8]
    with database.session() as session:
        return create_organisation(session, f"oidc-{suffix}", f"Gemeente Oidc {suffix}")


def providers_for(
    keycloak: IdentityProvider, entra: IdentityProvider, organisation: Organisation
) -> list[OidcProvider]:
    secret = SecretStr(ENTRA_SECRET)
    return [
        OidcProvider(
            name="keycloak",
            label="Inloggen met Keycloak",
            organisation=organisation.slug,
            issuer=keycloak.issuer,
            client_id=keycloak.client_id,
            role_mapping=KEYCLOAK_MAPPING,
        ),
        OidcProvider(
            name="entra",
            label="Inloggen met Entra ID",
            organisation=organisation.slug,
            issuer=entra.issuer,
            client_id=entra.client_id,
            client_secret=secret,
            role_mapping=ENTRA_GROUP_MAPPING,
        ),
        OidcProvider(
            name="entra-rollen",
            label="Inloggen met Entra ID (app-rollen)",
            organisation=organisation.slug,
            issuer=entra.issuer,
            client_id=entra.client_id,
            client_secret=secret,
            groups_claim="roles",
            role_mapping=ENTRA_ROLE_MAPPING,
        ),
        OidcProvider(
            name="entra-fout",
            label="Inloggen met een verkeerd geheim",
            organisation=organisation.slug,
            issuer=entra.issuer,
            client_id=entra.client_id,
            client_secret=SecretStr("not-the-secret-the-provider-knows-about"),
            role_mapping=ENTRA_GROUP_MAPPING,
        ),
    ]


def make_settings(
    database_url: str, data_dir: Path, providers: list[OidcProvider], **overrides: Any
) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": SecretStr("test-secret-key-that-is-long-enough"),
        "cookie_secure": "never",
        "oidc_providers": providers,
        "oidc_allow_http_loopback": True,
        # The whole suite logs in from 127.0.0.1 through one database; the per-address limit
        # has tests of its own (tests/test_web_auth.py).
        "login_attempts_per_minute_per_client": 10_000,
        **overrides,
    }
    return Settings(**values)


@pytest.fixture(scope="module")
def waarborg(
    database_url: str,
    database: Database,
    tmp_path_factory: pytest.TempPathFactory,
    keycloak: IdentityProvider,
    entra: IdentityProvider,
    organisation: Organisation,
) -> Iterator[str]:
    providers = providers_for(keycloak, entra, organisation)
    settings = make_settings(database_url, tmp_path_factory.mktemp("oidc"), providers)
    with live_server(create_app(settings)) as url:
        yield url


@contextmanager
def browser(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, follow_redirects=True, timeout=30) as client:
        yield client


def oidc_login(client: httpx.Client, provider: str, next_path: str = "/") -> httpx.Response:
    return client.get(f"/inloggen/oidc/{provider}", params={"volgende": next_path})


# --- assertions ---------------------------------------------------------------------------


def account(database: Database, provider: str, sub: str) -> User | None:
    with database.session() as session:
        return session.scalar(
            select(User).where(User.oidc_provider == provider, User.oidc_subject == sub)
        )


def session_count(database: Database, user_id: str | None = None) -> int:
    query = select(func.count()).select_from(WebSession)
    if user_id is not None:
        query = query.where(WebSession.user_id == user_id)
    with database.session() as session:
        return int(session.scalar(query) or 0)


def assert_signed_in(response: httpx.Response, client: httpx.Client, name: str) -> None:
    assert response.status_code == 200, response.text
    assert response.url.path == "/"
    assert f"Welkom, {name}" in response.text
    assert "waarborg_session" in client.cookies
    assert "waarborg_oidc" not in client.cookies


def assert_refused(response: httpx.Response, client: httpx.Client, reason_code: str) -> None:
    assert response.status_code == 400, response.text
    text = html.unescape(response.text)
    assert "is niet gelukt:" in text
    reason = REASONS[reason_code]
    assert reason.split("{")[0] in text, text
    assert "waarborg_session" not in client.cookies
    assert "waarborg_oidc" not in client.cookies


@contextmanager
def nothing_created(database: Database, sub: str) -> Iterator[None]:
    before_users = _user_count(database)
    before_sessions = session_count(database)
    yield
    assert account(database, "keycloak", sub) is None
    assert account(database, "entra", sub) is None
    assert _user_count(database) == before_users
    assert session_count(database) == before_sessions


def _user_count(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(User)) or 0)


def logins(client: httpx.Client, outcome: str) -> float:
    text = client.get("/metrics").text
    pattern = rf'waarborg_logins_total\{{method="oidc",outcome="{outcome}"\}} ([0-9.e+]+)'
    match = re.search(pattern, text)
    return float(match.group(1)) if match else 0.0


def unique(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:8]}"


# --- the login page -----------------------------------------------------------------------


def test_login_page_shows_a_button_per_provider(waarborg: str) -> None:
    with browser(waarborg) as client:
        page = client.get("/inloggen", params={"volgende": "/account"})
    assert page.status_code == 200
    assert 'href="/inloggen/oidc/keycloak?volgende=/account"' in page.text
    assert "Inloggen met Keycloak" in page.text
    assert "Inloggen met Entra ID (app-rollen)" in page.text


# --- successful logins --------------------------------------------------------------------


def test_keycloak_login_creates_the_account_with_mapped_roles(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    username = unique("kim")
    user = keycloak_user(username, ["/ai-beheer", "/ai-privacy", "/niet-gekoppeld"])
    keycloak.reset(user)
    with browser(waarborg) as client:
        successes = logins(client, "success")
        page = oidc_login(client, "keycloak")
        assert_signed_in(page, client, "Kim Keycloak")
        assert "Beheerder" in page.text
        assert logins(client, "success") == successes + 1
        assert client.get("/account").status_code == 200

    created = account(database, "keycloak", user.sub)
    assert created is not None
    assert created.username == username
    assert created.display_name == "Kim Keycloak"
    assert created.password_hash is None
    assert created.role_names == ["beheerder", "medewerker", "privacy_officer"]
    assert created.last_login_at is not None
    assert session_count(database, created.id) == 1

    # PKCE and nonce really went over the wire: challenge out, verifier back.
    sent = keycloak.authorize_requests[-1]
    assert sent["code_challenge_method"] == "S256"
    assert sent["nonce"]
    assert sent["state"]
    assert "code_verifier" not in sent
    assert sent["scope"].split()[0] == "openid"
    exchanged = keycloak.token_requests[-1]
    assert oidc.pkce_challenge(exchanged["code_verifier"]) == sent["code_challenge"]
    assert "client_secret" not in exchanged  # a public client sends no secret


def test_entra_group_guids_map_to_roles(
    waarborg: str, database: Database, entra: IdentityProvider
) -> None:
    username = unique("Eva.Entra") + "@Gemeente.example"
    user = entra_user(username, groups=[GUID_CISO, GUID_OTHER])
    entra.reset(user)
    with browser(waarborg) as client:
        assert_signed_in(oidc_login(client, "entra"), client, "Eva Entra")
    created = account(database, "entra", user.sub)
    assert created is not None
    assert created.username == username.lower()
    assert created.role_names == ["ciso"]
    # Confidential client: the secret went in the Authorization header, not in the form.
    assert "client_secret" not in entra.token_requests[-1]


def test_entra_app_roles_claim_maps_to_roles(
    waarborg: str, database: Database, entra: IdentityProvider
) -> None:
    user = entra_user(unique("rol") + "@gemeente.example", roles=["Waarborg.Auditor"])
    entra.reset(user)
    with browser(waarborg) as client:
        assert_signed_in(oidc_login(client, "entra-rollen"), client, "Eva Entra")
    created = account(database, "entra-rollen", user.sub)
    assert created is not None
    assert created.role_names == ["auditor"]


def test_second_login_replaces_the_roles_of_the_same_account(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = keycloak_user(unique("wissel"), ["/ai-beheer"])
    keycloak.reset(user)
    with browser(waarborg) as client:
        assert_signed_in(oidc_login(client, "keycloak"), client, "Kim Keycloak")
    first = account(database, "keycloak", user.sub)
    assert first is not None
    assert first.role_names == ["beheerder"]

    user.claims["groups"] = "/ai-gebruik"  # a single group as a plain string
    user.claims["name"] = "Kim Keycloak-de Vries"
    with browser(waarborg) as client:
        assert_signed_in(oidc_login(client, "keycloak"), client, "Kim Keycloak-de Vries")
    second = account(database, "keycloak", user.sub)
    assert second is not None
    assert second.id == first.id
    assert second.role_names == ["medewerker"]
    assert second.display_name == "Kim Keycloak-de Vries"


def test_groups_only_in_userinfo_are_used(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = IdpUser(
        sub=str(uuid.uuid4()),
        claims={"name": "Uma Userinfo"},
        userinfo_only={"groups": ["/ai-gebruik"], "preferred_username": unique("uma")},
    )
    keycloak.reset(user)
    with browser(waarborg) as client:
        assert_signed_in(oidc_login(client, "keycloak"), client, "Uma Userinfo")
    created = account(database, "keycloak", user.sub)
    assert created is not None
    assert created.role_names == ["medewerker"]


def test_the_next_path_is_followed_but_never_to_another_site(
    waarborg: str, keycloak: IdentityProvider
) -> None:
    keycloak.reset(keycloak_user(unique("volg"), ["/ai-gebruik"]))
    with browser(waarborg) as client:
        page = oidc_login(client, "keycloak", "/account")
        assert page.status_code == 200
        assert page.url.path == "/account"
    with browser(waarborg) as client:
        page = oidc_login(client, "keycloak", "//elders.example/phish")
        assert page.url.host == "127.0.0.1"
        assert page.url.path == "/"


def test_an_oidc_login_replaces_an_earlier_session(
    waarborg: str, database: Database, keycloak: IdentityProvider, organisation: Organisation
) -> None:
    local_name = unique("lokaal")
    with database.session() as session:
        create_user(session, organisation, local_name, "Lokaal", [Role.AUDITOR], PASSWORD)
    user = keycloak_user(unique("over"), ["/ai-gebruik"])
    keycloak.reset(user)
    with browser(waarborg) as client:
        login(client, local_name, PASSWORD)
        local = get_user_id(database, local_name)
        assert session_count(database, local) == 1
        assert_signed_in(oidc_login(client, "keycloak"), client, "Kim Keycloak")
    assert session_count(database, local) == 0


def get_user_id(database: Database, username: str) -> str:
    with database.session() as session:
        return get_user(session, username).id


def test_an_account_prepared_with_oidc_only_is_claimed_on_first_login(
    waarborg: str, database: Database, keycloak: IdentityProvider, organisation: Organisation
) -> None:
    username = unique("voorbereid")
    with database.session() as session:
        create_user(session, organisation, username, "Voorbereid", [Role.MEDEWERKER])
    user = keycloak_user(username, ["/ai-beheer"])
    keycloak.reset(user)
    with browser(waarborg) as client:
        assert_signed_in(oidc_login(client, "keycloak"), client, "Kim Keycloak")
    claimed = account(database, "keycloak", user.sub)
    assert claimed is not None
    assert claimed.username == username
    assert claimed.role_names == ["beheerder"]


# --- refusals: nothing is created ---------------------------------------------------------


def test_a_wrong_state_is_refused(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = keycloak_user(unique("staat"), ["/ai-beheer"])
    keycloak.reset(user)
    with nothing_created(database, user.sub), browser(waarborg) as client:
        start = client.get("/inloggen/oidc/keycloak", follow_redirects=False)
        assert start.status_code == 303
        assert "waarborg_oidc" in client.cookies
        at_provider = client.get(start.headers["location"], follow_redirects=False)
        back = urlsplit(at_provider.headers["location"])
        code = parse_qs(back.query)["code"][0]
        failures = logins(client, "failure")
        page = client.get(back.path, params={"code": code, "state": "vervalst"})
        assert_refused(page, client, "state_mismatch")
        assert logins(client, "failure") == failures + 1

        client.get("/inloggen/oidc/keycloak", follow_redirects=False)
        page = client.get(back.path, params={"code": code, "state": "één"})  # not ASCII
        assert_refused(page, client, "state_mismatch")
    assert keycloak.token_requests == []  # the code was never even exchanged


def test_a_callback_without_the_flow_cookie_is_refused(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = keycloak_user(unique("koekje"), ["/ai-beheer"])
    keycloak.reset(user)
    with nothing_created(database, user.sub):
        with browser(waarborg) as client:
            start = client.get("/inloggen/oidc/keycloak", follow_redirects=False)
            at_provider = client.get(start.headers["location"], follow_redirects=False)
            callback = at_provider.headers["location"]
        with browser(waarborg) as other_browser:  # e.g. a link planted by an attacker
            assert_refused(other_browser.get(callback), other_browser, "flow_missing")
    assert keycloak.token_requests == []


def test_a_tampered_flow_cookie_is_refused(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = keycloak_user(unique("sabotage"), ["/ai-beheer"])
    keycloak.reset(user)
    with nothing_created(database, user.sub), browser(waarborg) as client:
        start = client.get("/inloggen/oidc/keycloak", follow_redirects=False)
        value = client.cookies["waarborg_oidc"]
        for forged in (value[:-4] + "0000", "zonder-punt"):
            client.cookies.set("waarborg_oidc", forged, domain="127.0.0.1")
            assert_refused(client.get(start.headers["location"]), client, "flow_missing")
        start = client.get("/inloggen/oidc/keycloak", follow_redirects=False)
        callback = client.get(start.headers["location"], follow_redirects=False)
        client.cookies.clear()
        raw = {b"cookie": b"waarborg_oidc=bm9uc2Vucw.\xc3\xa9"}  # not ASCII
        page = client.get(callback.headers["location"], headers=raw)
        assert_refused(page, client, "flow_missing")


def test_access_denied_at_the_provider_is_refused(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = keycloak_user(unique("weiger"), ["/ai-beheer"])
    keycloak.reset(user)
    keycloak.misbehaviour.error = "access_denied"
    with nothing_created(database, user.sub), browser(waarborg) as client:
        page = oidc_login(client, "keycloak")
        assert_refused(page, client, "access_denied")
        assert "Gebruiker weigerde" not in page.text  # the provider's free text is not shown


@pytest.mark.parametrize(
    ("fault", "value", "reason"),
    [
        ("audience", "een-andere-client", "token_audience"),
        ("expired", True, "token_expired"),
        ("foreign_key", True, "token_signature"),
        ("nonce", "een-andere-nonce", "token_nonce"),
        ("issuer", "https://elders.example/realms/gemeente", "token_issuer"),
        ("algorithm", "none", "token_invalid"),
        ("algorithm", "HS256", "token_invalid"),
    ],
)
def test_an_untrustworthy_id_token_is_refused(
    waarborg: str,
    database: Database,
    entra: IdentityProvider,
    fault: str,
    value: object,
    reason: str,
) -> None:
    user = entra_user(unique("fout") + "@gemeente.example", groups=[GUID_CISO])
    entra.reset(user)
    setattr(entra.misbehaviour, fault, value)
    with nothing_created(database, user.sub), browser(waarborg) as client:
        assert_refused(oidc_login(client, "entra"), client, reason)


def test_a_user_without_a_mapped_role_is_refused(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = keycloak_user(unique("rolloos"), ["/iets-anders"])
    keycloak.reset(user)
    with nothing_created(database, user.sub), browser(waarborg) as client:
        page = oidc_login(client, "keycloak")
        assert_refused(page, client, "no_role")
        assert "geen rol in Waarborg; vraag uw beheerder om toegang." in page.text


def test_a_username_of_an_existing_local_account_is_refused(
    waarborg: str, database: Database, keycloak: IdentityProvider, organisation: Organisation
) -> None:
    username = unique("bezet")
    with database.session() as session:
        create_user(session, organisation, username, "Lokaal", [Role.CISO], PASSWORD)
    user = keycloak_user(username.upper(), ["/ai-beheer"])
    keycloak.reset(user)
    with nothing_created(database, user.sub), browser(waarborg) as client:
        page = oidc_login(client, "keycloak")
        assert_refused(page, client, "username_taken")
        assert username in page.text
    with database.session() as session:
        local = get_user(session, username)
        assert local.oidc_subject is None
        assert local.role_names == ["ciso"]


def test_a_disabled_account_is_refused(
    waarborg: str, database: Database, keycloak: IdentityProvider
) -> None:
    user = keycloak_user(unique("uit"), ["/ai-gebruik"])
    keycloak.reset(user)
    with browser(waarborg) as client:
        assert_signed_in(oidc_login(client, "keycloak"), client, "Kim Keycloak")
    created = account(database, "keycloak", user.sub)
    assert created is not None
    with database.session() as session:
        disable_user(session, get_user(session, created.username))
    with browser(waarborg) as client:
        assert_refused(oidc_login(client, "keycloak"), client, "user_disabled")
    assert session_count(database, created.id) == 0


def test_a_wrong_client_secret_is_refused(
    waarborg: str, database: Database, entra: IdentityProvider
) -> None:
    user = entra_user(unique("geheim") + "@gemeente.example", groups=[GUID_STAFF])
    entra.reset(user)
    with nothing_created(database, user.sub), browser(waarborg) as client:
        assert_refused(oidc_login(client, "entra-fout"), client, "token_refused")


def test_an_unknown_provider_is_not_found(waarborg: str) -> None:
    with browser(waarborg) as client:
        assert client.get("/inloggen/oidc/bestaat-niet").status_code == 404
        assert client.get("/inloggen/oidc/bestaat-niet/terug?code=x&state=y").status_code == 404


def test_an_http_issuer_is_refused_unless_loopback_is_allowed(
    database_url: str,
    database: Database,
    tmp_path: Path,
    keycloak: IdentityProvider,
    entra: IdentityProvider,
    organisation: Organisation,
) -> None:
    providers = providers_for(keycloak, entra, organisation)
    settings = make_settings(database_url, tmp_path, providers, oidc_allow_http_loopback=False)
    user = keycloak_user(unique("http"), ["/ai-beheer"])
    keycloak.reset(user)
    with (
        nothing_created(database, user.sub),
        live_server(create_app(settings)) as url,
        browser(url) as client,
    ):
        assert_refused(oidc_login(client, "keycloak"), client, "insecure_issuer")
    assert keycloak.authorize_requests == []  # not even discovery went out


def test_the_redirect_uri_uses_the_public_url(
    database_url: str,
    database: Database,
    tmp_path: Path,
    keycloak: IdentityProvider,
    entra: IdentityProvider,
    organisation: Organisation,
) -> None:
    providers = providers_for(keycloak, entra, organisation)
    public = "https://ai.gemeente.example"
    settings = make_settings(database_url, tmp_path, providers, public_url=public + "/")
    with live_server(create_app(settings)) as url, browser(url) as client:
        start = client.get("/inloggen/oidc/keycloak", follow_redirects=False)
    location = urlsplit(start.headers["location"])
    assert location.netloc == urlsplit(keycloak.issuer).netloc
    sent = parse_qs(location.query)["redirect_uri"][0]
    assert sent == public + "/inloggen/oidc/keycloak/terug"


def test_no_tokens_or_personal_data_are_logged(
    waarborg: str, keycloak: IdentityProvider, database: Database
) -> None:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    logger = logging.getLogger("waarborg")
    logger.addHandler(handler)
    try:
        username = unique("geheimzinnig")
        user = keycloak_user(username, ["/ai-beheer"], name="Piet Persoonsgegeven")
        keycloak.reset(user)
        with browser(waarborg) as client:
            assert_signed_in(oidc_login(client, "keycloak"), client, "Piet Persoonsgegeven")
        user.claims["groups"] = []
        keycloak.misbehaviour.expired = True
        with browser(waarborg) as client:
            assert_refused(oidc_login(client, "keycloak"), client, "token_expired")
    finally:
        logger.removeHandler(handler)
    text = "\n".join(record.getMessage() + repr(record.__dict__) for record in records)
    assert "OIDC login via keycloak succeeded" in text
    assert "OIDC login via keycloak refused: token_expired" in text
    for secret in (username, user.sub, "Piet", keycloak.token_requests[0]["code"], "eyJ"):
        assert secret not in text


# --- the protocol client on its own -------------------------------------------------------


def keycloak_config(keycloak: IdentityProvider) -> OidcProvider:
    return OidcProvider(
        name="keycloak",
        label="Keycloak",
        organisation="niet-gebruikt",
        issuer=keycloak.issuer,
        client_id=keycloak.client_id,
        role_mapping=KEYCLOAK_MAPPING,
    )


def test_the_provider_checks_the_pkce_verifier_and_codes_are_single_use(
    keycloak: IdentityProvider,
) -> None:
    config = keycloak_config(keycloak)
    metadata = oidc.discover(config, allow_http_loopback=True)
    keycloak.reset(keycloak_user("pkce", ["/ai-gebruik"]))
    redirect_uri = "http://127.0.0.1:9/terug"  # never visited: the Location header is read

    with httpx.Client(timeout=10) as http:

        def code_for(request: oidc.AuthorizationRequest) -> str:
            answer = http.get(request.url)
            assert answer.status_code == 302
            return parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]

        first = oidc.begin(config, metadata, redirect_uri)
        with pytest.raises(OidcError) as refused:
            oidc.exchange_code(config, metadata, code_for(first), redirect_uri, "x" * 64)
        assert refused.value.code == "token_refused"

        second = oidc.begin(config, metadata, redirect_uri)
        code = code_for(second)
        tokens = oidc.exchange_code(config, metadata, code, redirect_uri, second.code_verifier)
        identity = oidc.identify(config, metadata, tokens, second.nonce)
        assert identity.roles == (Role.MEDEWERKER,)
        assert identity.username == "pkce"

        with pytest.raises(OidcError) as replayed:
            oidc.exchange_code(config, metadata, code, redirect_uri, second.code_verifier)
        assert replayed.value.code == "token_refused"
    assert first.code_verifier not in repr(first)


@pytest.mark.parametrize(
    ("url", "allow", "accepted"),
    [
        ("https://login.microsoftonline.com/tenant/v2.0", False, True),
        ("https://sso.gemeente.nl/realms/ambtenaren", True, True),
        ("http://127.0.0.1:8080/realms/test", True, True),
        ("http://localhost:8080/realms/test", True, True),
        ("http://[::1]:8080/realms/test", True, True),
        ("http://127.0.0.1:8080/realms/test", False, False),
        ("http://sso.gemeente.nl/realms/test", True, False),
        ("http://127.0.0.2/realms/test", True, False),
        ("http://localhost.gemeente.nl/realms/test", True, False),
        ("ftp://127.0.0.1/", True, False),
        ("https:///zonder-host", False, False),
    ],
)
def test_only_https_issuers_except_an_allowed_loopback(
    url: str, allow: bool, accepted: bool
) -> None:
    if accepted:
        oidc.check_url(url, allow)
    else:
        with pytest.raises(OidcError, match="insecure_issuer"):
            oidc.check_url(url, allow)


def _mapping_provider(**overrides: Any) -> OidcProvider:
    values: dict[str, Any] = {
        "name": "test",
        "label": "Test",
        "organisation": "test",
        "issuer": "https://sso.example/realms/x",
        "client_id": "waarborg",
        "role_mapping": {"/ai-beheer": ["beheerder"], "g2": ["Privacy Officer", "beheerder"]},
        **overrides,
    }
    return OidcProvider(**values)


@pytest.mark.parametrize(
    ("claims", "roles"),
    [
        ({"groups": ["/ai-beheer"]}, (Role.BEHEERDER,)),
        ({"groups": "/ai-beheer"}, (Role.BEHEERDER,)),
        ({"groups": ["g2", "/ai-beheer", 42, None]}, (Role.BEHEERDER, Role.PRIVACY_OFFICER)),
        ({"groups": ["ai-beheer"]}, ()),  # exact match: Keycloak's full path or nothing
        ({"groups": {"/ai-beheer": True}}, ()),
        ({}, ()),
    ],
)
def test_group_claims_map_to_roles(claims: dict[str, Any], roles: tuple[Role, ...]) -> None:
    assert oidc.map_roles(_mapping_provider(), claims) == roles


def test_a_custom_claim_name_and_configuration_errors() -> None:
    roles_claim = _mapping_provider(groups_claim="roles")
    assert oidc.map_roles(roles_claim, {"roles": ["g2"], "groups": ["/ai-beheer"]}) == (
        Role.PRIVACY_OFFICER,
        Role.BEHEERDER,
    )
    overage = {"_claim_names": {"groups": "src1"}, "_claim_sources": {"src1": {}}}
    with pytest.raises(OidcError, match="groups_overage"):
        oidc.map_roles(_mapping_provider(), overage)
    broken = _mapping_provider(role_mapping={"/x": ["koning"]})
    with pytest.raises(OidcError, match="misconfigured"):
        oidc.map_roles(broken, {"groups": ["/x"]})


def test_every_reason_has_a_text_in_both_languages() -> None:
    for code, dutch in REASONS.items():
        assert NL[f"oidc.error.{code}"] == dutch
        assert EN[f"oidc.error.{code}"]
        assert set(re.findall(r"\{\w+\}", EN[f"oidc.error.{code}"])) == set(
            re.findall(r"\{\w+\}", dutch)
        )
    assert {k for k in NL if k.startswith("oidc.")} == {k for k in EN if k.startswith("oidc.")}
