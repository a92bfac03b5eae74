"""The bounds every fetch and parse stays within, so that one hostile page or file cannot
exhaust memory, time or disk. Defaults suit a municipal website; tests shrink them."""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * MEGABYTE  # one response or file, as transferred
    max_text_chars: int = 2_000_000  # text extracted from one document
    max_pdf_pages: int = 2_000
    max_docx_uncompressed: int = 100 * MEGABYTE  # sum of the declared member sizes
    max_docx_members: int = 2_000
    max_docx_ratio: int = 200  # uncompressed / compressed, per member
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0  # one response from first byte sent to last byte read
    max_redirects: int = 5
    delay_seconds: float = 1.0  # between two requests of one crawl
    user_agent: str = "WaarborgBot/1.0"
