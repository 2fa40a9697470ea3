"""Unique details: what only one independent report says, cited, down to the clause.

A sentence often mixes a shared fact with a detail of its own ("Mr Okafor, whose party holds 41 of
parliament's 150 seats, said he would force a vote"): its shared clause is grouped as a fact, the
rest is this outlet's alone. So, for every sentence, the candidates are the sentence and then its
clauses, longest first; the first one that

1. overlaps no unit of a fact group reported by two independent reports or more (by more than
   ``SHARED_OVERLAP`` of its own length: a clause may share a subject with a grouped one),
2. does not restate a grouped unit (score below :data:`newsdesk.align.facts.ECHO`), and
3. is informative (not a headline, ``MIN_WORDS`` words or more, naming an entity, a number, a date
   or a quote, or rich in content words: page furniture never counts)

is the sentence's unique detail. A clause inside one already taken is not taken again. Copies of
one report (a wire story run by two outlets) count as that report: the detail is owned by the
original and cites every copy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsdesk.align.facts import ECHO, Group
from newsdesk.align.text import words
from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Span, Unique

#: A unique detail has at least this many words ...
MIN_WORDS = 7
#: ... and overlaps the units of shared facts by at most this share of its length.
SHARED_OVERLAP = 0.2


def _overlap(a: Unit, b: Unit) -> int:
    if a.article_id != b.article_id:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _informative(u: Unit) -> bool:
    if u.headline or len(words(u.text)) < MIN_WORDS:
        return False
    quoted = any(q in u.text for q in '“"‘«')
    return bool(u.entities or u.numbers or u.dates or quoted or len(u.stems) >= 8)


def unique_details(ctx: StoryContext, groups: Sequence[Group], score: np.ndarray) -> list[Unique]:
    """Unique details of the story from the fact groups over sentences and clauses (``groups``,
    rows of :attr:`StoryContext.fine_units`, and their ``score``). See the module docstring."""
    fine = ctx.fine_units
    shared: list[int] = []
    copies: dict[int, list[int]] = {}  # unit -> its copies in other outlets of the same report
    for g in groups:
        roots = {fine[m].root for m in g.members}
        if len(roots) >= 2:
            shared.extend(g.members)
        elif len(g.members) > 1:
            for m in g.members:
                copies.setdefault(m, [o for o in g.members if o != m])
    by_article: dict[str, list[int]] = {}
    for m in shared:
        by_article.setdefault(fine[m].article_id, []).append(m)
    options: dict[int, list[int]] = {u.row: [u.row] for u in ctx.units}
    for p in ctx.parts:
        options[p.parent].append(p.row)
    out: list[Unique] = []
    taken: dict[str, list[int]] = {}  # per article: units emitted, and their copies
    for unit in ctx.units:
        chosen: list[int] = []
        for row in sorted(options[unit.row], key=lambda r: -(fine[r].end - fine[r].start)):
            u = fine[row]
            here = (*chosen, *taken.get(u.article_id, ()))
            if any(_overlap(u, fine[c]) > 0 for c in here) or not _informative(u):
                continue
            grouped = by_article.get(u.article_id, [])
            if any(_overlap(u, fine[m]) > SHARED_OVERLAP * len(u.text) for m in grouped):
                continue
            if shared and float(score[row, shared].max()) >= ECHO:
                continue
            chosen.append(row)
        for row in chosen:
            u = fine[row]
            mates = [m for m in copies.get(row, []) if m not in taken.get(fine[m].article_id, ())]
            for m in (row, *mates):
                taken.setdefault(fine[m].article_id, []).append(m)
            owner = u.root if u.root in ctx.articles else u.article_id
            spans: list[Span] = [u.span, *(fine[m].span for m in mates)]
            spans.sort(key=lambda s: (ctx.order.index(s.article_id), s.start))
            out.append(Unique(article_id=owner, text=u.text, citations=tuple(spans)))
    out.sort(key=lambda x: (ctx.order.index(x.article_id), x.citations[0].start))
    return out
