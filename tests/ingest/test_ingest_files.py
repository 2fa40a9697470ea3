"""Local inputs: every format read_inputs detects, and a specific reason for every bad input."""

from __future__ import annotations

import gzip
import io
import json
import random
import shutil
from pathlib import Path

import pytest

from newsdesk.errors import UsageError
from newsdesk.ingest import IngestOptions, RawInput, extract_paths, read_inputs
from newsdesk.ingest.raw import human_size, sniff_format
from newsdesk.model import Article, Rejected
from tests.ingest.conftest import FIXTURES

PAGE = FIXTURES / "pages" / "tidewater-record.html"
CP1251 = FIXTURES / "pages" / "zarechny-cp1251.html"


def _one(results: list[Article | Rejected]) -> Article:
    assert len(results) == 1, results
    assert isinstance(results[0], Article), results[0]
    return results[0]


def _reasons(results: list[Article | Rejected]) -> dict[str, str]:
    return {Path(r.source).name: r.reason for r in results if isinstance(r, Rejected)}


def test_html_page_gives_clean_body_and_metadata() -> None:
    article = _one(extract_paths([str(PAGE)]))
    assert article.text.startswith("A storm surge driven by gale-force winds")
    assert "rest centre for residents" in article.text
    assert "\n\n" in article.text  # paragraph breaks kept
    for furniture in ("Advertisement", "Scroll to continue", "They were warned", "Weather",
                      "Related articles", "cookies", "Share this article", "Photo:"):  # fmt: skip
        assert furniture not in article.text
    assert article.title == "Storm surge floods Marlow Quay as sea wall gives way"
    assert article.outlet == "The Tidewater Record"
    assert article.author == "Odile Brannagh"
    assert article.published == "2025-02-18"
    assert article.language == "en"
    assert article.url == "https://www.tidewaterrecord.example/news/storm-surge-marlow-quay"
    assert article.field_sources == {
        "title": "extracted",
        "outlet": "extracted",
        "author": "extracted",
        "published": "extracted",
        "language": "extracted",
        "url": "extracted",
    }


def test_windows_1251_page_labelled_utf8_comes_out_readable() -> None:
    assert b'charset="utf-8"' in CP1251.read_bytes()
    article = _one(extract_paths([str(CP1251)]))
    assert "Заречный" in article.text
    assert article.title is not None and article.title.startswith("Паводок")
    assert "\ufffd" not in article.text and "Ð" not in article.text
    assert article.language == "ru"


def test_html_gz_reads_like_the_page(tmp_path: Path) -> None:
    target = tmp_path / "tidewater.html.gz"
    target.write_bytes(gzip.compress(PAGE.read_bytes()))
    assert _one(extract_paths([str(target)])).text == _one(extract_paths([str(PAGE)])).text


def test_gzip_bomb_is_refused_while_decompressing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 30_000_000))
    assert bomb.stat().st_size < 100_000
    results = extract_paths([str(bomb), str(PAGE)])
    assert _reasons(results) == {"bomb.html.gz": "decompressed size exceeds cap"}
    assert isinstance(results[1], Article)


def test_markdown_paste() -> None:
    article = _one(extract_paths([str(FIXTURES / "pages" / "notes.md")]))
    assert article.title == "Harbour ferry service to resume on Monday"
    assert article.author == "Lior Mendes"
    assert "The harbour ferry between Marlow Quay" in article.text
    assert "https://" not in article.text and "**" not in article.text and "![" not in article.text


def test_json_lines_records_a_broken_line_rejects_that_line_only() -> None:
    path = FIXTURES / "records.jsonl"
    results = extract_paths([str(path)])
    assert [r.source for r in results] == [f"{path}#r1", f"{path}#r2", f"{path}#L3", f"{path}#r4"]
    first, second, broken, empty = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Tide gauge replaced" and first.outlet == "Penhallow Packet"
    assert first.published == "2025-03-01" and first.url == "https://packet.example/news/story-9"
    assert {first.field_sources[k] for k in ("title", "outlet", "published", "url")} == {"given"}
    assert first.extra["section"] == "Harbour" and first.extra["tags"] == ["tides", "harbour"]
    assert first.extra["id"] == "r1"
    assert second.text.startswith("Volunteers planted two hundred trees")
    assert second.author == "Ada Penrose" and second.extra["format"] == "html"
    assert isinstance(broken, Rejected) and broken.reason.startswith("invalid JSON on line 3")
    assert isinstance(empty, Rejected) and empty.reason == "record has neither text nor html"


def test_json_document_with_a_list_of_records(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "One short record about the pier. " * 5, "outlet": "X"}]
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"articles": records}))
    article = _one(extract_paths([str(path)]))
    assert article.source == f"{path}#a" and article.outlet == "X"


