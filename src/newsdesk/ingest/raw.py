"""The records ingestion starts from: :class:`RawInput` (one document to extract) and
:class:`IngestOptions` (how inputs are read), plus the byte-level sniffing both the file and the URL
readers share (format detection, binary detection, capped gzip decompression).
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Literal

import httpx

from newsdesk.errors import InputError
from newsdesk.ingest.encoding import utf16_without_bom

#: Formats a :class:`RawInput` can carry: documents that :func:`newsdesk.ingest.extract` turns
#: into articles. Containers (directories, JSON Lines, WARC, feeds, sitemaps, URL lists) expand
#: into these.
DocumentFormat = Literal["html", "text", "markdown"]

#: Every value ``IngestOptions.format`` accepts (``None`` means auto-detect).
FORMATS = ("html", "text", "markdown", "json", "jsonl", "warc", "feed", "sitemap", "urls")

DEFAULT_MAX_BYTES = 10_000_000


@dataclass(frozen=True)
class RawInput:
    """One document before extraction.

    ``source`` is the input as the user gave it (a path, a URL, or ``container#item`` for a record
    of a JSON Lines file or a WARC). ``given`` holds metadata that came with the input (sidecar
    file, JSON record, feed entry, or ``IngestOptions.outlet`` / ``published``); it wins over
    anything extracted or inferred. ``charset`` is the encoding the transport declared, if any.
    """

    source: str
    data: bytes | str
    format: DocumentFormat
    url: str | None = None
    given: Mapping[str, Any] = field(default_factory=dict)
    charset: str | None = None


@dataclass(frozen=True)
class IngestOptions:
    """How :func:`newsdesk.ingest.read_inputs` finds, fetches and caps its inputs.

    ``client`` (or ``transport``) is the injected HTTP layer: tests pass ``httpx.MockTransport`` so
    nothing touches the network. ``sleep`` is injected for the same reason (retry backoff).
    """

    format: str | None = None  # one of FORMATS; None = auto-detect per input
    include: tuple[str, ...] = ()  # globs (relative paths) a directory walk keeps; () = known types
    exclude: tuple[str, ...] = ()  # globs a directory walk skips (after include)
    outlet: str | None = None  # overrides every outlet found; provenance "given"
    published: str | None = None  # overrides every date found; provenance "given"
    max_bytes: int = DEFAULT_MAX_BYTES  # per document, after decompression
    timeout: float = 10.0  # seconds, per HTTP operation (connect, each read)
    # Seconds for one URL in all: every redirect hop, retry and body chunk. ``timeout`` alone lets
    # a server dripping a byte every 9 s hold a fetch for days; a minute is ample for a 10 MB page.
    max_fetch_seconds: float = 60.0
    retries: int = 2  # extra attempts on timeouts, connection errors, 429 and 5xx
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    max_redirects: int = 5
    respect_robots: bool = False  # fetch robots.txt per host and skip disallowed URLs
    client: httpx.Client | None = None
    transport: httpx.BaseTransport | None = None  # used when no client is given
    user_agent: str | None = None  # default: "newsdesk/<version> (+https://github.com/newsdesk)"
    concurrency: int = 4  # URL fetches in flight at once
    per_host: int = 2  # of which at most this many to one host
    # Entries read per RSS/Atom feed; the rest are reported, not silently dropped. Most feeds hold
    # 10-100; an archive feed of thousands is read up to the cap.
    max_feed_entries: int = 1000
    max_sitemap_urls: int = 200  # page URLs fetched per sitemap (index files included)
    stdin: BinaryIO | None = None  # what "-" reads; default sys.stdin.buffer
    # Server mode (the web app): refuse any URL, redirect hop included, whose host resolves to a
    # loopback, private, link-local or metadata address (see newsdesk.ingest.netguard). Pair it
    # with ``netguard.GuardedTransport``, which re-checks the address it actually connects to.
    public_only: bool = False
    resolver: Callable[[str, int], list[str]] | None = None  # DNS for public_only; None = system
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic  # for max_fetch_seconds (injected by tests)


def content_type(header: str | None) -> tuple[str | None, str | None]:
    """``(mime type, charset)`` of a Content-Type header value (lower-case mime, or ``None``)."""
    mime, _, params = (header or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower() or None, charset


def human_size(n: int) -> str:
    """``10000000`` → ``"10 MB"`` (decimal units, as the cap is set)."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= size:
            value = n / size
            return f"{value:g} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def size_cap_reason(max_bytes: int) -> str:
    return f"exceeds size cap {human_size(max_bytes)}"


