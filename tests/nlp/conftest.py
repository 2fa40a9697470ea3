"""Shared fixtures for the language-layer tests: the hand-written hard cases, the real seed reports
(../shared/seeds, skipped when absent) and the demo corpus gold. Each set is analysed once per
session: loading spaCy and parsing dominate the run time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.model import Analysis, Article

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "nlp"
SEEDS = REPO.parent / "shared" / "seeds"
DEMO = REPO / "src" / "newsdesk" / "demo" / "corpus"
#: Publication date of the five seed reports (all from 13 March 2025).
SEED_PUBLISHED = "2025-03-13"


@pytest.fixture(scope="session")
def hard_cases() -> dict[str, Any]:
    return json.loads((FIXTURES / "hard_cases.json").read_text(encoding="utf-8"))


def _analyse(articles: list[Article]) -> list[Analysis]:
    from newsdesk.nlp import analyse_articles

    return analyse_articles(articles)


@pytest.fixture(scope="session")
def analysed_cases(hard_cases: dict[str, Any]) -> dict[str, tuple[dict, Article, Analysis]]:
    """name → (case, article, analysis) for every hard case."""
    cases = hard_cases["articles"]
    articles = [Article.create(c["name"], c["text"], published=c["published"]) for c in cases]
    analyses = _analyse(articles)
    return {c["name"]: (c, a, x) for c, a, x in zip(cases, articles, analyses, strict=True)}


@pytest.fixture(scope="session")
def seeds() -> tuple[list[Article], list[Analysis]]:
    """The five real reports, analysed once (skips when ../shared/seeds is absent)."""
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("../shared/seeds is not present")
    articles = [
        Article.create(
            p.name, p.read_text(encoding="utf-8"), published=SEED_PUBLISHED, outlet=p.stem
        )
        for p in paths
    ]
    return articles, _analyse(articles)


@pytest.fixture(scope="session")
def demo_context() -> Any:
    """An EvalContext over the demo corpus whose articles are the gold clean texts (so the scores
    measure the language layer, not extraction). Skips when the corpus is absent."""
    from newsdesk.evaluation.context import EvalContext

    if not (DEMO / "gold.json").is_file():
        pytest.skip("demo corpus not present")
    ctx = EvalContext.load(DEMO)
    by_source = {}
    for spec in ctx.gold["articles"]:
        source = spec["source"]
        if source.endswith(".html"):
            clean = DEMO / "gold_text" / source.replace(".html", ".txt")
        else:
            clean = DEMO / source
        text = clean.read_text(encoding="utf-8")
        by_source[source] = Article.create(
            source, text, published=spec.get("published"), outlet=spec.get("outlet")
        )
    ctx.__dict__["ingested"] = (by_source, [])  # bypass extraction: a cached_property slot
    return ctx
