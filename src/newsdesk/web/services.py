"""What the pages and the API read from the store: story listings, briefings, articles, entities.

Plain functions over a :class:`~newsdesk.store.Store`; the HTML and JSON routes are thin layers
over them, so both always show the same data.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsdesk import jobs
from newsdesk.model import Article, Story, to_dict
from newsdesk.store.protocol import Store
from newsdesk.web.db import KeyedLocks

log = logging.getLogger("newsdesk.web")


# --- briefings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredBriefing:
    data: dict[str, Any]
    stale: bool = False  # the story changed and rebuilding failed: this is the last good one


def story_briefing(store: Store, story: Story, locks: KeyedLocks) -> StoredBriefing:
    """The story's briefing JSON: the stored one if current, else built now and stored.

    "Current" means its input hash matches :func:`newsdesk.jobs.briefing_input_hash` of the story's
    articles as they are now (a new article or a newly found wire copy changes it).
    """
    articles = store.articles(list(story.article_ids))
    want = jobs.briefing_input_hash(story, articles)
    saved = store.get_briefing(story.id)
    if saved and saved[0] == want:
        return StoredBriefing(saved[1])
    with locks.lock(story.id):
        saved = store.get_briefing(story.id)  # another request may have built it meanwhile
        if saved and saved[0] == want:
            return StoredBriefing(saved[1])
        try:
            return StoredBriefing(build_and_save(store, story))
        except Exception:
            if saved is None:
                raise
            log.exception("rebuilding the briefing of %s failed; showing the stored one", story.id)
            return StoredBriefing(saved[1], stale=True)


def build_and_save(store: Store, story: Story) -> dict[str, Any]:
    """Build the story's briefing (language layer cached per article) and store its JSON."""
    from newsdesk.brief import briefing_to_json

    briefing = jobs.brief(store, story)
    data = briefing_to_json(briefing)
    store.save_briefing(story.id, jobs.briefing_input_hash(story, briefing.articles), data)
    return data


# --- story listing and search --------------------------------------------------------------------


@dataclass(frozen=True)
class StoryQuery:
    """``q``: words that must all occur (case-insensitive) in a story's titles, text, outlets or
    entity names; ``start``/``end``: inclusive publication-date range the story must overlap."""

    q: str = ""
    start: date | None = None
    end: date | None = None

    @property
    def terms(self) -> list[str]:
        return [t.casefold() for t in self.q.split()]


def list_stories(store: Store, query: StoryQuery = StoryQuery()) -> list[dict[str, Any]]:
    """Stories matching ``query``, newest first (as :func:`newsdesk.jobs.stories_summary`), each
    with ``first``/``last`` publication dates and ``dates`` (one per dated article)."""
    summaries = jobs.stories_summary(store)
    by_id = {a.id: a for a in store.articles()}
    stories = {s.id: s for s in store.stories()}
    out = []
    for summary in summaries:
        story = stories[summary["id"]]
        articles = [by_id[i] for i in story.article_ids if i in by_id]
        dates = sorted(a.date for a in articles if a.date)
        row = {**summary, "first": dates[0] if dates else None,
               "last": dates[-1] if dates else None, "dates": dates}  # fmt: skip
        if _in_range(row, query) and _matches(store, story, articles, query.terms):
            out.append(row)
    return out


def _in_range(row: Mapping[str, Any], query: StoryQuery) -> bool:
    if query.start is None and query.end is None:
        return True
    if not row["first"]:
        return False  # an undated story cannot be placed in a date range
    first, last = row["first"], row["last"]
    return (query.end is None or first <= query.end.isoformat()) and (
        query.start is None or last >= query.start.isoformat()
    )


def _matches(store: Store, story: Story, articles: list[Article], terms: list[str]) -> bool:
    if not terms:
        return True
    parts = [story.title]
    for a in articles:
        parts.extend(p for p in (a.title, a.outlet, a.author, a.text) if p)
    saved = store.get_briefing(story.id)
    if saved:
        for entity in saved[1].get("entities", []):
            parts.append(entity.get("name", ""))
            parts.extend(entity.get("aliases", []))
    haystack = "\n".join(parts).casefold()
    return all(term in haystack for term in terms)


def date_counts(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """Articles per publication day over ``rows`` (stories), in date order."""
    counts: dict[str, int] = {}
    for row in rows:
        for day in row["dates"]:
            counts[day] = counts.get(day, 0) + 1
    return sorted(counts.items())


# --- articles ------------------------------------------------------------------------------------


def article_json(store: Store, article: Article) -> dict[str, Any]:
    """An article's fields, text and provenance, plus the stories it belongs to."""
    data = to_dict(article)
    data["stories"] = [s.id for s in store.stories() if article.id in s.article_ids]
    return data


@dataclass(frozen=True)
class Highlight:
    """An article's text cut around a cited span; ``error`` says why a span was not shown."""

    before: str
    cited: str | None = None
    after: str = ""
    error: str | None = None


def highlight(text: str, start: int | None, end: int | None) -> Highlight:
    if start is None and end is None:
        return Highlight(text)
    if start is None or end is None or not 0 <= start < end <= len(text):
        return Highlight(text, error=f"no such passage ({start}–{end}) in this article")
    return Highlight(text[:start], text[start:end], text[end:])


# --- entities ------------------------------------------------------------------------------------


def entity_report(store: Store, name: str) -> dict[str, Any] | None:
    """Stories whose stored briefing names the entity ``name`` (by name or alias), and quotes said
    by it or mentioning it; ``None`` if no stored briefing knows it."""
    key = name.casefold()
    stories: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    names: set[str] = {name}
    types: set[str] = set()
    for story in store.stories():
        saved = store.get_briefing(story.id)
        if not saved:
            continue
        data = saved[1]
        found = [
            e for e in data.get("entities", [])
            if key in {n.casefold() for n in (e.get("name", ""), *e.get("aliases", []))}
        ]  # fmt: skip
        forms = {name} | {n for e in found for n in (e["name"], *e.get("aliases", []))}
        said = _quotes(data, story.id, forms)
        if not found and not said:
            continue
        names |= forms
        types |= {e["type"] for e in found}
        stories.append(
            {
                "id": story.id,
                "title": data.get("story", {}).get("title", story.title),
                "types": sorted({e["type"] for e in found}),
                "articles": sorted({a for e in found for a in e.get("articles", [])}),
            }
        )
        quotes.extend(said)
    if not stories:
        return None
    return {"name": name, "aliases": sorted(names - {name}), "types": sorted(types),
            "stories": stories, "quotes": quotes}  # fmt: skip


def _quotes(data: Mapping[str, Any], story_id: str, forms: set[str]) -> list[dict[str, Any]]:
    folded = {f.casefold() for f in forms if f}
    pattern = re.compile(
        r"\b(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if f)
        + r")\b",
        re.IGNORECASE,
    )
    out = []
    for group in data.get("quotes", []):
        speaker = group.get("speaker")
        by_it = bool(speaker) and speaker.casefold() in folded
        for variant in group.get("variants", []):
            if by_it or pattern.search(variant.get("text", "")):
                out.append(
                    {
                        "story": story_id,
                        "speaker": speaker,
                        "relation": "said" if by_it else "mentions",
                        "text": variant["text"],
                        "kind": variant.get("kind", ""),
                        "articles": list(variant.get("articles", [])),
                        "citations": list(variant.get("citations", [])),
                    }
                )
    return out
