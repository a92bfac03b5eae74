"""The built-in ``files`` source: one file or a folder of files on the server's disk.

The seed is the path. Locations are paths relative to the folder (or the file's name), so a
citation names the file as people know it. Hidden files are skipped; links that leave the
folder are not followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from waarborg.knowledge.limits import MEGABYTE
from waarborg.knowledge.protocol import (
    DOCX,
    HTML,
    MARKDOWN,
    PDF,
    TEXT,
    FetchedDocument,
    Problem,
    SourceConfig,
    SourceError,
    SourceItem,
)

TYPES_BY_SUFFIX = {
    ".html": HTML,
    ".htm": HTML,
    ".pdf": PDF,
    ".docx": DOCX,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".txt": TEXT,
}


class FileSource:
    def __init__(self, config: SourceConfig) -> None:
        self.config = config

    def items(self) -> Iterator[SourceItem]:
        if not self.config.seeds:
            raise SourceError("Deze bestandsbron heeft geen pad.")
        root = Path(self.config.seeds[0]).expanduser()
        if root.is_file():
            yield self._read(root, root.name)
            return
        if not root.is_dir():
            raise SourceError(f"Het pad {root} bestaat niet of is geen bestand of map.")
        base = root.resolve()
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            if not path.resolve().is_relative_to(base):
                yield Problem(relative.as_posix(), "Verwijzing naar een bestand buiten de map.")
                continue
            yield self._read(path, relative.as_posix())

    def _read(self, path: Path, location: str) -> FetchedDocument | Problem:
        content_type = TYPES_BY_SUFFIX.get(path.suffix.lower())
        if content_type is None:
            return Problem(
                location,
                f"Bestandstype '{path.suffix or 'zonder extensie'}' wordt "
                "niet ondersteund (wel: HTML, PDF, DOCX, Markdown, tekst).",
            )
        limit = self.config.limits.max_bytes
        try:
            if path.stat().st_size > limit:
                return Problem(location, f"Het bestand is groter dan {limit / MEGABYTE:g} MB.")
            content = path.read_bytes()
        except OSError as error:
            return Problem(location, f"Het bestand is niet te lezen ({error.strerror}).")
        return FetchedDocument(
            location=location,
            title=path.stem,
            content_type=content_type,
            content=content,
            fetched_at=datetime.now(UTC),
        )


def file_source(config: SourceConfig) -> FileSource:
    """Entry point ``files``."""
    return FileSource(config)
