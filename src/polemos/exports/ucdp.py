"""UCDP GED CSV: the column names and order of the UCDP Georeferenced Event Dataset (GED codebook),
one row per incident by default (`number_of_sources` the articles that told it, their URLs,
outlets, dates and headlines joined with "; "; best/low/high over all reports), or per report.
The dataset's own ids (conflict, dyad, Gleditsch-Ward numbers) are left empty because only UCDP
assigns them. GED holds organised violence that killed: only ASSAULT events with a death toll and a
real country are written; the others are left out and counted.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from .fields import country, country_of, days, joined, number

SUFFIX, BINARY, READS, UNIT = ".csv", False, "events", "incident"
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


def _date_prec(span: int | None) -> int | str:
    """GED's date precision: 1 the day, 2 within 2-6 days, 3 a week, 4 a month, 5 longer."""
    if span is None:
        return ""
    return 1 if span == 1 else 2 if span <= 6 else 3 if span <= 7 else 4 if span <= 31 else 5


def ged_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """One GED row, or None when the event is not deadly organised violence with a date and a country."""
    code = country_of(row)
    best_given = row.get("fatalities_best") if row.get("fatalities_best") is not None else row.get("fatalities_high")
    if row["type"] != "ASSAULT" or not best_given or code is None or not row.get("date_start"):
        return None
    span = days(row)
    located = (row.get("country") or "").upper() == code
    lat, lon = (row.get("lat"), row.get("lon")) if located else (None, None)
    deaths_a, deaths_b, deaths_civ, deaths_unknown = _deaths(row)
    best = row.get("fatalities_best") or 0
    low = row.get("fatalities_low") if row.get("fatalities_low") is not None else best
    high = row.get("fatalities_high") if row.get("fatalities_high") is not None else best
    place = row.get("place_name") if located else None
    return {
        "id": number(row["uid"], 12), "relid": row["uid"],
        "year": int(row["date_start"][:4]), "active_year": "", "code_status": "polemos",
        "type_of_violence": _violence(row), "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "",
        "dyad_dset_id": "", "dyad_new_id": "",
        "dyad_name": " - ".join(x for x in (row.get("actor_name"), row.get("target_name")) if x),
        "side_a_dset_id": "", "side_a_new_id": "", "side_a": row.get("actor_name") or "",
        "side_b_dset_id": "", "side_b_new_id": "", "side_b": row.get("target_name") or "",
        "number_of_sources": row.get("documents") or 1,
        "source_article": joined(row.get("urls") or [row.get("url")]),
        "source_office": joined(row.get("outlets") or [row.get("outlet")]),
        "source_date": joined(row.get("published_dates") or [row.get("published")]),
        "source_headline": joined(row.get("titles") or [row.get("title")]),
        "source_original": joined(dict.fromkeys(c.get("claimed_by") for c in row.get("fatalities_claims") or []))
        or row.get("fatalities_claimed_by") or row.get("claimed_by") or "",
        "where_prec": _WHERE.get(row.get("geo_precision") or "", 6) if place else 6,
        "where_coordinates": place or country(code)[0], "where_description": (row.get("place_text") or "") if place else "",
        "adm_1": place if place and row.get("geo_precision") == "admin1" else "",
        "adm_2": place if place and row.get("geo_precision") == "admin2" else "",
        "latitude": lat if lat is not None else "", "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": priogrid(lat, lon), "country": country(code)[0], "country_id": "",
        "region": "", "event_clarity": 1 if (row.get("factuality") or "asserted") == "asserted" else 2,
        "date_prec": _date_prec(span),
        "date_start": row["date_start"], "date_end": row["date_end"] or row["date_start"],
        "deaths_a": deaths_a, "deaths_b": deaths_b, "deaths_civilians": deaths_civ, "deaths_unknown": deaths_unknown,
        "best": best, "high": max(high, best), "low": min(low, best),
        "gwnoa": "", "gwnob": "",
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        values = ged_row(row)
        if values is None:
            if left_out is not None:
                left_out[_why_not(row)] += 1
            continue
        writer.writerow(values)
        count += 1
    return count


def _why_not(row: dict[str, Any]) -> str:
    if row["type"] != "ASSAULT":
        return "not armed violence"
    if not (row.get("fatalities_best") or row.get("fatalities_high")):
        return "no deaths reported"
    return "no date" if not row.get("date_start") else "no country"
