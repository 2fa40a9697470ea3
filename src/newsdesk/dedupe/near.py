"""Near-duplicates: the same text with small edits (a fixed typo, a changed headline, one added
line): pairs of texts whose 5-word shingle sets have a Jaccard similarity of :data:`NEAR_JACCARD`
or more.

Candidates come from the exact join of :mod:`.overlap` (``J(a, b) >= t`` implies that ``a`` and
``b`` share at least ``t`` of each one's shingles), and each is confirmed with the exact Jaccard
similarity. This replaced MinHash LSH (datasketch, 128 permutations, LSH threshold 0.6): on the
200 pages of the ingest benchmark, hashing every shingle with SHA-1 and building the LSH index
(whose constructor integrates its false-positive curves afresh for every instance) cost 0.6 ms a
page, the join 0.05 ms; and the join loses no pair to chance. Across batches, where one side is the
whole store, :mod:`.across` probes with compact persisted sketches instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.dedupe.overlap import overlapping
from newsdesk.dedupe.shingles import jaccard

#: Exact Jaccard similarity of 5-word shingle sets at or above which two texts are one text. An
#: edited copy of a 400-word story that changes a sentence or two stays above 0.8; independent
#: reports of the same event, which share quotes but not prose, stay below 0.2.
NEAR_JACCARD = 0.8


def near_pairs(
    sets: Sequence[frozenset[str]], threshold: float = NEAR_JACCARD
) -> list[tuple[int, int, float]]:
    """``(i, j, jaccard)`` with ``i < j`` for every pair at or above ``threshold``."""
    pairs = []
    for i, j, _ in overlapping(sets, threshold):
        if i < j and (similarity := jaccard(sets[i], sets[j])) >= threshold:
            pairs.append((i, j, similarity))
    return sorted(pairs)
