"""Exact nearest-neighbour search over passage vectors, in memory, with numpy.

The matrix holds one unit-length row per passage (see ``embeddings``), so the cosine of a
query is a single matrix-vector product; the top ``k`` come from ``argpartition`` and only
those are sorted. Exact search over a few hundred thousand 384-dimensional rows takes
milliseconds, which is the scale of one use case's knowledge.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from waarborg.knowledge.embeddings import normalised


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
        scores = self.vectors @ (query / norm)
        k = min(k, n)
        top = np.argpartition(-scores, k - 1)[:k] if k < n else np.arange(n)
        order = top[np.lexsort((top, -scores[top]))]
        return [(int(i), float(scores[i])) for i in order]
