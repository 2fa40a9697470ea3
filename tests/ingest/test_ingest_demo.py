"""Ingestion scores on the fictional demo corpus (src/newsdesk/demo/corpus), when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsdesk
from newsdesk.evaluation.context import EvalContext
from newsdesk.evaluation.ingest_metrics import evaluate, gold_body, token_prf

CORPUS = Path(newsdesk.__file__).parent / "demo" / "corpus"


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    if not (CORPUS / "gold.json").is_file():
        pytest.skip("demo corpus not present")
    return evaluate(EvalContext.load(CORPUS))


def test_extraction_beats_trafilatura_default(scores: dict[str, float]) -> None:
    assert scores["extraction.pages"] > 0
    assert scores["extraction.f1"] >= scores["extraction.trafilatura_default_f1"]
    assert scores["extraction.f1"] >= 0.95


def test_links_and_metadata(scores: dict[str, float]) -> None:
    for metric in ("duplicate", "derivative"):
        assert scores[f"dedupe.{metric}_precision"] >= 0.9, metric
        assert scores[f"dedupe.{metric}_recall"] >= 0.9, metric
    assert scores["ingest.outlet_accuracy"] >= 0.9
    assert scores["ingest.published_accuracy"] >= 0.9
    assert scores["ingest.rejected"] == 0


def test_token_scores() -> None:
    assert token_prf("a b c", "a b c") == (1.0, 1.0, 1.0)
    assert token_prf("a b", "c d") == (0.0, 0.0, 0.0)
    precision, recall, _ = token_prf("a b c d", "a b")
    assert (precision, recall) == (0.5, 1.0)
    assert gold_body("Headline\n\nBody text.", "Headline") == "\nBody text."
    assert gold_body("Other first line\nBody", "Headline") == "Other first line\nBody"
