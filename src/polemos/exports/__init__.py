"""Exports: one module per format, all reading through the same query layer (`EventQuery`).

Each module declares `SUFFIX`, `BINARY`, `READS` ("events" or "claims") and
`write(rows, out) -> int` (rows written). `export` picks the rows and the stream.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from ..errors import InputError
from ..query import EventQuery
from ..store import Store

FORMATS = ("plover", "acled", "ucdp", "cameo", "csv", "jsonl", "parquet", "geojson", "graphml", "claimreview")


def exporter(name: str) -> ModuleType:
    if name not in FORMATS:
        raise InputError(f"Unknown export format {name!r}: choose one of {', '.join(FORMATS)}.")
    return importlib.import_module(f"{__name__}.{name}")


def export(store: Store, name: str, query: EventQuery = EventQuery(limit=None), out: Path | None = None) -> int:
    """Write the events (or claims) a query selects in one format to a file, or to stdout; returns rows."""
    module = exporter(name)
    rows = store.claims(query) if module.READS == "claims" else store.iter_events(query)
    if out is None:
        stream = sys.stdout.buffer if module.BINARY else sys.stdout
        return module.write(rows, stream)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb" if module.BINARY else "w", **({} if module.BINARY else {"encoding": "utf-8", "newline": ""})) as handle:
        return module.write(rows, handle)
