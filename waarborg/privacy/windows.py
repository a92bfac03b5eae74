"""Long texts and streams in bounded memory: overlapping windows, each value found once.

A window is scanned with some text before it (left context, e.g. "geboren op") and some after
it (so a value that crosses the window's end is seen whole). Entities that start inside the
window are kept; the next window starts after the last of them, so a value on a boundary is
reported exactly once. Values longer than the overlap are not supported, which is fine: the
longest value we recognise (an IBAN with spaces, an address) is well under 100 characters.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from waarborg.privacy.detector import Detector, default_detector
from waarborg.privacy.entities import Entity

WINDOW = 1 << 18
OVERLAP = 1024
CONTEXT = 256


class BinaryInputError(ValueError):
    """The input is not text: it is not valid UTF-8 or it contains NUL bytes."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A consecutive piece of the input and the entities inside it (absolute offsets)."""

    offset: int
    text: str
    entities: list[Entity]


def scan_segments(
    chunks: Iterable[str],
    detector: Detector | None = None,
    *,
    window: int = WINDOW,
    overlap: int = OVERLAP,
    context: int = CONTEXT,
) -> Iterator[Segment]:
    """Cut a stream of text into segments that together are the whole input, in order."""
    detector = detector or default_detector()
    buffer = ""
    base = 0  # absolute offset of buffer[0]
    done = 0  # absolute offset up to which segments have been yielded

    def segment(cut: int) -> Segment:
        nonlocal buffer, base, done
        # Only the window, its left context and the overlap after it are scanned: the rest
        # of the buffer belongs to the next window (scanning it here would double the work).
        found = detector.detect(buffer[: cut + overlap - base], start=done - base)
        kept = [e.shifted(base) for e in found if e.start + base < cut]
        end = max([cut, *(e.end for e in kept)])
        piece = Segment(done, buffer[done - base : end - base], kept)
        done = end
        keep_from = max(base, done - context)
        buffer = buffer[keep_from - base :]
        base = keep_from
        return piece

    for chunk in chunks:
        buffer += chunk
        while base + len(buffer) - done >= window + overlap:
            yield segment(done + window)
    if base + len(buffer) > done or done == 0:
        yield segment(base + len(buffer))


def detect_stream(chunks: Iterable[str], detector: Detector | None = None) -> Iterator[Entity]:
    """Entities of a text that arrives in pieces, with offsets into the whole text."""
    for piece in scan_segments(chunks, detector):
        yield from piece.entities


def decode(data: bytes) -> str:
    """UTF-8 text from bytes, or :class:`BinaryInputError` for anything else."""
    return "".join(decode_chunks([data]))


def decode_chunks(chunks: Iterable[bytes]) -> Iterator[str]:
    """UTF-8 text (a byte-order mark is dropped) from byte chunks, refusing binary data."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    position = 0
    for chunk in chunks:
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as error:
            raise BinaryInputError(
                f"input is not UTF-8 text (byte {position + error.start})"
            ) from None
        if "\x00" in text:
            raise BinaryInputError(f"input contains NUL bytes (near byte {position})")
        position += len(chunk)
        if text:
            yield text
    try:
        tail = decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise BinaryInputError("input ends in the middle of a UTF-8 character") from None
    if tail:
        yield tail
