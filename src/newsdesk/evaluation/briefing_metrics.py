"""Scores of the cross-outlet briefing against a labelled corpus's ``gold.json``.

Gold items are located by their anchors: an anchor is an exact substring of one article's text, and a
system record "contains" it when one of its citations into that article covers at least
``COVER`` of the anchor's characters (citations are sentences or clauses; anchors are fragments).

Metrics (all in [0, 1] except the counts; :func:`evaluate` prefixes them ``briefing.``):

``facts_pairwise_precision`` / ``facts_pairwise_recall`` / ``facts_pairwise_f1``
    Recall: of all pairs of one gold fact's support anchors, the share that one system fact contains
    together. Precision: of all pairs of citations of one system fact where both citations contain
    some gold anchor (of a fact or a unique detail), the share where they contain anchors of the same
    gold fact. A sentence often carries two gold facts; a citation pair is right when the facts it
    carries overlap, so clause-level alignment is not punished for the gold's own overlaps.
``facts_exact_sources``
    Share of gold facts for which one system fact contains every support anchor and cites exactly
    the gold's articles.
``unique_recall``
    Share of gold unique anchors found in a system unique detail of the right article.
``discrepancy_recall``
    Share of gold discrepancies matched by a system discrepancy of the same type that separates two
    of the gold sides: two different system values whose articles meet two different gold values.
``discrepancy_count`` / ``non_conflicts_reported``
    Discrepancies reported, and how many of them report a gold non-conflict: two values whose value
    texts carry two different variants of one non-conflict (must be 0).
``quote_group_accuracy``
    Share of gold quote groups whose members all fall in one system quote group that holds no
    member of another gold group.
``timeline_date_accuracy`` / ``timeline_coverage``
    Of the gold dates whose anchor sentence is on the timeline, the share dated right; and the share
    of gold dates on the timeline at all.
``citation_failures``
    Citations whose text is not the article text at their offsets (must be 0).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from newsdesk.brief.citations import check_citations
from newsdesk.model import Article, Briefing, Span

#: Share of an anchor's characters a citation must cover to contain it.
COVER = 0.6


def _locate(article: Article | None, anchor: str) -> tuple[int, int] | None:
    if article is None:
        return None
    pos = article.text.find(anchor)
    return None if pos < 0 else (pos, pos + len(anchor))


def _contains(spans: Iterable[Span], article: Article | None, anchor: str) -> bool:
    where = _locate(article, anchor)
    if where is None or article is None:
        return False
    start, end = where
    need = COVER * (end - start)
    return any(
        s.article_id == article.id and min(end, s.end) - max(start, s.start) >= need for s in spans
    )


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _ratio(num: float, den: float) -> float:
    return num / den if den else 1.0


def _labels(
    span: Span, items: list[tuple[str, str, str]], articles: Mapping[str, Article]
) -> set[str]:
    """Gold clusters (fact ids / unique ids) whose anchor in this span's article the span contains."""
    return {
        gid
        for gid, src, anchor in items
        if (art := articles.get(src)) is not None
        and art.id == span.article_id
        and _contains((span,), art, anchor)
    }


def fact_scores(
    gold: Mapping[str, Any], briefings: Mapping[str, Briefing], articles: Mapping[str, Article]
) -> dict[str, float]:
    gold_pairs = found_pairs = sys_pairs = right_pairs = 0
    exact = total = 0
    unique_found = unique_total = 0
    for event, b in briefings.items():
        facts = [f for f in gold.get("facts", []) if f["event"] == event]
        uniques = [u for u in gold.get("unique", []) if u["event"] == event]
        items = [(f["id"], src, anchor) for f in facts for src, anchor in f["support"].items()]
        items += [(f"unique-{k}", u["source"], u["anchor"]) for k, u in enumerate(uniques)]
        # recall: every pair of one gold fact's anchors, found together in one system fact
        for f in facts:
            total += 1
            support = list(f["support"].items())
            for (s1, a1), (s2, a2) in combinations(support, 2):
                gold_pairs += 1
                found_pairs += any(
                    _contains(sf.citations, articles.get(s1), a1)
                    and _contains(sf.citations, articles.get(s2), a2)
                    for sf in b.facts
                )
            wanted = {articles[s].id for s in f["support"] if s in articles}
            exact += any(
                set(sf.articles) == wanted
                and all(_contains(sf.citations, articles.get(s), a) for s, a in support)
                for sf in b.facts
            )
        # precision: pairs of one system fact's citations that both carry gold labels
        for sf in b.facts:
            labels = [_labels(c, items, articles) for c in sf.citations]
            for x, y in combinations(labels, 2):
                if x and y:
                    sys_pairs += 1
                    right_pairs += bool(x & y)
        for u in uniques:
            unique_total += 1
            art = articles.get(u["source"])
            unique_found += any(_contains(x.citations, art, u["anchor"]) for x in b.unique)
    p, r = _ratio(right_pairs, sys_pairs), _ratio(found_pairs, gold_pairs)
    return {
        "facts_pairwise_precision": p,
        "facts_pairwise_recall": r,
        "facts_pairwise_f1": _f1(p, r),
        "facts_exact_sources": _ratio(exact, total),
        "unique_recall": _ratio(unique_found, unique_total),
    }


