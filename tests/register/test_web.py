"""The register in the browser, through a real server: the public pages without login, and the
download of the register file in the console."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from tests.conftest import PASSWORD, Tenant
from tests.register.conftest import Governed, in_production
from tests.support.web import login
from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.db.tables import Organisation
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.kill_switch import suspend_use_case


def _org_slug(governed: Governed) -> str:
    return governed.tenant.organisation.slug


def test_public_page_lists_only_published_live_use_cases(
    client: httpx.Client, governed: Governed
) -> None:
    in_production(governed, "burgerchat", name="Vraag het de gemeente")
    in_production(governed, "stil", name="Niet gepubliceerd", published=False)
    in_production(governed, "pauze", name="Tijdelijk gestopt")
    governed.create("concept", name="Nog in concept", published=True)
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, "pauze")
        suspend_use_case(session, use_case, governed.actors[Role.CISO], "Geheime reden X-17")

    page = client.get(f"/register/{_org_slug(governed)}", headers={"Accept-Language": "nl"})
    assert page.status_code == 200
    html = page.text
    assert "Algoritmeregister van Gemeente Gov" in html
    assert "Vraag het de gemeente" in html
    assert "Inwoners beantwoorden uit de eigen website." in html
    assert "Waarborg extractief (ingebouwd)" in html
    assert "Bel 14 0123 of mail info@voorbeeld.nl." in html
    assert 'href="mailto:ai@voorbeeld.nl"' in html
    assert "Welke bronnen zijn goedgekeurd" in html
    assert "Tijdelijk gestopt" in html
    assert "tijdelijk stopgezet" in html
    assert "Geheime reden X-17" not in html  # the reason for a suspension is internal
    assert "Niet gepubliceerd" not in html
    assert "Nog in concept" not in html
    assert "<nav" not in html  # anonymous: no console navigation
    assert f'href="/register/{_org_slug(governed)}/burgerchat"' in html


def test_public_entry_page_shows_the_register_fields(
    client: httpx.Client, governed: Governed
) -> None:
    in_production(governed, purpose="Inwoners helpen <script>alert(1)</script>")
    page = client.get(f"/register/{_org_slug(governed)}/burgerchat")
    assert page.status_code == 200
    html = page.text
    for title in (
        "Doel en impact",
        "Wettelijke basis",
        "Technische werking",
        "Publicatiecategorie",
    ):
        assert title in html
    assert "Impactvolle algoritmes" in html
    assert '<a href="https://wetten.overheid.nl/BWBR0005416">Gemeentewet</a>' in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_public_pages_answer_404_for_what_is_not_public(
    client: httpx.Client, governed: Governed, make_tenant: Callable[..., Tenant]
) -> None:
    in_production(governed, "stil", published=False)
    org = _org_slug(governed)
    assert client.get(f"/register/{org}").status_code == 404  # nothing published yet
    assert client.get("/register/bestaat-niet").status_code == 404
    in_production(governed, "burgerchat")
    assert client.get(f"/register/{org}").status_code == 200
    assert client.get(f"/register/{org}/stil").status_code == 404
    assert client.get(f"/register/{org}/bestaat-niet").status_code == 404
    other = make_tenant("ander")
    assert client.get(f"/register/{other.organisation.slug}/burgerchat").status_code == 404


def test_signed_in_visitor_of_another_organisation_sees_the_public_page(
    client: httpx.Client, governed: Governed, make_tenant: Callable[..., Tenant]
) -> None:
    in_production(governed, "burgerchat", name="Vraag het de gemeente")
    other = make_tenant("ander")
    login(client, other.username(Role.BEHEERDER), PASSWORD)
    page = client.get(f"/register/{_org_slug(governed)}")
    assert page.status_code == 200
    assert "Vraag het de gemeente" in page.text


def test_public_page_in_english(client: httpx.Client, governed: Governed) -> None:
    in_production(governed)
    page = client.get(f"/register/{_org_slug(governed)}", headers={"Accept-Language": "en"})
    assert "Algorithm register of" in page.text
    assert 'lang="nl"' in page.text  # the record's own texts stay Dutch, and say so


@pytest.mark.parametrize(
    "role", [Role.BEHEERDER, Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.AUDITOR]
)
def test_download_for_governance_roles(
    client: httpx.Client, governed: Governed, role: Role
) -> None:
    in_production(governed)
    login(client, governed.tenant.username(role), PASSWORD)
    response = client.get("/toepassingen/burgerchat/register.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    expected = f"algoritmeregister-{_org_slug(governed)}-burgerchat.json"
    assert response.headers["content-disposition"] == f'attachment; filename="{expected}"'
    entry = json.loads(response.text)
    assert entry["name"] == "Vraag het de gemeente"
    assert entry["url"].endswith(f"/register/{_org_slug(governed)}/burgerchat")


def test_download_refused_for_employees_and_strangers(
    client: httpx.Client, governed: Governed
) -> None:
    in_production(governed)
    anonymous = client.get("/toepassingen/burgerchat/register.json")
    assert "/inloggen" in str(anonymous.url)
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    assert client.get("/toepassingen/burgerchat/register.json").status_code == 403


def test_download_of_an_incomplete_use_case_lists_what_is_missing(
    client: httpx.Client, governed: Governed
) -> None:
    governed.create("onaf", contact_email="")
    login(client, governed.tenant.username(Role.EIGENAAR), PASSWORD)
    response = client.get("/toepassingen/onaf/register.json")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "Contactgegevens (contact_email) ontbreekt" in response.text
    assert "Publicatiecategorie (publication_category) ontbreekt" in response.text
    assert "<title>Fout:" in response.text
    assert client.get("/toepassingen/bestaat-niet/register.json").status_code == 404


def test_each_organisation_page_shows_only_its_own_use_cases(
    client: httpx.Client, governed: Governed, make_tenant: Callable[..., Tenant]
) -> None:
    in_production(governed, "burgerchat", name="Chat van A")
    tenant = make_tenant("ander")
    with governed.database.session() as session:
        organisation = session.get(Organisation, tenant.organisation.id)
        assert organisation is not None
        seed_catalogue(session, organisation)
        actors = {
            role: Actor.of(get_user(session, name)) for role, name in tenant.usernames.items()
        }
    other = Governed(governed.database, tenant, actors)
    in_production(other, "burgerchat", name="Chat van B")

    mine = client.get(f"/register/{_org_slug(governed)}").text
    theirs = client.get(f"/register/{tenant.organisation.slug}").text
    assert "Chat van A" in mine
    assert "Chat van B" not in mine
    assert tenant.organisation.name not in mine
    assert "Chat van B" in theirs
    assert "Chat van A" not in theirs


def test_organisation_wide_stop_shows_on_every_card(
    client: httpx.Client, governed: Governed
) -> None:
    in_production(governed)
    with governed.database.session(governed.organisation_id) as session:
        governed.organisation(session).ai_suspended_at = datetime.now(UTC)
    page = client.get(f"/register/{_org_slug(governed)}", headers={"Accept-Language": "nl"})
    assert "tijdelijk stopgezet" in page.text
