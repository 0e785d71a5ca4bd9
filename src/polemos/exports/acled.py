"""ACLED CSV: the column names and order of ACLED's data export (ACLED codebook), one row per
event report. Codes ACLED defines (inter, interaction, geo and time precision) are derived from
polemos' fields; the tables behind them are in data/acled.json."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from typing import IO, Any

from .fields import acled_codes, country, days

SUFFIX, BINARY, READS = ".csv", False, "events"
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
_GEO = {"point": 1, "city": 1, "admin2": 2, "region": 2, "admin1": 3, "country": 3}


def _types(row: dict[str, Any]) -> tuple[str, str]:
    if row.get("acled_event_type"):
        return row["acled_event_type"], row["acled_sub_event_type"] or ""
    codes = acled_codes()
    event_type, sub = codes["from_plover"].get(row["type"], codes["from_plover_default"])
    return event_type, sub


def acled_row(row: dict[str, Any], stamp: int) -> dict[str, Any]:
    codes = acled_codes()
    event_type, sub_event_type = _types(row)
    inter1 = codes["inter"].get(row.get("actor_sector") or "", 8 if row.get("actor_name") else 0)
    inter2 = codes["inter"].get(row.get("target_sector") or "", 8 if row.get("target_name") else 0)
    name, numeric = country(row.get("country") or row.get("actor_country"))
    span = days(row)
    return {
        "event_id_cnty": f"{row.get('country') or 'XXX'}{row['uid'].replace(':', '')[:14].upper()}",
        "event_date": row["date_start"] or "", "year": (row["date_start"] or "")[:4],
        "time_precision": "" if span is None else 1 if span == 1 else 2 if span <= 7 else 3,
        "disorder_type": codes["disorder_type"].get(event_type, "Strategic developments"),
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": row.get("actor_name") or "", "assoc_actor_1": "", "inter1": inter1 or "",
        "actor2": row.get("target_name") or "", "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": int("".join(sorted(str(i) for i in (inter1, inter2) if i))) if inter1 or inter2 else "",
        "civilian_targeting": "Civilian targeting" if row.get("target_sector") == "CVL" else "",
        "iso": int(numeric) if numeric else "", "region": "", "country": name,
        "admin1": row["place_name"] if row.get("geo_precision") == "admin1" else "",
        "admin2": row["place_name"] if row.get("geo_precision") == "admin2" else "", "admin3": "",
        "location": row.get("place_name") or "", "latitude": row.get("lat") if row.get("lat") is not None else "",
        "longitude": row.get("lon") if row.get("lon") is not None else "",
        "geo_precision": _GEO.get(row.get("geo_precision") or "", ""),
        "source": row.get("outlet") or "", "source_scale": "", "notes": row.get("evidence_text") or "",
        "fatalities": row.get("fatalities_best") if row.get("fatalities_best") is not None else 0,
        "tags": "; ".join(t for t in ("negated" if row["negated"] else "", "hypothetical" if row["hypothetical"] else "") if t),
        "timestamp": stamp,
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = int(time.time())
    count = 0
    for row in rows:
        writer.writerow(acled_row(row, stamp))
        count += 1
    return count
