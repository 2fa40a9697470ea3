"""Executors run a function over batches: in this process, or in a local process pool.

An executor has one method, :meth:`Executor.map`, which yields results in batch order as they
finish. Stages and their items must pickle for the process pool (records are frozen dataclasses, and
stages load their models lazily in each worker process).
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

from newsdesk.errors import UsageError


class Executor(Protocol):
    name: str

    def map(
        self,
        fn: Callable[[Any, Sequence[Any]], list[Any]],
        stage: Any,
        batches: Sequence[Sequence[Any]],
    ) -> Iterator[list[Any]]: ...


class SerialExecutor:
    """Run every batch in this process, one after the other."""

    name = "serial"

    def map(
        self,
        fn: Callable[[Any, Sequence[Any]], list[Any]],
        stage: Any,
        batches: Sequence[Sequence[Any]],
    ) -> Iterator[list[Any]]:
        for batch in batches:
            yield fn(stage, batch)


class ProcessExecutor:
    """Run batches in a local pool of worker processes (``spawn``, so models load cleanly)."""

    name = "process"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or max(1, (os.cpu_count() or 1))

    def map(
        self,
        fn: Callable[[Any, Sequence[Any]], list[Any]],
        stage: Any,
        batches: Sequence[Sequence[Any]],
    ) -> Iterator[list[Any]]:
        if len(batches) <= 1 or self.workers == 1:
            yield from SerialExecutor().map(fn, stage, batches)
            return
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            futures = [pool.submit(fn, stage, batch) for batch in batches]
            for future in futures:
                yield future.result()


def make_executor(name: str, workers: int | None = None, scheduler: str | None = None) -> Executor:
    """Executor by name: ``serial``, ``process`` or ``dask`` (a local cluster or ``scheduler``)."""
    if name == "serial":
        return SerialExecutor()
    if name == "process":
        return ProcessExecutor(workers)
    if name == "dask":
        from newsdesk.pipeline.dask import DaskExecutor

        return DaskExecutor(scheduler, workers or 2)
    raise UsageError(f"unknown executor {name!r} (choose serial, process or dask)")


def close_executor(executor: Executor) -> None:
    """Release what an executor holds (a Dask client and its local cluster)."""
    close = getattr(executor, "close", None)
    if callable(close):
        close()
