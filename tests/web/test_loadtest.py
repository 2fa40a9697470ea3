"""``newsdesk.web.loadtest.run_load`` against a live server."""

from __future__ import annotations

from newsdesk.web.loadtest import run_load


def test_run_load_reports_throughput_and_latency(live_server):
    result = run_load(live_server.url, seconds=1.5, concurrency=4)
    assert result["requests"] > 0 and result["errors"] == 0, result["error_samples"]
    assert result["requests_per_s"] > 0
    assert 0 < result["p50_ms"] <= result["p99_ms"] <= result["max_ms"]
    assert any(p.startswith("/articles/") for p in result["paths"])


def test_run_load_counts_errors(live_server):
    result = run_load(live_server.url, seconds=0.5, concurrency=2, paths=["/api/stories/s-nope"])
    assert result["errors"] == result["requests"] > 0
    assert "HTTP 404" in result["error_samples"][0]
