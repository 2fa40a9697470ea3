"""ROUGE-1, ROUGE-2 and ROUGE-L F-measures, as ``rouge-score`` computes them without stemming.

Tokens: the text lower-cased, every run of characters other than ``a-z0-9`` a separator (so
non-ASCII letters separate words, as in ``rouge-score``). ROUGE-N: clipped n-gram overlap over the
candidate's n-grams (precision) and the reference's (recall); ROUGE-L: the longest common
subsequence over the two lengths. F is their harmonic mean. Kept here, not imported, so that
newsdesk's floors need no optional package; a test checks it equals ``rouge_score`` (the ``eval``
extra) on real summaries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_SEPARATOR = re.compile(r"[^a-z0-9]+")


def tokens(text: str) -> list[str]:
    return [t for t in _SEPARATOR.sub(" ", text.lower()).split() if t]


def _f(overlap: int, candidate: int, reference: int) -> float:
    precision = overlap / candidate if candidate else 0.0
    recall = overlap / reference if reference else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> float:
    cand = Counter(tuple(candidate[i : i + n]) for i in range(len(candidate) - n + 1))
    ref = Counter(tuple(reference[i : i + n]) for i in range(len(reference) - n + 1))
    return _f(sum((cand & ref).values()), sum(cand.values()), sum(ref.values()))


def lcs(a: Sequence[str], b: Sequence[str]) -> int:
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge(candidate: str, reference: str) -> dict[str, float]:
    """``{"rouge1", "rouge2", "rougeL"}`` F-measures of ``candidate`` against ``reference``."""
    cand, ref = tokens(candidate), tokens(reference)
    return {
        "rouge1": rouge_n(cand, ref, 1),
        "rouge2": rouge_n(cand, ref, 2),
        "rougeL": _f(lcs(cand, ref), len(cand), len(ref)),
    }
