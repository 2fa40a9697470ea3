"""Clustering scores: B-cubed and pairwise precision/recall/F1 of a partition against gold."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from itertools import combinations


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> dict[str, float]:
    """B-cubed precision/recall/F1 over the items present in both mappings (item → cluster)."""
    items = [i for i in gold if i in predicted]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p_total = r_total = 0.0
    for i in items:
        same_pred = {j for j in items if predicted[j] == predicted[i]}
        same_gold = {j for j in items if gold[j] == gold[i]}
        both = len(same_pred & same_gold)
        p_total += both / len(same_pred)
        r_total += both / len(same_gold)
    p, r = p_total / len(items), r_total / len(items)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def pairwise(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> dict[str, float]:
    """Precision/recall/F1 of same-cluster item pairs."""
    items = sorted((i for i in gold if i in predicted), key=str)
    pred_pairs = {(a, b) for a, b in combinations(items, 2) if predicted[a] == predicted[b]}
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    hit = len(pred_pairs & gold_pairs)
    p = hit / len(pred_pairs) if pred_pairs else 1.0
    r = hit / len(gold_pairs) if gold_pairs else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}
