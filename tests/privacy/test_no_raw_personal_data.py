"""Plant identifiers through every entry point, then search the database and the logs for them.

Nothing of what citizens or employees type may be stored or logged raw: refusals name kinds,
pseudonymisation happens before retrieval, login throttling keeps keyed digests only. The
database is read table by table on both backends, and on SQLite also byte by byte (main file
and write-ahead log), so a value written and deleted again would still be found.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

import waarborg.db.tables  # noqa: F401 - every table on the metadata
from tests.answering.conftest import with_sources  # noqa: F401 - shared fixture
from tests.conftest import PASSWORD
from tests.governance.conftest import Governed, governed  # noqa: F401 - shared fixture
from tests.support.web import csrf_from, login, post_form
from waarborg.accounts.api_keys import create_api_key
from waarborg.accounts.roles import Role
from waarborg.cli import app as cli_app
from waarborg.db.base import Base
from waarborg.db.database import Database
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.vocabulary import UseCaseStatus

BSN = "111222333"
IBAN = "NL91ABNA0417164300"
PHONE = "06-12345678"
EMAIL = "jan.zwartkruis@voorbeeld-post.nl"
SURNAME = "Zwartkruis"
PLANTED = (BSN, IBAN, PHONE, EMAIL, SURNAME)
MESSAGE = (
    f"Beste gemeente, ik ben Jan {SURNAME}, BSN {BSN}, rekening {IBAN}, bel {PHONE} of mail "
    f"{EMAIL}. Wat kost een paspoort?"
)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logs() -> Iterator[_Collector]:
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in ("waarborg", "uvicorn", "uvicorn.error", "")]
    for logger in loggers:
        logger.addHandler(collector)
    yield collector
    for logger in loggers:
        logger.removeHandler(collector)


def test_planted_identifiers_are_nowhere_in_the_database_or_logs(
    governed: Governed,  # noqa: F811
    with_sources: Callable[..., str],  # noqa: F811
    live_url: str,
    database: Database,
    database_url: str,
    tmp_path: Path,
    logs: _Collector,
) -> None:
    public = with_sources("privacy-publiek", status=UseCaseStatus.PRODUCTION)
    sandbox = with_sources("privacy-sandbox", audience="intern", access_roles=["medewerker"])
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "website")
        set_scopes(session, key.record, [public, sandbox])
    headers = {"Authorization": f"Bearer {key.secret}"}

    with httpx.Client(base_url=live_url, follow_redirects=True, timeout=60) as client:
        for slug in (public, sandbox):
            answer = client.post(
                f"/api/v1/toepassingen/{slug}/vragen",
                headers=headers,
                json={"question": MESSAGE, "keep": True},  # kept in an (encrypted) conversation
            )
            assert answer.status_code == 200
            assert answer.json()["reason"] in ("answered", "personal_data_in_sandbox")
            assert not any(value in answer.text for value in (BSN, IBAN, EMAIL))
        kept = client.post(
            f"/api/v1/toepassingen/{public}/vragen",
            headers=headers,
            json={"question": MESSAGE, "keep": True},
        ).json()
        assert kept["conversation_id"]
        assert (
            client.post("/api/v1/privacy/scan", headers=headers, json={"text": MESSAGE}).status_code
            == 200
        )
        redacted = client.post("/api/v1/privacy/redact", headers=headers, json={"text": MESSAGE})
        assert BSN not in redacted.json()["text"]
        # A failed login with an identifier as username.
        page = client.get("/inloggen")
        client.post(
            "/inloggen",
            data={"gebruikersnaam": EMAIL, "wachtwoord": BSN, "csrf_token": csrf_from(page.text)},
        )
        login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
        post_form(client, "/assistent", "/assistent", {"toepassing": sandbox, "vraag": MESSAGE})
    CliRunner().invoke(
        cli_app,
        ["ask", MESSAGE, "--use-case", public, "--org", governed.tenant.organisation.slug],
        env={"WAARBORG_DATABASE_URL": database_url, "WAARBORG_DATA_DIR": str(tmp_path)},
    )

    found = _search_tables(database) + _search_files(database_url)
    found += [f"log: {line[:80]}" for line in logs.lines if any(v in line for v in PLANTED)]
    assert not found, found


def _search_tables(database: Database) -> list[str]:
    hits = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                text = repr(tuple(row))
                hits.extend(f"{table.name}: {v}" for v in PLANTED if v in text)
    return hits


def _search_files(database_url: str) -> list[str]:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        return []
    hits = []
    for suffix in ("", "-wal"):
        path = Path(url.database + suffix)
        if path.exists():
            content = path.read_bytes()
            hits.extend(f"{path.name}: {v}" for v in PLANTED if v.encode() in content)
    return hits
