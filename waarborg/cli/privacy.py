"""``waarborg privacy``: find and pseudonymise Dutch personal data in files.

Both commands stream their input, so a large file is processed in bounded memory. Offsets in
the output are character offsets into the text (not bytes).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from waarborg.cli.common import fail
from waarborg.privacy.pseudonymiser import Pseudonymiser
from waarborg.privacy.scan import detect
from waarborg.privacy.windows import BinaryInputError, decode, decode_chunks, scan_segments

privacy_app = typer.Typer(
    help="Persoonsgegevens in tekst vinden en pseudonimiseren.", no_args_is_help=True
)

_CHUNK = 1 << 16


class InputFormat(StrEnum):
    """How the input file is laid out."""

    JSONL = "jsonl"
    TEXT = "text"


FileArgument = Annotated[str, typer.Argument(help="Invoerbestand, of '-' voor stdin.")]


@contextmanager
def _open_input(name: str) -> Iterator[BinaryIO]:
    if name == "-":
        yield sys.stdin.buffer
        return
    path = Path(name)
    if not path.is_file():
        raise fail(f"Bestand niet gevonden: {name}")
    with path.open("rb") as handle:
        yield handle


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(_CHUNK):
        yield chunk


def _records(handle: BinaryIO) -> Iterator[tuple[object, str]]:
    """(id, text) per JSON line; clear errors for binary input and invalid lines."""
    for number, raw in enumerate(handle, start=1):
        try:
            line = decode(raw)
        except BinaryInputError as error:
            raise fail(f"Binaire invoer op regel {number}: {error}") from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise fail(f"Ongeldige JSON op regel {number}: {error.msg}") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise fail(f"Regel {number} heeft geen veld 'text' met tekst.")
        yield record.get("id"), record["text"]


def _write(line: str) -> None:
    sys.stdout.write(line)


@privacy_app.command("scan")
def scan(
    file: FileArgument,
    format: Annotated[
        InputFormat, typer.Option("--format", help="jsonl: één JSON-object per regel.")
    ] = InputFormat.JSONL,
) -> None:
    """Find personal data; one JSON line with entities (offsets and type) per input record."""
    with _open_input(file) as handle:
        if format is InputFormat.JSONL:
            for identifier, text in _records(handle):
                entities = [e.to_dict() for e in detect(text)]
                _write(json.dumps({"id": identifier, "entities": entities}, ensure_ascii=False))
                _write("\n")
            return
        try:
            for segment in scan_segments(decode_chunks(_chunks(handle))):
                for entity in segment.entities:
                    _write(json.dumps(entity.to_dict()) + "\n")
        except BinaryInputError as error:
            raise fail(f"Binaire invoer: {error}") from None


@privacy_app.command("redact")
def redact(
    file: FileArgument,
    format: Annotated[
        InputFormat | None,
        typer.Option("--format", help="text of jsonl; standaard afgeleid van de extensie .jsonl."),
    ] = None,
) -> None:
    """Write the text with personal data replaced by placeholders ([PERSOON_1], [BSN_1], …)."""
    chosen = format or (InputFormat.JSONL if file.endswith(".jsonl") else InputFormat.TEXT)
    with _open_input(file) as handle:
        if chosen is InputFormat.JSONL:
            for identifier, text in _records(handle):
                result = Pseudonymiser().pseudonymise(text)
                _write(json.dumps({"id": identifier, "text": result.text}, ensure_ascii=False))
                _write("\n")
            return
        pseudonymiser = Pseudonymiser()
        try:
            for segment in scan_segments(decode_chunks(_chunks(handle))):
                position = 0
                for entity in segment.entities:
                    start = entity.start - segment.offset
                    entry, _ = pseudonymiser.mapping.placeholder_for(entity.type, entity.value)
                    _write(segment.text[position:start])
                    _write(entry.placeholder)
                    position = entity.end - segment.offset
                _write(segment.text[position:])
        except BinaryInputError as error:
            raise fail(f"Binaire invoer: {error}") from None
