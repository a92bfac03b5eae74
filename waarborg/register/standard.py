"""The Algoritmeregister publication standard v1.0, as data the validator can check against.

Only what the standard constrains is kept here: field names, their titles (for messages people
understand), types, maximum lengths, required flags, permitted values, the HTML tags a field may
contain and the fields of the items of ``*_grouping`` lists. A test compares this table with the
standard's own configuration file, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from waarborg.governance.fields import REGISTER_THEMES

STANDARD_VERSION = "1.0"
LANGUAGE = "nld"

# The markup the standard allows in its long text fields.
HTML_TAGS = ("div", "br", "p", "ul", "ol", "li")


class Kind(StrEnum):
    TEXT = "string"
    LIST = "array"
    CHOICE = "enum"


@dataclass(frozen=True)
class ItemField:
    """A field of one item of a ``*_grouping`` list."""

    title: str
    required: bool
    max_length: int | None = None


@dataclass(frozen=True)
class FieldSpec:
    title: str
    kind: Kind
    required: bool = False
    max_length: int | None = None
    permitted: tuple[str, ...] = ()
    html_tags: tuple[str, ...] | None = None
    items: dict[str, ItemField] = field(default_factory=dict)

    @property
    def allows_html(self) -> bool:
        return self.html_tags is not None


def _text(title: str, max_length: int | None, *, required: bool = False) -> FieldSpec:
    return FieldSpec(title, Kind.TEXT, required=required, max_length=max_length)


def _html(title: str, max_length: int) -> FieldSpec:
    return FieldSpec(title, Kind.TEXT, max_length=max_length, html_tags=HTML_TAGS)


# The same list the use-case form offers, so a chosen theme is always a permitted value.
THEMES = REGISTER_THEMES
STATUSES = ("In ontwikkeling", "In gebruik", "Buiten gebruik")
PUBLICATION_CATEGORIES = ("Hoog-risico AI-systeem", "Impactvolle algoritmes", "Overige algoritmes")

FIELDS: dict[str, FieldSpec] = {
    "name": _text("Naam", 100, required=True),
    "description_short": _text("Korte omschrijving", 400, required=True),
    "organization": _text("Organisatienaam", 100, required=True),
    "category": FieldSpec("Thema", Kind.LIST, permitted=THEMES),
    "status": FieldSpec("Status", Kind.CHOICE, required=True, permitted=STATUSES),
    "begin_date": _text("Begindatum", 7),
    "end_date": _text("Einddatum", 7),
    "contact_email": _text("Contactgegevens", 500, required=True),
    "website": _text("Link naar publiekspagina", 500),
    "publication_category": FieldSpec(
        "Publicatiecategorie", Kind.CHOICE, required=True, permitted=PUBLICATION_CATEGORIES
    ),
    "url": _text("Link naar bronregistratie", 500),
    "goal": _html("Doel en impact", 2500),
    "proportionality": _html("Afwegingen", 2500),
    "human_intervention": _html("Menselijke tussenkomst", 2500),
    "risks": _html("Risicobeheer", 2500),
    "lawful_basis": _html("Wettelijke basis", 2500),
    "lawful_basis_grouping": FieldSpec(
        "Verwijzingen wettelijke basis",
        Kind.LIST,
        items={
            "title": ItemField("Titel van wettelijke basis", required=True, max_length=100),
            "link": ItemField("Link naar wettelijke basis", required=True, max_length=500),
        },
    ),
    "process_index_url": _text("Link naar verwerkingsregister", 500),
    "impacttoetsen_grouping": FieldSpec(
        "Impacttoetsen",
        Kind.LIST,
        items={
            "title": ItemField("Titel van impacttoets", required=True),
            "link": ItemField("Link naar impacttoets", required=False, max_length=500),
        },
    ),
    "impacttoetsen": _html("Toelichting op impacttoetsen", 2500),
    "source_data": _html("Gegevens", 2500),
    "source_data_grouping": FieldSpec(
        "Verwijzingen gegevensbronnen",
        Kind.LIST,
        items={
            "title": ItemField("Titel van gegevensbron", required=True, max_length=500),
            "link": ItemField("Link naar gegevensbron", required=True, max_length=500),
        },
    ),
    "methods_and_models": _html("Technische werking", 5000),
    "provider": _text("Leverancier", 200),
    "publiccode": _text("Link naar broncode", 500),
    "lang": FieldSpec("Taal", Kind.CHOICE, required=True, permitted=(LANGUAGE,)),
    "standard_version": FieldSpec(
        "Versie publicatiestandaard", Kind.CHOICE, permitted=(STANDARD_VERSION,)
    ),
    "source_id": _text("Bron-ID", 100),
    "tags": _html("Zoektermen", 2500),
    # Filled in by the Algoritmeregister itself on publication; Waarborg never sets them.
    "lars": _text("Algoritme-ID", None),
    "publication_dt": _text("Publicatie datum", None),
}

# Fields whose value is a link; the standard asks for full URLs ("begin met https://").
LINK_FIELDS = frozenset({"website", "url", "process_index_url", "publiccode"})
LINK_ITEM_FIELDS = frozenset({"link"})
# Fields written as year and month, e.g. 2025-03.
MONTH_FIELDS = frozenset({"begin_date", "end_date"})


def label(name: str) -> str:
    """How a field is named in messages: its title with the technical name beside it."""
    spec = FIELDS.get(name)
    return f"{spec.title} ({name})" if spec else f"'{name}'"
