"""The scorer's arithmetic on a tiny hand-made context (no model needed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from newsdesk.evaluation import nlp_metrics
from newsdesk.model import Analysis, Article, Entity, Mention, Quote, TimeExpression

TEXT = "Ana Ruiz said the plan works. “It is cheap,” Ruiz said on Monday."


@dataclass
class Ctx:
    gold: dict[str, Any]
    articles: dict[str, Article] = field(default_factory=dict)
    analyses: dict[str, Analysis] = field(default_factory=dict)


def quote(article: Article, text: str, kind: str, speaker: str | None) -> Quote:
    start = article.text.index(text)
    return Quote(f"q{start}", article.id, start, start + len(text), text, kind, "say", speaker)  # type: ignore[arg-type]


def test_scores() -> None:
    article = Article.create("a.txt", TEXT, published="2024-06-05")
    monday = TEXT.index("Monday")
    analysis = Analysis(
        article_id=article.id,
        model="m",
        quotes=(
            quote(article, "the plan works", "indirect", "Ana Ruiz"),
            quote(article, "It is cheap,", "direct", "Someone Else"),
        ),
        times=(TimeExpression(article.id, monday, monday + 6, "Monday", "2024-06-03"),),
    )
    gold = {
        "quotes": [
            {
                "source": "a.txt",
                "text": "the plan works",
                "kind": "indirect",
                "speaker": "Ana Ruiz",
            },
            {"source": "a.txt", "text": "It is cheap,", "kind": "direct", "speaker": "Ana Ruiz"},
            {"source": "a.txt", "text": "Ruiz said on", "kind": "direct", "speaker": "Ana Ruiz"},
        ],
        "entities": [{"canonical": "Ana Ruiz", "type": "PERSON", "aliases": ["Ana Ruiz", "Ruiz"]}],
        "distinct": [],
        "dates": [
            {
                "source": "a.txt",
                "expression": "Monday",
                "anchor": "said on Monday",
                "resolved": "2024-06-03",
                "granularity": "day",
            }
        ],
    }
    entities = (
        Entity(
            "e1",
            "Ana Ruiz",
            "PERSON",
            mentions=(
                Mention(article.id, 0, 8, "Ana Ruiz", "PERSON"),
                Mention(
                    article.id,
                    TEXT.index("Ruiz said on"),
                    TEXT.index("Ruiz said on") + 4,
                    "Ruiz",
                    "PERSON",
                ),
            ),
        ),
    )
    by_source = {"a.txt": article}
    analyses = {article.id: analysis}
    q = nlp_metrics.quote_scores(gold, by_source, analyses, entities)
    assert q["nlp.quote_precision"] == 1.0
    assert q["nlp.quote_recall"] == pytest.approx(2 / 3)
    assert q["nlp.speaker_accuracy"] == 0.5
    assert q["nlp.quote_kind_accuracy"] == 1.0
    e = nlp_metrics.entity_scores(gold, [article], entities)
    assert e["nlp.entity_pair_precision"] == e["nlp.entity_pair_recall"] == 1.0
    d = nlp_metrics.date_scores(gold, by_source, analyses)
    assert d["nlp.date_accuracy"] == 1.0


def test_evaluate_reads_the_context() -> None:
    article = Article.create("a.txt", TEXT, published="2024-06-05")
    ctx = Ctx(
        gold={"quotes": [], "entities": [], "distinct": [], "dates": []},
        articles={"a.txt": article},
        analyses={article.id: Analysis(article.id, "m")},
    )
    scores = nlp_metrics.evaluate(ctx)
    assert set(scores) >= {
        "nlp.entity_pair_f1",
        "nlp.quote_f1",
        "nlp.speaker_accuracy",
        "nlp.date_accuracy",
    }
