from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.model import Rejected, content_hash
from newsdesk.pipeline import ProcessExecutor, Stage, run_stage
from newsdesk.store import open_store


class Upper(Stage[str, str]):
    """Upper-cases text; fails on items containing 'corrupt'. Counts the items it really processed."""

    name = "test.upper"
    version = "1"

    def __init__(self) -> None:
        self.processed: list[str] = []

    def key(self, item: str) -> str:
        return content_hash(item)

    def source(self, item: str) -> str:
        return f"item:{item}"

    def process(self, items: Sequence[str]) -> list[str | Rejected]:
        if any("corrupt" in i for i in items):
            raise ValueError("cannot read corrupt item")
        self.processed.extend(items)
        return [i.upper() for i in items]

    def encode(self, output: str) -> Any:
        return output

    def decode(self, data: Any) -> str:
        return str(data)


def test_cached_items_are_skipped_on_rerun(tmp_path):
    items = [f"text {i}" for i in range(10)]
    with open_store(tmp_path / "a.db") as store:
        first = Upper()
        r1 = run_stage(first, items, store, batch_size=3)
        assert (r1.computed, r1.cached) == (10, 0)
        assert len(first.processed) == 10
        second = Upper()
        r2 = run_stage(second, [*items, "new one"], store, batch_size=3)
        assert (r2.computed, r2.cached) == (1, 10)
        assert second.processed == ["new one"]
        assert r2.outputs[:10] == r1.outputs


def test_new_version_is_not_served_from_old_cache(tmp_path):
    class Upper2(Upper):
        version = "2"

    with open_store(tmp_path / "a.db") as store:
        run_stage(Upper(), ["a", "b"], store)
        again = Upper2()
        result = run_stage(again, ["a", "b"], store)
        assert result.computed == 2 and again.processed == ["a", "b"]


def test_corrupt_item_becomes_rejected_and_batch_lands(tmp_path):
    items = ["good 1", "corrupt page", "good 2", "good 3"]
    with open_store(tmp_path / "a.db") as store:
        result = run_stage(Upper(), items, store, batch_size=4)
    assert result.outputs[0] == "GOOD 1" and result.outputs[2:] == ["GOOD 2", "GOOD 3"]
    (rejected,) = result.rejected
    assert rejected.source == "item:corrupt page"
    assert "ValueError" in rejected.reason and "corrupt" in rejected.reason
    assert rejected.stage == "test.upper.v1"


def test_duplicate_items_in_one_call_are_computed_once():
    stage = Upper()
    result = run_stage(stage, ["x", "y", "x"], None)
    assert result.outputs == ["X", "Y", "X"]
    assert stage.processed == ["x", "y"]


def test_process_pool_gives_the_same_outputs(tmp_path):
    items = [f"text {i}" for i in range(12)] + ["corrupt"]
    serial = run_stage(Upper(), items, None, batch_size=4)
    pooled = run_stage(Upper(), items, None, batch_size=4, executor=ProcessExecutor(2))
    assert pooled.outputs == serial.outputs


def test_progress_reports_every_batch():
    seen = []
    run_stage(Upper(), [str(i) for i in range(7)], None, batch_size=3,
              progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert seen == [(0, 7), (3, 7), (6, 7), (7, 7)]
