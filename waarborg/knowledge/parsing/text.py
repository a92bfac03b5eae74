"""Plain text and Markdown: decoded leniently, structure read line by line.

Markdown gets a small reader of its own (ATX headings, list items, pipe tables, paragraphs):
that is all the structure chunking uses, and it keeps a dependency out.
"""

from __future__ import annotations

import re

from waarborg.knowledge.parsing.model import Block, BlockKind, ParsedDocument

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which never fails on Dutch text."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def parse_text(content: bytes, fallback_title: str) -> ParsedDocument:
    text = decode(content)
    blocks = [
        Block(BlockKind.PARAGRAPH, " ".join(part.split()))
        for part in re.split(r"\n\s*\n", text)
        if part.strip()
    ]
    return ParsedDocument(title=fallback_title, blocks=blocks)


def parse_markdown(content: bytes, fallback_title: str) -> ParsedDocument:
    blocks: list[Block] = []
    paragraph: list[str] = []
    previous_table = False

    def flush() -> None:
        if paragraph:
            blocks.append(Block(BlockKind.PARAGRAPH, " ".join(" ".join(paragraph).split())))
            paragraph.clear()

    for line in decode(content).splitlines():
        stripped = line.strip()
        heading = HEADING.match(stripped)
        item = LIST_ITEM.match(line)
        if not stripped or stripped.startswith("```"):
            flush()
        elif heading:
            flush()
            blocks.append(Block(BlockKind.HEADING, heading.group(2), level=len(heading.group(1))))
        elif TABLE_RULE.match(stripped) and previous_table:
            flush()
        elif stripped.startswith("|"):
            flush()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            is_header = not previous_table
            blocks.append(Block(BlockKind.TABLE_ROW, " | ".join(cells), header=is_header))
        elif item:
            flush()
            blocks.append(Block(BlockKind.LIST_ITEM, " ".join(item.group(1).split())))
        elif line.startswith((" ", "\t")) and blocks and blocks[-1].kind == BlockKind.LIST_ITEM:
            last = blocks.pop()
            blocks.append(Block(BlockKind.LIST_ITEM, f"{last.text} {stripped}"))
        else:
            paragraph.append(stripped)
        previous_table = stripped.startswith("|")
    flush()
    title = next((b.text for b in blocks if b.kind == BlockKind.HEADING), fallback_title)
    return ParsedDocument(title=title, blocks=blocks)
