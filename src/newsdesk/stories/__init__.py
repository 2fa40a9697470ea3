"""Stories: article embeddings, streaming clustering with stable ids, persistence beside the store.

::

    Article ──EmbedArticlesStage (cached, float16)──▶ vector ─┐
    Article ──article_keys (names, numbers)───────────────────┼─▶ StoryStream.add ──▶ Assignment
                                                               │   (ANN over the time window,
    state.sqlite + usearch shards ◀── state.save / load ──────┘    average link + key overlap)

* :func:`cluster_articles` — batch use, no persistence (the same algorithm, fed in time order);
* :class:`StoryTracker` / :func:`update_stories` — the incremental, persistent story path a job uses;
* :class:`StoryStream` — the online clusterer itself.
"""

from newsdesk.stories.cluster import cluster_articles, config_for
from newsdesk.stories.embed import EmbedArticlesStage, article_text
from newsdesk.stories.keys import article_keys
from newsdesk.stories.models import StaticEmbedder, distil_static_model, load_embedder
from newsdesk.stories.state import state_dir_for
from newsdesk.stories.stream import Assignment, StoryStream, StreamConfig, story_id_of
from newsdesk.stories.tracker import (
    StoryTracker,
    resolve_story_id,
    tracker_for,
    update_stories,
)  # fmt: skip

__all__ = [
    "Assignment",
    "EmbedArticlesStage",
    "StaticEmbedder",
    "StoryStream",
    "StoryTracker",
    "StreamConfig",
    "article_keys",
    "article_text",
    "cluster_articles",
    "config_for",
    "distil_static_model",
    "load_embedder",
    "resolve_story_id",
    "state_dir_for",
    "story_id_of",
    "tracker_for",
    "update_stories",
]
