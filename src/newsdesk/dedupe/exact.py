"""Exact duplicates: articles whose normalised text is identical (same ``text_hash``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence


def exact_groups(text_hashes: Sequence[str]) -> list[list[int]]:
    """Indices of articles sharing a text hash, one list per hash with two or more members."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, text_hash in enumerate(text_hashes):
        if text_hash:
            groups[text_hash].append(index)
    return [members for members in groups.values() if len(members) > 1]
