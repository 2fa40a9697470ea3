"""Ingestion on a labelled corpus: extraction quality, duplicate/derivative links, metadata.

- ``extraction.*``: token-level precision/recall/F1 (bags of lower-cased word tokens, averaged over
  pages) of newsdesk's body text against the hand-checked ``gold_text/<event>/<outlet>.txt`` of
  every HTML page, next to the same scores for trafilatura's default ``trafilatura.extract(html)``.
  A gold text opens with the headline, which newsdesk keeps in ``Article.title`` and trafilatura's
  text leaves out; both systems are scored against the body below it.
- ``dedupe.*``: precision/recall of ``(article, target)`` pairs for ``duplicate_of`` and
  ``derivative_of`` against gold. With no predicted (or no gold) pairs, precision (recall) is 1.
- ``ingest.outlet_accuracy`` / ``ingest.published_accuracy``: share of gold articles whose outlet
  (case-insensitive) / publication day newsdesk got right; ``ingest.rejected`` counts inputs lost.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsdesk.evaluation.context import EvalContext

_TOKEN = re.compile(r"\w+")


def token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of ``predicted`` against ``gold``."""
    pred = Counter(_TOKEN.findall(predicted.lower()))
    ref = Counter(_TOKEN.findall(gold.lower()))
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(ref.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def gold_body(gold_text: str, title: str | None) -> str:
    """Gold text without its opening headline line."""
    first, _, rest = gold_text.strip().partition("\n")
    if title is None or " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return gold_text


def _pair_scores(
    predicted: set[tuple[str, str]], gold: set[tuple[str, str]]
) -> tuple[float, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    return precision, recall


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def extraction_scores(ctx: EvalContext) -> dict[str, float]:
    import trafilatura

    ours: list[tuple[float, float, float]] = []
    default: list[tuple[float, float, float]] = []
    for entry in ctx.gold["articles"]:
        source = Path(entry["source"])
        gold_path = ctx.corpus_dir / "gold_text" / source.parent / (source.stem + ".txt")
        if source.suffix != ".html" or not gold_path.is_file():
            continue
        body = gold_body(gold_path.read_text(encoding="utf-8"), entry.get("title"))
        article = ctx.articles.get(entry["source"])
        ours.append(token_prf(article.text if article else "", body))
        html = (ctx.corpus_dir / source).read_bytes()
        default.append(token_prf(trafilatura.extract(html) or "", body))
    scores: dict[str, float] = {"extraction.pages": float(len(ours))}
    for name, runs in (("", ours), ("trafilatura_default_", default)):
        for index, metric in enumerate(("precision", "recall", "f1")):
            scores[f"extraction.{name}{metric}"] = _mean(run[index] for run in runs)
    return scores


def link_scores(ctx: EvalContext) -> dict[str, float]:
    articles = ctx.articles
    source_of = {article.id: source for source, article in articles.items()}
    scores: dict[str, float] = {}
    for field in ("duplicate_of", "derivative_of"):
        gold = {(a["source"], a[field]) for a in ctx.gold["articles"] if a.get(field)}
        predicted = {
            (source, source_of.get(target, target))
            for source, article in articles.items()
            if (target := getattr(article, field))
        }
        precision, recall = _pair_scores(predicted, gold)
        name = field.removesuffix("_of")
        scores[f"dedupe.{name}_precision"] = precision
        scores[f"dedupe.{name}_recall"] = recall
    return scores


def metadata_scores(ctx: EvalContext) -> dict[str, float]:
    entries = ctx.gold["articles"]
    outlets = dates = 0
    for entry in entries:
        article = ctx.articles.get(entry["source"])
        if article is None:
            continue
        if entry.get("outlet") and (article.outlet or "").casefold() == entry["outlet"].casefold():
            outlets += 1
        if entry.get("published") and article.date == entry["published"][:10]:
            dates += 1
    with_outlet = sum(1 for e in entries if e.get("outlet")) or 1
    with_date = sum(1 for e in entries if e.get("published")) or 1
    return {
        "ingest.outlet_accuracy": outlets / with_outlet,
        "ingest.published_accuracy": dates / with_date,
        "ingest.rejected": float(len(ctx.ingested[1])),
    }


def evaluate(ctx: EvalContext) -> dict[str, float]:
    return {**extraction_scores(ctx), **link_scores(ctx), **metadata_scores(ctx)}
