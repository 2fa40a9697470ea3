"""Ingesting in several batches links each batch to what is stored (``finalise(known=...)``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk import jobs
from newsdesk.dedupe import SKETCH
from newsdesk.dedupe.shingles import chronological
from newsdesk.ingest import RawInput, extract, finalise, read_inputs
from newsdesk.model import Article
from newsdesk.store import open_store
from newsdesk.store.protocol import Store


@pytest.fixture(scope="module")
def extracted() -> list[Article]:
    """The demo corpus's articles, before finalisation, in publication order."""
    articles = [
        extract(raw) for raw in read_inputs(jobs.demo_inputs()) if isinstance(raw, RawInput)
    ]
    assert all(isinstance(a, Article) for a in articles)
    ok = [a for a in articles if isinstance(a, Article)]
    order = chronological([a.published for a in ok], [a.id for a in ok])
    return [ok[i] for i in order]


def ingest(
    batches: list[list[Article]], store: Store, *, across: bool = True
) -> dict[str, tuple[str | None, str | None]]:
    """As ``jobs.ingest`` does it, batch after batch; the links found, by source."""
    for batch in batches:
        store.add_articles(finalise(batch, known=store.articles() if across else None))
    stored = store.articles()
    source = {a.id: a.source for a in stored}

    def of(target: str | None) -> str | None:
        return source.get(target) if target else None

    return {a.source: (of(a.duplicate_of), of(a.derivative_of)) for a in stored}


def test_batches_in_publication_order_link_as_one_batch(
    extracted: list[Article], tmp_path: Path
) -> None:
    with open_store(tmp_path / "one.db") as store:
        together = ingest([extracted], store)
    assert sum(1 for links in together.values() if links != (None, None)) >= 2
    missed_without = 0
    for cut in range(1, len(extracted)):
        halves = [extracted[:cut], extracted[cut:]]
        with open_store(tmp_path / f"across-{cut}.db") as store:
            assert ingest(halves, store) == together, cut
        with open_store(tmp_path / f"alone-{cut}.db") as store:
            missed_without += ingest(halves, store, across=False) != together
    assert missed_without  # the batch-only linking (no ``known``) misses links across batches


def test_stored_articles_carry_their_sketch(extracted: list[Article], tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        ingest([extracted[:3], extracted[3:]], store)
        assert all(isinstance(a.extra.get(SKETCH), str) for a in store.articles())
