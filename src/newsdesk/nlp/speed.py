"""Throughput of the language layer against bare ``nlp.pipe`` of the same model on the same texts.

The acceptance bar is that the whole layer stays within 1.5x of the bare pipeline's time. Both runs
use the already-loaded model (loading is not timed) and the same batch size; the faster of
``repeat`` runs counts, which damps noise from other processes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from newsdesk.model import Article


def measure_speed(
    texts: Sequence[str], repeat: int = 3, published: str | None = "2025-03-13"
) -> dict[str, float]:
    """Words per second of bare ``nlp.pipe`` and of the whole layer over ``texts``.

    Returns ``{"words", "bare_seconds", "layer_seconds", "bare_words_per_s",
    "layer_words_per_s", "ratio"}`` where ``ratio`` = layer time / bare time.
    """
    from newsdesk.nlp.model import load_model
    from newsdesk.nlp.stage import AnalyseStage

    nlp = load_model()
    articles = [
        Article.create(f"text-{i}", text, published=published) for i, text in enumerate(texts)
    ]
    words = sum(len(t.split()) for t in texts)
    stage = AnalyseStage(nlp=nlp)
    stage.process(articles[:1])  # warm caches (alias table, dateparser) outside the timing

    def best(run: Callable[[], object]) -> float:
        times = []
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return min(times)

    bare = best(lambda: list(nlp.pipe(list(texts))))  # spaCy's own defaults
    layer = best(lambda: stage.process(articles))
    return {
        "words": float(words),
        "bare_seconds": bare,
        "layer_seconds": layer,
        "bare_words_per_s": words / bare if bare else 0.0,
        "layer_words_per_s": words / layer if layer else 0.0,
        "ratio": layer / bare if bare else 0.0,
    }