# --- capped gzip ----------------------------------------------------------------------------------

GZIP_MAGIC = b"\x1f\x8b"


def gunzip_capped(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress gzip ``data`` in chunks, stopping as soon as the output passes ``max_bytes``: a
    gzip bomb (a few KB expanding to GBs) is refused without ever being held in memory."""
    decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
    out = bytearray()
    try:
        for start in range(0, len(data), 64 * 1024):
            chunk = data[start : start + 64 * 1024]
            while chunk:
                out += decoder.decompress(chunk, max_bytes + 1 - len(out))
                if len(out) > max_bytes:
                    raise InputError(source, "decompressed size exceeds cap")
                chunk = decoder.unconsumed_tail
            if decoder.eof:
                break
        out += decoder.flush()
    except zlib.error as exc:
        raise InputError(source, f"corrupt gzip data ({exc})") from exc
    if not decoder.eof:  # zlib hands back what it could of a cut-off stream without a word
        raise InputError(source, "corrupt gzip data (truncated)")
    if len(out) > max_bytes:
        raise InputError(source, "decompressed size exceeds cap")
    return bytes(out)


# --- sniffing -------------------------------------------------------------------------------------

# Magic numbers of binary files people drop into a news folder by mistake; anything else with NUL
# bytes is reported as application/octet-stream.
_MAGIC = (
    (b"%PDF", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x7fELF", "application/x-executable"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


# Control bytes other than tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])


def binary_type(data: bytes) -> str | None:
    """MIME type if ``data`` is binary rather than text, else ``None``.

    Zero bytes alone do not make a file binary: UTF-16 (with or without a byte-order mark) is full
    of them, and an export can carry a stray NUL. Binary formats have control bytes throughout
    (uniformly random bytes: 11%); text that decoding accepts has under 1% (the threshold of
    :func:`newsdesk.ingest.encoding._plausible`), so that is the line drawn here too.
    """
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    head = data[:8192]
    if b"\x00" not in head or head.startswith(_UTF16_BOMS) or utf16_without_bom(head):
        return None
    if len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) * 0.01:
        return "application/octet-stream"
    return None


_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".urls": "urls",
}

_URL_LINE = re.compile(r"^https?://\S+$")


def format_from_name(name: str) -> str | None:
    """Format implied by a file name (``.gz`` stripped), or ``None`` when the name says nothing."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for ext, fmt in _EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    return None


def sniff_format(data: bytes, name: str = "") -> str:
    """Format of ``data``: the file name decides where it is specific, the first bytes otherwise.

    A ``.txt`` whose lines are all URLs is a URL list; an ``.xml`` file (or stdin, or a URL) is told
    apart as feed, sitemap or HTML by its root element.
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    by_name = format_from_name(name)
    if by_name == "json" and _looks_like_jsonl(data):
        return "jsonl"
    if by_name in ("jsonl", "json", "warc", "feed", "urls"):
        return by_name
    if head.startswith(b"warc/"):
        return "warc"
    if by_name in (None, "text") and _all_urls(data):
        return "urls"
    if by_name is not None:
        return by_name
    if head.startswith((b"{", b"[")):
        return "jsonl" if _looks_like_jsonl(data) else "json"
    if head.startswith(b"<"):
        if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
            return "feed"
        if re.search(rb"<(urlset|sitemapindex)[\s>]", head):
            return "sitemap"
        return "html"
    if re.search(rb"<(p|div|body|article)[\s>]", head):
        return "html"
    return "text"


def _looks_like_jsonl(data: bytes) -> bool:
    lines = [ln.strip() for ln in data[:65536].splitlines() if ln.strip()]
    return len(lines) > 1 and lines[0].startswith(b"{") and lines[0].endswith(b"}")


def _all_urls(data: bytes) -> bool:
    lines = [ln.strip() for ln in data[:65536].splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith(b"#")]
    return bool(lines) and all(_URL_LINE.match(ln.decode("latin-1")) for ln in lines)
