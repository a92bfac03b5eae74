"""Every refusal reason of the policy, seen through a real entry point: the question API
(and the CLI for the anonymous case), with its stable reason code and a Dutch message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.roles import Role
from waarborg.cli import app as cli_app
from waarborg.governance.catalogue import OWN_PROVIDER, find_agreement, get_model
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.kill_switch import (
    suspend_model_entry,
    suspend_organisation,
    suspend_use_case,
)
from waarborg.governance.vocabulary import UseCaseStatus

Setup = Callable[[Governed, Callable[..., str]], tuple[str, dict[str, object]]]


def _sandbox(_g: Governed, make: Callable[..., str], **fields: object) -> str:
    return make("vragen", **fields)


def _production(_g: Governed, make: Callable[..., str], **fields: object) -> str:
    return make("vragen", status=UseCaseStatus.PRODUCTION, **fields)


def unknown(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    _sandbox(g, make)
    return "bestaat-niet", {}


def not_active(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    return make("vragen", status=UseCaseStatus.CONCEPT), {}


def suspended(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    slug = _sandbox(g, make)
    with g.database.session(g.organisation_id) as session:
        suspend_use_case(session, g.use_case(session, slug), g.actors[Role.CISO], "Storing")
    return slug, {}


def organisation_off(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    slug = _sandbox(g, make)
    with g.database.session(g.organisation_id) as session:
        suspend_organisation(g.organisation(session), g.actors[Role.CISO], "Incident")
    return slug, {}


def model_not_allowed(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    return _sandbox(g, make), {"model": "geitje-7b-ultra"}


def model_suspended(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    slug = _sandbox(g, make)
    with g.database.session(g.organisation_id) as session:
        model = get_model(session, g.organisation_id, "extractief")
        suspend_model_entry(model, g.actors[Role.CISO], "Onderhoud")
    return slug, {}


def model_blocked(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    slug = _sandbox(g, make, allowed_models=["extractief", "gpt-4o-api"])
    with g.database.session(g.organisation_id) as session:
        g.organisation(session).block_non_eu_models = True
    return slug, {"model": "gpt-4o-api"}


def no_agreement(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    slug = _production(g, make)
    with g.database.session(g.organisation_id) as session:
        agreement = find_agreement(session, g.organisation_id, OWN_PROVIDER)
        assert agreement is not None
        agreement.retraining_on_prompts = True
    return slug, {}


def personal_in_sandbox(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    return _sandbox(g, make), {"question": "Mijn BSN is 111222333, wat kost een paspoort?"}


def personal_blocked(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    slug = _production(g, make, personal_data_policy="blokkeren")
    return slug, {"question": "Mijn BSN is 111222333, wat kost een paspoort?"}


def special_category(g: Governed, make: Callable[..., str]) -> tuple[str, dict[str, object]]:
    return _sandbox(g, make), {"question": "Ik heb diabetes, kan ik hulp krijgen?"}


CASES: list[tuple[str, Setup]] = [
    ("use_case_unknown", unknown),
    ("use_case_not_active", not_active),
    ("use_case_suspended", suspended),
    ("organisation_suspended", organisation_off),
    ("model_not_allowed", model_not_allowed),
    ("model_suspended", model_suspended),
    ("model_blocked_by_policy", model_blocked),
    ("model_without_agreement", no_agreement),
    ("personal_data_in_sandbox", personal_in_sandbox),
    ("personal_data_blocked", personal_blocked),
    ("special_category_data", special_category),
]


@pytest.mark.parametrize(("reason", "setup"), CASES, ids=[case[0] for case in CASES])
def test_refusal_through_the_question_api(
    governed: Governed,  # noqa: F811
    with_sources: Callable[..., str],  # noqa: F811
    live_url: str,
    reason: str,
    setup: Setup,
) -> None:
    slug, extra = setup(governed, with_sources)
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "site")
        if slug != "bestaat-niet":
            set_scopes(session, key.record, [slug])
    body = {"question": "Wat kost een paspoort?", **extra}
    response = httpx.post(
        f"{live_url}/api/v1/toepassingen/{slug}/vragen",
        json=body,
        headers={"Authorization": f"Bearer {key.secret}"},
        timeout=60,
    )
    assert response.status_code == 200
    data = response.json()
    assert data["refused"] is True
    assert data["reason"] == reason
    assert data["answer"]
    assert data["citations"] == []
    assert "111222333" not in data["answer"]


def test_access_denied_and_anonymous_refusals(
    governed: Governed,  # noqa: F811
    with_sources: Callable[..., str],  # noqa: F811
    live_url: str,
    database_url: str,
    tmp_path: Path,
) -> None:
    internal = with_sources("intern", audience="intern", access_roles=["medewerker"])
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "zonder toegang")
    denied = httpx.post(
        f"{live_url}/api/v1/toepassingen/{internal}/vragen",
        json={"question": "Wat kost een paspoort?"},
        headers={"Authorization": f"Bearer {key.secret}"},
    ).json()
    assert (denied["refused"], denied["reason"]) == (True, "access_denied")

    result = CliRunner().invoke(
        cli_app,
        [
            "ask",
            "Wat kost een paspoort?",
            "--use-case",
            internal,
            "--org",
            governed.tenant.organisation.slug,
            "--format",
            "json",
        ],
        env={"WAARBORG_DATABASE_URL": database_url, "WAARBORG_DATA_DIR": str(tmp_path)},
    )
    assert '"reason": "anonymous_not_allowed"' in result.stdout
