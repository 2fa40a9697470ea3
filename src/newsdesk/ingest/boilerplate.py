"""Boilerplate learned from the batch: lines that one outlet repeats on page after page.

Fixed patterns (:mod:`newsdesk.ingest.text`) know kinds of furniture; this finds the outlet-specific
rest ("Get the Herald's morning briefing", a standing correction notice) by counting. A line counts
once per *distinct page*: pages that share half their lines are versions of one page (or wire
copies of one story) and count as one, so a story read twice never erases itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsdesk.model import Article

#: A line on this many distinct pages of one outlet is that outlet's furniture. Two is enough for
#: short lines (a promo or sign-off is short, and two stories of one outlet rarely share a short
#: line); longer lines need three, as an outlet may reuse one background paragraph in two stories.
SAME_OUTLET_PAGES = 2
SAME_OUTLET_PAGES_LONG = 3
SHORT_LINE_WORDS = 15
MAX_LINE_WORDS = 60  # longer "lines" are paragraphs of prose, never furniture

#: Across outlets the bar is higher: a short line (no quotation marks: quotes recur across honest
#: reports) on this many distinct pages from at least this many outlets.
ANY_OUTLET_PAGES = 4
ANY_OUTLET_OUTLETS = 3
ANY_OUTLET_WORDS = 12

#: Pages sharing at least this share of their lines (of the smaller page) are one page.
SAME_PAGE_OVERLAP = 0.5
#: Lines on more pages than this are skipped when comparing pages (keeps the pairing linear).
MAX_LINE_PAGES = 50

_QUOTES = re.compile(r"[\"“”‘’«»]")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _page_groups(line_sets: Sequence[set[str]]) -> list[int]:
    """Group id per page; pages sharing :data:`SAME_PAGE_OVERLAP` of their lines are one group."""
    parent = list(range(len(line_sets)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_line: dict[str, list[int]] = defaultdict(list)
    for index, lines in enumerate(line_sets):
        for line in lines:
            by_line[line].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in by_line.values():
        if len(members) > MAX_LINE_PAGES:
            continue  # a line on that many pages is furniture, not a sign of one page read twice
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                shared[(a, b)] += 1
    for (a, b), count in shared.items():
        if count >= SAME_PAGE_OVERLAP * min(len(line_sets[a]), len(line_sets[b])):
            parent[find(a)] = find(b)
    return [find(i) for i in range(len(line_sets))]


def learned_boilerplate(articles: Sequence[Article]) -> list[set[str]]:
    """For each article, the lines of its text that the batch shows to be boilerplate."""
    line_sets = [set(_lines(a.text)) for a in articles]
    groups = _page_groups(line_sets)
    outlets = [(a.outlet or f"\x00unknown{i}").casefold() for i, a in enumerate(articles)]
    pages_by_outlet: dict[tuple[str, str], set[int]] = defaultdict(set)
    pages_any: dict[str, set[int]] = defaultdict(set)
    outlets_any: dict[str, set[str]] = defaultdict(set)
    for index, lines in enumerate(line_sets):
        for line in lines:
            pages_by_outlet[(outlets[index], line)].add(groups[index])
            pages_any[line].add(groups[index])
            outlets_any[line].add(outlets[index])

    result: list[set[str]] = []
    for index, lines in enumerate(line_sets):
        found = set()
        for line in lines:
            n_words = len(line.split())
            if n_words > MAX_LINE_WORDS:
                continue
            need = SAME_OUTLET_PAGES if n_words <= SHORT_LINE_WORDS else SAME_OUTLET_PAGES_LONG
            if len(pages_by_outlet[(outlets[index], line)]) >= need or (
                n_words <= ANY_OUTLET_WORDS
                and not _QUOTES.search(line)
                and len(pages_any[line]) >= ANY_OUTLET_PAGES
                and len(outlets_any[line]) >= ANY_OUTLET_OUTLETS
            ):
                found.add(line)
        result.append(found)
    return result


def remove_lines(text: str, lines: set[str]) -> str:
    """``text`` without ``lines`` (paragraphs rejoined with blank lines)."""
    return "\n\n".join(line for line in _lines(text) if line not in lines)
