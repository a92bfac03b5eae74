"""Turns fetched bytes into a ``ParsedDocument``, by content type.

The dispatch is the only place that knows which parser handles which type; each parser lives
in its own module and raises ``ParseError`` with a Dutch message when a document is unusable.
"""

from __future__ import annotations

from waarborg.knowledge.limits import Limits
from waarborg.knowledge.parsing.docx import parse_docx
from waarborg.knowledge.parsing.html import parse_html
from waarborg.knowledge.parsing.model import Block, BlockKind, ParsedDocument, ParseError
from waarborg.knowledge.parsing.pdf import parse_pdf
from waarborg.knowledge.parsing.text import parse_markdown, parse_text
from waarborg.knowledge.protocol import DOCX, HTML, MARKDOWN, PDF, TEXT

__all__ = ["Block", "BlockKind", "ParseError", "ParsedDocument", "parse"]


def parse(content: bytes, content_type: str, title: str, limits: Limits) -> ParsedDocument:
    """Parse ``content``; ``title`` is used when the document names none."""
    if content_type == HTML:
        parsed = parse_html(content, title)
    elif content_type == PDF:
        parsed = parse_pdf(content, title, limits)
    elif content_type == DOCX:
        parsed = parse_docx(content, title, limits)
    elif content_type == MARKDOWN:
        parsed = parse_markdown(content, title)
    elif content_type == TEXT:
        parsed = parse_text(content, title)
    else:
        raise ParseError(f"Inhoudstype '{content_type}' wordt niet ondersteund.")
    if parsed.text_length > limits.max_text_chars:
        raise ParseError("Het document bevat meer tekst dan Waarborg per document opneemt.")
    return parsed
