"""The Dask executor runs the same stage code as the others, on a real local cluster."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.demo.generate import generate
from newsdesk.embeddings import HashingEmbedder
from newsdesk.model import Article
from newsdesk.pipeline import SerialExecutor, run_stage
from newsdesk.store import open_store
from newsdesk.stories.embed import EmbedArticlesStage

pytest.importorskip("distributed")


def test_dask_executor_matches_serial_and_fills_the_cache(tmp_path):
    from newsdesk.pipeline.dask import DaskExecutor

    articles = [
        Article.create(g.filename, g.text, title=g.title, published=g.published, outlet=g.outlet)
        for g in generate(12, vocabulary="large")
    ]
    stage = EmbedArticlesStage(embedder=HashingEmbedder())
    serial = run_stage(stage, articles, executor=SerialExecutor(), batch_size=7)
    with DaskExecutor(workers=2) as executor, open_store(tmp_path / "d.db") as store:
        distributed = run_stage(stage, articles, store, executor=executor, batch_size=7)
        workers = executor.client.scheduler_info()["workers"]
        assert len(workers) == 2
        assert run_stage(stage, articles, store, executor=executor).cached == len(articles)
    assert distributed.computed == len(articles)
    for a, b in zip(serial.outputs, distributed.outputs, strict=True):
        assert np.array_equal(a, b)


class FussyEmbedder(HashingEmbedder):
    """Fails on any batch holding the word BOOM (the runner then retries item by item)."""

    name = "fussy"

    def encode(self, texts):  # type: ignore[no-untyped-def]
        if any("BOOM" in t for t in texts):
            raise ValueError("cannot embed BOOM")
        return super().encode(texts)


def test_a_failing_item_is_rejected_alone_on_dask():
    from newsdesk.pipeline.dask import DaskExecutor

    good = Article.create("a.txt", "Fine text", title="ok")
    bad = Article.create("b.txt", "BOOM", title="bad")
    with DaskExecutor(workers=1) as executor:
        result = run_stage(EmbedArticlesStage(embedder=FussyEmbedder()), [good, bad],
                           executor=executor)  # fmt: skip
    assert isinstance(result.outputs[0], np.ndarray)
    assert [r.source for r in result.rejected] == ["b.txt"]
