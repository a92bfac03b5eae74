"""The employee assistant page answers through the governed path, with sources and label."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.conftest import PASSWORD
from tests.governance.conftest import Governed
from tests.support.web import login, post_form
from waarborg.accounts.roles import Role


def test_employee_asks_and_sees_sources_and_label(
    governed: Governed, with_sources: Callable[..., str], client: httpx.Client
) -> None:
    slug = with_sources("kennisbank", audience="intern", access_roles=["medewerker"])
    hidden = governed.create("nog-concept", audience="intern")
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    page = client.get("/assistent")
    assert page.status_code == 200
    assert f'value="{slug}"' in page.text
    assert f'value="{hidden}"' not in page.text  # not serving: the policy hides it

    answered = post_form(
        client, "/assistent", "/assistent", {"toepassing": slug, "vraag": "wat kost een paspoort"}
    )
    assert answered.status_code == 200
    assert "€ 80,35" in answered.text
    assert 'href="https://www.voorbeeld.nl/paspoort"' in answered.text
    assert "Dit antwoord is gemaakt door een AI-systeem" in answered.text

    refused = post_form(
        client,
        "/assistent",
        "/assistent",
        {"toepassing": slug, "vraag": "wanneer opent het zwembad"},
    )
    assert "geen antwoord op vinden" in refused.text
    empty = post_form(client, "/assistent", "/assistent", {"toepassing": slug, "vraag": " "})
    assert empty.status_code == 400
    assert "Stel een vraag." in empty.text
    sneaky = post_form(
        client, "/assistent", "/assistent", {"toepassing": hidden, "vraag": "wat kost een paspoort"}
    )
    assert "niet in gebruik" in sneaky.text


def test_auditor_without_access_roles_sees_no_use_case(
    governed: Governed, with_sources: Callable[..., str], client: httpx.Client
) -> None:
    with_sources("alleen-medewerkers", audience="intern", access_roles=["medewerker"])
    login(client, governed.tenant.username(Role.AUDITOR), PASSWORD)
    page = client.get("/assistent")
    assert "Er is nu geen toepassing die u mag gebruiken." in page.text
