"""JSON Lines: one event a line, in the shape of polemos' JSON contract plus document and incident."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from .fields import event_dict

SUFFIX, BINARY, READS, UNIT = ".jsonl", False, "events", "report"


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(event_dict(row), ensure_ascii=False) + "\n")
        count += 1
    return count
