"""Refusing URLs that point into the server's own network (SSRF): ingestion in server mode.

Shared by :mod:`newsdesk.ingest.urls` (``IngestOptions.public_only``) and the web app
(:mod:`newsdesk.web.netguard` re-exports it). A URL typed into the web app is fetched by the server, so without a guard anyone who can reach the
page can make newsdesk read ``http://127.0.0.1:…``, a router's admin page, or a cloud metadata
service (``169.254.169.254``). Two layers, because one is not enough:

1. :func:`url_refusal` resolves a URL's host before the job starts and names the reason for a
   refusal ("resolves to 10.0.0.5, a private address"), so the user reads a clear message.
   The fetcher repeats this check on every redirect hop when ``IngestOptions.public_only`` is set.
2. :class:`GuardedTransport` (handed to ingestion as ``IngestOptions.transport``) checks every TCP
   connection at connect time and connects to the very address it checked. That covers what the
   first check cannot: redirects (the fetcher follows each hop itself), pages named inside uploaded
   feeds, sitemaps and URL lists, and DNS rebinding (a name that resolves to a public address for
   the check and to a private one a moment later).

An address is allowed only if :attr:`ipaddress.IPv4Address.is_global` holds (that excludes
loopback, private, link-local, carrier-grade NAT, reserved and unspecified ranges) and it is not
multicast; IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address inside them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Resolver signature: ``(host, port) -> addresses`` (injected in tests; no network there).
Resolver = Callable[[str, int], list[str]]

#: Cloud metadata services: named explicitly although the ranges above already exclude them, so the
#: refusal says what the address is.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), as the OS resolver sees it."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(address: str) -> str | None:
    """Why connecting to ``address`` is refused, or ``None`` if it is a public address."""
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    for kind, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
    ):
        if flag:
            return f"{ip} is a {kind} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def host_refusal(host: str, port: int, resolve: Resolver = system_resolver) -> str | None:
    """Why ``host`` is refused: it does not resolve, or any one of its addresses is not public.

    Every address is checked, not just the first: the client may pick any of them.
    """
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        return f"cannot resolve {host} ({exc})"
    if not addresses:
        return f"cannot resolve {host}"
    for address in addresses:
        reason = address_refusal(address)
        if reason:
            return reason if address == host else f"{host} resolves to {reason}"
    return None


def url_refusal(url: str, resolve: Resolver = system_resolver) -> str | None:
    """Why the web app refuses to fetch ``url`` (scheme, host or address), or ``None``."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:  # "http://[::1/"
        return f"invalid URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return "only http:// and https:// URLs can be fetched"
    try:
        port = parts.port
    except ValueError:
        return "invalid port"
    if not host:
        return "URL has no host"
    return host_refusal(host, port or (443 if parts.scheme == "https" else 80), resolve)


class AddressRefused(httpcore.ConnectError):
    """A connection to a non-public address was refused (httpx reports it as a ConnectError)."""


class GuardedBackend(httpcore.SyncBackend):
    """httpcore network backend that resolves, checks, and connects to the checked address."""

    def __init__(self, resolve: Resolver = system_resolver) -> None:
        self._resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from exc
        for address in addresses:
            reason = address_refusal(address)
            if reason:
                raise AddressRefused(f"refused: {host} resolves to {reason}")
        last: Exception = httpcore.ConnectError(f"cannot resolve {host}")
        for address in addresses:  # connect to an address we checked, never re-resolve the name
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last


class GuardedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose every connection goes through :class:`GuardedBackend`.

    TLS still verifies the certificate against the host name (httpcore passes the original host as
    the SNI / verification name), so connecting by address does not weaken HTTPS. No proxy is
    used: a proxy would make the connect-time check meaningless.
    """

    def __init__(self, resolve: Resolver = system_resolver) -> None:
        super().__init__(trust_env=False)
        # httpx offers no public hook for the network backend; rebuild the pool it made with the
        # same defaults plus ours (checked by tests/web/test_netguard.py).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(resolve),
        )


def ingest_transport(allow_private_urls: bool) -> httpx.BaseTransport | None:
    """The transport web-started ingestion uses: guarded unless private URLs are allowed."""
    return None if allow_private_urls else GuardedTransport()
