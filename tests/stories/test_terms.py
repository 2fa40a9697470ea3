"""Hashed term vectors and the hybrid story embedder built on them."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.stories.models import HybridEmbedder, StaticEmbedder, full_name, load_embedder
from newsdesk.stories.terms import TERM_DIMS, term_vectors, terms

TOLLEN = "Flood waters rose in Tollen on Tuesday; the Lune burst its banks near the Harrow mill."
TOLLEN_AGAIN = "The Lune flooded Tollen overnight and reached the Harrow mill, residents said."
#: the same kind of event elsewhere: its own place, river and details, as real reports have
ORSK = "Heavy rain flooded streets in Orsk on Tuesday after the Kalder rose above the rail depot."


def test_terms_are_content_words_with_counts():
    counted = terms("The mayor of Tollen said Tollen’s dam is at 7,558 cubic metres. It is OK.")
    assert counted["tollen"] == 1 and counted["tollen's"] == 1
    assert counted["7,558"] == 1 and counted["mayor"] == 1
    assert not {"the", "of", "is", "it", "ok", "at"} & set(counted)


def test_rows_are_unit_length_deterministic_and_empty_text_is_zero():
    vectors = term_vectors([TOLLEN, "", "the of and"])
    assert vectors.shape == (3, TERM_DIMS) and vectors.dtype == np.float32
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0)
    assert not vectors[1].any() and not vectors[2].any()
    assert np.array_equal(term_vectors([TOLLEN]), vectors[:1])


def test_the_same_event_in_other_words_is_closer_than_the_same_kind_elsewhere():
    tollen, again, orsk = term_vectors([TOLLEN, TOLLEN_AGAIN, ORSK])
    assert tollen @ again > 0.3
    assert tollen @ again > tollen @ orsk + 0.1


@pytest.mark.slow
def test_hybrid_cosine_is_the_weighted_sum_of_its_halves():
    hybrid = load_embedder("hybrid")
    assert isinstance(hybrid, HybridEmbedder) and full_name("hybrid") == hybrid.name
    texts = [TOLLEN, TOLLEN_AGAIN, ORSK]
    h = hybrid.encode(texts)
    s = StaticEmbedder().encode(texts)
    t = term_vectors(texts)
    w = hybrid.static_weight
    assert h.shape == (3, hybrid.dim) and np.allclose(np.linalg.norm(h, axis=1), 1.0, atol=1e-5)
    assert np.allclose(h @ h.T, w * (s @ s.T) + (1 - w) * (t @ t.T), atol=1e-5)
