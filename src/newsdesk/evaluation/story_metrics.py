"""Story clustering on a labelled corpus: B-cubed and pairwise F1 of stories vs gold events."""

from __future__ import annotations

from newsdesk.evaluation.clustering import bcubed, pairwise
from newsdesk.evaluation.context import EvalContext


def evaluate(ctx: EvalContext) -> dict[str, float]:
    from newsdesk.embeddings import default_embedder
    from newsdesk.stories.cluster import cluster_articles

    articles = ctx.articles
    gold = {
        articles[source].id: event
        for event, sources in ctx.gold["stories"].items()
        for source in sources
        if source in articles
    }
    stories = cluster_articles(list(articles.values()), default_embedder().encode)
    predicted = {a: s.id for s in stories for a in s.article_ids}
    b3, pw = bcubed(predicted, gold), pairwise(predicted, gold)
    return {
        "stories.bcubed_f1": b3["f1"],
        "stories.pairwise_f1": pw["f1"],
        "stories.pairwise_precision": pw["precision"],
        "stories.pairwise_recall": pw["recall"],
    }
