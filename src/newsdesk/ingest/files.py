"""``read_inputs``: everything the user names → a stream of :class:`RawInput` / :class:`Rejected`.

An input is ``-`` (stdin), an ``http(s)://`` URL, a directory (walked recursively, filtered by
include/exclude globs) or a file. Each document's format is detected from its name and first bytes
(``IngestOptions.format`` overrides it for the inputs named directly). Containers expand:

- JSON / JSON Lines → one input per record (:mod:`newsdesk.ingest.jsonl`);
- WARC → one input per HTML/text response record, streamed (:mod:`newsdesk.ingest.warc`);
- RSS/Atom feed → each entry's page, fetched (:mod:`newsdesk.ingest.feeds`);
- sitemap (or sitemap index) → each listed page, fetched;
- URL list (a text file of URLs) → each page, fetched.

A sidecar ``<file>.meta.json`` (or ``<stem>.meta.json``) next to a file gives its outlet, published,
title, url...; ``IngestOptions.outlet`` / ``published`` override all of it.
"""

from __future__ import annotations

import io
import json
import sys
import zlib
from collections.abc import Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from newsdesk.errors import InputError, UsageError
from newsdesk.ingest import feeds, jsonl, warc
from newsdesk.ingest.encoding import decode_bytes
from newsdesk.ingest.raw import (
    FORMATS,
    GZIP_MAGIC,
    DocumentFormat,
    IngestOptions,
    RawInput,
    binary_type,
    format_from_name,
    gunzip_capped,
    size_cap_reason,
    sniff_format,
)
from newsdesk.ingest.urls import Fetched, Fetcher, is_url
from newsdesk.model import Rejected

#: Feeds, sitemaps and URL lists may point at further containers (a sitemap index → sitemaps); past
#: this depth a container is refused rather than followed, so a loop of sitemaps cannot run forever.
MAX_DEPTH = 3


def read_inputs(
    paths: Sequence[str], options: IngestOptions | None = None
) -> Iterator[RawInput | Rejected]:
    """Raw inputs of ``paths``, in order; an input that cannot be read yields a Rejected with the
    reason, and the rest of the batch carries on."""
    options = options or IngestOptions()
    if options.format is not None and options.format not in FORMATS:
        raise UsageError(f"unknown format {options.format!r}; expected one of {', '.join(FORMATS)}")
    with Fetcher(options) as fetcher:
        reader = _Reader(options, fetcher)
        for item in paths:
            yield from reader.read(item)


def _is_warc_gz(data: bytes) -> bool:
    try:
        head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data[:4096], 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


