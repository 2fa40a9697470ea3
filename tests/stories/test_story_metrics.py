"""The story scorer: demo gold and the generated set, batch equal to one-by-one streaming."""

from __future__ import annotations

import pytest

from newsdesk.evaluation import story_metrics
from newsdesk.evaluation.context import EvalContext
from newsdesk.jobs import demo_corpus_dir


def test_scores_on_the_demo_gold_and_generated_set_with_the_model_free_embedder(monkeypatch):
    monkeypatch.setattr(story_metrics, "GIVEME_DIR", demo_corpus_dir() / "absent")
    metrics = story_metrics.evaluate(EvalContext.load(demo_corpus_dir()))
    assert metrics["stories.bcubed_f1"] >= 0.9 and metrics["stories.pairwise_f1"] >= 0.9
    assert metrics["stories.stream_equal"] == 1.0
    assert metrics["stories.generated.stream_equal"] == 1.0
    assert metrics["stories.generated.bcubed_f1"] >= 0.8  # hashing knows no paraphrase
    assert not any(k.startswith("stories.giveme") for k in metrics)


@pytest.mark.slow
def test_floors_with_the_story_model(monkeypatch):
    """The default story model newsdesk ships (eval/floors.json gates the exact values)."""
    monkeypatch.delenv("NEWSDESK_STORY_MODEL")
    metrics = story_metrics.evaluate(EvalContext.load(demo_corpus_dir()))
    assert metrics["stories.bcubed_f1"] == metrics["stories.pairwise_f1"] == 1.0
    assert metrics["stories.generated.bcubed_f1"] >= 0.92
    assert metrics["stories.generated.pairwise_f1"] >= 0.8
    assert metrics["stories.newsroom.bcubed_f1"] >= 0.9
    assert metrics["stories.newsroom.pairwise_f1"] >= 0.9
    assert all(v == 1.0 for k, v in metrics.items() if k.endswith("stream_equal"))
