"""Parsers on documents the tests build: structure kept, unusable files refused with a reason."""

from __future__ import annotations

import pytest

from tests.knowledge.builders import (
    corrupt_pdf,
    docx_file,
    encrypted_pdf,
    many_members_docx,
    pdf_with_pages,
    zip_bomb_docx,
)
from tests.knowledge.site import page
from waarborg.knowledge.limits import MEGABYTE, Limits
from waarborg.knowledge.parsing import BlockKind, ParseError, parse
from waarborg.knowledge.protocol import DOCX, HTML, MARKDOWN, PDF, TEXT


def test_html_keeps_main_content_without_navigation_or_footer() -> None:
    body = (
        "<p>Grofvuil brengt u naar de milieustraat aan de Industrieweg.</p><h2>Wat mag mee</h2>"
        "<ul><li>Matrassen</li><li>Banken</li></ul>"
        "<table><tr><th>Dag</th><th>Tijd</th></tr><tr><td>zaterdag</td><td>9-16 uur</td></tr>"
        "</table>"
    )
    parsed = parse(page("Grofvuil", body).body, HTML, "fallback", Limits())
    text = " ".join(block.text for block in parsed.blocks)
    assert parsed.title.startswith("Grofvuil")
    assert "milieustraat" in text
    assert "Postbus 1" not in text  # footer
    assert "Verhuizen" not in text  # navigation
    kinds = [(block.kind, block.text) for block in parsed.blocks]
    assert (BlockKind.HEADING, "Wat mag mee") in kinds
    assert (BlockKind.LIST_ITEM, "Matrassen") in kinds
    assert (BlockKind.TABLE_ROW, "zaterdag | 9-16 uur") in kinds


def test_pdf_keeps_page_numbers() -> None:
    content = pdf_with_pages([["Eerste pagina over parkeren."], ["Tweede pagina over afval."]])
    parsed = parse(content, PDF, "vergunningen.pdf", Limits())
    assert parsed.title == "vergunningen.pdf"
    assert [(block.page, block.text) for block in parsed.blocks] == [
        (1, "Eerste pagina over parkeren."),
        (2, "Tweede pagina over afval."),
    ]


def test_encrypted_pdf_is_refused_with_a_reason() -> None:
    with pytest.raises(ParseError, match="wachtwoord"):
        parse(encrypted_pdf(), PDF, "geheim.pdf", Limits())


def test_corrupt_pdf_is_refused_with_a_reason() -> None:
    with pytest.raises(ParseError, match="beschadigd"):
        parse(corrupt_pdf(), PDF, "kapot.pdf", Limits())


def test_pdf_with_too_many_pages_is_refused() -> None:
    content = pdf_with_pages([["a"], ["b"], ["c"]])
    with pytest.raises(ParseError, match="meer dan 2 pagina"):
        parse(content, PDF, "lang.pdf", Limits(max_pdf_pages=2))


def test_docx_keeps_headings_lists_and_tables() -> None:
    parsed = parse(docx_file(), DOCX, "regeling.docx", Limits())
    assert parsed.title == "Subsidieregeling sport"
    kinds = [(block.kind, block.level, block.text) for block in parsed.blocks]
    assert kinds[0] == (BlockKind.HEADING, 1, "Subsidie voor sportverenigingen")
    assert (BlockKind.HEADING, 2, "Voorwaarden") in kinds
    assert (BlockKind.LIST_ITEM, 0, "De vereniging is ingeschreven bij de KVK.") in kinds
    assert (BlockKind.TABLE_ROW, 0, "Jeugd | € 500") in kinds


def test_zip_bomb_docx_is_refused_before_inflating() -> None:
    limits = Limits(max_docx_uncompressed=10 * MEGABYTE)
    with pytest.raises(ParseError, match="zip-bom"):
        parse(zip_bomb_docx(20), DOCX, "bom.docx", limits)


def test_highly_compressed_member_is_refused() -> None:
    with pytest.raises(ParseError, match="zip-bom"):
        parse(zip_bomb_docx(5), DOCX, "bom.docx", Limits())


def test_docx_with_too_many_members_is_refused() -> None:
    with pytest.raises(ParseError, match="onderdelen"):
        parse(many_members_docx(30), DOCX, "veel.docx", Limits(max_docx_members=20))


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(ParseError, match="beschadigd"):
        parse(b"geen zip", DOCX, "kapot.docx", Limits())


def test_markdown_structure() -> None:
    content = (
        "# Paspoort\n\nU vraagt een paspoort aan bij de balie.\n\n## Meenemen\n\n"
        "- een pasfoto\n- uw oude paspoort\n\n| Soort | Prijs |\n|---|---|\n| Volwassene | € 84 |\n"
    ).encode()
    parsed = parse(content, MARKDOWN, "paspoort.md", Limits())
    assert parsed.title == "Paspoort"
    kinds = [(block.kind, block.text) for block in parsed.blocks]
    assert (BlockKind.HEADING, "Meenemen") in kinds
    assert (BlockKind.LIST_ITEM, "een pasfoto") in kinds
    assert (BlockKind.TABLE_ROW, "Volwassene | € 84") in kinds


def test_plain_text_in_windows_1252_is_read() -> None:
    parsed = parse("Café de Gemeente\n\nOpen op zondag.".encode("cp1252"), TEXT, "t", Limits())
    assert [block.text for block in parsed.blocks] == ["Café de Gemeente", "Open op zondag."]


def test_enormous_text_is_refused() -> None:
    with pytest.raises(ParseError, match="meer tekst"):
        parse(b"woord " * 1000, TEXT, "groot.txt", Limits(max_text_chars=500))


def test_unknown_type_is_refused() -> None:
    with pytest.raises(ParseError, match="niet ondersteund"):
        parse(b"x", "image/png", "logo.png", Limits())