class _Reader:
    def __init__(self, options: IngestOptions, fetcher: Fetcher) -> None:
        self.options = options
        self.fetcher = fetcher
        self.overrides: dict[str, Any] = {
            k: v for k, v in (("outlet", options.outlet), ("published", options.published)) if v
        }

    # --- what the user names ---------------------------------------------------------------------

    def read(self, item: str) -> Iterator[RawInput | Rejected]:
        if item == "-":
            yield from self._stdin()
        elif is_url(item):
            yield from self._url(item, self.options.format, depth=0)
        else:
            path = Path(item)
            if path.is_dir():
                for found in self._walk(path):
                    yield from self._file(found, top=False)
            elif path.is_file():
                yield from self._file(path, top=True)
            elif path.exists():
                yield Rejected(item, "not a regular file")
            else:
                yield Rejected(item, "no such file or directory")

    def _stdin(self) -> Iterator[RawInput | Rejected]:
        stream = self.options.stdin or sys.stdin.buffer
        data = stream.read(self.options.max_bytes + 1)
        if len(data) > self.options.max_bytes:
            yield Rejected("-", size_cap_reason(self.options.max_bytes))
            return
        yield from self._expand(
            "-", data, "", None, None, dict(self.overrides), 0, self.options.format
        )

    def _walk(self, root: Path) -> Iterator[Path]:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            posix = rel.as_posix()
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            if posix.endswith(".meta.json"):
                continue
            if self.options.include:
                if not any(
                    fnmatch(posix, p) or fnmatch(path.name, p) for p in self.options.include
                ):
                    continue
            elif format_from_name(path.name) is None and not _strip_gz(path.name).endswith(".xml"):
                continue  # images, stylesheets... next to the pages: not inputs
            if any(fnmatch(posix, p) or fnmatch(path.name, p) for p in self.options.exclude):
                continue
            yield path

    def _file(self, path: Path, top: bool) -> Iterator[RawInput | Rejected]:
        source = str(path)
        fmt = self.options.format if top else None
        try:
            given = {**_sidecar(path), **self.overrides}
            size = path.stat().st_size
            if size == 0:
                yield Rejected(source, "empty file")
                return
            with path.open("rb") as stream:
                head = stream.read(4096)
                if (
                    fmt == "warc"
                    or head.startswith(b"WARC/")
                    or (head.startswith(GZIP_MAGIC) and _is_warc_gz(head))
                ):
                    stream.seek(0)
                    yield from warc.records(stream, source, self.options.max_bytes, given)
                    return
                if size > self.options.max_bytes:
                    yield Rejected(source, size_cap_reason(self.options.max_bytes))
                    return
                data = head + stream.read()
        except InputError as exc:
            yield Rejected(source, exc.reason)
            return
        except OSError as exc:
            yield Rejected(source, f"cannot read file ({exc.strerror or exc})")
            return
        yield from self._expand(source, data, path.name, None, None, given, 0, fmt)

    def _url(self, url: str, fmt: str | None, depth: int) -> Iterator[RawInput | Rejected]:
        try:
            fetched = self.fetcher.fetch(url)
        except InputError as exc:
            yield Rejected(url, exc.reason)
            return
        yield from self._fetched(url, fetched, dict(self.overrides), depth, fmt)

    # --- one document's bytes --------------------------------------------------------------------

    def _fetched(
        self, source: str, fetched: Fetched, given: dict[str, Any], depth: int, fmt: str | None
    ) -> Iterator[RawInput | Rejected]:
        if fmt is None and fetched.content_type in ("text/html", "application/xhtml+xml"):
            fmt = "html"
        name = urlsplit(fetched.url).path.rsplit("/", 1)[-1]
        yield from self._expand(
            source, fetched.data, name, fetched.url, fetched.charset, given, depth, fmt
        )

    def _expand(
        self,
        source: str,
        data: bytes,
        name: str,
        url: str | None,
        charset: str | None,
        given: dict[str, Any],
        depth: int,
        fmt: str | None,
    ) -> Iterator[RawInput | Rejected]:
        cap = self.options.max_bytes
        if data.startswith(GZIP_MAGIC):
            if fmt == "warc" or _is_warc_gz(data):
                yield from warc.records(io.BytesIO(data), source, cap, given)
                return
            try:
                data = gunzip_capped(data, source, cap)
            except InputError as exc:
                yield Rejected(source, exc.reason)
                return
            name = _strip_gz(name)
        if not data.strip():
            yield Rejected(source, "empty file")
            return
        if len(data) > cap:
            yield Rejected(source, size_cap_reason(cap))
            return
        fmt = fmt or sniff_format(data, name)
        if fmt == "warc":
            yield from warc.records(io.BytesIO(data), source, cap, given)
            return
        if mime := binary_type(data):
            yield Rejected(source, f"binary content ({mime})")
            return
        if fmt in ("html", "text", "markdown"):
            doc_format = cast(DocumentFormat, fmt)
            yield RawInput(source, data, doc_format, url=url, given=given, charset=charset)
            return
        if depth >= MAX_DEPTH:
            yield Rejected(source, f"{fmt} nested too deep (more than {MAX_DEPTH} levels)")
            return
        text = decode_bytes(data, charset)
        if text is None:
            yield Rejected(source, "undecodable text")
            return
        if fmt in ("json", "jsonl"):
            yield from jsonl.records(source, text, fmt, self.overrides)
        elif fmt == "feed":
            yield from self._feed(source, data, url, depth)
        elif fmt == "sitemap":
            yield from self._sitemap(source, data, url, depth, [self.options.max_sitemap_urls])
        elif fmt == "urls":
            lines = (ln.strip() for ln in text.splitlines())
            urls = [ln for ln in lines if ln and not ln.startswith("#")]
            yield from self._fetch_all(urls, [dict(self.overrides) for _ in urls], depth + 1)

    def _fetch_all(
        self, urls: list[str], givens: list[dict[str, Any]], depth: int
    ) -> Iterator[RawInput | Rejected]:
        for url, given, result in zip(urls, givens, self.fetcher.fetch_many(urls), strict=True):
            if isinstance(result, InputError):
                yield Rejected(url, result.reason)
            else:
                yield from self._fetched(url, result, given, depth, None)

    def _feed(
        self, source: str, data: bytes, url: str | None, depth: int
    ) -> Iterator[RawInput | Rejected]:
        try:
            parsed = feeds.parse_feed(data, source, url, self.options.max_feed_entries)
        except InputError as exc:
            yield Rejected(source, exc.reason)
            return
        if notice := parsed.cut_notice(source):
            yield notice
        entries = parsed.entries
        urls = [e.url for e in entries if e.url]
        fetched = iter(self.fetcher.fetch_many(urls))
        for index, entry in enumerate(entries):
            given = {**entry.given, **self.overrides}
            if entry.url:
                result = next(fetched)
                if isinstance(result, InputError):
                    yield Rejected(entry.url, result.reason)
                else:
                    yield from self._fetched(entry.url, result, given, depth + 1, None)
            elif entry.content:
                yield RawInput(f"{source}#{index}", entry.content, "html", given=given)
            else:
                yield Rejected(f"{source}#{index}", "feed entry has neither link nor content")

    def _sitemap(
        self, source: str, data: bytes, url: str | None, depth: int, budget: list[int]
    ) -> Iterator[RawInput | Rejected]:
        """Pages of a sitemap; ``budget`` (one count shared down an index) caps the total."""
        try:
            pages, children = feeds.parse_sitemap(data, source, url)
        except InputError as exc:
            yield Rejected(source, exc.reason)
            return
        pages = pages[: max(0, budget[0])]
        budget[0] -= len(pages)
        yield from self._fetch_all(pages, [dict(self.overrides) for _ in pages], depth + 1)
        for child in children:
            if budget[0] <= 0:
                return
            if depth + 1 >= MAX_DEPTH:
                yield Rejected(child, f"sitemap nested too deep (more than {MAX_DEPTH} levels)")
                continue
            try:
                fetched = self.fetcher.fetch(child)
            except InputError as exc:
                yield Rejected(child, exc.reason)
                continue
            data = fetched.data
            if data.startswith(GZIP_MAGIC):  # sitemap.xml.gz
                try:
                    data = gunzip_capped(data, child, self.options.max_bytes)
                except InputError as exc:
                    yield Rejected(child, exc.reason)
                    continue
            yield from self._sitemap(child, data, fetched.url, depth + 1, budget)


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``<name>.meta.json`` or ``<stem>.meta.json`` next to ``path``."""
    stem = _strip_gz(path.name).rsplit(".", 1)[0]
    for candidate in (
        path.with_name(path.name + ".meta.json"),
        path.with_name(stem + ".meta.json"),
    ):
        if candidate.is_file():
            try:
                meta = json.loads(candidate.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(str(path), f"invalid sidecar {candidate.name} ({exc})") from exc
            if not isinstance(meta, dict):
                raise InputError(str(path), f"invalid sidecar {candidate.name} (not an object)")
            return meta
    return {}
