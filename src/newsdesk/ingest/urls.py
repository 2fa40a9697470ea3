"""Fetching pages over HTTP, politely and within limits.

:class:`Fetcher` wraps one ``httpx.Client`` (injected through ``IngestOptions.client`` or
``.transport``; tests pass ``httpx.MockTransport``). For each URL it:

- identifies itself honestly (``newsdesk/<version> (+https://github.com/newsdesk)``);
- optionally obeys robots.txt (RFC 9309: a 4xx robots.txt allows everything, an unreachable one
  disallows everything);
- follows at most ``max_redirects`` redirects itself, so every hop is checked: only ``http(s)``
  hops are followed, and in server mode (``public_only``) only hops to public addresses;
- retries timeouts, connection errors, 429 and 5xx with exponential backoff;
- gives up on a URL after ``max_fetch_seconds`` in all (hops, retries and body together);
- refuses binary content types before reading the body, and bodies (compressed or not) over
  ``max_bytes``, decompressing gzip itself in capped steps;
- keeps at most ``per_host`` requests in flight to one host, ``concurrency`` in all.

Failures raise :class:`~newsdesk.errors.FetchError` with a reason meant for the user ("HTTP 404",
"timeout after 10 s", "too many redirects").
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsdesk.errors import FetchError, InputError
from newsdesk.ingest.raw import IngestOptions, content_type, gunzip_capped, size_cap_reason

_BINARY_PREFIXES = ("image/", "audio/", "video/", "font/")
_BINARY_TYPES = {
    "application/octet-stream",
    "application/pdf",
    "application/zip",
    "application/gzip",
    "application/x-gzip",
    "application/vnd.ms-excel",
    "application/msword",
}
_TEXT_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
}
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"


def user_agent() -> str:
    """``newsdesk/<version> (+https://github.com/newsdesk)``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("newsdesk")
    except PackageNotFoundError:
        import newsdesk

        ver = getattr(newsdesk, "__version__", "0.1.0")
    return f"newsdesk/{ver} (+https://github.com/newsdesk)"


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    """A fetched body: ``url`` is the final URL after redirects."""

    url: str
    data: bytes
    content_type: str | None
    charset: str | None


class _Retryable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Fetcher:
    """HTTP fetching for one :func:`read_inputs` call (see the module docstring)."""

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self._client: httpx.Client | None = options.client
        self._owns_client = False
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._agent = options.user_agent or user_agent()

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    transport=self.options.transport,
                    timeout=self.options.timeout,
                    follow_redirects=False,
                )
                self._owns_client = True
            return self._client

    def close(self) -> None:
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- public ----------------------------------------------------------------------------------

    def fetch(self, url: str) -> Fetched:
        """Body of ``url``; raises :class:`FetchError` (or :class:`InputError`) with the reason."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError as exc:  # "http://[::1/": feeds and URL lists carry such things
            raise FetchError(url, f"invalid URL ({exc})") from exc
        if parts.scheme not in ("http", "https") or not host:
            raise FetchError(url, "unsupported URL")
        if self.options.respect_robots and not self._allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        with self._host_slot(host):
            deadline = self.options.clock() + self.options.max_fetch_seconds
            last = "unknown error"
            for attempt in range(self.options.retries + 1):
                if attempt:
                    self.options.sleep(self.options.backoff * 2 ** (attempt - 1))
                self._check_deadline(url, deadline)
                try:
                    return self._fetch_once(url, deadline)
                except _Retryable as exc:
                    last = exc.reason
            raise FetchError(url, last)

    def fetch_many(self, urls: Sequence[str]) -> Iterator[Fetched | InputError]:
        """Fetch ``urls`` concurrently; results (or errors) come back in the order of ``urls``."""
        if not urls:
            return
        workers = max(1, min(self.options.concurrency, len(urls)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(self._fetch_or_error, urls)

    # --- internals -------------------------------------------------------------------------------

    def _fetch_or_error(self, url: str) -> Fetched | InputError:
        try:
            return self.fetch(url)
        except InputError as exc:
            return exc

    def _host_slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.Semaphore(max(1, self.options.per_host))
            return self._hosts[host]

    def _send(self, url: str) -> httpx.Response:
        headers = {"User-Agent": self._agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip"}
        try:
            request = self.client.build_request(
                "GET", url, headers=headers, timeout=self.options.timeout
            )
        except (httpx.InvalidURL, UnicodeError) as exc:  # a NUL in the URL, a bad IDNA label
            raise FetchError(url, f"invalid URL ({exc})") from exc
        try:
            return self.client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timeout after {self.options.timeout:g} s") from exc
        except httpx.RemoteProtocolError as exc:
            if "location header" in str(exc).lower():  # httpx's word for an unparsable Location
                raise FetchError(url, f"invalid URL or redirect ({exc})") from exc
            raise _Retryable(f"connection failed ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})") from exc
        except httpx.InvalidURL as exc:
            # httpx builds the next request of a redirect even when not following it, and raises
            # on a Location it cannot parse ("javascript:alert(1)"): the server's fault, not ours.
            raise FetchError(url, f"invalid URL or redirect ({exc})") from exc

    def _check_deadline(self, url: str, deadline: float) -> None:
        if self.options.clock() > deadline:
            raise FetchError(url, f"took longer than {self.options.max_fetch_seconds:g} s")

    def _check_hop(self, url: str, hop: str) -> None:
        """Refuse a hop the fetcher must not follow: not http(s), or (server mode) not public."""
        try:
            scheme = urlsplit(hop).scheme
        except ValueError as exc:
            raise FetchError(url, f"invalid redirect ({exc})") from exc
        if scheme not in ("http", "https"):
            raise FetchError(url, "redirect to a non-HTTP URL")
        if self.options.public_only:
            from newsdesk.ingest.netguard import system_resolver, url_refusal

            reason = url_refusal(hop, self.options.resolver or system_resolver)
            if reason:
                raise FetchError(url, f"refused: {reason}")

    def _fetch_once(self, url: str, deadline: float | None = None) -> Fetched:
        deadline = (
            self.options.clock() + self.options.max_fetch_seconds if deadline is None else deadline
        )
        current = url
        for _hop in range(self.options.max_redirects + 1):
            self._check_hop(url, current)
            self._check_deadline(url, deadline)
            response = self._send(current)
            try:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {response.status_code} without Location")
                    try:
                        current = str(response.url.join(location))
                    except httpx.InvalidURL as exc:
                        raise FetchError(url, f"invalid redirect ({exc})") from exc
                    continue
                return self._read(url, response, deadline)
            finally:
                response.close()
        raise FetchError(url, "too many redirects")

    def _read(self, url: str, response: httpx.Response, deadline: float) -> Fetched:
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Retryable(f"HTTP {status}")
        if status >= 400:
            raise FetchError(url, f"HTTP {status}")
        mime, charset = content_type(response.headers.get("content-type"))
        if mime and (mime.startswith(_BINARY_PREFIXES) or mime in _BINARY_TYPES):
            raise FetchError(url, f"binary content ({mime})")
        if mime and mime not in _TEXT_TYPES and not mime.endswith(("+xml", "+json")):
            raise FetchError(url, f"unsupported content type {mime}")
        cap = self.options.max_bytes
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise FetchError(url, size_cap_reason(cap))
        if response.is_stream_consumed:
            # A transport that hands back a body it has read (and decoded) already.
            data = response.content
            if len(data) > cap:
                raise FetchError(url, size_cap_reason(cap))
        else:
            encoding = response.headers.get("content-encoding", "")
            data = _decode_content(self._read_raw(url, response, deadline), encoding, url, cap)
        return Fetched(url=str(response.url), data=data, content_type=mime, charset=charset)

    def _read_raw(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """The body as sent (still compressed), stopped as soon as it passes the cap or the
        deadline."""
        cap = self.options.max_bytes
        body = bytearray()
        try:
            for chunk in response.iter_raw():
                body += chunk
                if len(body) > cap:
                    raise FetchError(url, size_cap_reason(cap))
                self._check_deadline(url, deadline)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timeout after {self.options.timeout:g} s") from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})") from exc
        return bytes(body)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = root in self._robots
        if not known:
            parser = self._load_robots(root)
            with self._lock:
                self._robots[root] = parser
        parser = self._robots[root]
        return parser is not None and parser.can_fetch(self._agent, url)

    def _load_robots(self, root: str) -> RobotFileParser | None:
        """Parsed robots.txt, an allow-all parser for 4xx, ``None`` (= disallow) if unreachable."""
        parser = RobotFileParser(root + "/robots.txt")
        try:
            fetched = self._fetch_once(root + "/robots.txt")
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):
                parser.parse([])
                return parser
            return None
        except (_Retryable, InputError):
            return None
        parser.parse(fetched.data.decode("utf-8", "replace").splitlines())
        return parser


def _decode_content(data: bytes, encoding: str, url: str, cap: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding in ("gzip", "x-gzip"):
        return gunzip_capped(data, url, cap)
    if encoding == "deflate":
        decoder = zlib.decompressobj()
        try:
            out = decoder.decompress(data, cap + 1)
        except zlib.error as exc:
            raise FetchError(url, f"corrupt deflate data ({exc})") from exc
        if len(out) > cap:
            raise InputError(url, "decompressed size exceeds cap")
        return out
    raise FetchError(url, f"unsupported content encoding {encoding}")
