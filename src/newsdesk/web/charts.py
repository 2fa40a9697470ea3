"""Server-side SVG charts: articles over time (stories page) and a story's timeline.

Plain strings with every piece of text escaped, returned as :class:`markupsafe.Markup`. Colours
come from CSS classes in ``static/style.css`` (never ``style=`` attributes, which the
Content-Security-Policy forbids); each chart has a ``<title>``/``<desc>`` and each mark a ``<title>``
tooltip, and the page lists the same data as text beside the chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from html import escape
from typing import Any

from markupsafe import Markup

WIDTH, HEIGHT = 640, 160
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 36, 12, 12, 28

#: Daily bars while the span fits this many days; monthly bars beyond (then yearly past 6 years):
#: enough bars to show a news cycle's shape without bars thinner than a pixel on a phone.
MAX_DAILY_BARS = 62
MAX_MONTHLY_BARS = 72


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def parse_day(value: str | None) -> date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (first day of the period) → date."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def _bins(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts per day, filled with zeros, regrouped per month or year on long spans."""
    days = {d: n for d, n in ((parse_day(k), n) for k, n in counts) if d}
    if not days:
        return []
    first, last = min(days), max(days)
    if (last - first).days < MAX_DAILY_BARS:
        span = ((first + timedelta(i)) for i in range((last - first).days + 1))
        return [(d.isoformat(), days.get(d, 0)) for d in span]
    per: dict[str, int] = {}
    monthly = (last.year - first.year) * 12 + last.month - first.month < MAX_MONTHLY_BARS
    for d, n in days.items():
        key = f"{d.year:04d}-{d.month:02d}" if monthly else f"{d.year:04d}"
        per[key] = per.get(key, 0) + n
    if monthly:
        keys, y, m = [], first.year, first.month
        while (y, m) <= (last.year, last.month):
            keys.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        keys = [f"{y:04d}" for y in range(first.year, last.year + 1)]
    return [(k, per.get(k, 0)) for k in keys]


def bar_chart(counts: Sequence[tuple[str, int]], *, title: str, chart_id: str = "chart") -> Markup:
    """Bars of ``counts`` (``(ISO date, n)``), with the first, middle and last period labelled."""
    bins = _bins(counts)
    if not bins:
        return Markup("")
    top = max(n for _, n in bins) or 1
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = inner_w / len(bins)
    bar_w = max(1.0, step * 0.8)
    total = sum(n for _, n in bins)
    desc = f"{total} articles from {bins[0][0]} to {bins[-1][0]}; busiest: " + ", ".join(
        f"{k} ({n})" for k, n in sorted(bins, key=lambda b: -b[1])[:3] if n
    )
    out = [
        f'<svg class="chart bars" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{_e(title)}</title><desc id="{chart_id}-d">{_e(desc)}</desc>',
        f'<line class="axis" x1="{PAD_LEFT}" y1="{PAD_TOP + inner_h}" '
        f'x2="{WIDTH - PAD_RIGHT}" y2="{PAD_TOP + inner_h}"/>',
        f'<text class="tick" x="{PAD_LEFT - 6}" y="{PAD_TOP + 10}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{PAD_LEFT - 6}" y="{PAD_TOP + inner_h}" text-anchor="end">0</text>',
    ]
    for i, (key, n) in enumerate(bins):
        h = inner_h * n / top
        x = PAD_LEFT + i * step + (step - bar_w) / 2
        out.append(
            f'<rect class="bar" x="{x:.1f}" y="{PAD_TOP + inner_h - h:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}"><title>{_e(key)}: {n} article{"s" if n != 1 else ""}</title></rect>'
        )
    for i in sorted({0, len(bins) // 2, len(bins) - 1}):
        x = PAD_LEFT + i * step + step / 2
        anchor = "start" if i == 0 else "end" if i == len(bins) - 1 else "middle"
        if len(bins) == 1:
            anchor = "middle"
        out.append(
            f'<text class="tick" x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
            f"{_e(bins[i][0])}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def _levels(xs: Sequence[float], gap: float, most: int) -> list[int]:
    """A row per marker so that markers closer than ``gap`` stack instead of overlapping."""
    last: list[float] = []
    out = []
    for x in xs:
        level = next((i for i, end in enumerate(last) if x - end >= gap), len(last))
        level = min(level, most - 1)  # past ``most`` rows, overlap rather than grow without end
        if level == len(last):
            last.append(x)
        else:
            last[level] = x
        out.append(level)
    return out


def timeline_chart(events: Sequence[Mapping[str, Any]], *, chart_id: str = "timeline") -> Markup:
    """Events on a time axis; markers are numbered like the list printed under the chart."""
    dated = [(parse_day(e.get("date")), i + 1, e) for i, e in enumerate(events)]
    points = sorted(((d, n, e) for d, n, e in dated if d), key=lambda p: (p[0], p[1]))
    if not points:
        return Markup("")
    first, last = points[0][0], points[-1][0]
    span = max(1, (last - first).days)
    inner_w = WIDTH - 2 * PAD_LEFT

    def x_of(d: date) -> float:
        return PAD_LEFT + inner_w * ((d - first).days / span if last != first else 0.5)

    xs = [x_of(d) for d, _, _ in points]
    levels = _levels(xs, gap=17, most=6)
    axis_y = 24 + 17 * (max(levels) + 1)
    height = axis_y + 32
    out = [
        f'<svg class="chart timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">Timeline</title>',
        f'<desc id="{chart_id}-d">{len(points)} dated events from {_e(points[0][2].get("date"))} '
        f"to {_e(points[-1][2].get('date'))}</desc>",
        f'<line class="axis" x1="{PAD_LEFT}" y1="{axis_y}" x2="{WIDTH - PAD_LEFT}" y2="{axis_y}"/>',
    ]
    for (_d, n, e), x, level in zip(points, xs, levels, strict=True):
        y = axis_y - 12 - level * 17
        label = f"{n}. {e.get('date')}: {e.get('text', '')}"
        out.append(
            f'<g class="event"><circle class="dot" cx="{x:.1f}" cy="{y}" r="8"><title>{_e(label)}'
            f'</title></circle><text class="dot-n" x="{x:.1f}" y="{y + 3}" text-anchor="middle">'
            f"{n}</text></g>"
        )
    ends = [(points[0], "start"), (points[-1], "end")] if last != first else [(points[0], "middle")]
    for (d, _n, e), anchor in ends:
        out.append(
            f'<text class="tick" x="{x_of(d):.1f}" y="{axis_y + 22}" text-anchor="{anchor}">'
            f"{_e(e.get('date'))}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))
