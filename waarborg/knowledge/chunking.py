"""Structure-aware chunking: passages that follow the document's own sections.

Rules, in order of importance:
- a chunk never spans two sections; every chunk carries the heading path of its section
  (["Afval", "Grofvuil"]), so a citation can say where in the document it is;
- a list item or a table row is never cut; a table split over chunks repeats its header row;
- chunks aim at ``min_words``-``max_words`` words; a section shorter than ``min_words`` is merged
  with the next sibling or subsection (that section's heading kept as a line of text);
- only where one section is split do neighbouring chunks overlap, by the last sentence of the
  previous chunk (at most ``overlap_words``), so a sentence read across the cut keeps its context;
- for PDFs a chunk starts on one page and records it; a page break ends a chunk that is long
  enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from waarborg.knowledge.parsing.model import Block, BlockKind

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-Z0-9ÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ'\"(])")


@dataclass(frozen=True)
class ChunkSettings:
    min_words: int = 80
    max_words: int = 250
    overlap_words: int = 40


@dataclass(frozen=True)
class ChunkText:
    text: str
    headings: tuple[str, ...]
    page: int | None


@dataclass
class _Unit:
    """Text that is never split further (a sentence group, an item, a row)."""

    text: str
    kind: BlockKind
    page: int | None
    header: bool = False
    continues: bool = False  # a later piece of the same paragraph: joined with a space

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class _Section:
    headings: tuple[str, ...]
    units: list[_Unit] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(unit.words for unit in self.units)


def chunk_blocks(blocks: list[Block], settings: ChunkSettings | None = None) -> list[ChunkText]:
    settings = settings or ChunkSettings()
    chunks: list[ChunkText] = []
    for section in _merge_small(_sections(blocks, settings), settings):
        chunks.extend(_split(section, settings))
    return chunks


def words(text: str) -> int:
    return len(text.split())


def _sections(blocks: list[Block], settings: ChunkSettings) -> list[_Section]:
    path: list[tuple[int, str]] = []
    sections = [_Section(headings=())]
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, block.text))
            sections.append(_Section(headings=tuple(text for _level, text in path)))
            continue
        for index, text in enumerate(_pieces(block.text, block.kind, settings)):
            unit = _Unit(text, block.kind, block.page, block.header, continues=index > 0)
            sections[-1].units.append(unit)
    return [section for section in sections if section.units]


def _pieces(text: str, kind: BlockKind, settings: ChunkSettings) -> list[str]:
    """A paragraph longer than ``max_words`` becomes sentence groups; items and rows stay whole
    unless a single one is longer than a chunk, when it is cut at word boundaries."""
    if words(text) <= settings.max_words:
        return [text]
    sentences = SENTENCE_END.split(text) if kind == BlockKind.PARAGRAPH else [text]
    pieces: list[str] = []
    for sentence in sentences:
        tokens = sentence.split()
        for start in range(0, len(tokens), settings.max_words):
            pieces.append(" ".join(tokens[start : start + settings.max_words]))
    return pieces


def _merge_small(sections: list[_Section], settings: ChunkSettings) -> list[_Section]:
    merged: list[_Section] = []
    for section in sections:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.words < settings.min_words
            and previous.words + section.words <= settings.max_words
            and _related(previous.headings, section.headings)
            and _same_page(previous, section)
        ):
            common = _common_prefix(previous.headings, section.headings)
            units = list(previous.units)
            if len(section.headings) > len(common):
                page = section.units[0].page
                units.append(_Unit(section.headings[-1], BlockKind.HEADING, page))
            units.extend(section.units)
            if len(previous.headings) > len(common):
                units.insert(0, _Unit(previous.headings[-1], BlockKind.HEADING, units[0].page))
            merged[-1] = _Section(headings=common, units=units)
        else:
            merged.append(section)
    return merged


def _related(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Siblings under one parent, or a parent's introduction followed by its subsection."""
    common = _common_prefix(first, second)
    return common in (first, first[:-1]) and len(second) >= len(first)


def _same_page(first: _Section, second: _Section) -> bool:
    return first.units[-1].page == second.units[0].page


def _common_prefix(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    common: list[str] = []
    for left, right in zip(first, second, strict=False):
        if left != right:
            break
        common.append(left)
    return tuple(common)


def _split(section: _Section, settings: ChunkSettings) -> list[ChunkText]:
    chunks: list[ChunkText] = []
    current: list[_Unit] = []
    table_header: _Unit | None = None

    def emit() -> None:
        chunks.append(_chunk_text(current, section.headings))

    for unit in section.units:
        if unit.kind == BlockKind.TABLE_ROW and unit.header:
            table_header = unit
        elif unit.kind != BlockKind.TABLE_ROW:
            table_header = None
        size = sum(u.words for u in current)
        page_break = bool(current) and unit.page != current[-1].page
        if current and (
            size + unit.words > settings.max_words or (page_break and size >= settings.min_words)
        ):
            previous = current
            emit()
            current = _carry_over(previous, unit, table_header, settings, page_break)
        current.append(unit)
    if current:
        emit()
    return chunks


def _carry_over(
    previous: list[_Unit],
    next_unit: _Unit,
    table_header: _Unit | None,
    settings: ChunkSettings,
    page_break: bool,
) -> list[_Unit]:
    """What the next chunk of the same section starts with: the table header when a table
    continues, else the last sentence of the previous chunk as overlap (not over a page)."""
    if next_unit.kind == BlockKind.TABLE_ROW and table_header is not None:
        if table_header is not next_unit:
            return [table_header]
        return []
    last = previous[-1]
    if page_break or last.kind != BlockKind.PARAGRAPH:
        return []
    sentence = SENTENCE_END.split(last.text)[-1]
    if words(sentence) > settings.overlap_words or (sentence == last.text and len(previous) == 1):
        return []
    return [_Unit(sentence, BlockKind.PARAGRAPH, last.page)]


def _chunk_text(units: list[_Unit], headings: tuple[str, ...]) -> ChunkText:
    lines: list[str] = []
    for unit in units:
        if unit.continues and lines:
            lines[-1] = f"{lines[-1]} {unit.text}"
        elif unit.kind == BlockKind.LIST_ITEM:
            lines.append(f"- {unit.text}")
        else:
            lines.append(unit.text)
    return ChunkText(text="\n".join(lines), headings=headings, page=units[0].page)