def discrepancy_scores(
    gold: Mapping[str, Any], briefings: Mapping[str, Briefing], articles: Mapping[str, Article]
) -> dict[str, float]:
    found = total = 0
    reported = non_conflicts = 0
    for event, b in briefings.items():
        for d in (x for x in gold.get("discrepancies", []) if x["event"] == event):
            total += 1
            sides = [{articles[s].id for s in v["sources"] if s in articles} for v in d["values"]]
            for sd in b.discrepancies:
                if sd.type != d["type"]:
                    continue
                hit = [
                    {k for k, side in enumerate(sides) if side & set(v.articles)} for v in sd.values
                ]
                if any(a != b_ for x, y in combinations(hit, 2) for a in x for b_ in y):
                    found += 1
                    break
        reported += len(b.discrepancies)
        variants = [
            [v.casefold() for v in n["variants"]]
            for n in gold.get("non_conflicts", [])
            if n["event"] == event
        ]
        for sd in b.discrepancies:
            if any(
                _reports(sd.values[i].value, sd.values[j].value, vs)
                for vs in variants
                for i, j in combinations(range(len(sd.values)), 2)
            ):
                non_conflicts += 1
    return {
        "discrepancy_recall": _ratio(found, total),
        "discrepancy_count": float(reported),
        "non_conflicts_reported": float(non_conflicts),
    }


def _reports(a: str, b: str, variants: list[str]) -> bool:
    a, b = a.casefold(), b.casefold()
    in_a = {v for v in variants if v in a}
    in_b = {v for v in variants if v in b}
    return bool(in_a - in_b) and bool(in_b - in_a)


def quote_scores(
    gold: Mapping[str, Any], briefings: Mapping[str, Briefing], articles: Mapping[str, Article]
) -> dict[str, float]:
    correct = total = 0
    for event, b in briefings.items():
        groups = [g for g in gold.get("quote_groups", []) if g["event"] == event]
        where: dict[int, list[int]] = defaultdict(list)  # gold group -> system groups of members
        sys_of_member: list[list[set[int]]] = []
        for k, g in enumerate(groups):
            per_member = []
            for m in g["members"]:
                art = articles.get(m["source"])
                hits = {
                    i
                    for i, q in enumerate(b.quotes)
                    if any(_contains(v.citations, art, m["text"]) for v in q.variants)
                }
                per_member.append(hits)
            sys_of_member.append(per_member)
            where[k] = sorted(set.intersection(*per_member)) if per_member else []
        for k in range(len(groups)):
            total += 1
            others = {i for j, per in enumerate(sys_of_member) if j != k for h in per for i in h}
            if any(i not in others for i in where[k]):
                correct += 1
    return {"quote_group_accuracy": _ratio(correct, total)}


def timeline_scores(
    gold: Mapping[str, Any], briefings: Mapping[str, Briefing], articles: Mapping[str, Article]
) -> dict[str, float]:
    right = placed = total = 0
    for event, b in briefings.items():
        sources = set(gold["stories"][event])
        for d in (x for x in gold.get("dates", []) if x["source"] in sources):
            total += 1
            art = articles.get(d["source"])
            events = [e for e in b.timeline if _contains(e.citations, art, d["anchor"])]
            if events:
                placed += 1
                right += any(e.date == d["resolved"] for e in events)
    return {
        "timeline_date_accuracy": _ratio(right, placed),
        "timeline_coverage": _ratio(placed, total),
    }


def score_briefings(
    gold: Mapping[str, Any], briefings: Mapping[str, Briefing], articles: Mapping[str, Article]
) -> dict[str, float]:
    """Every metric of the module docstring; ``articles`` maps gold source → Article."""
    out: dict[str, float] = {}
    for scorer in (fact_scores, discrepancy_scores, quote_scores, timeline_scores):
        out.update(scorer(gold, briefings, articles))
    out["citation_failures"] = float(sum(len(check_citations(b)) for b in briefings.values()))
    return out


def evaluate(ctx: Any) -> dict[str, float]:
    """Scorer entry point for :class:`newsdesk.evaluation.context.EvalContext`: every metric of the
    module docstring, prefixed ``briefing.``."""
    scores = score_briefings(ctx.gold, ctx.briefings, ctx.articles)
    return {f"briefing.{k}": v for k, v in scores.items()}
