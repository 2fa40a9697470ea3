"""URLs, feeds, sitemaps and URL lists, all served by httpx.MockTransport (no network)."""

from __future__ import annotations

import gzip
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

from newsdesk.ingest import IngestOptions, RawInput, extract_paths, read_inputs
from newsdesk.model import Article, Rejected
from tests.ingest.conftest import WEB, Site

STORY = "https://packet.example/news/story-1"


def _articles(results: list[Article | Rejected]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def test_page_is_fetched_with_an_honest_user_agent(site: Site) -> None:
    [raw] = list(read_inputs([STORY], site.options()))
    assert isinstance(raw, RawInput)
    assert (raw.source, raw.url, raw.format, raw.charset) == (STORY, STORY, "html", "utf-8")
    agent = site.requests[0].headers["user-agent"]
    assert agent.startswith("newsdesk/") and agent.endswith("(+https://github.com/newsdesk)")
    [article] = extract_paths([STORY], site.options())
    assert isinstance(article, Article) and article.outlet == "Penhallow Packet"
    assert article.field_sources["url"] == "given"


def test_injected_client_is_used_and_left_open(site: Site) -> None:
    client = httpx.Client(transport=httpx.MockTransport(site.handle))
    results = extract_paths([STORY], IngestOptions(client=client))
    assert isinstance(results[0], Article) and not client.is_closed
    client.close()


def test_http_errors_and_redirects(site: Site) -> None:
    site.routes["https://packet.example/old"] = (301, {"location": "/news/story-1"}, b"")
    site.routes["https://packet.example/a"] = (302, {"location": "https://packet.example/b"}, b"")
    site.routes["https://packet.example/b"] = (302, {"location": "https://packet.example/a"}, b"")
    site.routes["https://packet.example/forbidden"] = (403, {}, b"no")
    urls = ["https://packet.example/old", "https://packet.example/a",
            "https://packet.example/nowhere", "https://packet.example/forbidden"]  # fmt: skip
    moved, loop, missing, forbidden = extract_paths(urls, site.options())
    assert isinstance(moved, Article) and moved.url == STORY
    assert isinstance(loop, Rejected) and loop.reason == "too many redirects"
    assert isinstance(missing, Rejected) and missing.reason == "HTTP 404"
    assert isinstance(forbidden, Rejected) and forbidden.reason == "HTTP 403"
    assert site.sleeps == []  # 4xx are not retried


def test_timeouts_are_retried_with_backoff_then_reported(site: Site) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    site.routes["https://packet.example/slow"] = slow
    [result] = extract_paths(["https://packet.example/slow"], site.options(retries=2))
    assert isinstance(result, Rejected) and result.reason == "timeout after 10 s"
    assert len(site.requests) == 3 and site.sleeps == [0.5, 1.0]


def test_server_errors_are_retried_until_success(site: Site) -> None:
    answers = iter([503, 500])

    def flaky(request: httpx.Request) -> httpx.Response:
        status = next(answers, 200)
        body = (WEB / "story-2.html").read_bytes() if status == 200 else b"busy"
        return httpx.Response(status, headers={"content-type": "text/html"}, content=body)

    site.routes["https://packet.example/flaky"] = flaky
    [result] = extract_paths(["https://packet.example/flaky"], site.options(retries=2))
    assert isinstance(result, Article) and site.sleeps == [0.5, 1.0]
    site.routes["https://packet.example/down"] = (502, {}, b"")
    [down] = extract_paths(["https://packet.example/down"], site.options(retries=1))
    assert isinstance(down, Rejected) and down.reason == "HTTP 502"


def test_size_caps_content_types_and_encodings(site: Site) -> None:
    html = {"content-type": "text/html"}
    site.routes["https://packet.example/declared"] = (
        200, {**html, "content-length": "5000000"}, b"<p>x</p>"
    )  # fmt: skip
    site.routes["https://packet.example/streamed"] = (200, html, b"<p>" + b"x" * 5000)
    site.routes["https://packet.example/blob"] = (
        200,
        {"content-type": "application/octet-stream"},
        b"x",
    )
    site.routes["https://packet.example/logo"] = (200, {"content-type": "image/png"}, b"\x89PNG")
    site.routes["https://packet.example/style"] = (200, {"content-type": "text/css"}, b"p{}")
    site.routes["https://packet.example/bomb"] = (
        200, {**html, "content-encoding": "gzip"}, gzip.compress(b"a" * 200_000)
    )  # fmt: skip
    zipped = gzip.compress((WEB / "story-3.html").read_bytes())
    site.routes["https://packet.example/zipped"] = (
        200,
        {**html, "content-encoding": "gzip"},
        zipped,
    )
    names = ["declared", "streamed", "blob", "logo", "style", "bomb", "zipped"]
    urls = [f"https://packet.example/{n}" for n in names]
    results = extract_paths(urls, site.options(max_bytes=4000))
    reasons = [r.reason if isinstance(r, Rejected) else "ok" for r in results]
    assert reasons == [
        "exceeds size cap 4 KB",
        "exceeds size cap 4 KB",
        "binary content (application/octet-stream)",
        "binary content (image/png)",
        "unsupported content type text/css",
        "decompressed size exceeds cap",
        "ok",
    ]


def test_robots_txt_is_obeyed_when_asked(site: Site) -> None:
    robots = b"User-agent: *\nDisallow: /news/story-2\n"
    site.routes["https://packet.example/robots.txt"] = (200, {"content-type": "text/plain"}, robots)
    urls = [STORY, "https://packet.example/news/story-2"]
    allowed, blocked = extract_paths(urls, site.options(respect_robots=True))
    assert isinstance(allowed, Article)
    assert isinstance(blocked, Rejected) and blocked.reason == "disallowed by robots.txt"
    assert site.fetched().count("https://packet.example/robots.txt") == 1
    assert all(isinstance(r, Article) for r in extract_paths(urls, site.options()))


def test_per_host_concurrency_is_limited(tmp_path: Path) -> None:
    body = (WEB / "story-1.html").read_bytes()
    lock = threading.Lock()
    in_flight: dict[str, int] = defaultdict(int)
    peak: dict[str, int] = defaultdict(int)

    def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        with lock:
            in_flight[host] += 1
            peak[host] = max(peak[host], in_flight[host])
        time.sleep(0.03)
        with lock:
            in_flight[host] -= 1
        return httpx.Response(200, headers={"content-type": "text/html"}, content=body)

    urls = [f"https://{host}.example/{n}" for host in ("one", "two") for n in range(6)]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls))
    options = IngestOptions(
        transport=httpx.MockTransport(handler), concurrency=4, per_host=2, sleep=lambda s: None
    )
    results = list(read_inputs([str(listing)], options))
    assert [r.source for r in results] == urls  # input order, whatever the completion order
    assert peak == {"one.example": 2, "two.example": 2}


