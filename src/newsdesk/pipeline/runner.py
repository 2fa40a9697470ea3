"""Run a stage over many items: batching, the content-hash cache, the error policy, progress.

For each item the runner computes the stage's key; items whose ``(stage.qualname, key)`` is in the
store's cache are decoded, not recomputed. The rest go to the executor in batches; each finished
batch is written to the cache in one transaction, so a run killed mid-way resumes where it stopped.

Error policy: a batch that raises is retried item by item; an item that still raises becomes a
:class:`~newsdesk.model.Rejected` naming the stage and the exception. Nothing else is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from newsdesk.model import Rejected
from newsdesk.pipeline.executors import Executor, SerialExecutor
from newsdesk.pipeline.stage import Stage
from newsdesk.store.protocol import Store

In = TypeVar("In")
Out = TypeVar("Out")

#: Called as ``progress(done, total)`` after every batch.
Progress = Callable[[int, int], None]


@dataclass
class StageResult(Generic[Out]):
    """Outputs in input order (``Rejected`` where an item failed) and what the run did."""

    stage: str
    outputs: list[Any] = field(default_factory=list)
    computed: int = 0
    cached: int = 0

    @property
    def rejected(self) -> list[Rejected]:
        return [o for o in self.outputs if isinstance(o, Rejected)]

    @property
    def ok(self) -> list[Out]:
        return [o for o in self.outputs if not isinstance(o, Rejected)]


def run_batch(stage: Stage[In, Out], items: Sequence[In]) -> list[Any]:
    """Process one batch with the error policy; returns outputs or Rejected, one per item.

    Module-level so a process pool can pickle it.
    """
    try:
        outputs = stage.process(items)
        if len(outputs) != len(items):
            raise RuntimeError(f"{stage.qualname} returned {len(outputs)} outputs for {len(items)}")
        return outputs
    except Exception as exc:
        if len(items) == 1:
            reason = f"{type(exc).__name__}: {exc}"
            return [Rejected(source=stage.source(items[0]), reason=reason, stage=stage.qualname)]
        return [output for item in items for output in run_batch(stage, [item])]


def run_stage(
    stage: Stage[In, Out],
    items: Sequence[In],
    store: Store | None = None,
    *,
    executor: Executor | None = None,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> StageResult[Out]:
    """Run ``stage`` over ``items``, using and filling ``store``'s cache when given."""
    executor = executor or SerialExecutor()
    result: StageResult[Out] = StageResult(stage=stage.qualname)
    keys = [stage.key(item) for item in items]
    cached = store.cache_get(stage.qualname, keys) if store is not None else {}
    outputs: list[Any] = [None] * len(items)
    todo: list[int] = []
    for i, key in enumerate(keys):
        if key in cached:
            outputs[i] = _decode_cached(stage, cached[key], items[i])
            result.cached += 1
        else:
            todo.append(i)
    # The same content may appear twice in one call: compute it once.
    first_of: dict[str, int] = {}
    unique_todo = [i for i in todo if first_of.setdefault(keys[i], i) == i]
    batches = [unique_todo[j : j + batch_size] for j in range(0, len(unique_todo), batch_size)]
    total, done = len(items), result.cached
    if progress:
        progress(done, total)
    for batch, batch_outputs in zip(
        batches,
        executor.map(run_batch, stage, [[items[i] for i in b] for b in batches]),
        strict=True,
    ):
        fresh = {}
        for i, output in zip(batch, batch_outputs, strict=True):
            outputs[i] = output
            if not isinstance(output, Rejected):
                fresh[keys[i]] = stage.encode(output)
        if store is not None:
            store.cache_put(stage.qualname, fresh)
        result.computed += len(batch)
        done += len(batch)
        if progress:
            progress(done, total)
    for i in todo:
        if outputs[i] is None:
            outputs[i] = outputs[first_of[keys[i]]]
    result.outputs = outputs
    return result


def _decode_cached(stage: Stage[In, Out], data: Any, item: In) -> Any:
    try:
        return stage.decode(data)
    except Exception as exc:
        return Rejected(
            source=stage.source(item), reason=f"bad cache entry: {exc}", stage=stage.qualname
        )
