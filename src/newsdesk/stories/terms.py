"""Hashed term vectors: the words of a headline and lead, as a fixed-size vector, with no model.

A sentence embedder (static or MiniLM) reads "rivers burst their banks in Orsk" and "rivers burst
their banks in Tollen" as nearly the same thing, because they are nearly the same *kind* of thing.
What tells two events apart is their vocabulary: the town, the company, the minister, the
"signal relay", the "pension age". A bag of the lead's content words carries exactly that, and on
the hand-labelled sets it separates same-event pairs from other pairs better than the static
model does (pairwise ROC AUC 0.987 / 0.987 / 0.993 on newsroom / giveme5w1h / ECB+, against
0.967 / 0.961 / 0.961; docs/scale.md).

The vector is the *hashing trick*: each word lands in one of ``dim`` buckets with a random sign,
weighted ``1 + log(count)``, and the row is L2-normalised, so a dot product is a cosine over
words. It needs no vocabulary and no corpus statistics (no IDF), so it is the same for an article
whenever and wherever it is computed: one batch, one article at a time, a Dask worker, a restart.
With ~60 content words per lead, 256 buckets lose nothing measurable to collisions (the newsroom
scores at 256 and 1,024 buckets agree within 0.01).
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np

#: Buckets of a term vector.
TERM_DIMS = 256

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d")
#: Words shorter than this are mostly function words and initials; they name no event.
MIN_LETTERS = 3


@functools.cache
def stop_words() -> frozenset[str]:
    """English function words (scikit-learn's list): every report has them, whatever the event."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@functools.lru_cache(maxsize=1 << 16)
def _bucket(word: str, dim: int) -> tuple[int, float]:
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest[:4], "little") % dim, (1.0 if digest[4] & 1 else -1.0)


def terms(text: str) -> Counter[str]:
    """Content words of ``text``, lower-cased, with their counts (numbers included: "7,558")."""
    stop = stop_words()
    words = (
        w.lower().replace("’", "'") for w in _TOKEN.findall(unicodedata.normalize("NFC", text))
    )
    return Counter(w for w in words if len(w) >= MIN_LETTERS and w not in stop)


def term_vectors(texts: Sequence[str], dim: int = TERM_DIMS) -> np.ndarray:
    """``(len(texts), dim)`` float32 rows, L2-normalised (all-zero for a text with no content word)."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        for word, count in terms(text).items():
            bucket, sign = _bucket(word, dim)
            out[row, bucket] += sign * (1.0 + math.log(count))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
