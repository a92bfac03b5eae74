"""Login, logout, sessions, CSRF, throttling and access control through the real server."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import httpx
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import PASSWORD, Tenant
from tests.support.live_server import live_server
from tests.support.web import csrf_from, login, post_form
from waarborg.accounts.roles import Role
from waarborg.app import create_app
from waarborg.db.database import Database
from waarborg.db.tables import User, WebSession
from waarborg.settings import Settings


def _session_count(database: Database, username: str) -> int:
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        query = select(func.count()).select_from(WebSession).where(WebSession.user_id == user.id)
        return int(session.scalar(query) or 0)


@contextmanager
def _server(settings: Settings, **changes: object) -> Iterator[httpx.Client]:
    app = create_app(settings.model_copy(update=changes))
    with live_server(app) as url, httpx.Client(base_url=url, follow_redirects=True) as client:
        yield client


def test_login_shows_home_and_logout_ends_the_session(
    client: httpx.Client, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant(roles=(Role.PRIVACY_OFFICER,))
    username = tenant.username(Role.PRIVACY_OFFICER)
    response = login(client, username, PASSWORD)
    assert response.status_code == 200
    assert str(response.url).endswith("/")
    assert "Welkom, privacy_officer org" in response.text
    assert "Privacy officer" in response.text
    assert _session_count(database, username) == 1

    home = client.get("/")
    logout = client.post("/uitloggen", data={"csrf_token": csrf_from(home.text)})
    assert "U bent uitgelogd." in logout.text
    assert _session_count(database, username) == 0
    after = client.get("/account")
    assert "/inloggen" in str(after.url)
    assert "Log in om deze pagina te bekijken." in after.text


def test_wrong_password_is_refused_with_a_message_and_no_session(
    client: httpx.Client, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    username = make_tenant(roles=(Role.MEDEWERKER,)).username(Role.MEDEWERKER)
    response = login(client, username, "niet-het-goede-wachtwoord")
    assert response.status_code == 401
    assert "De gebruikersnaam of het wachtwoord klopt niet." in response.text
    assert f'value="{username}"' in response.text
    assert _session_count(database, username) == 0
    missing = login(client, "", "")
    assert missing.status_code == 400
    assert "Vul uw gebruikersnaam en wachtwoord in." in missing.text


def test_forged_csrf_token_is_refused_and_changes_nothing(
    client: httpx.Client, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant(roles=(Role.BEHEERDER,))
    username = tenant.username(Role.BEHEERDER)
    client.get("/inloggen")
    forged = client.post(
        "/inloggen",
        data={"gebruikersnaam": username, "wachtwoord": PASSWORD, "csrf_token": "0" * 64},
    )
    assert forged.status_code == 403
    assert "Het formulier is verlopen of ongeldig" in forged.text
    assert _session_count(database, username) == 0

    login(client, username, PASSWORD)
    before = _users_in(database, tenant)
    for data in ({}, {"csrf_token": "vervalst"}):
        attempt = client.post(
            "/beheer/gebruikers",
            data={
                **data,
                "gebruikersnaam": "nieuw.lid",
                "naam": "N",
                "wachtwoord": PASSWORD,
                "rollen": ["medewerker"],
            },
        )
        assert attempt.status_code == 403
    assert _users_in(database, tenant) == before
    # A refused form does not log the person out: the session cookie is left alone.
    assert client.get("/beheer/gebruikers", follow_redirects=False).status_code == 200


def test_token_of_another_session_does_not_work(
    live_url: str, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant(roles=(Role.BEHEERDER,))
    username = tenant.username(Role.BEHEERDER)
    with (
        httpx.Client(base_url=live_url, follow_redirects=True) as first,
        httpx.Client(base_url=live_url, follow_redirects=True) as second,
    ):
        login(first, username, PASSWORD)
        login(second, username, PASSWORD)
        token_of_first = csrf_from(first.get("/beheer/api-sleutels").text)
        response = second.post(
            "/beheer/api-sleutels", data={"naam": "gestolen", "csrf_token": token_of_first}
        )
        assert response.status_code == 403


def test_expired_session_sends_the_visitor_to_login_with_a_notice(
    client: httpx.Client, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    username = make_tenant(roles=(Role.CISO,)).username(Role.CISO)
    login(client, username, PASSWORD)
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        for record in session.scalars(select(WebSession).where(WebSession.user_id == user.id)):
            record.last_seen_at = datetime.now(UTC) - timedelta(days=1)
    response = client.get("/account")
    assert "/inloggen" in str(response.url)
    assert "Uw sessie is verlopen. Log opnieuw in." in response.text
    assert _session_count(database, username) == 0


def test_account_is_locked_after_repeated_failures(
    settings: Settings, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    username = make_tenant(roles=(Role.AUDITOR,)).username(Role.AUDITOR)
    with _server(settings, login_max_failures=3) as client:
        for _ in range(3):
            assert login(client, username, "fout-wachtwoord-123").status_code == 401
        locked = login(client, username, PASSWORD)
        assert locked.status_code == 429
        assert "Te veel mislukte pogingen" in locked.text
        assert int(locked.headers["retry-after"]) > 0
    assert _session_count(database, username) == 0


def test_attempts_per_client_are_limited(
    settings: Settings, make_tenant: Callable[..., Tenant]
) -> None:
    username = make_tenant(roles=(Role.MEDEWERKER,)).username(Role.MEDEWERKER)
    # A key of its own, so that this server's client counter starts at zero.
    own_key = SecretStr(uuid.uuid4().hex * 2)
    with _server(settings, login_attempts_per_minute_per_client=2, secret_key=own_key) as client:
        codes = [login(client, f"onbekend{i}", "x" * 12).status_code for i in range(2)]
        assert codes == [401, 401]
        refused = login(client, username, PASSWORD)
        assert refused.status_code == 429
        assert "Te veel pogingen vanaf dit adres" in refused.text


def test_session_cookie_is_httponly_samesite_and_secure_on_loopback(
    settings: Settings, make_tenant: Callable[..., Tenant]
) -> None:
    username = make_tenant(roles=(Role.MEDEWERKER,)).username(Role.MEDEWERKER)
    app = create_app(settings.model_copy(update={"cookie_secure": "auto"}))
    with live_server(app) as url, httpx.Client(base_url=url) as client:
        page = client.get("/inloggen")
        response = client.post(
            "/inloggen",
            data={
                "gebruikersnaam": username,
                "wachtwoord": PASSWORD,
                "csrf_token": csrf_from(page.text),
            },
            headers={"Cookie": f"waarborg_anon={page.cookies['waarborg_anon']}"},
        )
    assert response.status_code == 303
    cookie = next(
        value
        for value in response.headers.get_list("set-cookie")
        if value.startswith("waarborg_session=")
    )
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags


def test_next_path_is_followed_only_within_the_site(
    client: httpx.Client, make_tenant: Callable[..., Tenant]
) -> None:
    username = make_tenant(roles=(Role.BEHEERDER,)).username(Role.BEHEERDER)
    for target, expected in (
        ("/beheer/gebruikers", "/beheer/gebruikers"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
    ):
        page = client.get("/inloggen", params={"volgende": target})
        response = client.post(
            "/inloggen",
            data={
                "gebruikersnaam": username,
                "wachtwoord": PASSWORD,
                "volgende": target,
                "csrf_token": csrf_from(page.text),
            },
            follow_redirects=False,
        )
        assert response.headers["location"] == expected
        client.cookies.clear()


def test_roles_decide_which_pages_open(
    client: httpx.Client, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant()
    login(client, tenant.username(Role.MEDEWERKER), PASSWORD)
    forbidden = client.get("/beheer/gebruikers")
    assert forbidden.status_code == 403
    assert "U heeft geen toegang tot deze pagina." in forbidden.text
    client.cookies.clear()

    login(client, tenant.username(Role.AUDITOR), PASSWORD)
    readonly = client.get("/beheer/gebruikers")
    assert readonly.status_code == 200
    assert "U kunt deze lijst alleen bekijken." in readonly.text
    assert 'action="/beheer/gebruikers"' not in readonly.text
    assert client.get("/beheer/api-sleutels").status_code == 403


def test_administrator_adds_and_disables_users_in_the_browser_forms(
    client: httpx.Client, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant(roles=(Role.BEHEERDER, Role.MEDEWERKER))
    login(client, tenant.username(Role.BEHEERDER), PASSWORD)
    new_name = f"nieuw.{tenant.organisation.slug}"
    form = {
        "gebruikersnaam": new_name,
        "naam": "Nieuwe Collega",
        "wachtwoord": PASSWORD,
        "rollen": ["medewerker", "eigenaar"],
    }
    created = post_form(client, "/beheer/gebruikers", "/beheer/gebruikers", form)
    assert created.status_code == 200
    assert f"Gebruiker {new_name} is toegevoegd." in created.text

    duplicate = post_form(client, "/beheer/gebruikers", "/beheer/gebruikers", form)
    assert duplicate.status_code == 400
    assert "al in gebruik" in duplicate.text
    weak = post_form(
        client,
        "/beheer/gebruikers",
        "/beheer/gebruikers",
        {**form, "gebruikersnaam": "zwak." + new_name, "wachtwoord": "kort"},
    )
    assert weak.status_code == 400
    assert "minstens 12 tekens" in weak.text
    assert _users_in(database, tenant) == sorted([*tenant.usernames.values(), new_name])

    with httpx.Client(base_url=str(client.base_url), follow_redirects=True) as colleague:
        login(colleague, tenant.username(Role.MEDEWERKER), PASSWORD)
        with database.session() as session:
            target = session.scalar(
                select(User).where(User.username == tenant.username(Role.MEDEWERKER))
            )
            assert target is not None
            target_id = target.id
        disabled = post_form(
            client, "/beheer/gebruikers", f"/beheer/gebruikers/{target_id}/uitschakelen", {}
        )
        assert "is uitgeschakeld" in disabled.text
        assert "/inloggen" in str(colleague.get("/").url)


def test_api_key_authenticates_programs_until_revoked(
    client: httpx.Client, live_url: str, make_tenant: Callable[..., Tenant]
) -> None:
    tenant = make_tenant(roles=(Role.BEHEERDER,))
    login(client, tenant.username(Role.BEHEERDER), PASSWORD)
    created = post_form(client, "/beheer/api-sleutels", "/beheer/api-sleutels", {"naam": "Script"})
    assert created.status_code == 201
    secret = created.text.split('id="nieuwe-sleutel">')[1].split("<")[0]
    assert secret.startswith("wb_")
    assert secret not in client.get("/beheer/api-sleutels").text

    with httpx.Client(base_url=live_url) as program:
        ok = program.get("/api/v1/organisatie", headers={"Authorization": f"Bearer {secret}"})
        assert ok.status_code == 200
        assert ok.json()["slug"] == tenant.organisation.slug
        missing = program.get("/api/v1/organisatie")
        assert missing.status_code == 401
        assert missing.json()["error"]["code"] == "invalid_api_key"

        page = client.get("/beheer/api-sleutels").text
        key_id = page.split('action="/beheer/api-sleutels/')[1].split("/intrekken")[0]
        post_form(client, "/beheer/api-sleutels", f"/beheer/api-sleutels/{key_id}/intrekken", {})
        revoked = program.get("/api/v1/organisatie", headers={"Authorization": f"Bearer {secret}"})
        assert revoked.status_code == 401
        assert "ingetrokken" in revoked.json()["error"]["message"]


def _users_in(database: Database, tenant: Tenant) -> list[str]:
    with database.session() as session:
        return _usernames(session, tenant.organisation.id)


def _usernames(session: Session, organisation_id: str) -> list[str]:
    query = select(User.username).where(User.organisation_id == organisation_id)
    return sorted(session.scalars(query))


def test_logging_in_again_after_the_session_expired_works(
    client: httpx.Client, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    username = make_tenant(roles=(Role.MEDEWERKER,)).username(Role.MEDEWERKER)
    login(client, username, PASSWORD)
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        for record in session.scalars(select(WebSession).where(WebSession.user_id == user.id)):
            record.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    again = login(client, username, PASSWORD)
    assert again.status_code == 200
    assert "Welkom" in again.text


def test_username_taken_in_another_organisation_is_a_clear_refusal(
    client: httpx.Client, database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    mine, theirs = make_tenant("alfa"), make_tenant("beta")
    login(client, mine.username(Role.BEHEERDER), PASSWORD)
    taken = theirs.username(Role.MEDEWERKER)
    response = post_form(
        client,
        "/beheer/gebruikers",
        "/beheer/gebruikers",
        {"gebruikersnaam": taken, "naam": "X", "wachtwoord": PASSWORD, "rollen": ["medewerker"]},
    )
    assert response.status_code == 400
    assert "al in gebruik" in response.text
    with database.session() as session:
        owner = session.scalar(select(User).where(User.username == taken))
        assert owner is not None
        assert owner.organisation_id == theirs.organisation.id


def test_non_ascii_tokens_and_cookies_are_refused_cleanly(client: httpx.Client) -> None:
    client.get("/inloggen")
    forged = client.post(
        "/inloggen", data={"gebruikersnaam": "x", "wachtwoord": "y", "csrf_token": "ëëë"}
    )
    assert forged.status_code == 403
    raw_cookie = "waarborg_flash=é.é".encode()
    assert client.get("/inloggen", headers={"Cookie": raw_cookie}).status_code == 200
