"""Near-duplicates: the same text with small edits (a fixed typo, a changed headline, one added
line), found with MinHash LSH over word shingles and confirmed with the exact Jaccard similarity."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.dedupe.shingles import jaccard

#: Exact Jaccard similarity of 5-word shingle sets at or above which two texts are one text. An
#: edited copy of a 400-word story that changes a sentence or two stays above 0.8; independent
#: reports of the same event, which share quotes but not prose, stay below 0.2.
NEAR_JACCARD = 0.8

#: LSH finds candidates at a lower similarity than the verdict, so that the random error of a
#: 128-permutation MinHash (about ±0.09 at 0.8) does not lose true pairs; each is then verified.
LSH_THRESHOLD = 0.6
NUM_PERM = 128
SEED = 1  # fixed: same input → same candidates


def near_pairs(
    sets: Sequence[frozenset[str]], threshold: float = NEAR_JACCARD
) -> list[tuple[int, int, float]]:
    """``(i, j, jaccard)`` with ``i < j`` for every pair at or above ``threshold``."""
    from datasketch import MinHash, MinHashLSH

    nonempty = [i for i, s in enumerate(sets) if s]
    if len(nonempty) < 2:
        return []
    hashes = MinHash.bulk(
        [[sh.encode("utf-8") for sh in sorted(sets[i])] for i in nonempty],
        num_perm=NUM_PERM,
        seed=SEED,
    )
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    pairs: list[tuple[int, int, float]] = []
    for index, minhash in zip(nonempty, hashes, strict=True):
        for other in sorted(lsh.query(minhash)):
            similarity = jaccard(sets[index], sets[other])
            if similarity >= threshold:
                pairs.append((other, index, similarity))
        lsh.insert(index, minhash)
    return sorted(pairs)
