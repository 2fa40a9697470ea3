"""Shared helpers for ingestion tests: fixture paths and a fake web site served by MockTransport."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk.ingest import IngestOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
WEB = FIXTURES / "web"

Route = tuple[int, dict[str, str], bytes] | Callable[[httpx.Request], httpx.Response]


@dataclass
class Site:
    """Routes ``url → (status, headers, body)`` (or a handler); records every request it gets."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    sleeps: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
        route = self.routes.get(str(request.url))
        if route is None:
            return httpx.Response(404, text="not found")
        if callable(route):
            return route(request)
        status, headers, body = route
        # A stream, as a real transport gives: the body is read (and capped) by the fetcher.
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    def page(self, url: str, path: Path, content_type: str = "text/html; charset=utf-8") -> None:
        self.routes[url] = (200, {"content-type": content_type}, path.read_bytes())

    def options(self, **kwargs: Any) -> IngestOptions:
        return IngestOptions(
            transport=httpx.MockTransport(self.handle), sleep=self.sleeps.append, **kwargs
        )

    def fetched(self) -> list[str]:
        return [str(r.url) for r in self.requests]


@pytest.fixture
def site() -> Site:
    """packet.example: three story pages, an RSS and an Atom feed, a sitemap and its index."""
    web = Site()
    for n in (1, 2, 3):
        web.page(f"https://packet.example/news/story-{n}", WEB / f"story-{n}.html")
    web.page("https://packet.example/feed.xml", WEB / "feed.xml", "application/rss+xml")
    web.page("https://packet.example/atom.xml", WEB / "atom.xml", "application/atom+xml")
    web.page("https://packet.example/sitemap-news.xml", WEB / "sitemap.xml", "application/xml")
    web.page("https://packet.example/sitemap.xml", WEB / "sitemap-index.xml", "application/xml")
    return web
