from __future__ import annotations

import numpy as np
import pytest

from newsdesk.embeddings import (
    CachedEmbedder,
    Embedder,
    EmbedSentencesStage,
    HashingEmbedder,
    SentenceVectors,
    default_embedder,
)
from newsdesk.model import Analysis, Sentence


class CountingEmbedder:
    name = "counting"
    dim = 8

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return HashingEmbedder(dim=8).encode(texts)


def test_hashing_embedder_is_normalised_and_deterministic():
    emb = HashingEmbedder()
    a = emb.encode(["The ferry strike ended.", "The ferry strike ended.", "Unrelated words here."])
    assert a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.allclose(a[0], a[1])
    assert isinstance(emb, Embedder)


def test_cache_never_embeds_a_text_twice():
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner)
    first = cached.encode(["a b c", "d e f", "a b c"])
    second = cached.encode(["d e f", "g h i"])
    assert inner.seen == ["a b c", "d e f", "g h i"]
    assert np.allclose(first[1], second[0])
    assert len(cached) == 3
    assert cached.encode([]).shape == (0, 8)


def test_cache_can_be_seeded_with_vectors_computed_elsewhere():
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner)
    cached.add(["seeded"], np.ones((1, 8), dtype=np.float32))
    assert np.allclose(cached.encode(["seeded"]), 1.0)
    assert inner.seen == []


def _analysis(texts: list[str], article_id: str = "a1") -> Analysis:
    sentences, pos = [], 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(article_id, i, pos, pos + len(t), t))
        pos += len(t) + 1
    return Analysis(article_id, "hand==1", tuple(sentences))


def test_stage_round_trips_through_its_cache_encoding():
    stage = EmbedSentencesStage(CachedEmbedder(HashingEmbedder()))
    items = [_analysis(["One sentence.", "Two sentences."]), _analysis(["Three."], "a2")]
    out = stage.process(items)
    assert [o.article_id for o in out] == ["a1", "a2"]
    assert out[0].vectors.shape == (2, 512) and out[1].vectors.shape == (1, 512)
    back = stage.decode(stage.encode(out[0]))
    assert isinstance(back, SentenceVectors)
    assert back.texts == out[0].texts and np.allclose(back.vectors, out[0].vectors)
    assert stage.qualname == "embed_sentences.v1"


def test_stage_key_follows_the_sentences_and_the_article():
    stage = EmbedSentencesStage(HashingEmbedder())
    a = stage.key(_analysis(["One sentence."]))
    assert a == stage.key(_analysis(["One sentence."]))
    assert a != stage.key(_analysis(["One sentence changed."]))
    assert a != stage.key(_analysis(["One sentence."], "other"))


def test_minilm_vectors_are_unit_length_float32(minilm):
    vectors = minilm.encode(
        [
            "The dock workers ended their strike on Thursday.",
            "Dockers called off their walkout on Thursday.",
            "The central bank raised interest rates.",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.2
    assert default_embedder() is minilm


@pytest.mark.parametrize("texts", [[], ["x"]])
def test_default_embedder_is_one_per_process(texts):
    assert default_embedder() is default_embedder()
