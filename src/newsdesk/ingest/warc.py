"""WARC / WARC.gz archives, streamed record by record with warcio.

Only ``response`` records count (requests, metadata and revisits are not pages). Of those, HTML and
plain-text responses become inputs; other resources (images, scripts, styles) are skipped silently,
as a crawl holds many of them. A non-2xx response is rejected with its status. Each record's body
is read in capped chunks, so one huge record (or a gzip bomb in its content encoding, which warcio
decodes as it reads) cannot exhaust memory. A record cut off by a truncated archive is rejected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from newsdesk.ingest.raw import DocumentFormat, RawInput, content_type, size_cap_reason
from newsdesk.model import Rejected

_PAGE_TYPES: dict[str, DocumentFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


def _read_capped(stream: IO[bytes], cap: int) -> bytes | None:
    body = bytearray()
    while chunk := stream.read(64 * 1024):
        body += chunk
        if len(body) > cap:
            return None
    return bytes(body)


def records(
    stream: IO[bytes], source: str, max_bytes: int, given: dict[str, Any]
) -> Iterator[RawInput | Rejected]:
    """Raw inputs of the response records in ``stream`` (a WARC, gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = 0
    try:
        for record in ArchiveIterator(stream):
            seen += 1
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            item = f"{source}#{uri}"
            http = record.http_headers
            if http is None:
                continue
            status = http.get_statuscode() or ""
            mime, charset = content_type(http.get_header("Content-Type"))
            fmt = _PAGE_TYPES.get(mime or "")
            if not status.startswith("2"):
                if fmt is not None or not mime:
                    yield Rejected(item, f"HTTP {status}")
                continue
            if fmt is None:
                continue
            body = _read_capped(record.content_stream(), max_bytes)
            if body is None:
                yield Rejected(item, size_cap_reason(max_bytes))
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # warcio hands back what is there of a record whose archive was cut off (an
                # interrupted download) without complaint: the record says how long it should be.
                yield Rejected(item, "WARC record cut short (the archive is truncated)")
                continue
            meta = {"url": uri, **given} if uri else dict(given)
            yield RawInput(item, body, fmt, url=uri or None, given=meta, charset=charset)
    except ArchiveLoadFailed as exc:
        yield Rejected(source, f"unreadable WARC ({exc})")
        return
    if not seen:
        yield Rejected(source, "unreadable WARC (no complete record)")