def test_rss_feed_entries_are_fetched_capped_with_feed_metadata(site: Site) -> None:
    results = extract_paths(["https://packet.example/feed.xml"], site.options(max_feed_entries=2))
    cut = "https://packet.example/feed.xml#2-2"
    assert [r.source for r in results] == [cut, STORY, "https://packet.example/news/story-2"]
    assert results[0] == Rejected(
        cut, "feed holds 3 entries; only the first 2 were read (IngestOptions.max_feed_entries)"
    )
    results = results[1:]
    first, second = _articles(results)
    assert first.title == "Penhallow harbour car park to close for resurfacing"
    assert first.field_sources["title"] == "given"
    assert first.published == "2025-03-07T09:30:00Z" and second.published == "2025-03-06T20:15:00Z"
    assert first.extra["feed_title"] == "Penhallow Packet - Latest"
    assert "https://packet.example/news/story-3" not in site.fetched()


def test_atom_entry_without_link_uses_its_content(site: Site) -> None:
    results = extract_paths(["https://packet.example/atom.xml"], site.options())
    linked, inline = _articles(results)
    assert linked.source == "https://packet.example/news/story-3"
    assert inline.source == "https://packet.example/atom.xml#1"
    assert inline.title == "Harbour board minutes published"
    assert "mooring fees" in inline.text


def test_sitemap_index_and_local_sitemap(site: Site) -> None:
    results = extract_paths(["https://packet.example/sitemap.xml"], site.options())
    assert [r.source for r in results] == [STORY, "https://packet.example/news/story-2"]
    assert all(isinstance(r, Article) for r in results)
    assert not any("car-park.jpg" in url for url in site.fetched())  # <image:loc> is no page
    local = extract_paths([str(WEB / "sitemap.xml")], site.options())
    assert [r.source for r in local] == [STORY, "https://packet.example/news/story-2"]
    capped = extract_paths([str(WEB / "sitemap.xml")], site.options(max_sitemap_urls=1))
    assert [r.source for r in capped] == [STORY]


def test_url_list_file(site: Site) -> None:
    results = extract_paths([str(WEB / "urls.txt")], site.options())
    assert [r.source for r in results] == [
        STORY,
        "https://packet.example/news/story-3",
        "https://packet.example/news/missing",
    ]
    assert isinstance(results[2], Rejected) and results[2].reason == "HTTP 404"
    assert all(isinstance(r, Article) for r in results[:2])


def test_unsupported_url_scheme_is_rejected() -> None:
    [result] = list(read_inputs(["ftp://packet.example/x"]))
    assert isinstance(result, Rejected) and result.reason == "no such file or directory"
