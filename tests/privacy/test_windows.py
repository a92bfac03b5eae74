"""Huge inputs in windows: every value found exactly once, wherever the boundaries fall."""

from __future__ import annotations

import pytest

from waarborg.privacy import BinaryInputError, EntityType, decode, decode_chunks, detect
from waarborg.privacy.detector import default_detector
from waarborg.privacy.windows import scan_segments

SENTENCE = "Mevrouw Bakker heeft BSN 123456782 en IBAN NL91 ABNA 0417 1643 00. "


def test_huge_text_finds_every_value_once() -> None:
    text = SENTENCE * 12_000  # about 800 kB, several windows
    entities = detect(text)
    assert len(entities) == 3 * 12_000
    assert {e.type for e in entities} == {EntityType.PERSOON, EntityType.BSN, EntityType.IBAN}
    for entity in entities:
        assert text[entity.start : entity.end] in {"Bakker", "123456782", "NL91 ABNA 0417 1643 00"}


@pytest.mark.parametrize("shift", range(0, len(SENTENCE), 3))
def test_a_value_on_a_window_boundary_is_found_exactly_once(shift: int) -> None:
    text = "x" * shift + SENTENCE * 8
    chunks = [text[i : i + 50] for i in range(0, len(text), 50)]
    segments = list(scan_segments(chunks, default_detector(), window=100, overlap=40, context=30))
    assert "".join(s.text for s in segments) == text
    found = [text[e.start : e.end] for s in segments for e in s.entities]
    assert found == ["Bakker", "123456782", "NL91 ABNA 0417 1643 00"] * 8
    assert found == [text[e.start : e.end] for e in default_detector().detect(text)]


def test_empty_input_gives_one_empty_segment() -> None:
    assert [s.text for s in scan_segments([])] == [""]


@pytest.mark.parametrize("data", [b"\xff\xfe\x00a", b"abc\x00def", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError):
        decode(data)


def test_utf8_split_over_chunks_is_decoded() -> None:
    data = "Zoë woont in Zwolle".encode()
    chunks = [data[i : i + 1] for i in range(len(data))]
    assert "".join(decode_chunks(chunks)) == "Zoë woont in Zwolle"
