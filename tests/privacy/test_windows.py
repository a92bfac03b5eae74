"""Huge inputs in windows: every value found exactly once, wherever the boundaries fall."""

from __future__ import annotations

import pytest

from waarborg.privacy import BinaryInputError, EntityType, decode, decode_chunks, detect
from waarborg.privacy.detector import Detector, default_detector
from waarborg.privacy.entities import Entity
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


def test_rules_that_look_ahead_work_across_window_boundaries() -> None:
    """An age and a place after a name, found once the name is known, whatever the cut."""
    sentence = "Anouk Visser (34) uit Lelystad belde. "
    expected = ["Anouk Visser", "34", "Lelystad"]
    for shift in range(0, len(sentence), 5):
        text = " " * shift + sentence * 6
        chunks = [text[i : i + 40] for i in range(0, len(text), 40)]
        segments = scan_segments(chunks, default_detector(), window=100, overlap=60, context=30)
        found = [text[e.start : e.end] for s in segments for e in s.entities]
        assert found == expected * 6


def test_each_window_scans_a_bounded_piece() -> None:
    """A window is scanned with its context and overlap only, not the whole buffer."""
    seen: list[int] = []

    class Recording(Detector):
        def detect(self, text: str, *, start: int = 0) -> list[Entity]:
            seen.append(len(text))
            return super().detect(text, start=start)

    chunks = [SENTENCE * 40] * 10  # large chunks: the buffer holds far more than a window
    list(scan_segments(chunks, Recording(), window=1000, overlap=100, context=50))
    assert max(seen) <= 1000 + 100 + 50
