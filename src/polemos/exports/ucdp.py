"""UCDP GED CSV: the column names and order of the UCDP Georeferenced Event Dataset (GED codebook).
One row per event report; the dataset's own ids (conflict, dyad, Gleditsch-Ward numbers) are
left empty because only UCDP assigns them."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from typing import IO, Any

from ..records import content_id
from .fields import country, days

SUFFIX, BINARY, READS = ".csv", False, "events"
COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)
STATE = frozenset({"GOV", "MIL", "COP", "SPY"})
_WHERE = {"point": 1, "city": 2, "admin2": 3, "admin1": 4, "region": 5, "country": 6}


def priogrid(lat: float | None, lon: float | None) -> int | str:
    """The PRIO-GRID cell (0.5 degree, numbered from the south-west corner, rows of 720)."""
    if lat is None or lon is None:
        return ""
    row = min(359, int(math.floor((lat + 90) / 0.5)))
    col = min(719, int(math.floor((lon + 180) / 0.5)))
    return row * 720 + col + 1


def _violence(row: dict[str, Any]) -> int:
    a, b = row.get("actor_sector"), row.get("target_sector")
    if b == "CVL" or a == "CVL":
        return 3  # one-sided violence
    return 1 if (a in STATE or b in STATE) else 2  # state-based, else non-state


def _deaths(row: dict[str, Any]) -> tuple[int, int, int, int]:
    """Deaths by side where the text split them; the rest unknown."""
    a = b = civ = 0
    split = json.loads(row["fatalities_by"]) if row.get("fatalities_by") else []
    for part in split:
        name, sector = part["party"].get("name"), part["party"].get("sector")
        if sector == "CVL":
            civ += part["count"]
        elif name and name == row.get("actor_name"):
            a += part["count"]
        elif name and name == row.get("target_name"):
            b += part["count"]
    best = row.get("fatalities_best") or 0
    return a, b, civ, max(0, best - a - b - civ)


def ged_row(row: dict[str, Any]) -> dict[str, Any]:
    span = days(row)
    lat, lon = row.get("lat"), row.get("lon")
    deaths_a, deaths_b, deaths_civ, deaths_unknown = _deaths(row)
    best = row.get("fatalities_best") or 0
    return {
        "id": int(content_id(row["uid"].encode())[:12], 16) % 10**12, "relid": row["uid"],
        "year": (row["date_start"] or "")[:4], "active_year": "", "code_status": "polemos",
        "type_of_violence": _violence(row), "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "",
        "dyad_dset_id": "", "dyad_new_id": "",
        "dyad_name": " - ".join(x for x in (row.get("actor_name"), row.get("target_name")) if x),
        "side_a_dset_id": "", "side_a_new_id": "", "side_a": row.get("actor_name") or "",
        "side_b_dset_id": "", "side_b_new_id": "", "side_b": row.get("target_name") or "",
        "number_of_sources": 1, "source_article": row.get("url") or "", "source_office": row.get("outlet") or "",
        "source_date": row.get("published") or "", "source_headline": row.get("title") or "",
        "source_original": row.get("fatalities_claimed_by") or row.get("claimed_by") or "",
        "where_prec": _WHERE.get(row.get("geo_precision") or "", 7 if lat is None else 2),
        "where_coordinates": row.get("place_name") or "", "where_description": row.get("place_text") or "",
        "adm_1": row["place_name"] if row.get("geo_precision") == "admin1" else "",
        "adm_2": row["place_name"] if row.get("geo_precision") == "admin2" else "",
        "latitude": lat if lat is not None else "", "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": priogrid(lat, lon), "country": country(row.get("country"))[0], "country_id": "",
        "region": "", "event_clarity": 1 if not row["hypothetical"] else 2,
        "date_prec": "" if span is None else 1 if span == 1 else 2 if span <= 6 else 3 if span <= 7 else 4 if span <= 31 else 5,
        "date_start": row["date_start"] or "", "date_end": row["date_end"] or "",
        "deaths_a": deaths_a, "deaths_b": deaths_b, "deaths_civilians": deaths_civ, "deaths_unknown": deaths_unknown,
        "best": best, "high": row.get("fatalities_high") if row.get("fatalities_high") is not None else best,
        "low": row.get("fatalities_low") if row.get("fatalities_low") is not None else best,
        "gwnoa": "", "gwnob": "",
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(ged_row(row))
        count += 1
    return count
