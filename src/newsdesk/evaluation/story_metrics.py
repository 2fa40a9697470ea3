"""Story clustering on labelled sets: B-cubed and pairwise P/R/F1 of stories vs gold events.

Each set is clustered twice with the story path's model (:func:`newsdesk.stories.tracker.
default_model`): as one batch (:func:`~newsdesk.stories.cluster_articles`) and one article at a time
in publication order through a fresh :class:`~newsdesk.stories.StoryStream`. The two must agree
exactly (``stories.stream_equal`` = 1.0), so every score holds for both.

Sets:

* ``stories.*`` — the demo corpus gold (``ctx``): three events, hand-labelled;
* ``stories.generated.*`` — 1,500 articles of 300 events from :mod:`newsdesk.demo.generate`'s
  large vocabulary, labels known by construction. Synthetic: each event has its own names and
  details, told in a few paraphrases of shared sentence shapes, so it tests names, numbers and the
  time window more than paraphrase;
* ``stories.newsroom.*`` — the newsroom set (:func:`newsroom_set`, ``newsdesk/demo/newsroom``):
  128 fictional articles from 10 outlets about 34 events over eight weeks, written and labelled by
  hand for newsdesk, read through ingest like any user's files. It holds the hard cases — two events
  of one kind in the same week, one actor in two events, a story developing over three weeks,
  singletons, briefs, features and opinion. With the demo gold it is what the story thresholds
  are calibrated on (docs/scale.md);
* ``stories.giveme.*`` — giveme5w1h news_cluster (383 real articles, 69 events), read from
  ``../shared/data`` when present (never copied). Its gold events span up to years, so the time
  window caps its recall; scores are reported, not tuned for (docs/scale.md).
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.evaluation.clustering import bcubed, pairwise
from newsdesk.evaluation.context import EvalContext
from newsdesk.model import Article, Rejected

GENERATED_STORIES = 300
GIVEME_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "giveme5w1h-news"
NEWSROOM_DIR = Path(__file__).resolve().parents[1] / "demo" / "newsroom"


def evaluate(ctx: EvalContext) -> dict[str, float]:
    from newsdesk.stories.models import shared_embedder
    from newsdesk.stories.tracker import default_model

    embedder = shared_embedder(default_model())
    articles = ctx.articles
    gold: dict[Hashable, Hashable] = {
        articles[source].id: event
        for event, sources in ctx.gold["stories"].items()
        for source in sources
        if source in articles
    }
    metrics = score_set(list(articles.values()), gold, embedder, "stories")
    generated, generated_gold = generated_set()
    metrics.update(score_set(generated, _labels(generated_gold), embedder, "stories.generated"))
    newsroom, newsroom_gold = newsroom_set()
    metrics.update(score_set(newsroom, _labels(newsroom_gold), embedder, "stories.newsroom"))
    giveme = giveme_set()
    if giveme is not None:
        metrics.update(score_set(giveme[0], _labels(giveme[1]), embedder, "stories.giveme"))
    return metrics


def score_set(
    articles: Sequence[Article], gold: Mapping[Hashable, Hashable], embedder: object, prefix: str
) -> dict[str, float]:
    """Scores of batch clustering, and whether one-by-one streaming gave the same stories."""
    from newsdesk.stories import StoryStream, article_keys, cluster_articles, config_for
    from newsdesk.stories.embed import embed_articles
    from newsdesk.stories.stream import order_key

    name = getattr(embedder, "name", None)
    batch = cluster_articles(articles, embedder.encode)  # type: ignore[attr-defined]
    stream = StoryStream(config_for(name))
    for article in sorted(articles, key=order_key):
        vector = embed_articles([article], embedder)[0]  # type: ignore[arg-type]
        stream.add(article, vector, article_keys(article))
    predicted: dict[Hashable, Hashable] = {a: s.id for s in batch for a in s.article_ids}
    b3, pw = bcubed(predicted, gold), pairwise(predicted, gold)
    return {
        f"{prefix}.bcubed_f1": b3["f1"],
        f"{prefix}.bcubed_precision": b3["precision"],
        f"{prefix}.bcubed_recall": b3["recall"],
        f"{prefix}.pairwise_f1": pw["f1"],
        f"{prefix}.pairwise_precision": pw["precision"],
        f"{prefix}.pairwise_recall": pw["recall"],
        f"{prefix}.stream_equal": float(stream.stories() == batch),
    }


def _labels(gold: Mapping[str, Hashable]) -> dict[Hashable, Hashable]:
    return dict(gold.items())


def generated_set(stories: int = GENERATED_STORIES) -> tuple[list[Article], dict[str, int]]:
    """Articles of the generator's large vocabulary and their story labels."""
    from newsdesk.demo.generate import generate

    articles, gold = [], {}
    for item in generate(stories, vocabulary="large"):
        article = Article.create(
            item.filename, item.text, title=item.title, published=item.published, outlet=item.outlet
        )
        articles.append(article)
        gold[article.id] = item.story
    return articles, gold


def newsroom_set(directory: Path | None = None) -> tuple[list[Article], dict[str, str]]:
    """The newsroom set's articles, read by ingest from their files and sidecars, and the gold
    event of each article id. Raises :class:`~newsdesk.errors.InputError` if ingest rejects a file:
    every file is meant to be read, so a rejection is a regression, not a smaller set."""
    from newsdesk.ingest import extract_paths

    directory = directory or NEWSROOM_DIR
    labels = json.loads((directory / "gold.json").read_text(encoding="utf-8"))["articles"]
    results = extract_paths([str(directory / label["source"]) for label in labels])
    articles, gold = [], {}
    for label, result in zip(labels, results, strict=True):
        if isinstance(result, Rejected):
            raise InputError(result.source, result.reason)
        articles.append(result)
        gold[result.id] = label["event"]
    return articles, gold


def giveme_set(directory: Path | None = None) -> tuple[list[Article], dict[str, int]] | None:
    """giveme5w1h news_cluster as articles and event labels; None when the data is absent."""
    directory = directory or GIVEME_DIR
    files = sorted((directory / "news_cluster").glob("*.json")) if directory.is_dir() else []
    if not files:
        return None
    articles, gold = [], {}
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        article = Article.create(
            path.name, record.get("text") or "", title=record.get("title"),
            published=(record.get("date_publish") or "")[:10] or None,
            outlet=record.get("source_domain"), url=record.get("url"),
        )  # fmt: skip
        articles.append(article)
        gold[article.id] = record["newsCluster"]["EventId"]
    return articles, gold
