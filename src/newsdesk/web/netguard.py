"""The web app's SSRF guard: :mod:`newsdesk.ingest.netguard`, where ingestion uses it too."""

from newsdesk.ingest.netguard import (
    METADATA_ADDRESSES,
    AddressRefused,
    GuardedBackend,
    GuardedTransport,
    Resolver,
    address_refusal,
    host_refusal,
    ingest_transport,
    system_resolver,
    url_refusal,
)

__all__ = [
    "METADATA_ADDRESSES",
    "AddressRefused",
    "GuardedBackend",
    "GuardedTransport",
    "Resolver",
    "address_refusal",
    "host_refusal",
    "ingest_transport",
    "system_resolver",
    "url_refusal",
]
