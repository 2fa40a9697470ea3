"""Pairs of shingle sets that share a given share of their members: an exact similarity join.

Near-duplicates (:mod:`.near`) and copies (:mod:`.derivatives`) both ask "which sets share at least
this share of ``a``'s shingles?". :func:`overlapping` answers it exactly (no sampling, so no pair is
lost to chance) and in time close to linear on news batches, where most texts share few shingles
with any other:

1. shingles seen in only one set can join nothing: a set with fewer repeated shingles than the
   overlap it needs has no partner and costs nothing more (set operations, run in C);
2. for the rest, prefix filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007):
   a partner sharing at least ``k`` of the set's ``n`` repeated shingles must hold one of any
   ``n - k + 1`` of them, so only the sets listed under its ``n - k + 1`` rarest shingles are
   candidates; each candidate is then counted exactly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence


def least_overlap(share: float, size: int) -> int:
    """Smallest count ``c >= 1`` with ``c / size >= share`` (the same float test the callers
    apply, so no boundary case slips through rounding)."""
    count = max(1, math.ceil(share * size))
    while count > 1 and (count - 1) / size >= share:
        count -= 1
    while count / size < share:
        count += 1
    return count


def overlapping(
    sets: Sequence[frozenset[str]],
    share: float,
    *,
    members: Iterable[int] | None = None,
    max_postings: int | None = None,
) -> Iterator[tuple[int, int, int]]:
    """``(a, b, n)`` for each ordered pair of distinct ``members`` (default: every index) where
    ``n``, the number of shingles ``a`` and ``b`` share, is at least ``share`` of ``len(sets[a])``.

    A shingle held by more than ``max_postings`` members is not counted (a stock phrase, not
    evidence). Pairs come sorted by ``a``, then ``b``.
    """
    chosen = [i for i in (range(len(sets)) if members is None else members) if sets[i]]
    seen: set[str] = set()
    repeated: set[str] = set()
    for index in chosen:
        repeated |= sets[index] & seen
        seen |= sets[index]
    postings: dict[str, list[int]] = defaultdict(list)
    for index in chosen:
        for shingle in sets[index] & repeated:
            postings[shingle].append(index)
    if max_postings is not None:
        repeated -= {s for s, holders in postings.items() if len(holders) > max_postings}
    counted = frozenset(repeated)
    rank: dict[str, int] | None = None  # rarest first; built once, and only if a set needs it
    for a in chosen:
        need = least_overlap(share, len(sets[a]))
        shared = sets[a] & counted
        if len(shared) < need:
            continue
        if rank is None:
            by_rarity = sorted(counted, key=lambda s: len(postings[s]))
            rank = {s: position for position, s in enumerate(by_rarity)}
        # Any choice of prefix is exact; the rarest one makes the fewest candidates.
        rarest = sorted(shared, key=rank.__getitem__)[: len(shared) - need + 1]
        candidates = {b for s in rarest for b in postings[s]}
        candidates.discard(a)
        for b in sorted(candidates):
            n = len(shared & sets[b])
            if n >= need:
                yield a, b, n
