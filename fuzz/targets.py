"""Fuzz targets: newsdesk's text cleaners, decoders, quote-mark and date parsers.

Each target takes raw fuzzer bytes, builds its input with atheris's ``FuzzedDataProvider`` and
checks what must always hold (not just "does not raise"): spans lie inside the text and slice it
to what they claim, decoding returns text or ``None``, rejections are ``InputError``\\s. Run by
``fuzz/run.py``; tests/reliability/test_fuzz_targets.py runs them briefly in the test suite, and
any input that breaks one is added to its ``REGRESSIONS``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import atheris
import httpx

with atheris.instrument_imports(include=["newsdesk"]):
    from newsdesk.errors import InputError
    from newsdesk.ingest.encoding import declared_charset, decode_bytes, utf16_without_bom
    from newsdesk.ingest.extract import extract
    from newsdesk.ingest.jsonl import records
    from newsdesk.ingest.metadata import clean_author, find_date, guess_language, parse_date
    from newsdesk.ingest.netguard import url_refusal
    from newsdesk.ingest.raw import (
        IngestOptions,
        RawInput,
        binary_type,
        gunzip_capped,
        sniff_format,
    )
    from newsdesk.ingest.text import clean_paragraphs, clean_text
    from newsdesk.ingest.urls import Fetcher
    from newsdesk.nlp.marks import find_quote_marks
    from newsdesk.nlp.temporal import extract_times, parse_published

CHARSETS = [None, "utf-8", "iso-8859-1", "windows-1251", "shift_jis", "utf-16", "bogus-charset"]


def bytes_in(data: bytes) -> None:
    """Decoding and sniffing: never raise; decoded text is a str."""
    fdp = atheris.FuzzedDataProvider(data)
    charset = CHARSETS[fdp.ConsumeIntInRange(0, len(CHARSETS) - 1)]
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    text = decode_bytes(body, charset)
    assert text is None or isinstance(text, str)
    binary_type(body)
    sniff_format(body, fdp.ConsumeUnicodeNoSurrogates(8))
    declared_charset(body)
    utf16_without_bom(body)
    with contextlib.suppress(InputError):
        gunzip_capped(b"\x1f\x8b" + body, "fuzz", 100_000)


def cleaners(data: bytes) -> None:
    """Text cleaning: paragraphs hold no line breaks, metadata lines come from the input."""
    fdp = atheris.FuzzedDataProvider(data)
    markdown = fdp.ConsumeBool()
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    out = clean_text(text, markdown=markdown)
    for para in out.paragraphs:
        assert "\n" not in para and para.strip() == para
    clean_paragraphs(text)
    clean_author(text[:80])
    guess_language(text)


def quote_marks(data: bytes) -> None:
    """Quote marks: every quoted stretch lies inside the text, in order, marks where they say."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    previous = -1
    for m in find_quote_marks(text):
        assert 0 <= m.open <= m.start <= m.end <= len(text), m
        assert m.close is None or (m.end <= m.close < len(text)), m
        outer = m.outer
        assert previous <= outer[0], (previous, m)
        previous = outer[0]


def dates(data: bytes) -> None:
    """Dates: resolved expressions slice the text exactly; parsed dates are ISO strings."""
    fdp = atheris.FuzzedDataProvider(data)
    published = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 30))
    if fdp.ConsumeBool():
        published = f"20{fdp.ConsumeIntInRange(0, 99):02d}-0{fdp.ConsumeIntInRange(1, 9)}-1{fdp.ConsumeIntInRange(0, 9)}"
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    for t in extract_times(text, "a", published):
        assert 0 <= t.start <= t.end <= len(text) and text[t.start : t.end] == t.text, t
        assert t.value is None or t.value[:4].isdigit(), t
    for value in (published, text[:60]):
        parsed = parse_date(value)
        assert parsed is None or parsed[:4].isdigit(), parsed
        parse_published(value)
    found = find_date(text)
    assert found is None or found[:4].isdigit(), found


def documents(data: bytes) -> None:
    """Whole documents through extraction and JSON Lines: an article or a Rejected, never a crash."""
    fdp = atheris.FuzzedDataProvider(data)
    fmt = ["html", "text", "markdown"][fdp.ConsumeIntInRange(0, 2)]
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    result = extract(RawInput("fuzz", body, fmt))
    assert result.source == "fuzz"
    text = body.decode("utf-8", "replace")
    for item in records("fuzz.jsonl", text, "jsonl", {}):
        assert item.source.startswith("fuzz.jsonl#")


def _redirecting_transport(location: bytes) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/start":
            return httpx.Response(302, headers=[(b"location", location)])
        return httpx.Response(200, headers={"content-type": "text/html"}, content=b"<p>ok</p>")

    return httpx.MockTransport(handle)


def urls(data: bytes) -> None:
    """URLs and redirects, built from fuzzer bytes; see :func:`check_url`."""
    fdp = atheris.FuzzedDataProvider(data)
    url = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 60))
    if fdp.ConsumeBool():
        url = "http://" + url
    check_url(url, fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 60)))


def check_url(url: str, location: bytes) -> None:
    """A fetch of ``url`` (and of a page redirecting to ``location``) returns a body or raises
    InputError with a reason; the SSRF check returns a reason or None. Nothing else."""
    location = location.replace(b"\r", b"").replace(b"\n", b"")
    reason = url_refusal(url, lambda host, port: ["93.184.215.14"])
    assert reason is None or isinstance(reason, str)
    options = IngestOptions(transport=_redirecting_transport(location), retries=0)
    with Fetcher(options) as fetcher:
        for target in (url, "https://fuzz.example/start"):
            try:
                fetcher.fetch(target)
            except InputError as exc:
                assert exc.reason


TARGETS: dict[str, Callable[[bytes], None]] = {
    "bytes": bytes_in,
    "cleaners": cleaners,
    "quote_marks": quote_marks,
    "dates": dates,
    "documents": documents,
    "urls": urls,
}
