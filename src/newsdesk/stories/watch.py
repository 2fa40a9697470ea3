"""Continuous mode: poll RSS/Atom feeds, ingest new entries, update stories and their briefings.

One :func:`poll`:

1. fetches each feed (the ingest layer's :class:`~newsdesk.ingest.urls.Fetcher`: retries, size caps,
   the injected HTTP transport) and parses its entries;
2. keeps the entries not seen before — an entry is its link (or its content) plus the date the feed
   gives, so an entry the feed re-dates is fetched again and, if its text changed, becomes a
   *revision* of the article at that URL;
3. fetches and extracts those pages (feed metadata given, as ``read_inputs`` does), stores the
   articles, places them in stories (:class:`~newsdesk.stories.StoryTracker`), and rebuilds the
   briefing of every story whose articles changed;
4. only then records the entries as seen (``<db>.stories/watch.sqlite``): a poll killed half-way
   is redone by the next one, and re-ingesting is a no-op anyway.

:func:`watch` repeats polls every ``interval`` seconds until ``stop`` is set (the CLI sets it on
SIGINT/SIGTERM), so it stops between steps, never inside a store transaction.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError, UsageError
from newsdesk.model import Article, Rejected, Story, content_hash
from newsdesk.store.protocol import Store
from newsdesk.stories.state import state_dir_for
from newsdesk.stories.tracker import StoryTracker, tracker_for


@dataclass
class PollReport:
    """What one poll did."""

    feeds: int = 0
    entries: int = 0
    new_entries: int = 0
    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)  # stories whose articles changed
    briefed: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def read_feeds_file(path: Path) -> list[str]:
    """Feed URLs of a feeds file: one per line; blank lines and ``#`` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read feeds file {path}: {exc.strerror or exc}") from exc
    feeds = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if not feeds:
        raise UsageError(f"{path} lists no feeds")
    return feeds


class SeenEntries:
    """The feed entries already ingested, in a small SQLite file (survives restarts)."""

    def __init__(self, path: Path | None) -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path if path is not None else ":memory:", isolation_level=None)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, feed TEXT NOT NULL, url TEXT)"
        )

    def unseen(self, keys: Sequence[str]) -> set[str]:
        found = set()
        for key in keys:
            if self._db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone():
                found.add(key)
        return set(keys) - found

    def add(self, rows: Sequence[tuple[str, str, str | None]]) -> None:
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", rows)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def entry_key(feed: str, entry: Any) -> str:
    """Identity of a feed entry: link (or content) and the date the feed gives it."""
    return content_hash(entry.url or feed, entry.content if not entry.url else None,
                        entry.given.get("published"))  # fmt: skip


