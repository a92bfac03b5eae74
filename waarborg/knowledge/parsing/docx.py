"""DOCX: headings (by style), paragraphs, list items and table rows through python-docx.

A DOCX is a zip archive, so before python-docx opens it the archive's declared sizes are
checked: total uncompressed size, member count and compression ratio. Python's zipfile never
reads past a member's declared size, so a zip bomb is refused before it is inflated.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from waarborg.knowledge.limits import MEGABYTE, Limits
from waarborg.knowledge.parsing.model import Block, BlockKind, ParsedDocument, ParseError

HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)


def check_archive(content: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ParseError("Het DOCX-bestand is beschadigd (geen geldig zip-archief).") from None
    if len(members) > limits.max_docx_members:
        raise ParseError(
            f"Het DOCX-bestand bevat meer dan {limits.max_docx_members} onderdelen "
            "(mogelijk een zip-bom)."
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_docx_uncompressed:
        raise ParseError(
            f"Het DOCX-bestand is uitgepakt groter dan "
            f"{limits.max_docx_uncompressed / MEGABYTE:g} MB (mogelijk een zip-bom)."
        )
    for member in members:
        if member.file_size > MEGABYTE and (
            member.file_size > limits.max_docx_ratio * max(member.compress_size, 1)
        ):
            raise ParseError(
                "Het DOCX-bestand is verdacht sterk gecomprimeerd (mogelijk een zip-bom)."
            )


def parse_docx(content: bytes, fallback_title: str, limits: Limits) -> ParsedDocument:
    check_archive(content, limits)
    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ParseError(f"Het DOCX-bestand is onleesbaar ({type(error).__name__}).") from None
    except Exception as error:  # lxml errors on a damaged part: report, never crash the run
        raise ParseError(f"Het DOCX-bestand is onleesbaar ({type(error).__name__}).") from None
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            block = _paragraph(item)
            if block is not None:
                blocks.append(block)
        elif isinstance(item, Table):
            blocks.extend(_table(item))
    title = (document.core_properties.title or "").strip()
    if not title:
        title = next((b.text for b in blocks if b.kind == BlockKind.HEADING), fallback_title)
    return ParsedDocument(title=title, blocks=blocks)


def _paragraph(paragraph: Paragraph) -> Block | None:
    text = " ".join(paragraph.text.split())
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""
    match = HEADING_STYLE.match(style)
    if match:
        return Block(BlockKind.HEADING, text, level=min(int(match.group(1)), 6))
    if style.lower() == "title":
        return Block(BlockKind.HEADING, text, level=1)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if numbered or style.lower().startswith(("list", "lijst")):
        return Block(BlockKind.LIST_ITEM, text)
    return Block(BlockKind.PARAGRAPH, text)


def _table(table: Table) -> list[Block]:
    rows = []
    for index, row in enumerate(table.rows):
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(Block(BlockKind.TABLE_ROW, " | ".join(cells), header=index == 0))
    return rows
