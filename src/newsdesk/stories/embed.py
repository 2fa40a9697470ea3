"""Article vectors for story clustering: headline + lead, batched, cached by content hash, float16.

An article is represented by its headline and the first :data:`LEAD_CHARS` characters of its body:
that is where a news report states its event, and it bounds the model's work per article whatever
the article's length. :class:`EmbedArticlesStage` is an ordinary pipeline stage, so the runner
batches it, runs it on any executor (serial, process pool, Dask) and caches each vector in the
store under the hash of (model, text): an article is embedded once, ever.

Vectors are stored and clustered as float16 (1,024 bytes per hybrid vector, 768 per MiniLM vector):
half of float32, and cosine similarities move by < 1e-3, far below any threshold's margin.
Clustering always sees the float16 values, whether they come from the cache or were just computed,
so a warm run and a cold run assign identically.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from newsdesk.embeddings import Embedder
from newsdesk.model import Article, Rejected, content_hash
from newsdesk.pipeline.stage import Stage
from newsdesk.stories.models import KNOWN_MODELS, full_name

#: Characters of body text that stand for an article. MiniLM reads at most 256 word pieces (about
#: 1,000 characters) anyway; the static model would read more, but the lead carries the event and
#: later paragraphs carry background that other events share.
LEAD_CHARS = 1000

#: Storage dtype of article vectors.
DTYPE = np.float16


def article_text(article: Article) -> str:
    """The text that stands for an article when clustering: headline and lead."""
    return f"{article.title or ''}\n{article.text[:LEAD_CHARS]}".strip()


def to_storage(matrix: np.ndarray) -> np.ndarray:
    """Rows as the float16 values that clustering sees (re-normalised after rounding)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(DTYPE)


def embed_articles(articles: Sequence[Article], embedder: Embedder) -> np.ndarray:
    """``(n, dim)`` float16 vectors of ``articles`` (no cache; see :class:`EmbedArticlesStage`)."""
    if not articles:
        return np.zeros((0, int(getattr(embedder, "dim", 0))), dtype=DTYPE)
    return to_storage(embedder.encode([article_text(a) for a in articles]))


class EmbedArticlesStage(Stage[Article, np.ndarray]):
    """Article → float16 vector of its headline and lead, cached by (model, text) hash.

    Picklable: the embedder is created lazily in each worker from ``model`` (a name understood by
    :func:`newsdesk.stories.models.load_embedder`) unless one is injected.
    """

    name: ClassVar[str] = "embed_article"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ("article.title", "article.text")
    assigns: ClassVar[tuple[str, ...]] = ("article_vector",)

    def __init__(self, model: str = "hybrid", embedder: Embedder | None = None) -> None:
        self.model = model
        self._embedder = embedder

    def __getstate__(self) -> dict[str, Any]:
        # Ship a known model by name, not the loaded model: each worker loads its own copy once.
        state = dict(self.__dict__)
        injected = state.get("_embedder")
        if injected is not None and injected.name in KNOWN_MODELS:
            state["model"], state["_embedder"] = injected.name, None
        return state

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from newsdesk.stories.models import shared_embedder

            self._embedder = shared_embedder(self.model)
        return self._embedder

    @property
    def model_name(self) -> str:
        return self._embedder.name if self._embedder is not None else full_name(self.model)

    def key(self, item: Article) -> str:
        return content_hash(self.model_name, article_text(item), length=32)

    def source(self, item: Article) -> str:
        return item.source

    def process(self, items: Sequence[Article]) -> list[np.ndarray | Rejected]:
        return list(embed_articles(items, self.embedder))

    def encode(self, output: np.ndarray) -> Any:
        data = np.ascontiguousarray(output, dtype=DTYPE)
        return base64.b64encode(data.tobytes()).decode("ascii")

    def decode(self, data: Any) -> np.ndarray:
        return np.frombuffer(base64.b64decode(data), dtype=DTYPE).copy()
