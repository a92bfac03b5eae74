"""Finds document sources by kind through the ``waarborg.sources`` entry point group.

Waarborg's own ``website`` and ``files`` are registered in its pyproject.toml exactly like a
third party's package would register ``sharepoint`` or ``woo-archief``.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from waarborg.knowledge.protocol import DocumentSource, SourceConfig, SourceFactory

GROUP = "waarborg.sources"


class UnknownSourceKindError(LookupError):
    pass


def available_kinds() -> list[str]:
    return sorted({entry.name for entry in entry_points(group=GROUP)})


def load_factory(kind: str) -> SourceFactory:
    for entry in entry_points(group=GROUP):
        if entry.name == kind:
            factory = entry.load()
            if not callable(factory):
                raise UnknownSourceKindError(f"Bronsoort '{kind}' is geen aanroepbare fabriek.")
            return factory  # type: ignore[no-any-return]
    known = ", ".join(available_kinds()) or "geen"
    raise UnknownSourceKindError(f"Onbekende bronsoort '{kind}' (beschikbaar: {known}).")


def open_source(config: SourceConfig) -> DocumentSource:
    source = load_factory(config.kind)(config)
    if not isinstance(source, DocumentSource):
        raise UnknownSourceKindError(f"Bronsoort '{config.kind}' levert geen DocumentSource.")
    return source
