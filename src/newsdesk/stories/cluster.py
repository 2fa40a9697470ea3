"""Batch story clustering: the streaming clusterer run over a whole batch in publication order.

There is one algorithm (:mod:`newsdesk.stories.stream`); a batch is simply fed to it sorted by
``(published date, id)``. Feeding the same articles one at a time in that order — or in several
batches, across restarts — therefore gives the same stories, ids and aliases. A story's id derives
from its founding article, so adding later articles never renames it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsdesk.model import Article, Story
from newsdesk.stories.embed import LEAD_CHARS, article_text, to_storage
from newsdesk.stories.keys import article_keys
from newsdesk.stories.stream import StoryStream, StreamConfig, order_key, story_id_of

__all__ = [
    "JOIN_THRESHOLD",
    "LEAD_CHARS",
    "WINDOW_DAYS",
    "article_text",
    "cluster_articles",
    "config_for",
    "story_id",
]

Embed = Callable[[Sequence[str]], np.ndarray]

#: Thresholds per embedding model, calibrated on the hand-labelled sets (the demo gold and the
#: newsroom set: real-world writing, not templates): the best value there, read (never chosen)
#: on giveme5w1h, ECB+ and the generated corpus (docs/scale.md has the sweep). Cosines of the
#: static model run higher for every pair than MiniLM's, so its bar is higher; half of a hybrid
#: cosine is a term cosine, near 0 for unrelated reports, so the hybrid's bar is the lowest; the
#: hashing embedder (tests) knows no paraphrase, so names carry more of its decision. The hybrid
#: alone keeps stories open for 14 days; the others were calibrated with 7.
CONFIGS: dict[str, StreamConfig] = {
    "minilm-static-256+terms-256": StreamConfig(),
    "minilm-static-256": StreamConfig(threshold=0.85, key_weight=0.3, window_days=7),
    "all-MiniLM-L6-v2": StreamConfig(threshold=0.65, key_weight=0.15, window_days=7),
    "hashing-512": StreamConfig(threshold=0.65, key_weight=0.3, window_days=7),
}
JOIN_THRESHOLD = CONFIGS["all-MiniLM-L6-v2"].threshold
WINDOW_DAYS = StreamConfig().window_days


def config_for(model_name: str | None) -> StreamConfig:
    """The calibrated :class:`StreamConfig` of an embedding model (MiniLM's when unknown)."""
    return CONFIGS.get(model_name or "", CONFIGS["all-MiniLM-L6-v2"])


def story_id(founder: Article) -> str:
    return story_id_of(founder.id)


def cluster_articles(
    articles: Sequence[Article], embed: Embed, *, config: StreamConfig | None = None
) -> list[Story]:
    """Stories over ``articles`` (sorted by id). Duplicates join the story of their original.

    ``embed`` maps texts to L2-normalised vectors (e.g. ``default_embedder().encode``); when it is
    a bound method of an embedder with a ``name``, that model's calibrated thresholds are used.
    """
    ordered = sorted(articles, key=order_key)
    if config is None:
        config = config_for(getattr(getattr(embed, "__self__", None), "name", None))
    stream = StoryStream(config)
    if ordered:
        vectors = to_storage(embed([article_text(a) for a in ordered]))
        stream.add_many(ordered, vectors, [article_keys(a) for a in ordered])
    return stream.stories()
