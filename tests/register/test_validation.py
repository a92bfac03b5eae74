"""Each kind of departure from the standard is reported by the field's title and name, in Dutch,
and an entry with problems is never exported."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from tests.register.conftest import Governed, in_production
from waarborg.db.tables import Organisation
from waarborg.register.export import RegisterExportError, export_use_case
from waarborg.register.validation import validate_entry

VALID: dict[str, Any] = {
    "name": "Vraag het de gemeente",
    "description_short": "Chatbot die vragen beantwoordt uit de eigen website.",
    "organization": "Gemeente Voorbeeld",
    "status": "In gebruik",
    "contact_email": "ai@voorbeeld.nl",
    "publication_category": "Impactvolle algoritmes",
    "lang": "nld",
}


def problems_with(**changes: Any) -> list[str]:
    entry = {**VALID, **changes}
    return validate_entry({name: value for name, value in entry.items() if value is not None})


def test_a_valid_entry_has_no_problems() -> None:
    assert validate_entry(VALID) == []


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("contact_email", "Contactgegevens (contact_email) ontbreekt"),
        ("name", "Naam (name) ontbreekt"),
        ("description_short", "Korte omschrijving (description_short) ontbreekt"),
        ("organization", "Organisatienaam (organization) ontbreekt"),
        ("status", "Status (status) ontbreekt"),
        ("publication_category", "Publicatiecategorie (publication_category) ontbreekt"),
        ("lang", "Taal (lang) ontbreekt"),
    ],
)
def test_missing_required_fields_are_named(field: str, message: str) -> None:
    assert problems_with(**{field: None}) == [message]
    assert problems_with(**{field: "  "}) == [message]


def test_too_long() -> None:
    assert problems_with(name="x" * 101) == ["Naam (name) is te lang: 101 tekens, hoogstens 100"]
    long_html = "<p>" + "x" * 2500 + "</p>"
    assert problems_with(goal=long_html) == [
        "Doel en impact (goal) is te lang: 2507 tekens, hoogstens 2500"
    ]


def test_values_outside_the_permitted_ones() -> None:
    assert problems_with(status="Actief") == [
        "Status (status): 'Actief' is geen toegestane waarde "
        "(kies uit: In ontwikkeling, In gebruik, Buiten gebruik)"
    ]
    assert problems_with(category=["Ruimtevaart"]) == [
        "Thema (category): 'Ruimtevaart' is geen toegestane waarde"
    ]
    assert problems_with(lang="eng")[0].startswith("Taal (lang): 'eng' is geen toegestane waarde")
    assert problems_with(standard_version="2.0")[0].startswith(
        "Versie publicatiestandaard (standard_version): '2.0'"
    )


def test_unknown_fields() -> None:
    assert problems_with(eigenaar="j.jansen") == [
        "Onbekend veld 'eigenaar': dat kent publicatiestandaard 1.0 niet"
    ]


def test_wrong_types() -> None:
    assert problems_with(category="Werk") == ["Thema (category) moet een lijst zijn"]
    assert problems_with(name=["Naam"]) == ["Naam (name) moet tekst zijn"]


def test_markup_that_is_not_allowed() -> None:
    assert problems_with(goal="<p>Doel</p><script>alert(1)</script>") == [
        "Doel en impact (goal) bevat het HTML-element <script>; toegestaan zijn alleen: "
        "div, br, p, ul, ol, li"
    ]
    assert problems_with(goal='<p onclick="x()">Doel</p>') == [
        "Doel en impact (goal) bevat HTML-attributen of -commentaar, dat is niet toegestaan: "
        "p[onclick]"
    ]
    assert problems_with(name="Vraag <b>het</b> de gemeente") == [
        "Naam (name) moet platte tekst zijn, zonder HTML"
    ]
    assert problems_with(goal="<p>Doel</p><ul><li>een</li></ul><br>") == []


def test_items_of_grouping_lists() -> None:
    assert problems_with(lawful_basis_grouping=[{"title": "Gemeentewet"}]) == [
        "Verwijzingen wettelijke basis (lawful_basis_grouping), item 1: "
        "Link naar wettelijke basis (link) ontbreekt"
    ]
    too_long = {"title": "x" * 101, "link": "https://wetten.overheid.nl/BWBR0005416"}
    assert problems_with(lawful_basis_grouping=[too_long]) == [
        "Verwijzingen wettelijke basis (lawful_basis_grouping), item 1: "
        "Titel van wettelijke basis (title) is te lang: 101 tekens, hoogstens 100"
    ]
    assert problems_with(impacttoetsen_grouping=[{"title": "DPIA", "score": "9"}]) == [
        "Impacttoetsen (impacttoetsen_grouping), item 1: onbekend veld 'score'"
    ]
    assert problems_with(source_data_grouping=[{"link": "https://data.overheid.nl"}]) == [
        "Verwijzingen gegevensbronnen (source_data_grouping), item 1: "
        "Titel van gegevensbron (title) ontbreekt"
    ]
    assert problems_with(impacttoetsen_grouping=["DPIA"]) == [
        "Impacttoetsen (impacttoetsen_grouping), item 1 moet een object met velden zijn"
    ]
    assert problems_with(lawful_basis_grouping=[{"title": "Wet", "link": "javascript:x"}]) == [
        "Verwijzingen wettelijke basis (lawful_basis_grouping), item 1: "
        "Link naar wettelijke basis (link) moet een webadres zijn (nu: 'javascript:x')"
    ]


def test_formats_the_instructions_ask_for() -> None:
    assert problems_with(begin_date="03-2025") == [
        "Begindatum (begin_date) moet jaar en maand zijn, zoals 2025-03 (nu: '03-2025')"
    ]
    assert problems_with(url="gemeente.nl/register") == [
        "Link naar bronregistratie (url) moet een webadres zijn dat begint met https:// "
        "(nu: 'gemeente.nl/register')"
    ]
    assert problems_with(contact_email="bel ons") == [
        "Contactgegevens (contact_email) moet een e-mailadres of een webadres zijn (nu: 'bel ons')"
    ]
    assert problems_with(contact_email="https://gemeente.nl/contact") == []


def test_several_problems_are_all_reported() -> None:
    found = problems_with(name=None, contact_email=None, status="Actief", extra="x")
    assert len(found) == 4


def test_export_refuses_and_names_every_missing_field(governed: Governed) -> None:
    slug = governed.create("onvolledig", contact_email="")
    with governed.database.session(governed.organisation_id) as session:
        session.execute(
            update(Organisation)
            .where(Organisation.id == governed.organisation_id)
            .values(contact_email="")
        )
        use_case = governed.use_case(session, slug)
        with pytest.raises(RegisterExportError) as refused:
            export_use_case(session, governed.organisation(session), use_case)
    problems = refused.value.problems
    assert "Contactgegevens (contact_email) ontbreekt" in problems
    assert "Publicatiecategorie (publication_category) ontbreekt" in problems
    assert any("beantwoord de vragen in de risicobeoordeling" in p for p in problems)
    assert "Contactgegevens (contact_email) ontbreekt" in str(refused.value)


def test_contact_falls_back_to_the_organisation(governed: Governed) -> None:
    slug = in_production(governed)
    with governed.database.session(governed.organisation_id) as session:
        organisation = governed.organisation(session)
        organisation.contact_email = "algoritmes@voorbeeld.nl"
        use_case = governed.use_case(session, slug)
        use_case.contact_email = ""
        entry = export_use_case(session, organisation, use_case)
    assert entry["contact_email"] == "algoritmes@voorbeeld.nl"
