"""URL fetching within limits: schemes, sizes, time, and (server mode) public addresses only, on
every redirect hop and at connect time. httpx.MockTransport and fake resolvers: no network."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator

import httpcore
import httpx
import pytest

from newsdesk.errors import FetchError, InputError
from newsdesk.ingest import IngestOptions, read_inputs
from newsdesk.ingest import netguard as ingest_netguard
from newsdesk.ingest.netguard import GuardedBackend, Resolver
from newsdesk.ingest.urls import Fetcher
from newsdesk.testing.articles import GOOD_ARTICLES, as_html
from newsdesk.web import netguard as web_netguard

PAGE = as_html(GOOD_ARTICLES[0]).encode()
HTML = {"content-type": "text/html; charset=utf-8"}

DNS = {
    "news.example": ["93.184.215.14"],
    "internal.example": ["10.0.0.7"],
    "metadata.example": ["169.254.169.254"],
    "sneaky.example": ["93.184.215.20", "127.0.0.1"],
}


def fake_dns(table: dict[str, list[str]]) -> Resolver:
    def resolve(host: str, port: int) -> list[str]:
        if host in table:
            return table[host]
        try:
            return [str(ipaddress.ip_address(host))]  # an address resolves to itself
        except ValueError:
            raise OSError("Name or service not known") from None

    return resolve


Route = httpx.Response | Callable[[], httpx.Response]


def site(routes: dict[str, Route]) -> httpx.MockTransport:
    """Serves ``routes``; a callable makes a fresh response (a stream is read only once)."""

    def handle(request: httpx.Request) -> httpx.Response:
        route = routes.get(str(request.url), httpx.Response(404))
        return route() if callable(route) else route

    return httpx.MockTransport(handle)


def redirect(to: str) -> httpx.Response:
    return httpx.Response(302, headers={"location": to})


def fetch(url: str, routes: dict[str, Route], **options: object) -> bytes:
    opts = IngestOptions(transport=site(routes), retries=0, **options)  # type: ignore[arg-type]
    with Fetcher(opts) as fetcher:
        return fetcher.fetch(url).data


def test_the_web_app_uses_the_one_shared_guard():
    assert web_netguard.url_refusal is ingest_netguard.url_refusal
    assert web_netguard.GuardedTransport is ingest_netguard.GuardedTransport


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://news.example/a", "gopher://news.example/", "data:,x"]
)
def test_only_http_urls_are_fetched(url):
    with pytest.raises(FetchError, match="unsupported URL"):
        fetch(url, {})


@pytest.mark.parametrize(
    "url", ["http://[::1/", "http://xn--/", "http://ex\u2028ample.com/", "http://\x00x/"]
)
def test_a_malformed_url_is_a_rejection_not_a_crash(url):
    (result,) = read_inputs([url], IngestOptions(transport=site({}), retries=0))
    assert result.source == url and result.reason.startswith("invalid URL")


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://news.example/a", "javascript:alert(1)", "http://[::1/"]
)
def test_a_redirect_to_another_scheme_is_refused_not_followed(target):
    routes = {"https://news.example/a": redirect(target)}
    with pytest.raises(FetchError, match=r"redirect to a non-HTTP URL|invalid URL or redirect"):
        fetch("https://news.example/a", routes)


def test_server_mode_refuses_private_hosts_directly_and_after_redirects():
    routes = {
        "https://news.example/ok": httpx.Response(200, headers=HTML, content=PAGE),
        "https://news.example/to-internal": redirect("http://internal.example/admin"),
        "https://news.example/to-metadata": redirect("http://metadata.example/latest/"),
        "https://news.example/to-ip": redirect("http://169.254.169.254/latest/meta-data/"),
        "https://news.example/to-loopback": redirect("http://[::1]:8000/"),
        "http://internal.example/admin": httpx.Response(200, headers=HTML, content=PAGE),
    }
    guard = {"public_only": True, "resolver": fake_dns(DNS)}
    assert fetch("https://news.example/ok", routes, **guard) == PAGE
    for path, kind in [("to-internal", "private"), ("to-metadata", "metadata"),
                       ("to-ip", "metadata"), ("to-loopback", "loopback")]:  # fmt: skip
        with pytest.raises(FetchError, match=f"refused: .*{kind}"):
            fetch(f"https://news.example/{path}", routes, **guard)
    with pytest.raises(FetchError, match=r"refused: .*private"):
        fetch("http://internal.example/admin", routes, **guard)
    with pytest.raises(FetchError, match=r"refused: .*127\.0\.0\.1 is a loopback"):
        fetch("https://sneaky.example/", routes, **guard)  # one bad address of several
    # Outside server mode (the CLI on the user's own machine) an intranet page is fine.
    assert fetch("http://internal.example/admin", routes) == PAGE


def test_rejections_in_server_mode_reach_the_user_per_url():
    routes = {"https://news.example/to-internal": redirect("http://internal.example/")}
    options = IngestOptions(transport=site(routes), retries=0, public_only=True,
                            resolver=fake_dns(DNS))  # fmt: skip
    (result,) = read_inputs(["https://news.example/to-internal"], options)
    assert result.source == "https://news.example/to-internal"
    assert "refused: internal.example resolves to 10.0.0.7" in result.reason


class Changing:
    """A resolver whose answers change between calls (DNS rebinding)."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.calls = 0

    def __call__(self, host: str, port: int) -> list[str]:
        answer = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        return answer


