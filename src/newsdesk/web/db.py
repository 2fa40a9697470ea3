"""Store connections for request handlers.

Each request borrows its own :class:`~newsdesk.store.SQLiteStore` connection from
:class:`StorePool` and gives it back afterwards, so requests never share a connection and never
wait on the ingest worker, which writes through a connection of its own: SQLite's WAL journal lets
readers go on while a write transaction is open. Opening a connection runs the store's migration
check, which takes the write lock briefly (and so waits for a writer's transaction to end): that
is why connections are pooled and opened at start-up (:meth:`StorePool.warm`) rather than per
request.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsdesk.store import SQLiteStore, open_store


class StorePool:
    """Connections to one store file: up to ``idle`` kept open between requests."""

    def __init__(self, path: Path, idle: int = 8) -> None:
        self.path = path
        self._idle: queue.LifoQueue[SQLiteStore] = queue.LifoQueue()
        self._keep = max(1, idle)
        self._closed = False
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Open the idle connections now, at start-up, while no ingest job can be writing."""
        stores = [open_store(self.path) for _ in range(self._keep - self._idle.qsize())]
        for store in stores:
            self._idle.put(store)

    @contextmanager
    def connection(self) -> Iterator[SQLiteStore]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.path)
        try:
            yield store
        finally:
            with self._lock:
                keep = not self._closed and self._idle.qsize() < self._keep
            if keep:
                self._idle.put(store)
            else:
                store.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class KeyedLocks:
    """One lock per key (a story id), so two requests never build the same briefing twice."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())
