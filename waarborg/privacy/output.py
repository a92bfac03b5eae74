"""Model output may contain personal data the user never gave (recalled from training data,
or invented). ``scan_output`` masks every value that is not among the values the user may see."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from waarborg.privacy.detector import Detector, default_detector
from waarborg.privacy.entities import PSEUDONYMISED_TYPES, Entity


@dataclass(frozen=True, slots=True)
class OutputScan:
    """Masked text and the entities that were masked."""

    text: str
    masked: list[Entity]


def loose_key(value: str) -> str:
    """A comparison key that ignores case, spaces and punctuation ("06-1234 5678")."""
    return re.sub(r"[\W_]", "", value.casefold())


def mask_label(entity: Entity) -> str:
    """What a masked value becomes; without a number, so it can never be restored."""
    return f"[{entity.type.value}]"


def scan_output(
    text: str, allowed_values: Iterable[str] = (), *, detector: Detector | None = None
) -> OutputScan:
    """Mask personal data in ``text`` unless its value is in ``allowed_values`` (typically
    the values of the user's own input); placeholders are left for :func:`restore`."""
    allowed = {loose_key(v) for v in allowed_values}
    entities = (detector or default_detector()).detect(text)
    return mask_entities(text, entities, allowed)


def mask_entities(text: str, entities: list[Entity], allowed: set[str]) -> OutputScan:
    """Replace the entities whose values are not allowed by their mask label."""
    parts: list[str] = []
    masked: list[Entity] = []
    position = 0
    for entity in entities:
        if entity.type not in PSEUDONYMISED_TYPES or loose_key(entity.value) in allowed:
            continue
        parts.append(text[position : entity.start])
        parts.append(mask_label(entity))
        masked.append(entity)
        position = entity.end
    parts.append(text[position:])
    return OutputScan("".join(parts), masked)
