"""A 10-article story briefs in under 1.5 s once its sentence vectors are cached."""

from __future__ import annotations

import time

from newsdesk.align import build_briefing
from newsdesk.embeddings import EmbedSentencesStage
from newsdesk.model import Story
from tests.align.builders import make

POOL = [
    "The ferry operator agreed to hire {n} new crew members after talks in Brenna.",
    "Union leader Tomas Varga said the strike had lasted {d} days.",
    "Commuters waited for hours at the Orvana quay on {day}.",
    "The port authority said services would resume on {day} morning.",
    "About {n} passengers were stranded during the dispute, officials said.",
    "A spokesperson for Orvana Lines described the talks as difficult but fair.",
    "Councillors in Brenna called for an inquiry into the dispute.",
    "The deal includes a pay rise of {p} percent over two years.",
    "Two ageing vessels will be replaced by {y}, the company said.",
    "Local shops reported losses during the {d}-day stoppage.",
    "Tourism officials feared the summer season could suffer.",
    "The regional government welcomed the end of the strike.",
]


def ten_articles():
    out = []
    for k in range(10):
        lines = []
        for r in range(3):  # ~36 sentences per article
            for i, template in enumerate(POOL):
                lines.append(
                    template.format(
                        n=50 + k + r,
                        d=4 + (i + k) % 3,
                        p=5 + k % 2,
                        y=2026 + r,
                        day=("Monday", "Friday")[(i + r) % 2],
                    )
                )
        text = "\n\n".join(lines) + "\n"
        out.append(
            make(text, f"Outlet {k}", mentions=[("Tomas Varga", "PERSON"), ("Brenna", "GPE")])
        )
    return [a for a, _ in out], {an.article_id: an for _, an in out}


def test_ten_article_story_is_fast_when_warm(minilm):
    articles, analyses = ten_articles()
    story = Story("speed", "speed", tuple(a.id for a in articles))
    stage = EmbedSentencesStage(minilm)
    vectors = {v.article_id: v for v in stage.process([analyses[a.id] for a in articles])}
    build_briefing(story, articles, analyses, embedder=minilm, vectors=vectors)  # warm-up
    start = time.perf_counter()
    b = build_briefing(story, articles, analyses, embedder=minilm, vectors=vectors)
    elapsed = time.perf_counter() - start
    assert b.facts
    assert elapsed < 1.5, f"warm briefing took {elapsed:.2f} s"


def test_precomputed_vectors_give_the_same_briefing(minilm):
    articles, analyses = ten_articles()
    articles, analyses = articles[:3], {a.id: analyses[a.id] for a in articles[:3]}
    story = Story("v", "v", tuple(a.id for a in articles))
    stage = EmbedSentencesStage(minilm)
    vectors = {v.article_id: v for v in stage.process(list(analyses.values()))}
    with_vectors = build_briefing(story, articles, analyses, embedder=minilm, vectors=vectors)
    without = build_briefing(story, articles, analyses, embedder=minilm)
    assert with_vectors.facts == without.facts
