"""A time-sharded approximate-nearest-neighbour index of article vectors (usearch HNSW, float16).

Articles are filed in one shard per :data:`SHARD_DAYS` days of publication. An article only ever
joins a story whose newest member lies within the clustering window (14 days), so a search reads
the shard of its day and those the window reaches on either side, never the whole history: the
cost of a search does not grow with the archive, old shards are never touched again (and are saved
once), and an index of 100 M articles needs only the last few weeks in memory. Undated articles go to a shard of their own that
every search also reads.

usearch is deterministic when vectors are added one at a time (``threads=1``), which the clusterer
always does: the same articles in the same order build the same graph, whether in one run or
across a restart (a saved shard restores to the identical graph). Small shards are searched
exactly, where brute force is as fast as the graph and has no recall loss.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.errors import MissingDependency

SHARD_DAYS = 7
UNDATED = -(2**31)
#: Below this many vectors a shard is searched exactly (usearch brute force).
EXACT_BELOW = 4096
#: HNSW graph degree and build effort: usearch's defaults are tuned for 1 M+ vector indexes; 16
#: links and 64 candidates at insert keep recall@32 > 0.98 on news vectors at half the build cost.
CONNECTIVITY = 16
EXPANSION_ADD = 64
EXPANSION_SEARCH = 64


def shard_of(day: int | None) -> int:
    return UNDATED if day is None else day // SHARD_DAYS


class ShardedIndex:
    """``add(key, vector, day)`` and ``search(vector, day, k)`` over per-week usearch indexes."""

    def __init__(self, dim: int, window_days: int = 7) -> None:
        self.dim = dim
        self.window_days = window_days
        self.shards: dict[int, Any] = {}
        self.dirty: set[int] = set()

    def _new(self) -> Any:
        try:
            from usearch.index import Index
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingDependency("usearch", "stories") from exc
        return Index(
            ndim=self.dim, metric="cos", dtype="f16", connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH,
        )  # fmt: skip

    def __len__(self) -> int:
        return sum(len(s) for s in self.shards.values())

    def add(self, key: int, vector: np.ndarray, day: int | None) -> None:
        shard = shard_of(day)
        if shard not in self.shards:
            self.shards[shard] = self._new()
        self.shards[shard].add(key, vector, threads=1)
        self.dirty.add(shard)

    def search_shards(self, day: int | None, clock: int | None) -> list[int]:
        """Shards that may hold a member within the window of ``day`` (or of ``clock``)."""
        anchor = day if day is not None else clock
        found = [UNDATED] if UNDATED in self.shards else []
        if anchor is not None:
            low = shard_of(anchor - self.window_days)
            high = shard_of(anchor + self.window_days)
            found += [s for s in range(low, high + 1) if s in self.shards]
        return found

    def search(
        self, vector: np.ndarray, day: int | None, k: int, clock: int | None = None
    ) -> list[tuple[int, float]]:
        """Up to ``k`` nearest ``(key, cosine similarity)`` per searched shard, best first."""
        hits: list[tuple[int, float]] = []
        for shard in self.search_shards(day, clock):
            index = self.shards[shard]
            n = len(index)
            if n == 0:
                continue
            matches = index.search(vector, min(k, n), exact=n < EXACT_BELOW, threads=1)
            hits += [
                (int(key), 1.0 - float(distance))
                for key, distance in zip(matches.keys, matches.distances, strict=True)
            ]
        hits.sort(key=lambda h: (-h[1], h[0]))
        return hits

    # -- persistence -----------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the shards changed since the last save (each atomically: temp file + rename)."""
        directory.mkdir(parents=True, exist_ok=True)
        for shard in sorted(self.dirty):
            target = directory / _shard_name(shard)
            tmp = target.with_suffix(".tmp")
            self.shards[shard].save(str(tmp))
            os.replace(tmp, target)
        self.dirty.clear()

    def load(self, directory: Path, expected: dict[int, int]) -> list[int]:
        """Restore shards from ``directory``; return those missing or stale (to be rebuilt).

        ``expected`` maps shard → number of vectors the state says it holds: a shard saved
        before a crash that the state outlived is detected by its size and rebuilt.
        """
        from usearch.index import Index

        stale = []
        for shard, count in expected.items():
            path = directory / _shard_name(shard)
            index = Index.restore(str(path)) if path.is_file() else None
            if index is None or len(index) != count:
                stale.append(shard)
                continue
            self.shards[shard] = index
        return stale

    def rebuild(self, shard: int, items: Iterable[tuple[int, np.ndarray]]) -> None:
        """Re-add a shard's vectors in their original order (the same graph as before)."""
        self.shards[shard] = self._new()
        for key, vector in items:
            self.shards[shard].add(key, vector, threads=1)
        self.dirty.add(shard)


def _shard_name(shard: int) -> str:
    return "undated.usearch" if shard == UNDATED else f"shard-{shard}.usearch"
