"""The front door: ``detect(text)`` for a text of any length."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from waarborg.privacy.detector import Detector, default_detector
from waarborg.privacy.entities import Entity, EntityType
from waarborg.privacy.windows import OVERLAP, WINDOW, detect_stream


def detect(text: str, *, types: Iterable[EntityType] | None = None) -> list[Entity]:
    """Personal data in ``text`` as non-overlapping entities in text order (character
    offsets). Long texts are scanned in overlapping windows so memory stays bounded."""
    detector = default_detector() if types is None else Detector(types=types)
    if len(text) <= WINDOW + OVERLAP:
        return detector.detect(text)
    return list(detect_stream(_slices(text, WINDOW), detector))


def _slices(text: str, size: int) -> Iterator[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]
