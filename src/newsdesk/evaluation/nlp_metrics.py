"""Language-layer scores against a labelled corpus (``gold.json``: ``entities``, ``distinct``,
``quotes``, ``dates``).

* **Entity merging** is scored pairwise over gold alias *occurrences*: every place a gold alias
  occurs in an article (longest alias wins where they overlap) is mapped to the merged entity whose
  mention covers it. Two occurrences of one gold entity mapped to one predicted entity are a true
  pair; occurrences of two gold entities mapped to one predicted entity are a false pair.
  ``distinct_ok`` is the share of gold ``distinct`` pairs kept apart: the entity most of one's
  occurrences map to is not the entity most of the other's map to (1.0: none wrongly merged).
* **Quotes** match one-to-one, greedily, within an article, when their token overlap (shared word
  positions over the longer of the two) is at least :data:`OVERLAP`; ``exact`` requires the same
  text
  up to surrounding punctuation. Speaker accuracy is over matched quotes: right when the predicted
  speaker is the gold speaker's entity (or one of its aliases), or for unnamed speakers ("unnamed
  diplomats") when the predicted phrase has the label's head word.
* **Dates**: the gold expression inside its anchor must overlap a time expression whose value equals
  the gold ``resolved``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from newsdesk.model import Analysis, Article, Entity, Quote

#: A predicted quote matches a gold one when they share at least this share of the longer one's
#: words: lenient enough for a reported clause cut one word differently, strict enough that two
#: different sentences of one paragraph never match.
OVERLAP = 0.5

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _fold(text: str) -> str:
    from newsdesk.nlp.entities import fold_name

    return fold_name(text)


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def _words(text: str, start: int, end: int) -> set[int]:
    return {start + m.start() for m in _WORD.finditer(text[start:end])}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- entities ------------------------------------------------------------------------------------


def _occurrences(
    gold_entities: Sequence[Mapping[str, Any]], articles: Sequence[Article]
) -> list[tuple[str, str, int, int]]:
    """(gold canonical, article id, start, end) of every alias occurrence, longest alias first."""
    forms = sorted(
        {
            (alias, g["canonical"])
            for g in gold_entities
            for alias in [g["canonical"], *g["aliases"]]
        },
        key=lambda f: -len(f[0]),
    )
    out = []
    for article in articles:
        taken: list[tuple[int, int]] = []
        for alias, canonical in forms:
            for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", article.text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                out.append((canonical, article.id, s, e))
    return out


def _predicted(
    occurrences: Sequence[tuple[str, str, int, int]], entities: Sequence[Entity]
) -> list[str | None]:
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            by_article[m.article_id].append((m.start, m.end, e.id))
    out: list[str | None] = []
    for _, article_id, start, end in occurrences:
        best: tuple[int, str | None] = max(
            ((min(end, me) - max(start, ms), eid) for ms, me, eid in by_article[article_id]),
            default=(0, None),
        )
        out.append(best[1] if best[0] > 0 else None)
    return out


def entity_scores(
    gold: Mapping[str, Any], articles: Sequence[Article], entities: Sequence[Entity]
) -> dict[str, float]:
    occurrences = _occurrences(gold.get("entities", []), articles)
    predicted = _predicted(occurrences, entities)
    tp = fp = fn = 0
    for i in range(len(occurrences)):
        for j in range(i + 1, len(occurrences)):
            same_gold = occurrences[i][0] == occurrences[j][0]
            same_pred = predicted[i] is not None and predicted[i] == predicted[j]
            tp += same_gold and same_pred
            fp += (not same_gold) and same_pred
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for (canonical, *_), pred in zip(occurrences, predicted, strict=True):
        if pred is not None:
            votes[canonical][pred] += 1
    distinct = gold.get("distinct", [])
    majority = {c: v.most_common(1)[0][0] for c, v in votes.items()}
    apart = sum(majority.get(a) is None or majority.get(a) != majority.get(b) for a, b in distinct)
    return {
        "nlp.entity_pair_precision": precision,
        "nlp.entity_pair_recall": recall,
        "nlp.entity_pair_f1": _f1(precision, recall),
        "nlp.entity_distinct_ok": apart / len(distinct) if distinct else 1.0,
        "nlp.entity_mention_coverage": (
            sum(p is not None for p in predicted) / len(predicted) if predicted else 1.0
        ),
    }


# --- quotes --------------------------------------------------------------------------------------


def _speaker_ok(
    gold_speaker: str | None,
    quote: Quote,
    gold_entities: Mapping[str, Mapping[str, Any]],
    entities: Sequence[Entity],
) -> bool:
    from newsdesk.nlp.linking import find_entity

    if not gold_speaker:
        return quote.speaker is None
    if quote.speaker is None:
        return False
    predicted = _fold(quote.speaker)
    spec = gold_entities.get(gold_speaker)
    if spec is not None:
        names = {_fold(n) for n in [spec["canonical"], *spec["aliases"]]}
        if predicted in names:
            return True
        target = find_entity(gold_speaker, entities)
        return target is not None and quote.speaker_entity == target.id
    if predicted == _fold(gold_speaker):
        return True
    head = _fold(gold_speaker).split()[-1]  # "unnamed diplomats" → diplomats
    return head in predicted.split() or head.rstrip("s") in predicted.split()


def quote_scores(
    gold: Mapping[str, Any],
    by_source: Mapping[str, Article],
    analyses: Mapping[str, Analysis],
    entities: Sequence[Entity],
) -> dict[str, float]:
    gold_entities = {g["canonical"]: g for g in gold.get("entities", [])}
    gold_quotes: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for q in gold.get("quotes", []):
        if q["source"] in by_source:
            gold_quotes[q["source"]].append(q)
    n_gold = sum(len(v) for v in gold_quotes.values())
    n_pred = sum(len(analyses[a.id].quotes) for a in by_source.values() if a.id in analyses)
    matched = exact = speakers = kinds = 0
    for source, article in by_source.items():
        analysis = analyses.get(article.id)
        if analysis is None:
            continue
        text = article.text
        pairs = []
        for gi, g in enumerate(gold_quotes.get(source, [])):
            span = _locate(text, g["text"])
            if span is None:
                continue
            gw = _words(text, *span)
            for pi, p in enumerate(analysis.quotes):
                pw = _words(text, p.start, p.end)
                if gw and pw:
                    score = len(gw & pw) / max(len(gw), len(pw))
                    if score >= OVERLAP:
                        pairs.append((score, gi, pi))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gold_quotes[source][gi], analysis.quotes[pi]
            matched += 1
            strip = " \t\n\"'“”‘’«».,;:!?"
            exact += g["text"].strip(strip) == p.text.strip(strip)
            kinds += g.get("kind") == p.kind
            speakers += _speaker_ok(g.get("speaker"), p, gold_entities, entities)
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    exact_p = exact / n_pred if n_pred else 0.0
    exact_r = exact / n_gold if n_gold else 0.0
    return {
        "nlp.quote_precision": precision,
        "nlp.quote_recall": recall,
        "nlp.quote_f1": _f1(precision, recall),
        "nlp.quote_exact_f1": _f1(exact_p, exact_r),
        "nlp.quote_kind_accuracy": kinds / matched if matched else 0.0,
        "nlp.speaker_accuracy": speakers / matched if matched else 0.0,
    }


# --- dates ---------------------------------------------------------------------------------------


def date_scores(
    gold: Mapping[str, Any], by_source: Mapping[str, Article], analyses: Mapping[str, Analysis]
) -> dict[str, float]:
    total = found = right = 0
    for d in gold.get("dates", []):
        article = by_source.get(d["source"])
        if article is None:
            continue
        total += 1
        anchor = _locate(article.text, d["anchor"])
        analysis = analyses.get(article.id)
        if anchor is None or analysis is None:
            continue
        inner = d["anchor"].find(d["expression"])
        start = anchor[0] + max(inner, 0)
        end = start + len(d["expression"]) if inner >= 0 else anchor[1]
        hits = [t for t in analysis.times if t.start < end and start < t.end]
        if hits:
            found += 1
            right += any(t.value == d["resolved"] for t in hits)
    return {
        "nlp.date_accuracy": right / total if total else 0.0,
        "nlp.date_found": found / total if total else 0.0,
    }


def evaluate(ctx: Any) -> dict[str, float]:
    """Entity, quote, speaker and date scores of the language layer on ``ctx``'s corpus."""
    from newsdesk.nlp import merge_entities

    by_source: Mapping[str, Article] = ctx.articles
    analyses: Mapping[str, Analysis] = ctx.analyses
    articles = list(by_source.values())
    entities = merge_entities(articles, analyses)
    out: dict[str, float] = {}
    out.update(entity_scores(ctx.gold, articles, entities))
    out.update(quote_scores(ctx.gold, by_source, analyses, entities))
    out.update(date_scores(ctx.gold, by_source, analyses))
    return out
