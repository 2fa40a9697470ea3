"""Hostile input: ingesting newsdesk.testing.hostile's corpus never crashes, stays within a memory
bound, stores every good article and rejects every bad one with its own reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.ingest import feeds

#: Peak RSS of the whole ingest process (Python, lxml, trafilatura, the store), in MB. Documents
#: are read one at a time and none is held past ``max_bytes`` (10 MB) after decompression; the
#: largest working set is one capped document parsed by lxml (a few times its size). Measured:
#: 184-228 MB. A gzip bomb decompressed whole (1 GB) breaks it.
MEMORY_BOUND_MB = 400


@pytest.fixture(scope="session")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corpus written and ingested once, in a fresh process, so its peak RSS is its own."""
    folder = tmp_path_factory.mktemp("hostile")
    proc = subprocess.run(
        [sys.executable, "-m", "newsdesk.testing.hostile", str(folder)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    report = folder / "report.json"  # written once every input has its outcome
    if not report.exists():
        pytest.fail(f"ingesting the hostile corpus crashed:\n{proc.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def test_every_hostile_input_gets_its_outcome(report):
    wrong = [f"{o['kind']}: expected {o['expect']!r}, got {o['got']!r}"
             for o in report["outcomes"] if not o["ok"]]  # fmt: skip
    assert not wrong, "\n".join(wrong)
    assert report["unexpected"] == []
    assert report["integrity"] == "ok"


def test_memory_stays_bounded(report):
    assert report["peak_rss_mb"] < MEMORY_BOUND_MB


def test_good_articles_keep_their_text_and_lose_only_what_is_unsafe(report):
    stored = {Path(s.split("#")[0]).name + ("#" + s.split("#")[1] if "#" in s else ""): a
              for s, a in report["stored"].items()}  # fmt: skip
    assert "Заречья" in stored["cp1251-as-utf8.html"]["text"]
    assert "ケスウィン谷" in stored["shift-jis-as-utf8.html"]["text"]
    assert "Keswin" in stored["utf16-bom.txt"]["text"]
    assert "Keswin" in stored["utf16-nobom.txt"]["text"]
    controls = stored["nul-controls.txt"]["text"]
    assert "growers said" in controls and not any(c in controls for c in "\x00\x07\x1b")
    assert "Ze\u0301lie" in stored["rtl-combining.txt"]["text"]
    # Script payloads are kept as text (rendering escapes them); javascript: never becomes a URL.
    assert "<script>" in stored["payloads.html"]["title"]
    assert stored["payloads.html"]["url"] is None and stored["export.jsonl#js"]["url"] is None


def test_feed_entries_past_the_cap_are_never_fetched(report):
    fetched = {u for u in report["requested"] if u.startswith("https://feed.example/")}
    fetched.discard("https://feed.example/laughs")  # the entity-bomb feed's one entry
    assert fetched == {f"https://feed.example/{n}" for n in range(50)}


def test_a_huge_feed_is_cut_before_it_is_parsed(monkeypatch):
    seen: list[int] = []
    import feedparser

    real = feedparser.parse

    def parse(data, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(feedparser, "parse", parse)
    items = "".join(f"<item><title>{n}</title><link>https://f.example/{n}</link></item>"
                    for n in range(20_000))  # fmt: skip
    data = f"<rss version='2.0'><channel><title>F</title>{items}</channel></rss>".encode()
    entries, title, total = feeds.parse_feed(data, "f.rss", None, max_entries=5)
    assert [e.url for e in entries] == [f"https://f.example/{n}" for n in range(5)]
    assert title == "F" and total == 20_000 and seen[0] < len(data) / 1000
