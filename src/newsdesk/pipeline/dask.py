"""Run batches on a Dask cluster: a local one started on demand, or one at ``tcp://host:port``.

:class:`DaskExecutor` has the one method every executor has, :meth:`~DaskExecutor.map`, and so runs
the same stage code as the serial and process executors. The stage is scattered to the workers once
(``broadcast``), not pickled into every task; each worker then loads the stage's model once (stages
load lazily) and keeps it for every batch it runs. Results come back to the caller in batch order,
where the runner stores each batch's outputs in one transaction: the store keeps one writer, and a
worker never needs to reach it (a remote cluster has no access to a local SQLite file).

Requires ``dask[distributed]`` (``pip install 'newsdesk[dask]'``); imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsdesk.errors import MissingDependency

#: Batches submitted ahead of the one being collected: enough to keep every worker busy, few
#: enough that results waiting to be collected do not pile up in the client's memory.
IN_FLIGHT_PER_WORKER = 4


class DaskExecutor:
    """Executor over a Dask cluster.

    ``scheduler=None`` starts a :class:`distributed.LocalCluster` of ``workers`` single-threaded
    worker processes on first use (about 2 s) and closes it with :meth:`close`; a
    ``tcp://host:port`` address connects to a running scheduler whose workers have newsdesk
    installed. Use as a context manager, or call :meth:`close`.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self._cluster: Any = None
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            try:
                from distributed import Client, LocalCluster
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise MissingDependency("dask[distributed]", "dask") from exc
            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                self._cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=40,
                )  # fmt: skip
                self._client = Client(self._cluster)
        return self._client

    def map(
        self,
        fn: Callable[[Any, Sequence[Any]], list[Any]],
        stage: Any,
        batches: Sequence[Sequence[Any]],
    ) -> Iterator[list[Any]]:
        if not batches:
            return
        client = self.client
        shared = client.scatter(stage, broadcast=True, hash=False)
        workers = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
        ahead = workers * IN_FLIGHT_PER_WORKER
        pending: list[Any] = []
        submitted = 0
        try:
            while submitted < len(batches) or pending:
                while submitted < len(batches) and len(pending) < ahead:
                    pending.append(client.submit(fn, shared, list(batches[submitted]), pure=False))
                    submitted += 1
                future = pending.pop(0)
                yield future.result()
                future.release()
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
