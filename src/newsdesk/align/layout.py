"""Where the units of a story lie and what they mean: to tell a sentence, its clauses and its
neighbours apart when fact groups are compared.

Two units of one article are

* *touching* when their characters overlap;
* *one stretch of text* when they overlap by ``SAME_SPAN`` of the longer (a sentence and its main
  clause), and one lies *inside* the other by ``SAME_SPAN`` of the shorter;
* *alike* (say the same thing) when they are one stretch of text, or one lies inside the other and
  their vectors are ``SAME_MEANING`` close: a main clause says what its sentence says, a side
  clause ("who is no relation to the minister") says something else.

Both relations are precomputed per article with numpy, so comparing two groups is a few set
intersections however many candidate groups a story has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from newsdesk.align.units import Unit

#: Two units of one article overlapping by this share of the longer one are one stretch of text
#: (a sentence and its main clause); by this share of the shorter one, it lies inside the other.
SAME_SPAN = 0.6
#: A clause inside a sentence says what the sentence says from this cosine up: main clauses score
#: 0.8-0.97 against their sentence, side clauses ("who is no relation to …") 0.3-0.7.
SAME_MEANING = 0.8


class Layout:
    """Where each unit lies (article, report, characters) and what it means (vector): to tell a
    sentence, its clauses and its neighbours apart."""

    def __init__(self, units: list[Unit], article: np.ndarray, vectors: np.ndarray) -> None:
        self.article = article
        roots = {r: k for k, r in enumerate(dict.fromkeys(u.root for u in units))}
        self.root = np.array([roots[u.root] for u in units], dtype=int)
        self.start = np.array([u.start for u in units])
        self.end = np.array([u.end for u in units])
        self.vectors = vectors
        # per unit: the units of its article it overlaps, and those saying what it says
        self.touching: list[frozenset[int]] = [frozenset()] * len(units)
        self.alike: list[frozenset[int]] = [frozenset()] * len(units)
        for a in np.unique(article):
            self._index(np.flatnonzero(article == a))

    def _index(self, rows: np.ndarray) -> None:
        start, end = self.start[rows], self.end[rows]
        length = end - start
        overlap = np.maximum(
            0, np.minimum(end[:, None], end[None, :]) - np.maximum(start[:, None], start[None, :])
        )
        same = overlap >= SAME_SPAN * np.maximum(length[:, None], length[None, :])
        inside = overlap >= SAME_SPAN * np.minimum(length[:, None], length[None, :])
        cos = self.vectors[rows] @ self.vectors[rows].T
        alike = same | (inside & (cos >= SAME_MEANING))
        for table, mask in ((self.touching, overlap > 0), (self.alike, alike)):
            found: dict[int, list[int]] = defaultdict(list)
            for i, j in zip(*np.nonzero(mask), strict=True):
                found[int(i)].append(int(rows[j]))
            for i, near in found.items():
                table[int(rows[i])] = frozenset(near)

    def overlap(self, i: int, j: int) -> int:
        if self.article[i] != self.article[j]:
            return 0
        return max(0, min(self.end[i], self.end[j]) - max(self.start[i], self.start[j]))

    def covers(self, i: int, j: int) -> bool:
        """``j`` lies (mostly) inside ``i``."""
        return self.overlap(i, j) >= SAME_SPAN * (self.end[j] - self.start[j])

    def link(self, score: np.ndarray, rows: Sequence[int], members: Sequence[int]) -> np.ndarray:
        """Mean score of each of ``rows`` to ``members``, each independent report counted once
        (two wire copies of one sentence are one vote, not two)."""
        members = list(members)
        sub = score[np.ix_(list(rows), members)]
        _, inverse = np.unique(self.root[members], return_inverse=True)
        if inverse.max(initial=-1) + 1 == len(members):
            return sub.mean(axis=1)
        # weights: each member 1 / (members of its report), each report 1 / (reports)
        counts = np.bincount(inverse)
        weights = 1.0 / (counts[inverse] * len(counts))
        return sub @ weights.astype(sub.dtype)

    def same_content(self, i: int, j: int) -> bool:
        """One says what the other says: one stretch of text, or one inside the other (by
        ``SAME_SPAN`` of the shorter) and close in meaning (a main clause inside its sentence; a
        side clause inside it is another fact)."""
        return j in self.alike[i]

    def said(self, members: Sequence[int], others: Sequence[int]) -> int:
        """How many of ``members`` say what one of ``others`` says."""
        pool = set(others)
        return sum(bool(self.alike[m] & pool) for m in members)

    def touched(self, members: Sequence[int], others: Sequence[int]) -> int:
        """How many of ``members`` overlap one of ``others``."""
        pool = set(others)
        return sum(bool(self.touching[m] & pool) for m in members)
