"""Store connections for concurrent requests: each request borrows one and gives it back.

A connection (SQLite or PostgreSQL) is used by one thread at a time; the pool opens up to `size`
of them lazily and makes a request wait for a free one rather than share. `borrow` is for the event
loop: a free connection is handed over at once, and only opening one or waiting goes to a thread,
so a request pays no thread hop for its connection.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.concurrency import run_in_threadpool

from ..store import Store


class StorePool:
    def __init__(self, url: str, size: int = 8) -> None:
        self.url = url
        self.size = max(1, size)
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        with Store(url) as store:  # migrate once, before any request, so readers never race a migration
            self.dialect = store.dialect

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = self._take()
        healthy = True
        try:
            yield store
        except BaseException:
            healthy = self._healthy(store)
            raise
        finally:
            self.give_back(store, healthy)

    async def borrow(self) -> Store:
        """A connection for a request, from the event loop without blocking it."""
        try:
            return self._free.get_nowait()
        except queue.Empty:
            return await run_in_threadpool(self._take)

    async def check(self, store: Store) -> bool:
        """After a failed request: whether its connection can serve another (asked in a thread)."""
        return await run_in_threadpool(self._healthy, store)

    def give_back(self, store: Store, healthy: bool = True) -> None:
        if healthy:
            self._free.put(store)
        else:
            with self._lock:
                self._opened -= 1
            store.close()

    def _take(self) -> Store:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened < self.size:
                self._opened += 1
                try:
                    return Store(self.url, migrate=False)
                except BaseException:
                    self._opened -= 1
                    raise
        return self._free.get()

    @staticmethod
    def _healthy(store: Store) -> bool:
        """After a failed request: a PostgreSQL connection left in a failed state is replaced."""
        try:
            store.db.query("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - any failure means the connection is unusable
            return False

    def close(self) -> None:
        while True:
            try:
                self._free.get_nowait().close()
            except queue.Empty:
                return
