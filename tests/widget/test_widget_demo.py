"""The demo website carries the widget's one script tag; the demo allows its origin."""

from __future__ import annotations

from fastapi.testclient import TestClient

from waarborg.demo.use_cases import DEMO_USE_CASES
from waarborg.demo.website.server import create_site_app

SCRIPT = "http://127.0.0.1:8080/widget/gemeente-voorbeeld/inwonersvragen.js"


def test_every_page_gets_the_script_tag_once() -> None:
    with TestClient(create_site_app(widget_script=SCRIPT)) as client:
        for path in ("/", "/paspoort-id-kaart-aanvragen", "/contact"):
            text = client.get(path).text
            assert text.count(f'<script src="{SCRIPT}" defer></script>') == 1, path


def test_without_a_widget_the_pages_are_unchanged() -> None:
    with TestClient(create_site_app()) as client:
        assert "<script" not in client.get("/").text


def test_the_citizen_use_case_allows_the_demo_website() -> None:
    spec = next(s for s in DEMO_USE_CASES if s["fields"]["slug"] == "inwonersvragen")
    assert "http://127.0.0.1:8081" in spec["widget_origins"]
