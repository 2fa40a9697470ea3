"""Every peer tool of the public suite runs (a few items each); skips without the ``eval`` extra
or without ``../shared/data``."""

from __future__ import annotations

import pytest

from newsdesk.evaluation.public import default_data_dir, extraction, quotes, stories, summary

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data_dir():
    for module in ("newspaper", "goose3", "readability", "justext", "textacy", "sumy"):
        pytest.importorskip(module)
    directory = default_data_dir()
    if not directory.is_dir():
        pytest.skip(f"{directory} is not present")
    return directory


def _run(module, data_dir, monkeypatch, items):
    monkeypatch.setattr(module, "CI_ITEMS", items)
    result = module.run(data_dir, "ci", True)
    assert not result.skipped
    assert not [n for n in result.notes if "not run" in n], result.notes
    return result


def test_extraction_peers(data_dir, monkeypatch):
    result = _run(extraction, data_dir, monkeypatch, 4)
    assert result.tools == [name for name, _, _ in extraction.TOOLS]
    assert all(0 <= v <= 1 for tools in result.metrics.values() for v in tools.values())
    assert set(result.seconds_per_item) == set(result.tools)


def test_quote_peer(data_dir, monkeypatch):
    result = _run(quotes, data_dir, monkeypatch, 2)
    assert result.tools == ["newsdesk", "textacy"]


def test_summary_peers(data_dir, monkeypatch):
    result = _run(summary, data_dir, monkeypatch, 2)
    assert result.tools == ["newsdesk", "lead-3", "lexrank", "textrank"]
    assert result.metrics["words"]["lexrank"] > 0


def test_clustering_peers(data_dir):
    result = stories.run(data_dir, "ci", True)
    assert result.tools == ["newsdesk", "tfidf-agglomerative", "hdbscan"]
