"""Exports: one module per format, all reading through the same query layer (`EventQuery`).

Each module declares `SUFFIX`, `BINARY`, `READS` ("events" or "claims"), `UNIT` (what one row is
by default: "incident" for the event datasets ACLED, UCDP GED, PLOVER and CAMEO, which count
real-world events once however many articles told them; "report" for the store's own flat
formats, which keep every report with its incident id) and `write(rows, out, left_out=None) -> int`
(rows written; a row the format cannot hold, such as an ACLED row with no country, is counted in
`left_out` by reason instead). `export` picks the rows, the unit and the stream.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import InputError
from ..query import EventQuery
from ..store import Store
from .folding import per_incident

FORMATS = ("plover", "acled", "ucdp", "cameo", "csv", "jsonl", "parquet", "geojson", "graphml", "claimreview")
UNITS = ("incident", "report")


def exporter(name: str) -> ModuleType:
    if name not in FORMATS:
        raise InputError(f"Unknown export format {name!r}: choose one of {', '.join(FORMATS)}.")
    return importlib.import_module(f"{__name__}.{name}")


def rows_for(store: Store, module: ModuleType, query: EventQuery, unit: str | None = None) -> Iterable[dict[str, Any]]:
    """The rows one format writes for a query: claims, one row per incident, or one per report."""
    if module.READS == "claims":
        return store.claims(query)
    unit = unit or module.UNIT
    if unit not in UNITS:
        raise InputError(f"Unknown export unit {unit!r}: choose incident or report.")
    if unit == "report":
        return store.iter_events(query)
    rows = per_incident(store.iter_by_incident(query))
    if query.limit is None:
        return rows
    from itertools import islice

    return islice(rows, query.offset, query.offset + query.limit)


def export(store: Store, name: str, query: EventQuery = EventQuery(limit=None), out: Path | None = None, *,
           unit: str | None = None, left_out: Counter[str] | None = None) -> int:
    """Write the events (or claims) a query selects in one format to a file, or to stdout; returns rows.
    `unit` is incident or report (default: the format's own); rows the format cannot hold are
    counted by reason in `left_out`."""
    module = exporter(name)
    rows = rows_for(store, module, query, unit)
    if out is None:
        stream = sys.stdout.buffer if module.BINARY else sys.stdout
        return module.write(rows, stream, left_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb" if module.BINARY else "w", **({} if module.BINARY else {"encoding": "utf-8", "newline": ""})) as handle:
        return module.write(rows, handle, left_out)
