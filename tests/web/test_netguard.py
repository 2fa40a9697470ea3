"""URL ingestion from the web refuses loopback, private, link-local and metadata addresses."""

from __future__ import annotations

import httpcore
import httpx
import pytest

from newsdesk.web import netguard
from newsdesk.web.netguard import GuardedBackend, GuardedTransport, address_refusal, url_refusal


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
        ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
        ("fd12::1", "private"), ("169.254.1.1", "link-local"), ("fe80::1%eth0", "link-local"),
        ("169.254.169.254", "metadata"), ("fd00:ec2::254", "metadata"),
        ("100.100.100.200", "metadata"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not a public"), ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"), ("64:ff9b::a00:1", "private"),
    ],
)  # fmt: skip
def test_non_public_addresses_are_refused(address, kind):
    reason = address_refusal(address)
    assert reason and kind in reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass(address):
    assert address_refusal(address) is None


def fake_dns(table: dict[str, list[str]]) -> netguard.Resolver:
    def resolve(host: str, port: int) -> list[str]:
        if host in table:
            return table[host]
        raise OSError("Name or service not known")

    return resolve


def test_urls_are_judged_by_every_address_their_host_resolves_to():
    dns = fake_dns(
        {"news.example": ["93.184.215.14"], "mixed.example": ["93.184.215.14", "10.0.0.7"]}
    )
    assert url_refusal("https://news.example/a", dns) is None
    assert "mixed.example resolves to 10.0.0.7 is a private" in (
        url_refusal("http://mixed.example/", dns) or ""
    )
    assert "cannot resolve" in (url_refusal("http://gone.example/", dns) or "")
    assert "only http" in (url_refusal("file:///etc/passwd", dns) or "")
    assert "only http" in (url_refusal("gopher://news.example/", dns) or "")
    assert "no host" in (url_refusal("http:///path", dns) or "")
    assert "invalid port" in (url_refusal("http://news.example:99999/", dns) or "")


def test_localhost_is_refused_with_the_system_resolver():
    assert "loopback" in (url_refusal("http://localhost:8000/") or "")
    assert "loopback" in (url_refusal("http://[::1]/") or "")


def test_connections_are_checked_at_connect_time_against_rebinding():
    """A name that passed the first check but resolves privately when connecting (DNS rebinding,
    or a redirect to an internal host) is refused by the transport itself."""
    backend = GuardedBackend(fake_dns({"rebind.example": ["127.0.0.1"]}))
    with pytest.raises(netguard.AddressRefused, match="loopback"):
        backend.connect_tcp("rebind.example", 80)


def test_the_guarded_transport_uses_the_guarded_backend():
    transport = GuardedTransport()
    assert isinstance(transport._pool, httpcore.ConnectionPool)
    assert isinstance(transport._pool._network_backend, GuardedBackend)


def test_the_guarded_transport_refuses_a_live_local_server(live_server):
    with (
        httpx.Client(transport=GuardedTransport()) as guarded,
        pytest.raises(httpx.ConnectError, match="refused"),
    ):
        guarded.get(live_server.url + "/api/stories")
    with httpx.Client() as plain:  # the same server is reachable without the guard
        assert plain.get(live_server.url + "/api/stories").status_code == 200


def test_fetching_through_the_guard_reports_a_rejection_not_a_crash(live_server):
    from newsdesk.ingest import IngestOptions, read_inputs

    options = IngestOptions(transport=GuardedTransport(), retries=0)
    (result,) = list(read_inputs([live_server.url + "/"], options))
    assert result.source == live_server.url + "/" and "connection failed" in result.reason
