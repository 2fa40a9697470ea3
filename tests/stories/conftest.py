"""Shared helpers for the story tests: articles, vectors and the model-free embedder."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.embeddings import HashingEmbedder
from newsdesk.model import Article


@pytest.fixture(autouse=True)
def hashing_story_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Story path tests run on the model-free embedder unless a test asks for a real model."""
    monkeypatch.setenv("NEWSDESK_STORY_MODEL", "hashing")


@pytest.fixture
def hashing() -> HashingEmbedder:
    return HashingEmbedder()


def article(
    text: str, *, title: str = "", published: str | None = "2025-03-01", url: str | None = None,
    outlet: str = "Outlet", source: str | None = None, duplicate_of: str | None = None,
) -> Article:  # fmt: skip
    made = Article.create(source or f"{outlet}/{title or text[:20]}.txt", text, title=title or None,
                          published=published, url=url, outlet=outlet)  # fmt: skip
    if duplicate_of:
        from dataclasses import replace

        made = replace(made, duplicate_of=duplicate_of)
    return made


def unit(*values: float, dim: int = 8) -> np.ndarray:
    """An L2-normalised float16 vector whose first components are ``values``."""
    v = np.zeros(dim, dtype=np.float32)
    v[: len(values)] = values
    return (v / np.linalg.norm(v)).astype(np.float16)
