"""The contract for a document source: something that yields fetched documents.

A source only fetches. Parsing, chunking and storage are the ingestion service's job, so a
third party's source (a DMS export, a Woo archive) needs nothing but this module. Built-in and
third-party sources are found the same way: the ``waarborg.sources`` entry point group names a
factory ``(SourceConfig) -> DocumentSource``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

from waarborg.knowledge.limits import Limits

# What ingestion can parse; a source hands over nothing else.
HTML = "text/html"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN = "text/markdown"
TEXT = "text/plain"
SUPPORTED_TYPES = frozenset({HTML, PDF, DOCX, MARKDOWN, TEXT})


class SourceError(Exception):
    """The run as a whole cannot proceed (seed unreachable, folder missing).

    Raised instead of yielding items, so that ingestion keeps every stored document: a source
    that could not look cannot tell what disappeared. The message is Dutch, for people.
    """


@dataclass(frozen=True)
class FetchedDocument:
    """One page or file as fetched: raw bytes plus what a citation needs."""

    location: str
    title: str
    content_type: str
    content: bytes
    fetched_at: datetime


@dataclass(frozen=True)
class Problem:
    """An item that could not be fetched now; a stored copy of it is kept."""

    location: str
    message: str


@dataclass(frozen=True)
class Gone:
    """An item that no longer exists (HTTP 404/410); its stored copy is removed."""

    location: str


SourceItem = FetchedDocument | Problem | Gone


@dataclass(frozen=True)
class SourceConfig:
    """Everything a source needs to run, taken from the ``KnowledgeSource`` row and settings.

    ``resolver`` maps a host name to IP addresses; tests inject one to prove the SSRF rules.
    """

    kind: str
    name: str
    seeds: tuple[str, ...]
    allowed_hosts: tuple[str, ...] = ()
    max_pages: int = 500
    limits: Limits = field(default_factory=Limits)
    allow_private_addresses: bool = False
    resolver: Callable[[str, int], list[str]] | None = None


@runtime_checkable
class DocumentSource(Protocol):
    """Yields every item it can reach, each at most once per run.

    Every location that a complete run does not yield (as document, problem or gone) counts as
    disappeared and is removed with its chunks. Raise ``SourceError`` when the run cannot look
    at all.
    """

    def items(self) -> Iterator[SourceItem]: ...


SourceFactory = Callable[[SourceConfig], DocumentSource]
