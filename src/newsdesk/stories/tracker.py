"""The story path over a store: embed new articles (cached), place them, persist, publish stories.

:class:`StoryTracker` is a :class:`~newsdesk.stories.stream.StoryStream` bound to an embedding
model and (optionally) to a state directory beside the store. :meth:`StoryTracker.update` takes any
articles — already placed ones are skipped — embeds the new ones through the pipeline runner (so
the vectors are cached in the store under their content hash and any executor can compute them),
places them in publication order and saves the state. :func:`update_stories` is the one call a job
needs: it does that for a store and publishes the result with ``store.replace_stories``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsdesk.embeddings import Embedder
from newsdesk.model import Article, Story
from newsdesk.pipeline import Executor, run_stage
from newsdesk.store.protocol import Store
from newsdesk.stories import state
from newsdesk.stories.cluster import config_for
from newsdesk.stories.embed import DTYPE, EmbedArticlesStage
from newsdesk.stories.keys import article_keys
from newsdesk.stories.models import full_name
from newsdesk.stories.stream import Assignment, StoryStream, StreamConfig, order_key

#: The embedding model of the story path (docs/scale.md): the static model beside hashed terms scores
#: better than MiniLM on the hand-labelled sets and embeds ~200x faster. ``$NEWSDESK_STORY_MODEL``
#: overrides it.
DEFAULT_MODEL = "hybrid"


def default_model() -> str:
    return os.environ.get("NEWSDESK_STORY_MODEL") or DEFAULT_MODEL


class StoryTracker:
    """Streaming stories with a model, a cache and (when ``directory`` is given) persistence."""

    def __init__(
        self,
        directory: Path | None = None,
        *,
        model: str | None = None,
        embedder: Embedder | None = None,
        config: StreamConfig | None = None,
    ) -> None:
        model = model or default_model()
        self.directory = directory
        self.stage = EmbedArticlesStage(model, embedder)
        self.model_name = embedder.name if embedder is not None else full_name(model)
        self.config = config or config_for(self.model_name)
        if directory is not None:
            self.stream = state.load(directory, self.config, self.model_name)
        else:
            self.stream = StoryStream(self.config)

    def update(
        self,
        articles: Sequence[Article],
        store: Store | None = None,
        *,
        executor: Executor | None = None,
        batch_size: int = 256,
    ) -> list[Assignment]:
        """Place the articles not yet placed, in publication order; save the state."""
        seen: set[str] = set()
        new = []
        for article in sorted(articles, key=order_key):
            if article.id not in self.stream.seq_of and article.id not in seen:
                seen.add(article.id)
                new.append(article)
        if not new:
            return []
        result = run_stage(self.stage, new, store, executor=executor, batch_size=batch_size)
        placed, vectors = [], []
        for article, output in zip(new, result.outputs, strict=True):
            if isinstance(output, np.ndarray):  # an article that cannot be embedded stays out
                placed.append(article)
                vectors.append(output)
        if not placed:
            return []
        matrix = np.stack(vectors).astype(DTYPE, copy=False)
        assignments = self.stream.add_many(placed, matrix, [article_keys(a) for a in placed])
        self.save()
        return assignments

    def save(self) -> None:
        if self.directory is not None:
            state.save(self.stream, self.directory, self.model_name)

    def stories(self) -> list[Story]:
        return self.stream.stories()

    def aliases(self) -> dict[str, str]:
        """Merged story id → the id of the story it was merged into."""
        return dict(self.stream.aliases)

    def revision_of(self, article_id: str) -> str | None:
        return self.stream.revision_of(article_id)


def tracker_for(store: Store, *, model: str | None = None, **kwargs: object) -> StoryTracker:
    """The tracker whose state lives beside ``store``'s file (in memory for a store without one)."""
    path = getattr(store, "path", None)
    directory = state.state_dir_for(Path(path)) if path is not None else None
    return StoryTracker(directory, model=model, **kwargs)  # type: ignore[arg-type]


def update_stories(
    store: Store,
    articles: Sequence[Article] | None = None,
    *,
    model: str | None = None,
    executor: Executor | None = None,
    tracker: StoryTracker | None = None,
) -> list[Story]:
    """Place ``articles`` (default: every stored article) and publish the stories to ``store``.

    Incremental: articles placed by an earlier call (in this process or a previous one) are
    skipped, so the cost is that of the new articles plus one ``replace_stories``.
    """
    tracker = tracker or tracker_for(store, model=model)
    tracker.update(store.articles() if articles is None else articles, store, executor=executor)
    stories = tracker.stories()
    store.replace_stories(stories)
    return stories


def resolve_story_id(store: Store, story_id: str) -> str:
    """The live id of ``story_id``: itself, or the story it was merged into (an old link works)."""
    path = getattr(store, "path", None)
    if path is None:
        return story_id
    return state.read_aliases(state.state_dir_for(Path(path))).get(story_id, story_id)
