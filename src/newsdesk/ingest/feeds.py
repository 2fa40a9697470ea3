"""RSS/Atom feeds and XML sitemaps: lists of pages to fetch.

Both parsers only *read* the list; :mod:`newsdesk.ingest.files` fetches the pages, so the parsing is
testable without any HTTP at all.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urljoin

from newsdesk.errors import InputError
from newsdesk.model import Rejected


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: the page to fetch and the metadata the feed gives for it."""

    url: str | None
    given: dict[str, Any] = field(default_factory=dict)
    content: str | None = None  # the entry's own HTML, used when it has no link


class ParsedFeed(NamedTuple):
    """What :func:`parse_feed` read: the first entries, the feed's title, and how many entries
    the feed holds in all (``total > len(entries)`` when the cap cut it)."""

    entries: list[FeedEntry]
    title: str | None
    total: int

    def cut_notice(self, source: str) -> Rejected | None:
        """The per-item record of the entries past the cap (not read, and why); None if none."""
        read = len(self.entries)
        if self.total <= read:
            return None
        return Rejected(
            f"{source}#{read}-{self.total - 1}",
            f"feed holds {self.total} entries; only the first {read} were read "
            "(IngestOptions.max_feed_entries)",
        )


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def parse_feed(data: bytes, source: str, base_url: str | None, max_entries: int) -> ParsedFeed:
    """The first ``max_entries`` entries of an RSS/Atom feed, its title and its entry count.

    Raises :class:`InputError` when the bytes are not a feed at all.
    """
    import feedparser

    data, cut_from = _first_entries(data, max_entries)
    # feedparser fetches URLs given as str; bytes are always parsed as the document itself.
    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        detail = getattr(parsed, "bozo_exception", None) or "no entries"
        raise InputError(source, f"unreadable feed ({detail})")
    feed_title = parsed.feed.get("title") or None
    entries = []
    for entry in parsed.entries[: max(0, max_entries)]:
        link = entry.get("link")
        url = urljoin(base_url or "", link) if link else None
        if url and not url.startswith(("http://", "https://")):
            url = None  # feedparser falls back to the entry's id ("urn:...") when it has no link
        given: dict[str, Any] = {
            "title": entry.get("title"),
            "author": entry.get("author"),
            "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            "url": url,
            "feed_title": feed_title,
        }
        content = None
        if entry.get("content"):
            content = entry["content"][0].get("value")
        entries.append(
            FeedEntry(url=url, given={k: v for k, v in given.items() if v}, content=content)
        )
    return ParsedFeed(entries, feed_title, max(cut_from, len(entries)))


_ENTRY_START = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]")


def _first_entries(data: bytes, max_entries: int) -> tuple[bytes, int]:
    """``data`` cut just before its ``max_entries + 1``-th ``<item>`` / ``<entry>``, and how many
    entries it holds in all when it was cut (0 when it was not).

    feedparser builds every entry before the cap could be applied: a 6 MB feed of 100 000 entries
    took 4.7 s and 130 MB to parse, to keep 50. feedparser reads a feed cut short (its loose parser
    closes what is open), so the entries past the cap are never parsed at all; counting their
    opening tags is a regular-expression scan.
    """
    cut = None
    count = 0
    for count, match in enumerate(_ENTRY_START.finditer(data), start=1):
        if cut is None and count == max(0, max_entries) + 1:
            cut = match.start()
    return (data, 0) if cut is None else (data[:cut], count)


def parse_sitemap(data: bytes, source: str, base_url: str | None) -> tuple[list[str], list[str]]:
    """``(page URLs, child sitemap URLs)`` of a sitemap or sitemap index, in document order."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(source, f"unreadable sitemap ({exc})") from exc
    if root is None:
        raise InputError(source, "unreadable sitemap (empty document)")
    kind = etree.QName(root).localname
    locs = [
        urljoin(base_url or "", (el.text or "").strip())
        for el in root.iter()
        if isinstance(el.tag, str)
        and etree.QName(el).localname == "loc"
        and el.getparent() is not None
        and etree.QName(el.getparent()).localname in ("url", "sitemap")  # not <image:loc>
        and (el.text or "").strip()
    ]
    if kind == "sitemapindex":
        return [], locs
    if kind == "urlset":
        return locs, []
    raise InputError(source, f"unreadable sitemap (root element <{kind}>)")
