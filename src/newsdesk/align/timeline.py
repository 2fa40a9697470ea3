"""Timeline: dated events from resolved time expressions, deduplicated across outlets.

Each resolved :class:`~newsdesk.model.TimeExpression` dates the sentence that contains it. Two dated
sentences from different articles are one event when they carry the same date value and either fall
in one fact group or score at least ``SAME_EVENT`` against each other (same scale as
:func:`newsdesk.align.facts.pair_scores`). Events are ordered by date (ISO strings sort correctly
across granularities: "2024" < "2024-08" < "2024-08-06"), then by first mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsdesk.align.facts import Group
from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Span, TimelineEvent

#: Same date and this similar: one event. Lower than facts.EDGE because the shared date is itself
#: strong evidence; two different things on one day rarely score this high.
SAME_EVENT = 0.45

_GRANULARITY_RANK = {"year": 0, "month": 1, "week": 2, "day": 3}


@dataclass
class _Event:
    date: str
    granularity: str
    units: list[Unit] = field(default_factory=list)


def _unit_for(ctx: StoryContext, article_id: str, start: int) -> Unit | None:
    for unit in ctx.units:
        if unit.article_id == article_id and unit.start <= start < unit.end:
            return unit
    return None


def build_timeline(
    ctx: StoryContext, groups: list[Group], score: np.ndarray
) -> list[TimelineEvent]:
    group_of = {m: k for k, g in enumerate(groups) for m in g.members}
    dated: dict[tuple[int, str], str] = {}  # (unit row, date) -> granularity
    for article_id in ctx.order:
        analysis = ctx.analyses.get(article_id)
        if analysis is None:
            continue
        for t in analysis.times:
            if not t.value or t.granularity == "unknown":
                continue
            unit = _unit_for(ctx, article_id, t.start)
            if unit is None:
                continue
            old = dated.get((unit.row, t.value))
            if old is None or _GRANULARITY_RANK.get(t.granularity, 0) > _GRANULARITY_RANK.get(
                old, 0
            ):
                dated[(unit.row, t.value)] = t.granularity
    events: list[_Event] = []
    for (row, date), granularity in sorted(dated.items()):
        unit = ctx.units[row]
        target = None
        for event in events:
            if event.date != date or any(u.article_id == unit.article_id for u in event.units):
                continue
            same_group = any(group_of.get(u.row) == group_of.get(row) for u in event.units)
            close = float(np.mean([score[row, u.row] for u in event.units])) >= SAME_EVENT
            if same_group or close:
                target = event
                break
        if target is None:
            target = _Event(date, granularity)
            events.append(target)
        target.units.append(unit)
    out = []
    for event in events:
        units = sorted(event.units, key=lambda u: (ctx.order.index(u.article_id), u.row))
        rep = min(
            units, key=lambda u: (ctx.roots[u.article_id] != u.article_id, len(u.sentence.text))
        )
        citations = tuple(
            Span(u.article_id, u.sentence.start, u.sentence.end, u.sentence.text) for u in units
        )
        out.append(TimelineEvent(event.date, event.granularity, rep.sentence.text, citations))
    first = {
        id(e): min(ctx.order.index(c.article_id) * 10_000 + c.start for c in e.citations)
        for e in out
    }
    out.sort(key=lambda e: (e.date, first[id(e)]))
    return out
