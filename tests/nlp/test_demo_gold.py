"""Scores on the demo corpus gold (src/newsdesk/demo/corpus), over its clean texts.

The floors sit a little under today's scores so that a real regression fails, not noise; raise them
when the layer improves.
"""

from __future__ import annotations

from typing import Any

from newsdesk.evaluation import nlp_metrics

FLOORS = {
    "nlp.entity_pair_precision": 0.93,
    "nlp.entity_pair_recall": 0.92,
    "nlp.entity_distinct_ok": 1.0,
    "nlp.quote_f1": 0.95,
    "nlp.quote_exact_f1": 0.93,
    "nlp.quote_kind_accuracy": 0.95,
    "nlp.speaker_accuracy": 0.95,
    "nlp.date_accuracy": 0.97,
}


def test_demo_scores_stay_above_floors(demo_context: Any) -> None:
    scores = nlp_metrics.evaluate(demo_context)
    low = {k: round(scores[k], 3) for k, floor in FLOORS.items() if scores[k] < floor}
    assert not low, low


def test_two_okafors_never_merge(demo_context: Any) -> None:
    from newsdesk.nlp import find_entity, merge_entities

    articles = list(demo_context.articles.values())
    entities = merge_entities(articles, demo_context.analyses)
    maria, david = find_entity("Maria Okafor", entities), find_entity("David Okafor", entities)
    assert maria is not None and david is not None and maria.id != david.id
