"""The story page's view model and the SVG charts, on hand-written briefing JSON (no models)."""

from __future__ import annotations

import re

from newsdesk.web import charts
from newsdesk.web.services import highlight
from newsdesk.web.viewmodel import coverage_matrix, outlet_labels, safe_url, story_view


def cite(article: str, start: int, end: int, text: str = "x") -> dict:
    return {"article": article, "start": start, "end": end, "text": text}


ARTICLES = [
    {"id": "a", "source": "a.txt", "outlet": "Alpha", "title": "A", "published": "2025-01-02",
     "derivative_of": None},
    {"id": "b", "source": "b.txt", "outlet": "Beta", "title": "B", "published": "2025-01-02",
     "derivative_of": None},
    {"id": "c", "source": "c.txt", "outlet": "Gamma", "title": "C", "published": "2025-01-03",
     "derivative_of": None},
    {"id": "d", "source": "d.txt", "outlet": "Alpha", "title": "D", "published": "2025-01-03",
     "derivative_of": "a", "url": "javascript:alert(1)"},
]  # fmt: skip
BRIEFING = {
    "schema": "newsdesk.briefing/1",
    "story": {"id": "s-1", "title": "Ferry grounds"},
    "articles": ARTICLES,
    "summary": [{"text": "A ferry ran aground.", "citations": [cite("a", 0, 20)]}],
    "facts": [
        # reported by a, b, d; c says another number in the discrepancy about it
        {"id": "f1", "text": "212 passengers were rescued.", "articles": ["a", "b", "d"],
         "independent": 2, "citations": [cite("a", 0, 30), cite("b", 10, 40), cite("d", 0, 30)]},
        # only c reports it: nobody conflicts, a/b/d are silent
        {"id": "f2", "text": "An inquiry was opened.", "articles": ["c"], "independent": 1,
         "citations": [cite("c", 50, 80)]},
    ],
    "unique": [{"article": "c", "text": "An inquiry.", "citations": [cite("c", 50, 80)]}],
    "discrepancies": [
        {"type": "number", "subject": "passengers", "values": [
            {"value": "212", "articles": ["a", "b"],
             "citations": [cite("a", 5, 8, "212"), cite("b", 12, 15, "212")]},
            {"value": "210", "articles": ["c"], "citations": [cite("c", 5, 8, "210")]},
        ]},
    ],
    "quotes": [], "entities": [], "framing": [], "missing": ["framing"], "generated_with": {},
    "timeline": [
        {"date": "2025-01-02", "granularity": "day", "text": "Grounding", "citations": []},
        {"date": "2025-01", "granularity": "month", "text": "<b>Month</b>", "citations": []},
    ],
}  # fmt: skip


def states(matrix: dict) -> list[list[str]]:
    return [[cell["state"] for cell in row["cells"]] for row in matrix["rows"]]


def test_coverage_matrix_reported_silent_conflicting():
    matrix = coverage_matrix(BRIEFING)
    assert [c["label"] for c in matrix["columns"]] == ["Alpha (1)", "Beta", "Gamma", "Alpha (2)"]
    assert [c["copy"] for c in matrix["columns"]] == [False, False, False, True]
    assert states(matrix) == [
        ["reported", "reported", "conflicting", "reported"],
        ["silent", "silent", "reported", "silent"],
    ]
    conflict = matrix["rows"][0]["cells"][2]
    assert conflict["value"] == "210" and conflict["href"] == "/articles/c?start=5&end=8#cited"


def test_one_shared_sentence_does_not_link_a_discrepancy_to_a_fact():
    briefing = {**BRIEFING, "discrepancies": [
        {"type": "status", "subject": "vote", "values": [
            {"value": "took place", "articles": ["a"], "citations": [cite("a", 0, 10)]},
            {"value": "scheduled", "articles": ["c"], "citations": [cite("c", 0, 10)]},
        ]},
    ]}  # fmt: skip
    assert "conflicting" not in states(coverage_matrix(briefing))[0]


def test_story_view_links_citations_and_drops_unsafe_urls():
    view = story_view(BRIEFING)
    badges = view["facts"][0]["badges"]
    assert [b["outlet"] for b in badges] == ["Alpha (1)", "Beta", "Alpha (2)"]
    assert badges[2]["copy"] and badges[0]["href"] == "/articles/a?start=0&end=30#cited"
    assert view["articles"][3]["copy_of"] == "Alpha (1)" and view["articles"][3]["url"] is None
    assert view["independent"] == 3
    assert view["unique"][0]["outlet"] == "Gamma"


def test_labels_and_urls():
    assert outlet_labels([{"id": "x", "outlet": None, "title": None}]) == {"x": "x"}
    assert safe_url(" https://example.com/a ") == "https://example.com/a"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", None, ""):
        assert safe_url(bad) is None


def test_highlight_cuts_around_the_span_or_says_why_not():
    assert highlight("Hello world", 6, 11).cited == "world"
    assert highlight("Hello world", None, None).cited is None
    for start, end in ((5, 5), (-1, 3), (3, 99), (None, 4)):
        h = highlight("Hello world", start, end)
        assert h.cited is None and h.error and h.before == "Hello world"


def test_bar_chart_escapes_and_groups_long_spans():
    daily = charts.bar_chart([("2025-01-01", 2), ("2025-01-04", 1)], title="<b>t</b>")
    assert daily.count("<rect") == 4  # the gap days are drawn as empty bars
    assert "&lt;b&gt;t&lt;/b&gt;" in daily and "<b>" not in daily
    monthly = charts.bar_chart([("2025-01-01", 1), ("2025-06-30", 3)], title="t")
    assert monthly.count("<rect") == 6 and "2025-06: 3 articles" in monthly
    yearly = charts.bar_chart([("2015-01-01", 1), ("2025-06-30", 1)], title="t")
    assert yearly.count("<rect") == 11
    assert charts.bar_chart([], title="t") == "" and charts.bar_chart([("bad", 1)], title="t") == ""


def test_timeline_chart_numbers_markers_and_stacks_close_ones():
    events = [*BRIEFING["timeline"], {"date": "2025-12-31", "text": "Inquiry"}]
    svg = charts.timeline_chart(events)
    assert svg.count("<circle") == 3 and "&lt;b&gt;Month&lt;/b&gt;" in svg
    assert re.findall(r'class="dot-n"[^>]*>(\d+)<', svg) == ["2", "1", "3"]  # date order
    cys = re.findall(r'cy="(\d+)"', svg)
    assert cys[0] != cys[1] and cys[0] == cys[2]  # a day apart in a year: stacked
    assert charts.timeline_chart([{"date": "someday", "text": "x"}]) == ""


def test_parse_day_handles_partial_dates():
    assert str(charts.parse_day("2025-03")) == "2025-03-01"
    assert str(charts.parse_day("2025")) == "2025-01-01"
    assert str(charts.parse_day("2025-03-04T10:00:00Z")) == "2025-03-04"
    assert charts.parse_day("2025-13-01") is None and charts.parse_day(None) is None
