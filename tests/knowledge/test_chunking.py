"""Chunking properties: sections respected, sizes bounded, items and rows whole, pages kept."""

from __future__ import annotations

import itertools

from waarborg.knowledge.chunking import ChunkSettings, chunk_blocks, words
from waarborg.knowledge.parsing import Block, BlockKind

SENTENCE = "De gemeente verleent een vergunning als de aanvraag volledig is ingediend."


def heading(text: str, level: int) -> Block:
    return Block(BlockKind.HEADING, text, level=level)


def paragraph(text: str, page: int | None = None) -> Block:
    return Block(BlockKind.PARAGRAPH, text, page=page)


def test_every_chunk_has_its_heading_path() -> None:
    blocks = [
        heading("Vergunningen", 1),
        paragraph(" ".join([SENTENCE] * 12)),
        heading("Evenementen", 2),
        paragraph(" ".join([SENTENCE] * 12)),
        heading("Kosten", 3),
        paragraph(" ".join([SENTENCE] * 12)),
        heading("Afval", 1),
        paragraph(" ".join([SENTENCE] * 12)),
    ]
    chunks = chunk_blocks(blocks)
    assert [chunk.headings for chunk in chunks] == [
        ("Vergunningen",),
        ("Vergunningen", "Evenementen"),
        ("Vergunningen", "Evenementen", "Kosten"),
        ("Afval",),
    ]


def test_sizes_stay_within_bounds_and_overlap_only_where_split() -> None:
    text = " ".join(f"Zin nummer {n} gaat over parkeren in het centrum." for n in range(120))
    chunks = chunk_blocks([heading("Parkeren", 1), paragraph(text)])
    assert len(chunks) > 2
    settings = ChunkSettings()
    for chunk in chunks:
        assert words(chunk.text) <= settings.max_words + settings.overlap_words
    for chunk in chunks[:-1]:
        assert words(chunk.text) >= settings.min_words
    for previous, current in itertools.pairwise(chunks):
        last_sentence = previous.text.rsplit(". ", 1)[-1]
        assert current.text.startswith(last_sentence.split(".")[0])


def test_no_overlap_between_sections() -> None:
    blocks = [
        heading("A", 1),
        paragraph(" ".join([SENTENCE] * 15)),
        heading("B", 1),
        paragraph("Heel andere tekst over de bibliotheek. " * 20),
    ]
    chunks = chunk_blocks(blocks)
    assert SENTENCE not in chunks[-1].text


def test_list_items_and_table_rows_are_never_cut_and_tables_repeat_their_header() -> None:
    items = [Block(BlockKind.LIST_ITEM, f"Punt {n}: " + "woord " * 20) for n in range(15)]
    rows = [Block(BlockKind.TABLE_ROW, "Wijk | Dag", header=True)] + [
        Block(BlockKind.TABLE_ROW, f"Wijk {n} | " + "maandag " * 15) for n in range(20)
    ]
    chunks = chunk_blocks([heading("Lijst", 1), *items, heading("Tabel", 1), *rows])
    for item in items:
        assert sum(f"- {item.text}" in chunk.text for chunk in chunks) == 1
    table_chunks = [chunk for chunk in chunks if chunk.headings == ("Tabel",)]
    assert len(table_chunks) > 1
    for chunk in table_chunks:
        assert chunk.text.startswith("Wijk | Dag")
    for row in rows[1:]:
        assert sum(row.text in chunk.text for chunk in table_chunks) == 1


def test_small_sibling_sections_are_merged_with_their_heading_as_text() -> None:
    blocks = [
        heading("Afval", 1),
        heading("Restafval", 2),
        paragraph("Elke week op maandag."),
        heading("Papier", 2),
        paragraph("Elke maand op vrijdag."),
    ]
    chunks = chunk_blocks(blocks)
    assert len(chunks) == 1
    assert chunks[0].headings == ("Afval",)
    assert chunks[0].text.splitlines() == [
        "Restafval",
        "Elke week op maandag.",
        "Papier",
        "Elke maand op vrijdag.",
    ]


def test_pages_are_kept_and_chunks_break_at_pages_when_long_enough() -> None:
    blocks = [
        paragraph(" ".join([SENTENCE] * 9), page=1),
        paragraph(" ".join([SENTENCE] * 9), page=2),
        paragraph("Kort.", page=3),
    ]
    # A page that is long enough stands alone; the short third page is not glued onto it.
    chunks = chunk_blocks(blocks)
    assert [chunk.page for chunk in chunks] == [1, 2, 3]
    assert chunks[2].text == "Kort."


def test_a_single_overlong_sentence_is_cut_at_word_boundaries() -> None:
    chunks = chunk_blocks([paragraph("woord " * 600)])
    assert all(words(chunk.text) <= 250 for chunk in chunks)
    assert sum(words(chunk.text) for chunk in chunks) == 600
