"""Governance through the JSON API, and the gateway's model list that follows the policy."""

from __future__ import annotations

import httpx
import pytest

from tests.governance.conftest import COMPLETE_ASSESSMENT, Governed
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.lifecycle import change_status
from waarborg.governance.vocabulary import UseCaseStatus


def _key_for(governed: Governed, role: Role | None, scopes: tuple[str, ...] = ()) -> str:
    with governed.database.session(governed.organisation_id) as session:
        creator = get_user(session, governed.tenant.username(role)).id if role else None
        key = create_api_key(session, governed.organisation(session), "test", created_by=creator)
        set_scopes(session, key.record, scopes)
        return key.secret


def _api(live_url: str, secret: str) -> httpx.Client:
    return httpx.Client(base_url=live_url, headers={"Authorization": f"Bearer {secret}"})


def test_lifecycle_through_the_api(governed: Governed, live_url: str) -> None:
    keys = {
        role: _key_for(governed, role)
        for role in (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.MEDEWERKER)
    }
    with _api(live_url, keys[Role.EIGENAAR]) as owner:
        created = owner.post(
            "/api/v1/toepassingen",
            json={
                "slug": "api-chat",
                "name": "API-chat",
                "purpose": "Testen via de API.",
                "human_oversight": "Steekproef.",
                "contact_email": "ai@voorbeeld.nl",
            },
        )
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "concept"
        refused = owner.post(
            "/api/v1/toepassingen/api-chat/status", json={"status": "in_beoordeling"}
        )
        assert refused.status_code == 400
        error = refused.json()["error"]
        assert error["code"] == "transition_refused"
        assert "Noodzaak en proportionaliteit" in error["missing"]
        assessed = owner.patch(
            "/api/v1/toepassingen/api-chat/beoordeling", json=COMPLETE_ASSESSMENT
        )
        assert assessed.status_code == 200, assessed.text
        assert (
            owner.post(
                "/api/v1/toepassingen/api-chat/status", json={"status": "in_beoordeling"}
            ).status_code
            == 200
        )
    for role in (Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO):
        with _api(live_url, keys[role]) as signer:
            signed = signer.post(
                "/api/v1/toepassingen/api-chat/besluiten",
                json={"role": role.value, "decision": "akkoord"},
            )
            assert signed.status_code == 200, signed.text
    with _api(live_url, keys[Role.MEDEWERKER]) as employee:
        denied = employee.post("/api/v1/toepassingen/api-chat/schorsen", json={"reason": "x"})
        assert denied.status_code == 403
        assert denied.json()["error"]["code"] == "role_required"
        assert employee.get("/api/v1/toepassingen").status_code == 403
    with _api(live_url, keys[Role.EIGENAAR]) as owner:
        live = owner.post("/api/v1/toepassingen/api-chat/status", json={"status": "productie"})
        assert live.status_code == 200, live.text
        stopped = owner.post("/api/v1/toepassingen/api-chat/schorsen", json={"reason": "Test"})
        assert stopped.json()["status"] == "geschorst"
        assert owner.get("/api/v1/toepassingen/onbekend").status_code == 404
        malformed = owner.post("/api/v1/toepassingen/api-chat/schorsen", content=b"{kapot")
        assert malformed.status_code == 422
        assert malformed.json()["error"]["code"] == "invalid_request"


def test_keys_without_a_person_cannot_govern(governed: Governed, live_url: str) -> None:
    with _api(live_url, _key_for(governed, None)) as program:
        response = program.post("/api/v1/organisatie/schorsen", json={"reason": "x"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "key_without_user"


@pytest.mark.parametrize("switch", ["use_case", "model", "organisation"])
def test_gateway_model_list_follows_every_kill_switch(
    governed: Governed, live_url: str, switch: str
) -> None:
    slug = governed.create("gateway-chat", audience="api")
    with governed.database.session(governed.organisation_id) as session:
        change_status(
            session,
            governed.use_case(session, slug),
            governed.organisation(session),
            UseCaseStatus.SANDBOX,
            governed.actors[Role.EIGENAAR],
        )
    program_key = _key_for(governed, None, (slug,))
    unscoped_key = _key_for(governed, None)
    ciso_key = _key_for(governed, Role.CISO)
    with _api(live_url, program_key) as program:
        assert [m["id"] for m in program.get("/v1/models").json()["data"]] == [slug]
        with _api(live_url, unscoped_key) as other:
            assert other.get("/v1/models").json()["data"] == []
        path = {
            "use_case": f"/api/v1/toepassingen/{slug}/schorsen",
            "model": "/api/v1/modellen/extractief/schorsen",
            "organisation": "/api/v1/organisatie/schorsen",
        }[switch]
        with _api(live_url, ciso_key) as ciso:
            assert ciso.post(path, json={"reason": "Oefening"}).status_code == 200
        assert program.get("/v1/models").json()["data"] == []
