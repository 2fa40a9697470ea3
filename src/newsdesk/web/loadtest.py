"""A small closed-loop load generator for a running newsdesk server (used by benchmarks).

``run_load(base_url, seconds, concurrency)`` starts ``concurrency`` threads, each with its own
``httpx.Client``, that request pages in turn for ``seconds`` and waits for each answer before the
next request (closed loop: the figures say what the server sustains, not how long a queue grows).
The default mix is what a reader does: the stories page, a story page, an article page with a
cited span, and the same through the JSON API; story and article ids are discovered from
``/api/stories`` first.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx


def default_paths(client: httpx.Client) -> list[str]:
    """A reader's mix of pages over the stories the server has."""
    paths = ["/", "/api/stories"]
    stories = client.get("/api/stories").raise_for_status().json()["stories"]
    for story in stories[:5]:
        paths += [f"/stories/{story['id']}", f"/api/stories/{story['id']}"]
        briefing = client.get(f"/api/stories/{story['id']}").raise_for_status().json()
        for fact in briefing.get("facts", [])[:1]:
            c = fact["citations"][0]
            paths += [f"/articles/{c['article']}?start={c['start']}&end={c['end']}",
                      f"/api/articles/{c['article']}"]  # fmt: skip
    return paths


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def run_load(
    base_url: str,
    seconds: float,
    concurrency: int,
    *,
    paths: Sequence[str] | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """Load ``base_url`` for ``seconds`` with ``concurrency`` clients; return the figures.

    Result keys: ``requests``, ``errors`` (non-2xx answers and transport failures),
    ``requests_per_s``, ``p50_ms``, ``p99_ms``, ``mean_ms``, ``max_ms``, ``seconds``,
    ``concurrency``, ``paths`` (the mix), ``error_samples`` (up to five, for diagnosis).
    """
    base_url = base_url.rstrip("/")
    with httpx.Client(base_url=base_url, timeout=timeout) as probe:
        mix = list(paths) if paths else default_paths(probe)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def worker(offset: int) -> None:
        mine: list[float] = []
        failed: list[str] = []
        with httpx.Client(base_url=base_url, timeout=timeout) as client:
            i = offset
            while time.perf_counter() < deadline:
                path = mix[i % len(mix)]
                i += 1
                t0 = time.perf_counter()
                try:
                    response = client.get(path)
                    response.read()
                    if not response.is_success:
                        failed.append(f"{path}: HTTP {response.status_code}")
                except httpx.HTTPError as exc:
                    failed.append(f"{path}: {type(exc).__name__}")
                mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(max(1, concurrency))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": len(errors),
        "requests_per_s": len(ordered) / elapsed if elapsed else 0.0,
        "p50_ms": _percentile(ordered, 0.50) * 1000,
        "p99_ms": _percentile(ordered, 0.99) * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000 if ordered else 0.0,
        "max_ms": ordered[-1] * 1000 if ordered else 0.0,
        "seconds": elapsed,
        "concurrency": max(1, concurrency),
        "paths": mix,
        "error_samples": errors[:5],
    }
