"""Health, readiness and metrics endpoints; settings validation; the i18n catalogues."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import httpx
import pytest

from tests.support.live_server import live_server
from waarborg.app import create_app
from waarborg.settings import Settings, SettingsError, load_settings
from waarborg.web.i18n import CATALOGUES, Translator, negotiate


def test_healthz_readyz_and_metrics(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "migrations": "ok"}
    client.get("/inloggen")
    metrics = client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    assert 'waarborg_http_requests_total{method="GET",route="/inloggen",status="200"}' in (
        metrics.text
    )
    assert "waarborg_http_request_duration_seconds_bucket" in metrics.text


def test_readyz_reports_an_unmigrated_database(empty_database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=empty_database_url)
    with live_server(create_app(settings)) as url:
        ready = httpx.get(f"{url}/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["migrations"].startswith("pending")


def test_readyz_reports_an_unreachable_database(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, database_url="postgresql+psycopg://postgres@127.0.0.1:1/none"
    )
    # The server starts anyway and says it is not ready, so an orchestrator can wait.
    with live_server(create_app(settings)) as url:
        ready = httpx.get(f"{url}/readyz")
        assert httpx.get(f"{url}/healthz").status_code == 200
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"].startswith("unreachable")


def test_security_headers_on_pages(client: httpx.Client) -> None:
    page = client.get("/inloggen")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WAARBORG_SESSION_IDLE_MINUTES", "0"),
        ("WAARBORG_DEFAULT_LANGUAGE", "fr"),
        ("WAARBORG_DATABASE_URL", "postgresql://zonder-driver/db"),
        ("WAARBORG_OIDC_PROVIDERS", "[{]"),
        ("WAARBORG_COOKIE_SECURE", "soms"),
    ],
)
def test_wrong_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable):
        load_settings()
    with pytest.raises(SettingsError, match=variable):
        create_app()


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).secret_bytes()
    assert len(first) >= 32
    assert Settings(data_dir=tmp_path).secret_bytes() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_both_languages_define_the_same_messages() -> None:
    nl, en = (set(CATALOGUES[code]) for code in ("nl", "en"))
    assert nl == en, f"only nl: {sorted(nl - en)}; only en: {sorted(en - nl)}"
    for code, messages in CATALOGUES.items():
        for key, text in messages.items():
            assert text.strip(), f"{code}:{key} is empty"


def test_language_negotiation() -> None:
    assert negotiate(None, None, "nl") == "nl"
    assert negotiate(None, "en-GB,en;q=0.9", "nl") == "en"
    assert negotiate("nl", "en-GB", "en") == "nl"
    assert negotiate("xx", "de-DE", "nl") == "nl"
    assert Translator("en")("login.title") == "Log in"
    assert Translator("nl")("home.welcome", name="Sanne") == "Welkom, Sanne"


def _read_key(folder: str) -> bytes:
    return Settings(data_dir=Path(folder)).secret_bytes()


def test_workers_starting_at_once_agree_on_one_secret_key(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        keys = pool.map(_read_key, [str(tmp_path)] * 8)
    assert len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]
