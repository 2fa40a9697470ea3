from __future__ import annotations

import os

import pytest

from newsdesk.model import (
    Article,
    Briefing,
    Discrepancy,
    DiscrepancyValue,
    Entity,
    Fact,
    Framing,
    QuoteGroup,
    QuoteVariant,
    Span,
    Story,
    SummarySentence,
    TimelineEvent,
    Unique,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")

EVIL = "Mayor <script>alert('x')</script> & co. said “fine”.\nThe vote is on *Monday* [1].\n"
PLAIN = "The mayor said it was fine. The vote is on Monday.\n"


def span(article: Article, text: str) -> Span:
    start = article.text.index(text)
    return Span(article.id, start, start + len(text), text)


@pytest.fixture
def hand_briefing() -> Briefing:
    """A briefing built by hand, with markup and Markdown syntax inside article text."""
    a = Article.create(
        "inputs/evil page.html", EVIL, outlet="Evil <Times>", title="A & B", published="2025-01-02"
    )
    b = Article.create("https://example.org/plain", PLAIN, outlet="Plain Post", derivative_of=None)
    s1, s2 = span(a, "The vote is on *Monday* [1]."), span(b, "The vote is on Monday.")
    q1 = span(a, "fine")
    fact = Fact("f1", s1.text, (a.id, b.id), 2, (s1, s2), 0.5)
    return Briefing(
        story=Story("story-1", "Vote <day>", (a.id, b.id)),
        articles=(a, b),
        summary=(SummarySentence(s1.text, (s1, s2)),),
        facts=(fact,),
        unique=(Unique(a.id, "Mayor <script>", (span(a, "Mayor <script>alert('x')</script>"),)),),
        discrepancies=(
            Discrepancy(
                "title",
                "the mayor",
                (
                    DiscrepancyValue("Mayor", (a.id,), (span(a, "Mayor"),)),
                    DiscrepancyValue("mayor", (b.id,), (span(b, "mayor"),)),
                ),
            ),
        ),
        quotes=(
            QuoteGroup(
                "The Mayor",
                (
                    QuoteVariant("fine", "direct", (a.id,), (q1,), True),
                    QuoteVariant("it was fine", "paraphrase", (b.id,), (span(b, "it was fine"),)),
                ),
            ),
        ),
        entities=(Entity("e1", "Mayor", "PERSON", ("the mayor",)),),
        timeline=(TimelineEvent("2025-01-06", "day", s1.text, (s1,)),),
        framing=(
            Framing(
                a.id,
                {"ceasefire": "cease-fire"},
                ("official: Mayor",),
                {"Mayor": 1},
                "say",
                ("f1",),
            ),
        ),
        missing=("timeline: only one dated event <ok>",),
        generated_with={"newsdesk.align": "1"},
    )


@pytest.fixture(scope="session")
def built_briefing() -> Briefing:
    """A briefing built by the aligner from the hand-made Lake Orvana story (MiniLM)."""
    pytest.importorskip("sentence_transformers")
    from newsdesk.align import build_briefing
    from newsdesk.embeddings import default_embedder
    from tests.align.builders import orvana_story

    articles, analyses = orvana_story()
    story = Story("orvana", "Lake Orvana ferry strike", tuple(a.id for a in articles))
    return build_briefing(story, articles, analyses, embedder=default_embedder())
