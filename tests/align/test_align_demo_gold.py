"""The briefing scores on the demo corpus gold (ingest + language layer + aligner, end to end).

Floors sit a little under today's scores so that a real regression fails, not noise; raise them
when the pipeline improves. Two are absolute: no gold non-conflict may ever be reported, and every
citation must be the article text at its offsets.
"""

from __future__ import annotations

import pytest

FLOORS = {
    "briefing.facts_pairwise_precision": 0.92,
    "briefing.facts_pairwise_recall": 0.87,
    "briefing.facts_exact_sources": 0.7,
    "briefing.unique_recall": 0.58,
    "briefing.discrepancy_recall": 0.85,
    "briefing.quote_group_accuracy": 0.9,
    "briefing.timeline_date_accuracy": 0.9,
}


@pytest.fixture(scope="module")
def scores(demo_context):
    from newsdesk.evaluation import briefing_metrics

    return briefing_metrics.evaluate(demo_context)


def test_scores_stay_above_floors(scores):
    low = {k: round(scores[k], 3) for k, floor in FLOORS.items() if scores[k] < floor}
    assert not low, low


def test_no_non_conflict_is_reported_and_citations_hold(scores):
    assert scores["briefing.non_conflicts_reported"] == 0
    assert scores["briefing.citation_failures"] == 0
    # precision first: every discrepancy reported is one the gold lists
    assert scores["briefing.discrepancy_count"] <= 10
