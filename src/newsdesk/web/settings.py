"""The web app's settings: one small frozen value object, built by :func:`newsdesk.web.create_app`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: 5 MB per request: comfortably more than a dozen long articles pasted or uploaded at once, and
#: small enough that one request cannot fill memory or stall the single ingest worker for long.
DEFAULT_MAX_BODY_BYTES = 5_000_000


@dataclass(frozen=True)
class WebSettings:
    db_path: Path
    allow_private_urls: bool = False
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_files: int = 20  # uploads per request
    max_items: int = 50  # pasted articles + URLs per request
    read_connections: int = 8  # idle read connections kept open (more are opened under load)
    keep_jobs: int = 100  # finished ingest jobs remembered for /api/jobs/{id}
    allowed_hosts: Sequence[str] | None = None  # Host header allow-list; None allows any
