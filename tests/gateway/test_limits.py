"""Rate limits and token budgets: counters in the database (shared by every worker), 429 with
``Retry-After`` over HTTP, and the windows themselves with an explicit clock."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from tests.gateway.conftest import Gateway, gateway  # noqa: F401
from waarborg.api.gateway_limits import Limits, admit, current, spend
from waarborg.db.database import Database

NO_LIMITS = Limits(0, 0, 0, 0)


def test_per_minute_limit_of_the_use_case_answers_429(gateway: Gateway) -> None:  # noqa: F811
    gateway.set_use_case(requests_per_minute=2)
    statuses: list[int] = []
    response = None
    # A minute may turn over once between requests; 2 * limit + 1 requests always hit it.
    for _ in range(5):
        response = gateway.chat()
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert response is not None
    assert statuses[-1] == 429
    assert statuses[:2] == [200, 200]
    retry = int(response.headers["retry-after"])
    assert 1 <= retry <= 60
    error = response.json()["error"]
    assert (error["code"], error["type"]) == ("use_case_requests_limit", "rate_limit_exceeded")
    events = [e for e in gateway.audit() if e.action == "afgewezen"]
    assert events[-1].detail["reason"] == "use_case_requests_limit"
    assert events[-1].use_case == gateway.slug


def test_token_budget_of_the_use_case_answers_429(gateway: Gateway) -> None:  # noqa: F811
    gateway.set_use_case(tokens_per_day=10)
    first = gateway.chat()
    assert first.status_code == 200
    assert first.json()["usage"]["total_tokens"] > 10
    second = gateway.chat(stream=True)
    assert second.status_code == 429
    assert second.json()["error"]["code"] == "use_case_tokens_limit"
    assert 1 <= int(second.headers["retry-after"]) <= 86_400


def test_windows_and_subjects(database: Database, gateway: Gateway) -> None:  # noqa: F811
    organisation_id = gateway.governed.organisation_id
    run = uuid.uuid4().hex[:8]  # counters are global; keep this test's own
    limits = Limits(2, 100, 3, 1000)
    noon = datetime(2026, 5, 1, 12, 0, 10, tzinfo=UTC)
    with database.session(organisation_id) as session:
        assert admit(session, organisation_id, f"k1-{run}", f"u1-{run}", limits, noon) is None
        assert admit(session, organisation_id, f"k1-{run}", f"u1-{run}", limits, noon) is None
        hit = admit(session, organisation_id, f"k1-{run}", f"u1-{run}", limits, noon)
        assert hit is not None
        assert (hit.code, hit.retry_after) == ("key_requests_limit", 50)
        # Other keys of the same use case: the use case's own limit (3) is reached next.
        assert admit(session, organisation_id, f"k2-{run}", f"u1-{run}", limits, noon) is None
        shared = admit(session, organisation_id, f"k3-{run}", f"u1-{run}", limits, noon)
        assert shared is not None
        assert shared.code == "use_case_requests_limit"
        later = noon.replace(minute=1)
        assert admit(session, organisation_id, f"k1-{run}", f"u1-{run}", limits, later) is None
        spend(session, organisation_id, f"k1-{run}", f"u1-{run}", 100, later)
        over = admit(session, organisation_id, f"k1-{run}", f"u1-{run}", limits, later)
        assert over is not None
        assert over.code == "key_tokens_limit"
        assert over.retry_after == 11 * 3600 + 58 * 60 + 50
        assert current(session, f"usecase:u1-{run}:tokens", noon.replace(hour=0, second=0)) == 100
        # Zero means no limit.
        for _ in range(5):
            assert admit(session, organisation_id, f"k4-{run}", None, NO_LIMITS, noon) is None
