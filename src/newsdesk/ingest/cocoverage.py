"""Publication dates inferred from co-coverage: an undated report borrows its story's date.

Pasted text often carries no date, yet relative dates in it ("on Thursday", "a day earlier") can only
be resolved against one. When an undated article sits in a story whose dated reports all fall within
:data:`MAX_SPREAD_DAYS` of each other, it was almost certainly written in that same news cycle, so it
takes the earliest of those dates — recorded as ``"inferred"`` with the evidence in ``extra``, so a
reader sees it was not stated. Stories whose dated reports spread wider say nothing about when an
undated one appeared, and are left alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from newsdesk.model import Article, Story

#: Dated reports of one story spread over at most this many days for the story to date its undated
#: members: coverage of a single news event lands within a day or two.
MAX_SPREAD_DAYS = 2


def infer_story_dates(stories: Sequence[Story], articles: Sequence[Article]) -> list[Article]:
    """Undated articles given their story's date; only the articles that changed are returned."""
    by_id = {a.id: a for a in articles}
    changed = []
    for story in stories:
        members = [by_id[i] for i in story.article_ids if i in by_id]
        days = sorted(d for d in (_day(a) for a in members) if d is not None)
        if not days or (days[-1] - days[0]).days > MAX_SPREAD_DAYS:
            continue
        for article in members:
            if article.published:
                continue
            dated = len(days)
            changed.append(
                dataclasses.replace(
                    article,
                    published=days[0].isoformat(),
                    field_sources={**article.field_sources, "published": "inferred"},
                    extra={
                        **article.extra,
                        "published_evidence": f"earliest date of {dated} dated report"
                        f"{'s' if dated > 1 else ''} in story {story.id}",
                    },
                )
            )
    return changed


def _day(article: Article) -> date | None:
    try:
        return date.fromisoformat(article.date) if article.date else None
    except ValueError:
        return None