class Connected(Exception):
    """Raised by the patched socket layer instead of opening a connection."""


@pytest.fixture
def sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Addresses the guarded backend asks the real socket layer to connect to (none is opened)."""
    opened: list[str] = []

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]
        opened.append(host)
        raise Connected(host)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    yield opened


def test_the_connection_goes_to_the_address_that_was_checked(sockets):
    """Resolved once, checked, connected by address: a second lookup could answer differently."""
    dns = Changing(["93.184.215.14"], ["127.0.0.1"])
    with pytest.raises(Connected):
        GuardedBackend(dns).connect_tcp("rebind.example", 80)
    assert sockets == ["93.184.215.14"] and dns.calls == 1


def test_a_name_that_turns_private_after_the_first_check_is_refused_at_connect_time(sockets):
    """The per-hop check sees a public address; by connect time the name points inside."""
    dns = Changing(["93.184.215.14"], ["10.0.0.7"])
    transport = ingest_netguard.GuardedTransport(dns)
    options = IngestOptions(transport=transport, retries=0, public_only=True, resolver=dns)
    with Fetcher(options) as fetcher, pytest.raises(InputError, match="connection failed"):
        fetcher.fetch("http://rebind.example/")
    assert sockets == [] and dns.calls == 2  # checked twice, never connected


class Drip(httpx.SyncByteStream):
    """A body arriving a chunk at a time, each chunk advancing a fake clock by ``step`` seconds."""

    def __init__(self, clock: list[float], step: float) -> None:
        self.clock, self.step = clock, step

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(1000):
            self.clock[0] += self.step
            yield b"<p>slow</p>"


def test_a_slow_drip_server_is_cut_off_by_the_total_time_limit():
    now = [0.0]
    routes: dict[str, Route] = {
        "https://slow.example/": lambda: httpx.Response(200, headers=HTML, stream=Drip(now, 5.0))
    }
    with pytest.raises(FetchError, match="took longer than 60 s"):
        fetch("https://slow.example/", routes, clock=lambda: now[0])
    now[0] = 0.0
    with pytest.raises(FetchError, match="took longer than 30 s"):
        fetch("https://slow.example/", routes, clock=lambda: now[0], max_fetch_seconds=30)


def test_redirect_hops_count_against_the_time_limit():
    now = [0.0]

    def handle(request: httpx.Request) -> httpx.Response:
        now[0] += 25
        return redirect("/again")

    options = IngestOptions(transport=httpx.MockTransport(handle), retries=0, max_redirects=50,
                            clock=lambda: now[0])  # fmt: skip
    with Fetcher(options) as fetcher, pytest.raises(FetchError, match="took longer than 60 s"):
        fetcher.fetch("https://loop.example/")
    assert now[0] < 150


class Chunks(httpx.SyncByteStream):
    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self) -> Iterator[bytes]:
        yield from (self.data[i : i + 512] for i in range(0, len(self.data), 512))


def test_size_limits_apply_to_declared_streamed_and_decompressed_bodies():
    import gzip

    big = b"<p>" + b"x" * 2_000 + b"</p>"
    routes = {
        "https://a.example/declared": httpx.Response(
            200, headers={**HTML, "content-length": "999999999"}, content=b""
        ),
        "https://a.example/streamed": httpx.Response(200, headers=HTML, stream=Chunks(big)),
        "https://a.example/gzip": httpx.Response(
            200, headers={**HTML, "content-encoding": "gzip"}, stream=Chunks(gzip.compress(big))
        ),
    }
    for path, reason in [("declared", "exceeds size cap"), ("streamed", "exceeds size cap"),
                         ("gzip", "decompressed size exceeds cap")]:  # fmt: skip
        with pytest.raises(InputError, match=reason):
            fetch(f"https://a.example/{path}", routes, max_bytes=1000)
