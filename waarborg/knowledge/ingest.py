"""Running a source into documents and chunks, one transaction per document.

Each changed document is written with all of its chunks and the revision bump in one commit,
so a crash leaves every document either fully old or fully new, and a re-run skips what is
already stored (same content hash). Problems with single items are collected with a Dutch
message while the rest goes on; documents that disappeared are removed only after a run that
could look everywhere it was meant to (a failed run removes nothing).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg.db.tables import Chunk, Document, KnowledgeSource
from waarborg.knowledge.chunking import ChunkSettings, ChunkText, chunk_blocks
from waarborg.knowledge.limits import Limits
from waarborg.knowledge.parsing import ParseError, parse
from waarborg.knowledge.protocol import (
    DocumentSource,
    FetchedDocument,
    Gone,
    Problem,
    SourceConfig,
    SourceError,
)
from waarborg.knowledge.registry import UnknownSourceKindError, open_source
from waarborg.knowledge.revision import raise_revision
from waarborg.knowledge.ssrf import Resolver

logger = logging.getLogger(__name__)

MAX_PROBLEMS = 200


class SourceStatus:
    NEW = "nieuw"
    RUNNING = "bezig"
    DONE = "gereed"
    DONE_WITH_PROBLEMS = "met_problemen"  # fits the 16-character status column
    FAILED = "mislukt"


@dataclass(frozen=True)
class IngestOptions:
    limits: Limits = field(default_factory=Limits)
    chunking: ChunkSettings = field(default_factory=ChunkSettings)
    allow_private_addresses: bool = False
    resolver: Resolver | None = None


@dataclass(frozen=True)
class IngestProgress:
    done: int  # items handled so far
    location: str
    outcome: str  # nieuw | gewijzigd | ongewijzigd | probleem | verwijderd


@dataclass
class IngestReport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    failure: str | None = None

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        text = (
            f"{self.added} nieuw, {self.changed} gewijzigd, {self.unchanged} ongewijzigd, "
            f"{self.removed} verwijderd; {len(self.problems)} probleem/problemen."
        )
        return f"Mislukt: {self.failure} ({text})" if self.failure else text


Progress = Callable[[IngestProgress], None]


def source_config(source: KnowledgeSource, options: IngestOptions) -> SourceConfig:
    return SourceConfig(
        kind=source.kind,
        name=source.name,
        seeds=tuple(source.seeds or ()),
        allowed_hosts=tuple(source.allowed_hosts or ()),
        max_pages=source.max_pages,
        limits=options.limits,
        allow_private_addresses=options.allow_private_addresses,
        resolver=options.resolver,
    )


def ingest(
    session: Session,
    source: KnowledgeSource,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    document_source: DocumentSource | None = None,
) -> IngestReport:
    """Run ``source`` and store what it yields. Commits as it goes (see the module docstring).

    ``document_source`` overrides the plugin looked up by ``source.kind`` (tests, previews).
    """
    options = options or IngestOptions()
    run = _Run(session, source, options, progress)
    source.status = SourceStatus.RUNNING
    source.status_detail = ""
    session.commit()
    try:
        items = document_source or open_source(source_config(source, options))
        for item in items.items():
            run.handle(item)
    except (SourceError, UnknownSourceKindError) as error:
        session.rollback()
        run.report.failure = str(error)
    except Exception as error:  # a plugin's bug must not leave the source "bezig" for ever
        session.rollback()
        logger.exception("source %s failed", source.id)
        run.report.failure = f"Onverwachte fout in de bron ({type(error).__name__})."
    if run.report.failure is None:
        run.prune()
    report = run.report
    source.problems = report.problems[:MAX_PROBLEMS]
    source.last_run_at = datetime.now(UTC)
    if report.failure:
        source.status = SourceStatus.FAILED
    elif report.problems:
        source.status = SourceStatus.DONE_WITH_PROBLEMS
    else:
        source.status = SourceStatus.DONE
    source.status_detail = report.summary()
    session.commit()
    return report


class _Run:
    def __init__(
        self,
        session: Session,
        source: KnowledgeSource,
        options: IngestOptions,
        progress: Progress | None,
    ) -> None:
        self.session = session
        self.source = source
        self.options = options
        self.progress = progress
        self.report = IngestReport()
        self.done = 0
        self.seen: set[str] = set()
        self.stored = {
            row.location: (row.id, row.content_hash)
            for row in session.execute(
                select(Document.id, Document.location, Document.content_hash).where(
                    Document.source_id == source.id
                )
            )
        }

    def handle(self, item: FetchedDocument | Problem | Gone) -> None:
        if isinstance(item, Gone):
            self._remove(item.location)
        elif isinstance(item, Problem):
            self.seen.add(item.location)
            self._problem(item.location, item.message)
        else:
            self.seen.add(item.location)
            self._store(item)

    def prune(self) -> None:
        for location in sorted(set(self.stored) - self.seen):
            self._remove(location)

    def _store(self, fetched: FetchedDocument) -> None:
        digest = hashlib.sha256(fetched.content).hexdigest()
        existing = self.stored.get(fetched.location)
        if existing is not None and existing[1] == digest:
            self.report.unchanged += 1
            self._tell(fetched.location, "ongewijzigd")
            return
        try:
            parsed = parse(
                fetched.content, fetched.content_type, fetched.title, self.options.limits
            )
        except ParseError as error:
            self._problem(fetched.location, str(error))
            return
        except Exception as error:  # a parser library's own failure on a hostile file
            logger.warning("parsing %s failed: %r", fetched.location, error)
            self._problem(fetched.location, f"Het document is onleesbaar ({type(error).__name__}).")
            return
        chunks = chunk_blocks(parsed.blocks, self.options.chunking)
        try:
            document_id = self._write(fetched, digest, parsed.title, chunks, existing)
        except IntegrityError:  # another run stored the same location meanwhile
            self.session.rollback()
            self._problem(fetched.location, "Tegelijk door een andere run opgeslagen.")
            return
        self.stored[fetched.location] = (document_id, digest)
        if existing is None:
            self.report.added += 1
            self._tell(fetched.location, "nieuw")
        else:
            self.report.changed += 1
            self._tell(fetched.location, "gewijzigd")
        if not chunks:
            self._problem(fetched.location, "Geen tekst gevonden (bijvoorbeeld een scan).")

    def _write(
        self,
        fetched: FetchedDocument,
        digest: str,
        title: str,
        chunks: list[ChunkText],
        existing: tuple[str, str] | None,
    ) -> str:
        source = self.source
        if existing is not None:
            self.session.execute(delete(Chunk).where(Chunk.document_id == existing[0]))
            document = self.session.get(Document, existing[0])
            assert document is not None  # noqa: S101 - read in this run
        else:
            document = Document(
                organisation_id=source.organisation_id,
                source_id=source.id,
                use_case_id=source.use_case_id,
                location=fetched.location,
            )
            self.session.add(document)
        document.title = (title or fetched.title or fetched.location)[:500]
        document.content_type = fetched.content_type
        document.content_hash = digest
        document.fetched_at = fetched.fetched_at
        document.size_bytes = len(fetched.content)
        self.session.flush()
        self.session.add_all(
            Chunk(
                organisation_id=source.organisation_id,
                document_id=document.id,
                use_case_id=source.use_case_id,
                ordinal=ordinal,
                text=chunk.text,
                headings=list(chunk.headings),
                page=chunk.page,
            )
            for ordinal, chunk in enumerate(chunks)
        )
        raise_revision(self.session, source.organisation_id, source.use_case_id)
        self.session.commit()
        return document.id

    def _remove(self, location: str) -> None:
        existing = self.stored.pop(location, None)
        if existing is None:
            return
        self.session.execute(delete(Document).where(Document.id == existing[0]))
        raise_revision(self.session, self.source.organisation_id, self.source.use_case_id)
        self.session.commit()
        self.report.removed += 1
        self._tell(location, "verwijderd")

    def _problem(self, location: str, message: str) -> None:
        self.report.problems.append({"location": location, "message": message})
        self._tell(location, "probleem")

    def _tell(self, location: str, outcome: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(IngestProgress(self.done, location, outcome))
