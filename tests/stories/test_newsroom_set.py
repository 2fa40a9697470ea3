"""The newsroom set: gold covers every file, the loader reads them all, and its clustering score."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from newsdesk.evaluation import story_metrics
from newsdesk.evaluation.story_metrics import NEWSROOM_DIR, newsroom_set

ARTICLES = 128
EVENTS = 34


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((NEWSROOM_DIR / "gold.json").read_text(encoding="utf-8"))


def test_gold_labels_every_file_once_and_uses_every_event(gold):
    files = {
        p.relative_to(NEWSROOM_DIR).as_posix() for p in (NEWSROOM_DIR / "articles").glob("*.txt")
    }
    sources = [a["source"] for a in gold["articles"]]
    assert len(sources) == len(set(sources)) == ARTICLES
    assert set(sources) == files
    for source in files:
        assert (NEWSROOM_DIR / source).with_suffix(".meta.json").is_file()
    assert len(gold["events"]) == EVENTS
    assert {a["event"] for a in gold["articles"]} == set(gold["events"]) == set(gold["stories"])
    assert {(e, s) for e, ss in gold["stories"].items() for s in ss} == {
        (a["event"], a["source"]) for a in gold["articles"]
    }
    assert all(e["description"] for e in gold["events"].values())
    for pair in gold["confounders"]:
        assert len(pair["events"]) == 2 and set(pair["events"]) <= set(gold["events"])


def test_each_event_is_reachable_within_the_seven_day_window(gold):
    """A developing story is one event only while its consecutive articles are <= 7 days apart."""
    for event, sources in gold["stories"].items():
        times = sorted(
            datetime.fromisoformat(a["published"])
            for a in gold["articles"]
            if a["source"] in sources
        )
        assert all(b - a <= timedelta(days=7) for a, b in pairwise(times)), event


def test_loader_reads_every_article_with_outlet_title_and_zoned_timestamp(gold):
    articles, labels = newsroom_set()
    assert len(articles) == len(labels) == ARTICLES
    assert set(labels.values()) == set(gold["events"])
    by_source = {a["source"]: a for a in gold["articles"]}
    for article in articles:
        expected = by_source[Path(article.source).relative_to(NEWSROOM_DIR).as_posix()]
        assert article.outlet == expected["outlet"] and article.title == expected["title"]
        assert datetime.fromisoformat(article.published).tzinfo is not None
        assert labels[article.id] == expected["event"]
        assert len(article.text.split()) >= 25


def test_batch_equals_stream_with_the_model_free_embedder():
    from newsdesk.embeddings import HashingEmbedder

    articles, labels = newsroom_set()
    metrics = story_metrics.score_set(articles, dict(labels), HashingEmbedder(), "stories.newsroom")
    assert metrics["stories.newsroom.stream_equal"] == 1.0
    assert 0.0 < metrics["stories.newsroom.bcubed_f1"] <= 1.0


@pytest.mark.slow
def test_score_with_the_story_model(monkeypatch):
    """The default story model at its calibrated thresholds, batch and stream.

    Issue #7's target is 0.9 for B-cubed and pairwise F1 (measured 0.945 / 0.919); the floors that
    gate the exact values live in eval/floors.json. The static model alone, the previous default,
    stays well above what it scored when the set was added (B-cubed 0.834).
    """
    from newsdesk.stories.models import shared_embedder
    from newsdesk.stories.tracker import DEFAULT_MODEL

    articles, labels = newsroom_set()
    scores = {}
    for model in (DEFAULT_MODEL, "static"):
        metrics = story_metrics.score_set(
            articles, dict(labels), shared_embedder(model), "stories.newsroom"
        )
        assert metrics["stories.newsroom.stream_equal"] == 1.0
        scores[model] = metrics
    assert scores[DEFAULT_MODEL]["stories.newsroom.bcubed_f1"] >= 0.9
    assert scores[DEFAULT_MODEL]["stories.newsroom.pairwise_f1"] >= 0.9
    assert scores["static"]["stories.newsroom.bcubed_f1"] >= 0.85
