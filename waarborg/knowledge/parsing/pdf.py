"""PDF: text per page through pypdf, paragraphs split on blank lines, page numbers kept.

A PDF that needs a password, or that pypdf cannot read, is refused with a message; a PDF
with only an owner password (printing/copying restrictions) opens with the empty password.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from waarborg.knowledge.limits import Limits
from waarborg.knowledge.parsing.model import Block, BlockKind, ParsedDocument, ParseError


def parse_pdf(content: bytes, fallback_title: str, limits: Limits) -> ParsedDocument:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("De PDF is met een wachtwoord beveiligd en kan niet worden gelezen.")
        if len(reader.pages) > limits.max_pdf_pages:
            raise ParseError(f"De PDF heeft meer dan {limits.max_pdf_pages} pagina's.")
        title = _title(reader) or fallback_title
        blocks: list[Block] = []
        size = 0
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            size += len(text)
            if size > limits.max_text_chars:
                raise ParseError("De PDF bevat meer tekst dan Waarborg per document opneemt.")
            for part in re.split(r"\n\s*\n", text):
                joined = " ".join(part.split())
                if joined:
                    blocks.append(Block(BlockKind.PARAGRAPH, joined, page=number))
    except FileNotDecryptedError:
        raise ParseError(
            "De PDF is met een wachtwoord beveiligd en kan niet worden gelezen."
        ) from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ParseError(f"De PDF is beschadigd of onleesbaar ({type(error).__name__}).") from None
    return ParsedDocument(title=title, blocks=blocks)


def _title(reader: PdfReader) -> str:
    try:
        metadata = reader.metadata
    except PdfReadError:
        return ""
    return str(metadata.title).strip() if metadata and metadata.title else ""
