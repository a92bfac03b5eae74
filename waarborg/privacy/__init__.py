"""The privacy guard: find Dutch personal data, pseudonymise it, and put it back.

Public API (everything else is an implementation detail)::

    detect(text) -> list[Entity]
    Pseudonymiser().pseudonymise(text) / .restore(text)
    StreamRestorer, StreamMasker  for model output that arrives in chunks
    scan_output(text, allowed_values)
    redact_for_log(text), RedactingFilter

Importing this package does no work: regexes are compiled and word lists read on first use.
"""

from waarborg.privacy.detector import Detector
from waarborg.privacy.entities import Category, Entity, EntityType, special_categories
from waarborg.privacy.mapping import MappingEntry, PseudonymMap
from waarborg.privacy.output import OutputScan, scan_output
from waarborg.privacy.pseudonymiser import Pseudonymised, Pseudonymiser, restore
from waarborg.privacy.redaction import RedactingFilter, redact_for_log
from waarborg.privacy.scan import detect
from waarborg.privacy.streaming import StreamMasker, StreamRestorer
from waarborg.privacy.windows import BinaryInputError, decode, decode_chunks, detect_stream

__all__ = [
    "BinaryInputError",
    "Category",
    "Detector",
    "Entity",
    "EntityType",
    "MappingEntry",
    "OutputScan",
    "PseudonymMap",
    "Pseudonymised",
    "Pseudonymiser",
    "RedactingFilter",
    "StreamMasker",
    "StreamRestorer",
    "decode",
    "decode_chunks",
    "detect",
    "detect_stream",
    "redact_for_log",
    "restore",
    "scan_output",
    "special_categories",
]
