"""What every parser produces: a title and a flat list of typed blocks in reading order.

Blocks keep the structure that chunking needs (headings with their level, whole list items,
table rows) without tying chunking to any one file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    level: int = 0  # heading level 1-6; 0 otherwise
    page: int | None = None  # 1-based, for PDFs
    header: bool = False  # a table row that names the columns


@dataclass
class ParsedDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def text_length(self) -> int:
        return sum(len(block.text) for block in self.blocks)


class ParseError(Exception):
    """The document cannot be read; the message is Dutch and says why, for the problems list."""
