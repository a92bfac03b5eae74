"""Model output arrives in chunks; a value or a placeholder may be split across two of them.

Both stream processors hold back a small tail: the restorer holds back what could still
become a placeholder ("[PERS"), the masker holds back enough text that a value crossing the
chunk border is seen whole before anything of it is released.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from waarborg.privacy.detector import Detector, default_detector
from waarborg.privacy.mapping import PseudonymMap
from waarborg.privacy.output import loose_key, mask_entities
from waarborg.privacy.pseudonymiser import restore

_PARTIAL_PLACEHOLDER = re.compile(r"\[[A-Z_]*\d*")
_LONGEST_PLACEHOLDER = 32


class StreamRestorer:
    """Restores placeholders in streamed output for the user the mapping belongs to."""

    def __init__(self, mapping: PseudonymMap) -> None:
        self._mapping = mapping
        self._pending = ""

    def feed(self, chunk: str) -> str:
        """Text that is safe to send now; a possible placeholder start is kept back."""
        data = self._pending + chunk
        cut = len(data)
        start = data.rfind("[")
        if (
            start != -1
            and len(data) - start <= _LONGEST_PLACEHOLDER
            and _PARTIAL_PLACEHOLDER.fullmatch(data, start)
        ):
            cut = start
        self._pending = data[cut:]
        return restore(data[:cut], self._mapping)

    def flush(self) -> str:
        """Whatever is left at the end of the stream."""
        data, self._pending = self._pending, ""
        return restore(data, self._mapping)


class StreamMasker:
    """Masks personal data that is not allowed in streamed output (see ``scan_output``)."""

    def __init__(
        self,
        allowed_values: Iterable[str] = (),
        *,
        holdback: int = 96,
        context: int = 64,
        detector: Detector | None = None,
    ) -> None:
        self._allowed = {loose_key(v) for v in allowed_values}
        self._holdback = holdback
        self._context_size = context
        self._detector = detector
        self._context = ""
        self._buffer = ""
        self.masked = 0  # values masked so far: counted for the audit event, never kept

    def feed(self, chunk: str) -> str:
        """Masked text that is safe to send now."""
        self._buffer += chunk
        if len(self._buffer) <= 2 * self._holdback:
            return ""
        return self._release(final=False)

    def flush(self) -> str:
        """The rest of the stream, masked."""
        return self._release(final=True)

    def _release(self, *, final: bool) -> str:
        text = self._context + self._buffer
        offset = len(self._context)
        detector = self._detector or default_detector()
        entities = detector.detect(text, start=offset)
        cut = len(text)
        if not final:
            cut = text.rfind(" ", offset, len(text) - self._holdback)
            if cut <= offset:
                cut = len(text) - self._holdback  # no space: release anyway, memory stays bounded
            for entity in entities:
                if entity.start < cut < entity.end:
                    cut = entity.start
        if cut <= offset:
            return ""
        inside = [e.shifted(-offset) for e in entities if e.end <= cut]
        released = text[offset:cut]
        self._context = text[max(0, cut - self._context_size) : cut]
        self._buffer = text[cut:]
        scan = mask_entities(released, inside, self._allowed)
        self.masked += len(scan.masked)
        return scan.text