def test_directory_walk_filters_and_reads_sidecars(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    shutil.copy(PAGE, tmp_path / "a" / "one.html")
    shutil.copy(PAGE, tmp_path / ".cache" / "hidden.html")
    shutil.copy(FIXTURES / "pages" / "notes.md", tmp_path / "notes.md")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    (tmp_path / "a" / "one.html.meta.json").write_text(
        json.dumps({"outlet": "Sidecar Weekly", "published": "2025-02-19", "desk": "coast"})
    )
    found = [r.source for r in read_inputs([str(tmp_path)])]
    assert found == [str(tmp_path / "a" / "one.html"), str(tmp_path / "notes.md")]
    only_md = [r.source for r in read_inputs([str(tmp_path)], IngestOptions(include=("*.md",)))]
    assert only_md == [str(tmp_path / "notes.md")]
    no_md = [r.source for r in read_inputs([str(tmp_path)], IngestOptions(exclude=("*.md",)))]
    assert no_md == [str(tmp_path / "a" / "one.html")]

    article = extract_paths([str(tmp_path / "a" / "one.html")])[0]
    assert isinstance(article, Article)
    assert (article.outlet, article.published) == ("Sidecar Weekly", "2025-02-19")
    assert article.field_sources["outlet"] == article.field_sources["published"] == "given"
    assert article.extra["desk"] == "coast"
    forced = IngestOptions(outlet="Override Post", published="2025-01-01")
    article = extract_paths([str(tmp_path / "a" / "one.html")], forced)[0]
    assert isinstance(article, Article)
    assert (article.outlet, article.published) == ("Override Post", "2025-01-01")


def test_stdin_is_read_for_dash() -> None:
    paste = b"Short headline for a paste\n\n" + b"A paragraph of story text that runs on. " * 6
    options = IngestOptions(stdin=io.BytesIO(paste))
    [raw] = list(read_inputs(["-"], options))
    assert isinstance(raw, RawInput) and raw.source == "-" and raw.format == "text"
    options = IngestOptions(stdin=io.BytesIO(paste))
    article = _one(extract_paths(["-"], options))
    assert article.title == "Short headline for a paste"


@pytest.mark.parametrize("gz", [False, True])
def test_warc_yields_html_responses_only(tmp_path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gz)

        def response(uri: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )

        writer.write_record(
            writer.create_warc_record(
                "https://tide.example/req", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )
        response(
            "https://tide.example/story", "200 OK", "text/html; charset=utf-8", PAGE.read_bytes()
        )
        response("https://tide.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")
        response("https://tide.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
    results = extract_paths([str(path)])
    assert len(results) == 2
    article, gone = results
    assert isinstance(article, Article) and article.source == f"{path}#https://tide.example/story"
    assert article.url == "https://tide.example/story" and "storm surge" in article.text
    assert isinstance(gone, Rejected) and gone.reason == "HTTP 404"


def test_every_bad_input_gets_its_own_reason_and_the_batch_still_lands(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n \t\n")
    (tmp_path / "blob.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    (tmp_path / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    rng = random.Random(7)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    (tmp_path / "big.txt").write_bytes(b"word " * 2000)
    shutil.copy(FIXTURES / "pages" / "stub.html", tmp_path / "stub.html")
    shutil.copy(PAGE, tmp_path / "good.html")
    names = ["empty.txt", "blank.txt", "blob.txt", "report.txt", "noise.txt", "big.txt",
             "stub.html", "missing.html", "good.html"]  # fmt: skip
    results = extract_paths([str(tmp_path / n) for n in names], IngestOptions(max_bytes=8000))
    assert _reasons(results) == {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "blob.txt": "binary content (application/octet-stream)",
        "report.txt": "binary content (application/pdf)",
        "noise.txt": "undecodable text",
        "big.txt": "exceeds size cap 8 KB",
        "stub.html": "no article text found (page has 14 words)",
        "missing.html": "no such file or directory",
    }
    assert isinstance(results[-1], Article) and "storm surge" in results[-1].text


def test_default_size_cap_is_10_mb(tmp_path: Path) -> None:
    assert IngestOptions().max_bytes == 10_000_000 and human_size(10_000_000) == "10 MB"
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(10_000_001)  # sparse: the size is checked before anything is read
    [rejected] = extract_paths([str(huge)])
    assert isinstance(rejected, Rejected) and rejected.reason == "exceeds size cap 10 MB"


def test_format_override_and_unknown_format(tmp_path: Path) -> None:
    disguised = tmp_path / "page.txt"
    disguised.write_bytes(PAGE.read_bytes())
    assert isinstance(_one(extract_paths([str(disguised)], IngestOptions(format="html"))), Article)
    with pytest.raises(UsageError):
        list(read_inputs([str(disguised)], IngestOptions(format="pdf")))


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p>", "", "html"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed.xml", "feed"),
        (b'<?xml version="1.0"?><urlset xmlns="x"></urlset>', "", "sitemap"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "", "warc"),
        (b'{"text": "a"}\n{"text": "b"}\n', "", "jsonl"),
        (b'[{"text": "a"}]', "", "json"),
        (b"https://a.example/1\n# comment\nhttps://a.example/2\n", "list.txt", "urls"),
        (b"[Updated] A paste that opens with a bracket\nand goes on.", "paste.txt", "text"),
        (b"# Heading\n\ntext", "notes.md", "markdown"),
        (b"Plain words only.", "", "text"),
    ],
)
def test_format_sniffing(data: bytes, name: str, expected: str) -> None:
    assert sniff_format(data, name) == expected
