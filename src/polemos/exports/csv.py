"""CSV: one event a row, the flat columns of the events table with the document's title, url, outlet."""

from __future__ import annotations

import csv as _csv
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from .fields import FLAT_COLUMNS, flat

SUFFIX, BINARY, READS, UNIT = ".csv", False, "events", "report"


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    writer = _csv.DictWriter(out, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(flat(row))
        count += 1
    return count
