"""Shared machinery of the discrepancy checks: aligned sentence pairs, cited values, and the
"same"/"differ" claim graph that turns pairwise comparisons into sides.

A *claim* is one value one article states at one place (a number, a date). Comparing aligned
sentences links two claims as the same (equal values) or as differing; a discrepancy is a set of
same-classes connected by "differ" links, with at least two values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

import numpy as np

from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Discrepancy, DiscrepancyValue, Span


def value(text: str, pairs: Iterable[tuple[str, Span]]) -> DiscrepancyValue:
    pairs = list(pairs)
    return DiscrepancyValue(
        value=text,
        articles=tuple(dict.fromkeys(a for a, _ in pairs)),
        citations=tuple(dict.fromkeys(s for _, s in pairs)),
    )


def fmt_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def span_at(ctx: StoryContext, article_id: str, start: int, end: int) -> Span:
    return Span(article_id, start, end, ctx.articles[article_id].text[start:end])


def aligned_pairs(ctx: StoryContext, score: np.ndarray, floor: float) -> list[tuple[Unit, Unit]]:
    """Sentence pairs of different independent reports scoring ``floor`` or more."""
    rows, cols = np.nonzero(np.triu(score, k=1) >= floor)
    units = ctx.units
    return [
        (units[i], units[j])
        for i, j in zip(rows, cols, strict=True)
        if units[i].root != units[j].root
    ]


class Claims:
    """Union-find over claims ((article, offset) nodes); "differ" edges between their classes."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}
        self.info: dict[Hashable, tuple[str, str, Span, str]] = {}  # value, article, span, context
        self.differ: list[tuple[Hashable, Hashable]] = []

    def add(self, node: Hashable, value: str, article: str, span: Span, about: str) -> None:
        self.parent.setdefault(node, node)
        self.info.setdefault(node, (value, article, span, about))

    def find(self, x: Hashable) -> Hashable:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def same(self, a: Hashable, b: Hashable) -> None:
        self.parent[self.find(a)] = self.find(b)

    def discrepancies(self, kind: str, order: Sequence[str]) -> list[Discrepancy]:
        # classes linked by "differ" edges form one discrepancy; classes of equal value merge
        linked: dict[Hashable, set[Hashable]] = defaultdict(set)
        for a, b in self.differ:
            ra, rb = self.find(a), self.find(b)
            if self.info[a][0] != self.info[b][0]:
                linked[ra].add(rb)
                linked[rb].add(ra)
        members: dict[Hashable, list[Hashable]] = defaultdict(list)
        for node in self.parent:
            members[self.find(node)].append(node)
        seen: set[Hashable] = set()
        out = []
        for start in sorted(linked, key=str):
            if start in seen:
                continue
            stack, comp = [start], []
            while stack:
                c = stack.pop()
                if c not in seen:
                    seen.add(c)
                    comp.append(c)
                    stack.extend(linked[c])
            by_value: dict[str, list[Hashable]] = defaultdict(list)
            for c in comp:
                for node in members[c]:
                    by_value[self.info[node][0]].append(node)
            if len(by_value) < 2:
                continue
            values = []
            for claim, nodes in by_value.items():
                nodes.sort(key=lambda n: (order.index(self.info[n][1]), self.info[n][2].start))
                values.append(value(claim, ((self.info[n][1], self.info[n][2]) for n in nodes)))
            values.sort(key=lambda v: order.index(v.articles[0]))
            about = self.info[by_value[values[0].value][0]][3]
            out.append(Discrepancy(kind, about, tuple(values)))  # type: ignore[arg-type]
        return out


def inside(items: Iterable, unit: Unit) -> list:
    return [x for x in items if unit.start <= x.start and x.end <= unit.end]
