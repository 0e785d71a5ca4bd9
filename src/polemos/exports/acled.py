"""ACLED CSV: the column names and order of ACLED's data export (ACLED codebook), one row per
incident by default (an event told by three articles is one ACLED event, its sources joined with
"; "), or per report. Codes ACLED defines (inter, interaction, geo and time precision) are derived
from polemos' fields; the tables behind them are in data/acled.json.

Only what ACLED records is written: an event with an ACLED type, or of a PLOVER root ACLED
codes (data/acled.json `from_plover`); talks, accusations, demands and denials are left out.
Every row has an `event_date` and a real country (`iso` its ISO 3166-1 numeric code,
`event_id_cnty` its ISO3 code and a stable number, as ACLED writes "SDN12345"); an event with no
date or no country anywhere (place, actor, target) is not an ACLED event and is left out, counted.
Fatalities follow ACLED's rule of the most conservative report: the lowest figure any report gives.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from .fields import acled_codes, country, country_of, days, joined, number

SUFFIX, BINARY, READS, UNIT = ".csv", False, "events", "incident"
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
_GEO = {"point": 1, "city": 1, "admin2": 2, "region": 2, "admin1": 3, "country": 3}


def _types(row: dict[str, Any]) -> tuple[str, str] | None:
    """ACLED's event and sub-event type: the coder's, else the one of the PLOVER root (data/acled.json);
    None for what ACLED does not record as an event (talks, accusations, demands, denials)."""
    if row.get("acled_event_type"):
        return row["acled_event_type"], row["acled_sub_event_type"] or ""
    found = acled_codes()["from_plover"].get(row["type"])
    return (found[0], found[1]) if found else None


def _interaction(inter1: int, inter2: int) -> int | str:
    """ACLED's two-digit code, lower actor type first; a sole actor is its type and 0 (e.g. 10)."""
    present = sorted(i for i in (inter1, inter2) if i)
    if not present:
        return ""
    return present[0] * 10 + (present[1] if len(present) > 1 else 0)


def _fatalities(row: dict[str, Any]) -> int:
    figures = [row.get(c) for c in ("fatalities_low", "fatalities_best") if row.get(c) is not None]
    return min(figures) if figures else 0


def acled_row(row: dict[str, Any], stamp: int) -> dict[str, Any] | None:
    """One ACLED row, or None when the event has no date or no country."""
    code, types = country_of(row), _types(row)
    if code is None or not row.get("date_start") or types is None:
        return None
    codes = acled_codes()
    event_type, sub_event_type = types
    inter1 = codes["inter"].get(row.get("actor_sector") or "", 8 if row.get("actor_name") else 0)
    inter2 = codes["inter"].get(row.get("target_sector") or "", 8 if row.get("target_name") else 0)
    name, numeric = country(code)
    span = days(row)
    located = (row.get("country") or "").upper() == code  # the place lies in the row's country
    factuality = row.get("factuality") or "asserted"
    return {
        "event_id_cnty": f"{code}{number(row['uid'])}",
        "event_date": row["date_start"], "year": int(row["date_start"][:4]),
        "time_precision": "" if span is None else 1 if span == 1 else 2 if span <= 7 else 3,
        "disorder_type": codes["disorder_type"].get(event_type, "Strategic developments"),
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": row.get("actor_name") or "", "assoc_actor_1": "", "inter1": inter1 or "",
        "actor2": row.get("target_name") or "", "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if row.get("target_sector") == "CVL" else "",
        "iso": int(numeric) if numeric else 0, "region": "", "country": name,
        "admin1": row["place_name"] if located and row.get("geo_precision") == "admin1" else "",
        "admin2": row["place_name"] if located and row.get("geo_precision") == "admin2" else "", "admin3": "",
        "location": (row.get("place_name") or "") if located else name,
        "latitude": row["lat"] if located and row.get("lat") is not None else "",
        "longitude": row["lon"] if located and row.get("lon") is not None else "",
        "geo_precision": _GEO.get(row.get("geo_precision") or "", 3) if located else 3,
        "source": joined(row.get("outlets") or [row.get("outlet")]), "source_scale": "",
        "notes": " ".join((row.get("evidence_text") or "").split()),
        "fatalities": _fatalities(row),
        "tags": "" if factuality == "asserted" else f"factuality: {factuality}",
        "timestamp": stamp,
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = int(time.time())
    count = 0
    for row in rows:
        values = acled_row(row, stamp)
        if values is None:
            if left_out is not None:
                left_out["no ACLED category" if _types(row) is None else "no date" if not row.get("date_start")
                         else "no country"] += 1
            continue
        writer.writerow(values)
        count += 1
    return count
