"""Number and date discrepancies between aligned sentences.

Numbers: two sentences of different independent reports scoring ``NUMBER_SIM`` or more give a
number for the same thing: same unit, or compatible counts ("4,200 dockers" / "4,500 workers"; a
bare "118" counts what the other side's "112 people" counts), within ``MAX_RATIO`` of each other
(a different order of magnitude is a different quantity) and different. Numbers both sentences
share are paired first, so "400 injured" never meets "118 dead"; and two sentences dated more than
``SAME_TIME_DAYS`` apart are about different moments ("a magnitude 5.2 tremor last October" is not
this week's 6.4 quake). Values are Quantity values, so "2,000", "2000" and "two thousand" are one.

Dates: two sentences scoring ``SAME_THING`` or more date the same thing when the few words before
the two expressions share two content stems ("earthquake struck ... late on Monday" / "earthquake
that struck ... early on Tuesday"; one shared word, "port", was too weak on the demo gold), at one
granularity, differently. Never reported: the same weekday word on both sides (only its resolution
could differ), a planned sentence against a done one (that is a status question), and a planned
event dated before publication (a resolution error: "due to be signed on Friday" read as last
Friday).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np

from newsdesk.align.claims import Claims, aligned_pairs, fmt_number, inside, short, span_at
from newsdesk.align.status import planned
from newsdesk.align.text import content_stems, words
from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Discrepancy, Quantity, TimeExpression

#: Two sentences must be at least this similar before their dates are compared.
SAME_THING = 0.55
#: Sentences this similar may disagree on a number; lower than SAME_THING because the number
#: pairing (compatible units, close values) is itself a strong filter.
NUMBER_SIM = 0.4
#: Dated sentences whose dates are all further apart than this are about different moments.
SAME_TIME_DAYS = 31
#: Two numbers further apart than this ratio are different quantities, not a disagreement.
MAX_RATIO = 1.5
#: Words looked at before a date expression to tell what it dates (words after it were tried:
#: they found no more gold discrepancies and more false ones).
CONTEXT_BEFORE = 5
#: Units that measure rather than count: they must match exactly.
MEASURES = frozenset(
    [
        "day",
        "week",
        "month",
        "year",
        "hour",
        "minute",
        "km",
        "mile",
        "m",
        "kg",
        "tonne",
        "percent",
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "RUB",
        "UAH",
    ]
)
_TIME_WORDS = frozenset(
    [
        "since",
        "early",
        "late",
        "until",
        "ago",
        "last",
        "next",
        "later",
        "earlier",
        "morning",
        "evening",
        "night",
        "afternoon",
        "week",
        "month",
        "year",
        "day",
        "dur",
        "during",
        "through",
    ]
)
_WEEKDAYS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
    ]
)


def _day(value: str) -> dt.date | None:
    """The first day a resolved value can mean ("2024-10" → 1 Oct 2024); None for weeks etc."""
    try:
        parts = [int(p) for p in value.split("-")]
        return dt.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except (ValueError, IndexError):
        return None


def _moments(ctx: StoryContext, unit: Unit) -> list[dt.date]:
    """The dates a sentence is about: its resolved dates, else its article's publication day (an
    undated sentence in a news report is about the news of the day)."""
    days = [d for t in _dated(ctx, unit) if (d := _day(str(t.value)))]
    published = ctx.articles[unit.article_id].date
    if not days and published:
        days = [d for d in [_day(published)] if d]
    return days


def _apart(da: Sequence[dt.date], db: Sequence[dt.date]) -> bool:
    """No two of the sentences' dates are within ``SAME_TIME_DAYS``: they are about different
    moments, so their numbers are about different things."""
    if not da or not db:
        return False
    return min(abs((x - y).days) for x in da for y in db) > SAME_TIME_DAYS


def _units_compatible(a: str | None, b: str | None) -> bool:
    """Same unit; or two counts ("4,200 dockers" / "4,500 workers"; a bare "118" counts what the
    other side's "112 people" counts). Measures (days, km, percent, currencies) must match."""
    return a == b or (a not in MEASURES and b not in MEASURES)


def _ratio(x: float, y: float) -> float:
    lo, hi = sorted((abs(x), abs(y)))
    return float("inf") if lo == 0 else hi / lo


def number_discrepancies(ctx: StoryContext, score: np.ndarray) -> list[Discrepancy]:
    claims = Claims()
    for a, b in aligned_pairs(ctx, score, NUMBER_SIM):
        if _apart(_moments(ctx, a), _moments(ctx, b)):
            continue  # "a magnitude 5.2 tremor last October" is not today's 6.4 quake
        qa = inside(ctx.analyses[a.article_id].quantities, a)
        qb = inside(ctx.analyses[b.article_id].quantities, b)
        for unit, qs in ((a, qa), (b, qb)):
            for q in qs:
                about = f"{q.unit or 'number'}: {short(unit.text)}"
                claims.add(
                    (unit.article_id, q.start),
                    fmt_number(q.value),
                    unit.article_id,
                    span_at(ctx, unit.article_id, q.start, q.end),
                    about,
                )
        for x, y, same in _match_numbers(qa, qb):
            nx, ny = (a.article_id, x.start), (b.article_id, y.start)
            if same:
                claims.same(nx, ny)
            else:
                claims.differ.append((nx, ny))
    return claims.discrepancies("number", ctx.order)


def _match_numbers(
    qa: Sequence[Quantity], qb: Sequence[Quantity]
) -> list[tuple[Quantity, Quantity, bool]]:
    """Equal numbers pair up first; then each remaining number meets at most one close one."""
    out: list[tuple[Quantity, Quantity, bool]] = []
    left_a, left_b = list(qa), list(qb)
    for x in qa:
        for y in left_b:
            if x.value == y.value and _units_compatible(x.unit, y.unit):
                out.append((x, y, True))
                left_a.remove(x)
                left_b.remove(y)
                break
    values_b = {y.value for y in qb}
    values_a = {x.value for x in qa}
    options = sorted(
        (
            (_ratio(x.value, y.value), i, j)
            for i, x in enumerate(left_a)
            for j, y in enumerate(left_b)
            if x.value not in values_b
            and y.value not in values_a
            and _units_compatible(x.unit, y.unit)
            and _ratio(x.value, y.value) <= MAX_RATIO
        ),
    )
    used_a, used_b = set(), set()
    for _, i, j in options:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((left_a[i], left_b[j], False))
    return out


_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z][\w’'-]*")


def _context(ctx: StoryContext, unit: Unit, start: int, end: int) -> frozenset[str]:
    """Stems of the lower-case content words just before an expression, inside its clause: the
    predicate it dates ("struck ... late on Monday", "which began on June 2").

    Names are left out on purpose: "the State Rescue Service said on Wednesday" and "according to the
    State Rescue Service, whose teams spent Tuesday digging" share a name, not an event."""
    text = ctx.articles[unit.article_id].text
    clause = re.split(r"[,;:—–(]", text[unit.start : start])[-1]
    before = _LOWER_WORD.findall(clause)[-CONTEXT_BEFORE:]
    stems = content_stems(" ".join(before))
    stems -= _WEEKDAYS
    return frozenset(s for s in stems if s not in _TIME_WORDS and not s.isdigit())


def _surface(t: TimeExpression) -> frozenset[str]:
    return frozenset(w for w in words(t.text) if w in _WEEKDAYS)


def _dated(ctx: StoryContext, unit: Unit) -> list[TimeExpression]:
    """Resolved times of a sentence; a planned event dated before publication is a resolution
    error ("due to be signed on Friday" read as last Friday) and is left out."""
    times = [t for t in inside(ctx.analyses[unit.article_id].times, unit) if t.value]
    published = ctx.articles[unit.article_id].date
    if published and planned(unit.text):
        times = [t for t in times if str(t.value) >= published[: len(str(t.value))]]
    return times


def date_discrepancies(ctx: StoryContext, score: np.ndarray) -> list[Discrepancy]:
    claims = Claims()
    for a, b in aligned_pairs(ctx, score, SAME_THING):
        ta, tb = _dated(ctx, a), _dated(ctx, b)
        if bool(planned(a.text)) != bool(planned(b.text)):
            continue  # "due to be signed on Friday" vs "signed on Thursday" is a status question
        for x in ta:
            for y in tb:
                if x.granularity != y.granularity or x.granularity == "unknown":
                    continue
                shared = _context(ctx, a, x.start, x.end) & _context(ctx, b, y.start, y.end)
                if len(shared) < 2:
                    continue
                for unit, t in ((a, x), (b, y)):
                    claims.add(
                        (unit.article_id, t.start),
                        str(t.value),
                        unit.article_id,
                        span_at(ctx, unit.article_id, t.start, t.end),
                        short(unit.text),
                    )
                nx, ny = (a.article_id, x.start), (b.article_id, y.start)
                if x.value == y.value:
                    claims.same(nx, ny)
                elif not (_surface(x) and _surface(x) == _surface(y)):
                    claims.differ.append((nx, ny))
    return claims.discrepancies("date", ctx.order)
