"""The aggregate views (timeline, map, network) kept as JSON bytes while the store is unchanged.

Counting a million events per day or per grid cell takes the database a second or more, and a
view asks the same question again and again (every visitor of the landing pages, every pan back).
An answer is kept with the store's generation (store/database.py: every write adds one) and served
while the generation stays; one request computes a missing answer while the others asking the
same wait for it, rather than all computing it. Each worker process keeps its own, bounded in bytes.
The landing views are computed when a worker starts, so the first visitor does not wait for them.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import orjson

from ..query import EventQuery
from ..store import Store

log = logging.getLogger("polemos.serve")

# The question each landing view asks first: the UI's timeline, and its map of the whole world
# (a grid of 360/40 degrees, map.js), both unfiltered.
WORLD_CELL = 9.0
MAP_LIMIT = 2000


class ViewCache:
    def __init__(self, max_bytes: int = 32_000_000) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self._bytes = 0
        self._guard = threading.Lock()
        self._locks = [threading.Lock() for _ in range(32)]  # one computation per question at a time

    def answer(self, store: Store, key: Hashable, compute: Callable[[], Any]) -> bytes:
        """The JSON bytes of `compute()` for `key`, computed again only after the store changed."""
        generation = store.generation()
        found = self._kept(key, generation)
        if found is not None:
            return found
        with self._locks[hash(key) % len(self._locks)]:
            found = self._kept(key, generation)  # computed while this request waited
            if found is not None:
                return found
            body = orjson.dumps(compute())
            self._keep(key, generation, body)
            return body

    def _kept(self, key: Hashable, generation: int) -> bytes | None:
        with self._guard:
            found = self._answers.get(key)
            if found is None or found[0] != generation:
                return None
            self._answers.move_to_end(key)
            return found[1]

    def _keep(self, key: Hashable, generation: int, body: bytes) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self._guard:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._answers[key] = (generation, body)
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._answers.popitem(last=False)
                self._bytes -= len(dropped)


def timeline(cache: ViewCache, store: Store, query: EventQuery) -> bytes:
    return cache.answer(store, ("timeline", query), lambda: store.daily_counts(query))


def map_cells(cache: ViewCache, store: Store, query: EventQuery, cell: float, limit: int) -> bytes:
    return cache.answer(store, ("map", query, cell, limit),
                        lambda: {"cell_degrees": cell, "cells": store.map_cells(query, cell, limit)})


def network(cache: ViewCache, store: Store, query: EventQuery, limit: int) -> bytes:
    return cache.answer(store, ("network", query, limit), lambda: store.network(query, limit))


def warm(cache: ViewCache, opened: Callable[[], Any]) -> None:
    """Compute the landing views (in a thread of its own, at start); a failure only costs the wait."""
    everything = EventQuery(limit=None)
    try:
        with opened() as store:
            timeline(cache, store, everything)
            map_cells(cache, store, everything, WORLD_CELL, MAP_LIMIT)
    except Exception:  # noqa: BLE001 - the views will be computed when asked, and fail there visibly
        log.exception("could not compute the landing views at start")
