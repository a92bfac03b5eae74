"""The auditor's view of the audit log: the chain's state, filters, CSV and JSON export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import httpx

from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.conftest import PASSWORD
from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from tests.support.web import login, post_form
from waarborg.accounts.roles import Role


def test_auditor_filters_and_exports(
    governed: Governed,  # noqa: F811
    with_sources: Callable[..., str],  # noqa: F811
    client: httpx.Client,
) -> None:
    slug = with_sources("audit-vragen", audience="intern", access_roles=["medewerker"])
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    post_form(
        client, "/assistent", "/assistent", {"toepassing": slug, "vraag": "wat kost een paspoort"}
    )
    assert client.get("/beheer/audit").status_code == 403
    client.cookies.clear()

    login(client, governed.tenant.username(Role.AUDITOR), PASSWORD)
    page = client.get("/beheer/audit")
    assert page.status_code == 200
    assert "De keten is intact" in page.text
    assert "toepassing_aangemaakt" in page.text
    requests_only = client.get("/beheer/audit", params={"soort": "verzoek"})
    assert "vraag" in requests_only.text
    assert "toepassing_aangemaakt" not in requests_only.text

    exported = client.get("/beheer/audit/export.json", params={"toepassing": slug})
    assert exported.headers["content-disposition"].startswith("attachment;")
    rows = json.loads(exported.text)
    assert {row["use_case"] for row in rows} == {slug}
    question = next(row for row in rows if row["action"] == "vraag")
    assert question["detail"]["reason"] == "answered"
    assert question["actor"].startswith("gebruiker:")
    assert "wat kost" not in json.dumps(question["detail"])  # the text asked is never kept

    as_csv = client.get("/beheer/audit/export.csv", params={"soort": "beheer"})
    table = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert table
    assert {row["kind"] for row in table} == {"beheer"}
    assert client.get("/beheer/audit/export.xml").status_code == 404
