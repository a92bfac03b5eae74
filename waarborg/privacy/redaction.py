"""Logs must never hold raw personal data. ``redact_for_log`` replaces every value (and every
special-category phrase) by its type, and :class:`RedactingFilter` does so for every record
that passes through a logging handler."""

from __future__ import annotations

import logging

from waarborg.privacy.detector import default_detector
from waarborg.privacy.entities import EntityType


def redact_for_log(text: str, *, limit: int | None = 2000) -> str:
    """``text`` with personal data replaced by ``[TYPE]`` (``[BIJZONDER:GEZONDHEID]`` for a
    special category), shortened to ``limit`` characters after redaction."""
    parts: list[str] = []
    position = 0
    for entity in default_detector().detect(text):
        if entity.start < position:
            continue
        label = entity.type.value
        if entity.type is EntityType.BIJZONDER and entity.category is not None:
            label = f"{label}:{entity.category.value}"
        parts.append(text[position : entity.start])
        parts.append(f"[{label}]")
        position = entity.end
    parts.append(text[position:])
    redacted = "".join(parts)
    if limit is not None and len(redacted) > limit:
        return redacted[:limit] + "…"
    return redacted


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the formatted message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_for_log(record.getMessage())
        record.args = None
        return True
