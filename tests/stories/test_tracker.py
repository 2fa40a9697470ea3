"""The persistent story path: restarts continue exactly, state sits beside the store, the CLI lists
stories with their sources, vectors are cached by content hash."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from newsdesk.demo.generate import generate
from newsdesk.errors import StoreError
from newsdesk.model import Article
from newsdesk.store import open_store
from newsdesk.stories import (
    StoryTracker,
    StreamConfig,
    cluster_articles,
    state_dir_for,
    update_stories,
)
from newsdesk.stories.embed import EmbedArticlesStage
from newsdesk.stories.stream import order_key
from tests.stories.conftest import article


def generated(stories: int = 30) -> list[Article]:
    return sorted(
        (Article.create(g.filename, g.text, title=g.title, published=g.published, outlet=g.outlet)
         for g in generate(stories, vocabulary="large", seed=4)),
        key=order_key,
    )  # fmt: skip


def test_restarts_continue_exactly_where_they_stopped(tmp_path, hashing):
    articles = generated()
    batch = cluster_articles(articles, hashing.encode)
    state = tmp_path / "state"
    for start in range(0, len(articles), 40):  # a new process every 40 articles
        tracker = StoryTracker(state, embedder=hashing)
        for a in articles[start : start + 40]:
            tracker.update([a])
    assert StoryTracker(state, embedder=hashing).stories() == batch


def test_a_lost_index_shard_is_rebuilt_to_the_same_graph(tmp_path, hashing):
    articles = generated()
    state = tmp_path / "state"
    first = StoryTracker(state, embedder=hashing)
    first.update(articles[:100])
    for shard in state.glob("*.usearch"):
        shard.unlink()
    second = StoryTracker(state, embedder=hashing)
    second.update(articles[100:])
    assert second.stories() == cluster_articles(articles, hashing.encode)


def test_state_built_with_other_settings_is_refused(tmp_path, hashing):
    state = tmp_path / "state"
    StoryTracker(state, embedder=hashing).update(generated(3))
    with pytest.raises(StoreError, match="config"):
        StoryTracker(state, embedder=hashing, config=StreamConfig(threshold=0.99))
    # a store clustered with another model names the setting that keeps using it
    with pytest.raises(StoreError, match="NEWSDESK_STORY_MODEL=hashing-512"):
        StoryTracker(state, model="static")


def test_revision_survives_a_restart(tmp_path, hashing):
    state = tmp_path / "state"
    v1 = article("Dam breaks in Vellmar, 12 missing", url="https://a.example/dam")
    v2 = article("Dam breaks in Vellmar, 40 missing", url="https://a.example/dam")
    StoryTracker(state, embedder=hashing).update([v1])
    tracker = StoryTracker(state, embedder=hashing)
    (verdict,) = tracker.update([v2])
    assert verdict.kind == "revision"
    assert StoryTracker(state, embedder=hashing).revision_of(v2.id) == v1.id
    (story,) = tracker.stories()
    assert story.article_ids == (v2.id,)


def test_update_stories_publishes_to_the_store_and_the_cli_lists_sources(tmp_path):
    db = tmp_path / "news.db"
    articles = generated(6)
    with open_store(db) as store:
        store.add_articles(articles)
        stories = update_stories(store)
        assert store.stories() == stories
        assert state_dir_for(db).is_dir()
        again = update_stories(store)  # nothing new: a no-op
        assert again == stories
    from newsdesk.cli.main import app

    result = CliRunner().invoke(app, ["stories", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert sorted(s for story in listed for s in story["sources"]) == sorted(
        a.source for a in articles
    )


def test_vectors_are_cached_by_content_hash_in_the_store(tmp_path, hashing):
    from newsdesk.pipeline import run_stage

    articles = generated(4)
    stage = EmbedArticlesStage(embedder=hashing)
    with open_store(tmp_path / "news.db") as store:
        cold = run_stage(stage, articles, store)
        warm = run_stage(stage, articles, store)
    assert cold.computed == len(articles) and warm.cached == len(articles)
    assert all((a == b).all() for a, b in zip(cold.outputs, warm.outputs, strict=True))
    assert warm.outputs[0].dtype.name == "float16"


def test_moving_the_state_directory_is_enough_to_move_the_stories(tmp_path, hashing):
    state = tmp_path / "state"
    tracker = StoryTracker(state, embedder=hashing)
    tracker.update(generated(5))
    shutil.copytree(state, tmp_path / "copy")
    assert StoryTracker(tmp_path / "copy", embedder=hashing).stories() == tracker.stories()


def test_a_merged_story_id_still_resolves_from_the_store(tmp_path, hashing):
    from newsdesk.stories import resolve_story_id, story_id_of
    from newsdesk.stories.stream import StoryStream
    from tests.stories.conftest import unit

    db = tmp_path / "m.db"
    tracker = StoryTracker(state_dir_for(db), embedder=hashing)
    stream: StoryStream = tracker.stream
    a, b = article("A", published="2025-03-01"), article("B", published="2025-03-02")
    stream.add(a, unit(1, 0, dim=512), frozenset())
    stream.add(b, unit(0.6, 1, dim=512), frozenset())
    for i in range(3):
        stream.add(
            article(f"bridge {i}", published="2025-03-03"), unit(1, 0.6, dim=512), frozenset()
        )
    tracker.save()
    with open_store(db) as store:
        assert resolve_story_id(store, story_id_of(b.id)) == story_id_of(a.id)
        assert resolve_story_id(store, "s-unknown") == "s-unknown"
