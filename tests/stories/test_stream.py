"""The online clusterer: joins, founding, stable ids, revisions, duplicates, merges, equality."""

from __future__ import annotations

import numpy as np

from newsdesk.demo.generate import generate
from newsdesk.model import Article
from newsdesk.stories import (
    StoryStream,
    StreamConfig,
    article_keys,
    cluster_articles,
    config_for,
    story_id_of,
)  # fmt: skip
from newsdesk.stories.embed import embed_articles
from newsdesk.stories.stream import order_key
from tests.stories.conftest import article, unit

CONFIG = StreamConfig(threshold=0.8, key_weight=0.0, merge_evidence=2)


def generated(stories: int = 40) -> list[Article]:
    return [
        Article.create(g.filename, g.text, title=g.title, published=g.published, outlet=g.outlet)
        for g in generate(stories, vocabulary="large", seed=1)
    ]


def test_similar_articles_join_and_the_founder_names_the_story():
    stream = StoryStream(CONFIG)
    a, b, c = (article(t, title=t) for t in ("Flood one", "Flood two", "Unrelated"))
    first = stream.add(a, unit(1, 0.1), frozenset())
    second = stream.add(b, unit(1, 0.2), frozenset())
    third = stream.add(c, unit(0, 1), frozenset())
    assert (first.kind, second.kind, third.kind) == ("founded", "joined", "founded")
    assert first.story_id == second.story_id == story_id_of(a.id)
    assert third.story_id == story_id_of(c.id)
    assert {s.id: s.article_ids for s in stream.stories()}[first.story_id] == (a.id, b.id)


def test_a_story_founded_by_an_untitled_paste_takes_the_first_headline():
    stream = StoryStream(CONFIG)
    paste = article("Flood paste without a headline")
    titled = article("Flood report", title="Flood cuts off Vellmar")
    later = article("Flood follow-up", title="Vellmar counts the cost")
    for k, a in enumerate((paste, titled, later)):
        stream.add(a, unit(1, 0.1 * k), frozenset())
    (story,) = stream.stories()
    assert story.id == story_id_of(paste.id)
    assert story.title == "Flood cuts off Vellmar"


def test_articles_outside_the_time_window_start_a_new_story():
    stream = StoryStream(CONFIG)
    early = article("Talks resume", published="2025-01-01")
    late = article("Talks resume again", published="2025-03-01")
    assert stream.add(early, unit(1), frozenset()).kind == "founded"
    assert stream.add(late, unit(1), frozenset()).kind == "founded"


def test_key_overlap_separates_same_kind_events():
    stream = StoryStream(StreamConfig(threshold=0.8, key_weight=0.3))
    flood_a = article("Flood in Vellmar", title="a")
    flood_b = article("Flood in Ostrava", title="b")
    stream.add(flood_a, unit(1, 0), frozenset({"vellmar", "halvorsen", "4200"}))
    # cosine 0.85: alike as texts, but no name in common
    verdict = stream.add(flood_b, unit(1, 0.62), frozenset({"ostrava", "brandt", "980"}))
    assert verdict.kind == "founded"
    same = article("Vellmar flood: Halvorsen speaks", title="c")
    assert stream.add(same, unit(1, 0.62), frozenset({"vellmar", "halvorsen"})).kind == "joined"


def test_known_articles_are_a_no_op():
    stream = StoryStream(CONFIG)
    a = article("Once")
    stream.add(a, unit(1), frozenset())
    again = stream.add(a, unit(0, 1), frozenset())
    assert again.kind == "known" and len(stream) == 1


def test_a_changed_article_at_the_same_url_is_a_revision_not_a_member():
    stream = StoryStream(CONFIG)
    v1 = article("Quake kills 12", url="https://x.example/quake")
    other = article("Quake: rescuers search", url="https://y.example/quake")
    v2 = article("Quake kills 40", url="https://x.example/quake", published="2025-03-02")
    stream.add(v1, unit(1, 0.1), frozenset())
    stream.add(other, unit(1, 0.2), frozenset())
    verdict = stream.add(v2, unit(1, 0.15), frozenset())
    assert verdict.kind == "revision"
    assert stream.revision_of(v2.id) == v1.id
    (story,) = stream.stories()
    assert story.article_ids == (v2.id, other.id)  # the revision takes the original's place
    assert story.id == story_id_of(v1.id)


def test_duplicates_join_their_original():
    stream = StoryStream(CONFIG)
    original = article("Wire story")
    copy = article("Wire story", outlet="Other", duplicate_of=original.id)
    stream.add(original, unit(1), frozenset())
    verdict = stream.add(copy, unit(0, 1), frozenset())
    assert verdict.kind == "duplicate" and verdict.story_id == story_id_of(original.id)


def test_stories_merge_when_bridging_evidence_accumulates_and_the_older_id_survives():
    stream = StoryStream(StreamConfig(threshold=0.7, key_weight=0.0, merge_evidence=2))
    a = article("A", published="2025-03-01")
    b = article("B", published="2025-03-02")
    stream.add(a, unit(1, 0), frozenset())
    stream.add(b, unit(0.6, 1), frozenset())  # cos(a, b) ≈ 0.51: two stories
    assert len(stream.stories()) == 2
    bridges = [article(f"bridge {i}", published="2025-03-03") for i in range(3)]
    # each bridge clears the bar for both; the stories' own average link rises with each
    verdicts = [stream.add(x, unit(1, 0.6), frozenset()) for x in bridges]
    merged = [v for v in verdicts if v.merged]
    assert merged, verdicts
    (story,) = stream.stories()
    assert story.id == story_id_of(a.id)  # a's founder is older
    assert stream.resolve(story_id_of(b.id)) == story.id
    assert stream.aliases == {story_id_of(b.id): story.id}
    assert set(story.article_ids) == {a.id, b.id, *(x.id for x in bridges)}


def test_batch_and_one_by_one_in_time_order_give_identical_stories(hashing):
    articles = generated()
    batch = cluster_articles(articles, hashing.encode)
    stream = StoryStream(config_for(hashing.name))
    for a in sorted(articles, key=order_key):
        stream.add(a, embed_articles([a], hashing)[0], article_keys(a))
    assert stream.stories() == batch
    # and a re-run from scratch gives the same ids
    assert cluster_articles(list(reversed(articles)), hashing.encode) == batch


def test_vectors_are_float16_and_normalised(hashing):
    vectors = embed_articles(generated(2), hashing)
    assert vectors.dtype == np.float16
    assert np.allclose(np.linalg.norm(vectors.astype(np.float32), axis=1), 1.0, atol=1e-2)


def test_generated_labels_are_recovered(hashing):
    from newsdesk.evaluation.clustering import bcubed

    items = list(generate(60, vocabulary="large", seed=2))
    articles = [Article.create(g.filename, g.text, title=g.title, published=g.published,
                               outlet=g.outlet) for g in items]  # fmt: skip
    gold = {a.id: g.story for a, g in zip(articles, items, strict=True)}
    predicted = {a: s.id for s in cluster_articles(articles, hashing.encode) for a in s.article_ids}
    assert bcubed(predicted, gold)["f1"] >= 0.8
