"""Fixtures for knowledge tests: the governance fixtures, a use case, and the test website."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.governance.conftest import Governed, governed  # noqa: F401 - fixture re-export
from tests.knowledge.site import Route, Site, page, serve


def site_routes() -> dict[str, Route]:
    afval = (
        "<p>De gemeente haalt het restafval elke week op. Zet de container voor 7.30 uur aan "
        "de straat.</p><h2>Grofvuil</h2><p>Grofvuil brengt u gratis naar de milieustraat.</p>"
        "<ul><li>Matrassen</li><li>Banken en stoelen</li></ul>"
        "<table><tr><th>Dag</th><th>Wijk</th></tr><tr><td>maandag</td><td>Noord</td></tr>"
        "<tr><td>dinsdag</td><td>Zuid</td></tr></table>"
    )
    return {
        "/": page(
            "Welkom",
            "<p>Welkom op de website van Gemeente Voorbeeld. Hier vindt u informatie over "
            "afval, paspoorten en verhuizen.</p>",
            "<p><a href='/intern/salarissen'>Intern</a> <a href='/logo.png'>Logo</a></p>",
        ),
        "/afval": page("Afval", afval),
        "/paspoort": page(
            "Paspoort aanvragen",
            "<p>U vraagt een paspoort aan bij de balie in het stadhuis. Maak eerst een "
            "afspraak. Neem een pasfoto mee die niet ouder is dan zes maanden.</p>",
        ),
        "/verhuizen": page(
            "Verhuizen",
            "<p>Geef uw verhuizing uiterlijk vijf dagen na de verhuisdatum door.</p>",
        ),
        "/intern/salarissen": page("Salarissen", "<p>Niet voor de crawler.</p>"),
        "/robots.txt": Route(
            content_type="text/plain", body=b"User-agent: *\nDisallow: /intern/\n"
        ),
        "/privacy": page("Privacyverklaring", "<p>Wij gaan zorgvuldig om met uw gegevens.</p>"),
        "/cookies": page("Cookies", "<p>Deze website gebruikt alleen functionele cookies.</p>"),
    }


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(site_routes()) as running:
        yield running


@pytest.fixture
def use_case_slug(governed: Governed) -> str:  # noqa: F811 - the re-exported fixture
    return governed.create("afvalchat")
