"""The built-in sources pass the contract any third-party source inherits; both are found
through the entry point group, as a third party's would be."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.knowledge.conftest import site_routes
from tests.knowledge.contract import DocumentSourceContract
from tests.knowledge.site import Site, serve
from waarborg.knowledge.limits import Limits
from waarborg.knowledge.protocol import DocumentSource, SourceConfig
from waarborg.knowledge.registry import UnknownSourceKindError, available_kinds, open_source


def test_built_ins_are_registered_as_entry_points() -> None:
    assert {"files", "website"} <= set(available_kinds())
    with pytest.raises(UnknownSourceKindError, match="sharepoint"):
        open_source(SourceConfig(kind="sharepoint", name="x", seeds=()))


class TestFileSource(DocumentSourceContract):
    @pytest.fixture
    def source(self, tmp_path: Path) -> DocumentSource:
        (tmp_path / "a.md").write_text("# Afval\n\nMaandag.\n")
        (tmp_path / "b.txt").write_text("Paspoort.")
        return open_source(SourceConfig(kind="files", name="map", seeds=(str(tmp_path),)))


class TestWebsiteSource(DocumentSourceContract):
    @pytest.fixture
    def running(self) -> Iterator[Site]:
        with serve(site_routes()) as site:
            yield site

    @pytest.fixture
    def source(self, running: Site) -> DocumentSource:
        return open_source(
            SourceConfig(
                kind="website",
                name="site",
                seeds=(running.url("/"),),
                allowed_hosts=("127.0.0.1",),
                allow_private_addresses=True,
                limits=Limits(delay_seconds=0),
            )
        )
