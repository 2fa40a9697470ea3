"""Discrepancies: where outlets report one thing differently, typed and cited.

Precision comes first: a false alarm ("Aleksandr" vs "Alexander" reported as a disagreement) costs a
reader's trust more than a miss. So values are compared *normalised* (Quantity values: "2,000" =
"2000" = "two thousand"; resolved dates; folded names), and only between things already aligned:
sentences of different independent reports that score high enough on the
:func:`newsdesk.align.facts.pair_scores` scale, one quote group, or one person.

One module per family, each with its thresholds and their reasons: :mod:`~newsdesk.align.numbers_dates`,
:mod:`~newsdesk.align.status`, :mod:`~newsdesk.align.roles` (titles, checked here),
:mod:`~newsdesk.align.quote_checks`; :mod:`~newsdesk.align.claims` holds the shared machinery.

``number``      two aligned sentences give a number for the same thing: same unit, or compatible
                count nouns ("4,200 dockers" / "4,500 workers"; a bare "118" counts as compatible),
                values within ``MAX_RATIO`` of each other (a different order of magnitude is a
                different quantity) and different. Numbers both sentences share are paired first.
``date``        two aligned sentences date the same thing (the words before the two expressions
                share two content stems: "earthquake struck ... late on Monday" / "earthquake that
                struck ... early on Tuesday") at one granularity, differently. The same weekday
                word on both sides is never a disagreement (only its resolution could differ).
``status``      one event (a verb or noun stem: sign, vote, ballot, meet) said to be planned in one
                report ("scheduled to sign", "will vote", "a ballot scheduled for Saturday") and
                done in another ("signed", "voted", "a ballot held"), in weakly aligned sentences
                (``STATUS_SIM``). A report that says both is taken as done (the later news).
``title``       one person, titles whose *material* parts differ: a status modifier (former,
                acting, interim, late, elect, deputy, vice) present in one outlet and absent in
                another with the same office, or two different top offices (president vs prime
                minister, chief executive vs chair). Nationality, word order, "leader" vs
                "President" and spelling are never reported.
``quote``       one quote group, two direct variants where one is a question and the other a
                statement, one negates what the other affirms, or they give different numbers.
``attribution`` one quote group of near-verbatim direct quotes given to two different people,
                each named next to the quote (a "he said" resolved from paragraphs away is too weak
                to accuse an outlet of misattribution).

Numbers and dates: values are the claims ("4,500", "2025-03-10"); citations are the number or date
expression itself. Status: "scheduled" / "took place", citing the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from newsdesk.align.claims import value
from newsdesk.align.numbers_dates import date_discrepancies, number_discrepancies
from newsdesk.align.quote_checks import attribution_discrepancies, quote_discrepancies
from newsdesk.align.quotes import QuoteUnit
from newsdesk.align.roles import person_roles, title_conflict, title_signature
from newsdesk.align.status import status_discrepancies
from newsdesk.align.units import StoryContext
from newsdesk.model import Discrepancy


def title_discrepancies(ctx: StoryContext) -> list[Discrepancy]:
    out = []
    for name, by_article in person_roles(ctx).items():
        signatures = {a: {title_signature(t) for t, _ in roles} for a, roles in by_article.items()}
        # An outlet that itself uses two conflicting titles is not taken as a side.
        clean = {
            a: next(iter(s))
            for a, s in signatures.items()
            if not any(title_conflict(x, y) for x in s for y in s)
        }
        sides: dict[tuple, list[str]] = defaultdict(list)
        for a, sig in clean.items():
            if sig[1] is not None:
                sides[sig].append(a)
        keys = list(sides)
        conflicting = [
            (x, y)
            for i, x in enumerate(keys)
            for y in keys[i + 1 :]
            if title_conflict(x, y)
            and {ctx.roots[a] for a in sides[x]} != {ctx.roots[a] for a in sides[y]}
        ]
        if not conflicting:
            continue
        involved = list(dict.fromkeys(k for pair in conflicting for k in pair))
        values = []
        for sig in involved:
            pairs = [(a, span) for a in sides[sig] for _, span in by_article[a]]
            titles = [t for a in sides[sig] for t, _ in by_article[a]]
            # the title as most of that side's outlets write it ("former US President")
            label = min(set(titles), key=lambda t: (-titles.count(t), len(t), t))
            values.append(value(label, pairs))
        out.append(Discrepancy("title", name, tuple(values)))
    return out


def _dedupe(found: Iterable[Discrepancy]) -> list[Discrepancy]:
    seen, out = set(), []
    for d in found:
        key = (d.type, frozenset((v.value, v.articles) for v in d.values))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def find_discrepancies(
    ctx: StoryContext,
    score: np.ndarray,
    raw_quote_groups: list[list[QuoteUnit]],
    quote_speakers: list[str | None],
) -> list[Discrepancy]:
    """Every discrepancy type, in a fixed order: numbers, dates, status, titles, quotes, attribution."""
    builders: list[Callable[[], list[Discrepancy]]] = [
        lambda: number_discrepancies(ctx, score),
        lambda: date_discrepancies(ctx, score),
        lambda: status_discrepancies(ctx, score),
        lambda: title_discrepancies(ctx),
        lambda: quote_discrepancies(ctx, raw_quote_groups, quote_speakers),
        lambda: attribution_discrepancies(ctx, raw_quote_groups),
    ]
    return _dedupe(d for build in builders for d in build())
