"""CAMEO TSV in the PETRARCH/Phoenix style: date (YYYYMMDD), source and target actor codes
(country + sector, as CAMEO writes PAKMIL), CAMEO event code, root code and quad class.
One line per incident by default (`id` the incident's), or per report. Events the coder gave no
CAMEO code, or no date, cannot be written in this format and are left out, counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

SUFFIX, BINARY, READS, UNIT = ".tsv", False, "events", "incident"
COLUMNS = ("date", "source", "target", "code", "root_code", "quad_class", "plover", "mode", "id", "url", "outlet")


def quad_class(code: str) -> int | str:
    """CAMEO's quad classes: verbal/material cooperation (1, 2), verbal/material conflict (3, 4)."""
    try:
        root = int(code[:2])
    except ValueError:
        return ""
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def actor_code(row: dict[str, Any], side: str) -> str:
    code = (row.get(f"{side}_country") or "") + (row.get(f"{side}_sector") or "")
    return code or "---"


def _clean(value: Any) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    out.write("\t".join(COLUMNS) + "\n")
    count = 0
    for row in rows:
        code = row.get("cameo")
        if not code or not row.get("date_start"):
            if left_out is not None:
                left_out["no CAMEO code" if not code else "no date"] += 1
            continue
        values = (row["date_start"].replace("-", ""), actor_code(row, "actor"), actor_code(row, "target"), code,
                  code[:2], quad_class(code), row["type"], row.get("mode"), row["uid"], row.get("url"), row.get("outlet"))
        out.write("\t".join(_clean(v) for v in values) + "\n")
        count += 1
    return count