def poll(
    feeds: Sequence[str],
    store: Store,
    tracker: StoryTracker,
    seen: SeenEntries,
    *,
    options: Any = None,
    brief: bool = True,
    on_briefing: Callable[[Any], None] | None = None,
) -> PollReport:
    """Fetch every feed once and bring stories and briefings up to date (see module doc)."""
    from newsdesk.ingest import ExtractStage, IngestOptions, RawInput, finalise, read_inputs
    from newsdesk.ingest.feeds import parse_feed
    from newsdesk.ingest.urls import Fetcher
    from newsdesk.pipeline import run_stage

    options = options or IngestOptions()
    report = PollReport(feeds=len(feeds))
    raws: list[Any] = []
    marks: list[tuple[str, str, str | None]] = []
    overrides = {
        k: v for k, v in (("outlet", options.outlet), ("published", options.published)) if v
    }
    with Fetcher(options) as fetcher:
        pages: dict[str, dict[str, Any]] = {}  # page URL → metadata its feed entry gives
        for feed in feeds:
            try:
                fetched = fetcher.fetch(feed)
                parsed = parse_feed(fetched.data, feed, fetched.url, options.max_feed_entries)
            except InputError as exc:
                report.rejected.append(Rejected(feed, exc.reason))
                continue
            if notice := parsed.cut_notice(feed):
                report.rejected.append(notice)
            entries = parsed.entries
            report.entries += len(entries)
            keyed = {entry_key(feed, e): e for e in entries}
            fresh = seen.unseen(list(keyed))
            for key, entry in keyed.items():
                if key not in fresh:
                    continue
                report.new_entries += 1
                marks.append((key, feed, entry.url))
                given = {**entry.given, **overrides}
                if entry.url:
                    pages.setdefault(entry.url, given)
                elif entry.content:
                    raws.append(RawInput(f"{feed}#{key}", entry.content, "html", given=given))
        page_options = dataclasses.replace(options, format=None, client=fetcher.client)
        for item in read_inputs(list(pages), page_options):
            if isinstance(item, Rejected):
                report.rejected.append(item)
            else:
                given = {**pages.get(item.source, {}), **item.given}
                raws.append(dataclasses.replace(item, given=given))
    if raws:
        result = run_stage(ExtractStage(), raws, store)
        report.rejected.extend(result.rejected)
        report.articles = finalise(result.ok, known=store.articles())
        store.add_articles(report.articles)
    store.add_rejected(report.rejected)
    if report.articles:
        assignments = tracker.update(report.articles, store)
        stories = tracker.stories()
        store.replace_stories(stories)
        changed = {a.story_id for a in assignments} | {tracker.stream.resolve(m) for a in assignments
                                                       for m in a.merged}  # fmt: skip
        report.stories = [s for s in stories if s.id in changed]
        if brief:
            report.briefed = refresh_briefings(store, report.stories, on_briefing)
    seen.add(marks)
    return report


def refresh_briefings(
    store: Store, stories: Sequence[Story], on_briefing: Callable[[Any], None] | None = None
) -> list[str]:
    """Rebuild and save the briefings of ``stories`` whose inputs changed; return their ids."""
    from newsdesk import jobs
    from newsdesk.brief import briefing_to_json

    done = []
    for story in stories:
        articles = store.articles(list(story.article_ids))
        input_hash = jobs.briefing_input_hash(story, articles)
        saved = store.get_briefing(story.id)
        if saved is not None and saved[0] == input_hash:
            continue
        briefing = jobs.brief(store, story, articles=articles)
        store.save_briefing(story.id, input_hash, briefing_to_json(briefing))
        if on_briefing is not None:
            on_briefing(briefing)
        done.append(story.id)
    return done


def watch(
    feeds: Sequence[str],
    store: Store,
    *,
    interval: float,
    max_polls: int | None = None,
    stop: threading.Event | None = None,
    options: Any = None,
    brief: bool = True,
    on_poll: Callable[[int, PollReport], None] | None = None,
    on_briefing: Callable[[Any], None] | None = None,
    tracker: StoryTracker | None = None,
) -> int:
    """Poll ``feeds`` every ``interval`` seconds until ``stop`` is set or ``max_polls`` ran.

    Returns the number of polls done. State (seen entries, stories) lives beside the store, so
    calling it again later continues where it stopped.
    """
    stop = stop or threading.Event()
    tracker = tracker or tracker_for(store)
    path = getattr(store, "path", None)
    seen = SeenEntries(state_dir_for(Path(path)) / "watch.sqlite" if path is not None else None)
    polls = 0
    try:
        while not stop.is_set() and (max_polls is None or polls < max_polls):
            report = poll(feeds, store, tracker, seen, options=options, brief=brief,
                          on_briefing=on_briefing)  # fmt: skip
            polls += 1
            if on_poll is not None:
                on_poll(polls, report)
            if max_polls is not None and polls >= max_polls:
                break
            stop.wait(interval)
    finally:
        seen.close()
    return polls


def parse_interval(text: str) -> float:
    """``"90s"``, ``"10m"``, ``"1h"`` or plain seconds → seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    text = text.strip().lower()
    try:
        value = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text)
    except ValueError:
        value = -1
    if value <= 0:
        raise UsageError(f"invalid interval {text!r}: use e.g. 30s, 10m or 1h")
    return value
