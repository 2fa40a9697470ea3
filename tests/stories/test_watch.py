"""``newsdesk watch``: feeds served from 127.0.0.1, polled, ingested, clustered; restarts and
Ctrl-C behave. Nothing leaves the machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.store import open_store
from newsdesk.stories import StoryTracker
from newsdesk.stories.watch import SeenEntries, parse_interval, poll, read_feeds_file, watch

PAGE = """<html><head><title>{title}</title>
<meta property="og:site_name" content="{outlet}"></head><body><article><h1>{title}</h1>
<p>{body}</p><p>Officials in {place} said more information would follow later.</p>
</article></body></html>"""


class Site:
    """A tiny news site: ``pages`` and ``feed`` are served as they are at request time."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.entries: list[tuple[str, str, str]] = []  # (path, title, pubDate)
        self.base = ""

    def page(self, path: str, title: str, body: str, place: str, outlet: str = "Coastline Daily",
             day: str = "Tue, 04 Mar 2025 08:00:00 GMT") -> None:  # fmt: skip
        self.pages[path] = PAGE.format(title=title, body=body, place=place, outlet=outlet, day=day)
        self.entries = [e for e in self.entries if e[0] != path] + [(path, title, day)]

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{t}</title><link>{self.base}{p}</link><pubDate>{d}</pubDate></item>"
            for p, t, d in self.entries
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body, kind = state.feed(), "application/rss+xml"
            elif self.path in state.pages:
                body, kind = state.pages[self.path], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def seed(site: Site) -> None:
    site.page(
        "/flood-1",
        "Flood in Vellmar",
        "Rivers burst their banks in Vellmar, says Ines "
        "Halvorsen of the emergency service; 4,200 people were evacuated.",
        "Vellmar",
    )
    site.page(
        "/flood-2",
        "Vellmar flood: 4,200 evacuated",
        "Ines Halvorsen said 4,200 people "
        "had left their homes in Vellmar as rivers burst their banks.",
        "Vellmar",
        outlet="Meridian Post",
    )
    site.page("/vote-1", "Marrowdale votes on independence", "Voters in Marrowdale went to the "
              "polls; Oskar Brandt of the electoral commission expects a result by Friday.",
              "Marrowdale")  # fmt: skip


def feeds_file(tmp_path: Path, site: Site) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text(f"# local test feed\n{site.base}/feed.xml\n")
    return path


def test_polls_ingest_new_entries_once_and_revisions_replace_members(tmp_path, site, hashing):
    seed(site)
    feeds = read_feeds_file(feeds_file(tmp_path, site))
    with open_store(tmp_path / "w.db") as store:
        tracker = StoryTracker(tmp_path / "state", embedder=hashing)
        seen = SeenEntries(tmp_path / "seen.sqlite")
        first = poll(feeds, store, tracker, seen, brief=False)
        assert (first.new_entries, len(first.articles), first.rejected) == (3, 3, [])
        stories = {s.id: s for s in store.stories()}
        assert sorted(len(s.article_ids) for s in stories.values()) == [1, 2]
        assert poll(feeds, store, tracker, seen, brief=False).new_entries == 0
        # the site corrects a page and re-dates its entry: a revision, not a new member
        site.page("/flood-2", "Vellmar flood: 4,300 evacuated", "Ines Halvorsen said 4,300 people "
                  "had left their homes in Vellmar as rivers burst their banks.", "Vellmar",
                  outlet="Meridian Post", day="Wed, 05 Mar 2025 08:00:00 GMT")  # fmt: skip
        third = poll(feeds, store, tracker, seen, brief=False)
        (revised,) = third.articles
        assert tracker.revision_of(revised.id) is not None
        assert sorted(len(s.article_ids) for s in store.stories()) == [1, 2]
        seen.close()
    # a restart: entries seen before are not fetched again
    with open_store(tmp_path / "w.db") as store:
        seen = SeenEntries(tmp_path / "seen.sqlite")
        tracker = StoryTracker(tmp_path / "state", embedder=hashing)
        assert poll(feeds, store, tracker, seen, brief=False).new_entries == 0
        seen.close()


def test_watch_repeats_until_max_polls_and_stops_on_the_event(tmp_path, site, hashing):
    seed(site)
    feeds = read_feeds_file(feeds_file(tmp_path, site))
    reports = []
    with open_store(tmp_path / "w.db") as store:
        tracker = StoryTracker(tmp_path / "state", embedder=hashing)
        n = watch(feeds, store, interval=0.01, max_polls=3, brief=False, tracker=tracker,
                  on_poll=lambda i, r: reports.append(r))  # fmt: skip
        assert n == 3 and [r.new_entries for r in reports] == [3, 0, 0]
        stop = threading.Event()
        stop.set()
        assert watch(feeds, store, interval=60, stop=stop, brief=False, tracker=tracker) == 0


def test_cli_once_then_briefings_are_saved(tmp_path, site):
    import newsdesk.cli.watch  # noqa: F401 - registers the command (until cli/main.py imports it)
    from newsdesk.cli.main import app

    seed(site)
    db = tmp_path / "cli.db"
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["watch", str(feeds_file(tmp_path, site)), "--once", "--db", str(db), "-o", str(out),
              "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        stories = store.stories()
        assert len(stories) == 2
        assert all(store.get_briefing(s.id) is not None for s in stories)
    assert len(list(out.glob("*.json"))) == 2


def test_sigint_stops_between_polls(tmp_path, site):
    seed(site)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NEWSDESK_STORY_MODEL": "hashing"}
    code = ("import sys; import newsdesk.cli.watch; from newsdesk.cli.main import main; "
            "sys.argv = ['newsdesk'] + sys.argv[1:]; main()")  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "watch", str(feeds_file(tmp_path, site)), "--every", "1h",
         "--no-brief", "--db", str(tmp_path / "sig.db")],
        stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    line = ""
    while "poll 1" not in line and time.monotonic() < deadline:
        line = proc.stderr.readline() if proc.stderr else ""
    assert "poll 1: 3 new" in line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    with open_store(tmp_path / "sig.db") as store:
        assert len(store.stories()) == 2


def test_intervals_parse():
    assert [parse_interval(x) for x in ("30s", "10m", "1h", "5")] == [30, 600, 3600, 5]
    with pytest.raises(Exception, match="invalid interval"):
        parse_interval("soon")
