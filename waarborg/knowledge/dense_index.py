"""Exact nearest-neighbour search over passage vectors, in memory, with numpy.

The matrix holds one unit-length row per passage (see ``embeddings``), so the cosine of a
query is a single matrix-vector product; the top ``k`` come from ``argpartition`` and only
those are sorted. Exact search over a few hundred thousand 384-dimensional rows takes
milliseconds, which is the scale of one use case's knowledge.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from waarborg.knowledge.embeddings import Vectors, normalised


class DenseIndex:
    def __init__(self, vectors: npt.ArrayLike) -> None:
        matrix = np.asarray(vectors, dtype=np.float32)
        if matrix.ndim != 2:
            raise ValueError(f"expected an (n, d) matrix, got shape {matrix.shape}")
        self.vectors = normalised(matrix)
        self.vectors.setflags(write=False)

    def __len__(self) -> int:
        return int(self.vectors.shape[0])

    @property
    def dimension(self) -> int:
        return int(self.vectors.shape[1])

    def similarities(self, query_vector: npt.ArrayLike) -> Vectors:
        """The cosine of the query with every row (all zero for a zero or non-finite query)."""
        query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.dimension:
            raise ValueError(f"query has dimension {query.shape[0]}, index has {self.dimension}")
        norm = float(np.linalg.norm(query))
        if not np.isfinite(norm) or norm == 0.0:
            return np.zeros(len(self), dtype=np.float32)
        scores: Vectors = self.vectors @ (query / norm)
        return scores

    def search(self, query_vector: npt.ArrayLike, k: int = 10) -> list[tuple[int, float]]:
        """The ``k`` nearest passages as ``(position, cosine)``, best first."""
        query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.dimension:
            raise ValueError(f"query has dimension {query.shape[0]}, index has {self.dimension}")
        n = len(self)
        if k <= 0 or n == 0:
            return []
        norm = float(np.linalg.norm(query))
        if not np.isfinite(norm) or norm == 0.0:
            return []
        scores = self.similarities(query)
        return [(int(i), float(scores[i])) for i in top_k(scores, k)]


def top_k(scores: Vectors, k: int) -> list[int]:
    """Positions of the ``k`` highest scores, best first, ties by position."""
    n = int(scores.shape[0])
    k = min(k, n)
    if k <= 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k] if k < n else np.arange(n)
    order = top[np.lexsort((top, -scores[top]))]
    return [int(i) for i in order]


class PassageVectors:
    """Vectors for some (or all) of a lexical index's passages, addressed by the passage's
    position in that index, so dense and lexical rankings can be fused. Passages still
    waiting for their vector are simply absent from the dense ranking."""

    def __init__(
        self, positions: npt.ArrayLike, vectors: npt.ArrayLike, total: int, pages: int = 0
    ) -> None:
        matrix = np.asarray(vectors, dtype=np.float32)
        where = np.asarray(positions, dtype=np.int64).reshape(-1)
        if where.shape[0] != matrix.shape[0]:
            raise ValueError("one position per vector")
        order = np.argsort(where, kind="stable")  # rows in passage order: ties go by position
        self.positions = where[order]
        self.index = DenseIndex(matrix[order])
        if self.positions.size and (self.positions.min() < 0 or self.positions.max() >= total):
            raise ValueError("positions must lie within the passages")
        self.total = total
        self.pages = pages or total  # distinct pages among the passages (for agreement)

    def __len__(self) -> int:
        return len(self.index)

    @property
    def dimension(self) -> int:
        return self.index.dimension

    @property
    def complete(self) -> bool:
        return len(self) >= self.total

    def similarities(self, query_vector: npt.ArrayLike) -> Vectors:
        """Cosine per passage position; NaN where a passage has no vector yet."""
        full = np.full(self.total, np.nan, dtype=np.float32)
        full[self.positions] = self.index.similarities(query_vector)
        return full

    def ranking(self, similarities: Vectors, k: int) -> list[int]:
        """The ``k`` most similar passage positions among those with a vector, best first."""
        rows: Vectors = similarities[self.positions]
        return [int(self.positions[row]) for row in top_k(rows, k)]
