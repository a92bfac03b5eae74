"""Contract tests every ``DocumentSource`` inherits: subclass ``DocumentSourceContract`` and
provide the ``source`` fixture (a source that yields at least one document).

What the rest of Waarborg relies on: the source satisfies the protocol, yields only the three
item kinds, each location at most once, documents of a supported type with content and an
aware fetch time, and the same locations when run twice over unchanged content.
"""

from __future__ import annotations

from datetime import UTC

from waarborg.knowledge.protocol import (
    SUPPORTED_TYPES,
    DocumentSource,
    FetchedDocument,
    Gone,
    Problem,
)


class DocumentSourceContract:
    def test_satisfies_the_protocol(self, source: DocumentSource) -> None:
        assert isinstance(source, DocumentSource)

    def test_yields_only_known_items_each_location_once(self, source: DocumentSource) -> None:
        items = list(source.items())
        assert all(isinstance(item, FetchedDocument | Problem | Gone) for item in items)
        locations = [item.location for item in items]
        assert len(locations) == len(set(locations))
        assert all(location for location in locations)

    def test_documents_are_complete(self, source: DocumentSource) -> None:
        documents = [item for item in source.items() if isinstance(item, FetchedDocument)]
        assert documents, "the fixture's source should yield at least one document"
        for document in documents:
            assert document.content_type in SUPPORTED_TYPES
            assert isinstance(document.content, bytes)
            assert document.content
            assert document.fetched_at.tzinfo is not None
            assert document.fetched_at.utcoffset() == UTC.utcoffset(None)

    def test_runs_are_repeatable(self, source: DocumentSource) -> None:
        first = sorted(item.location for item in source.items())
        second = sorted(item.location for item in source.items())
        assert first == second
