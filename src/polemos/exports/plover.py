"""PLOVER JSON Lines: the field names of the PLOVER manual's data-fields chapter (id, date,
enddate, actor, recipient, event, mode, event_loc, event_text, cite_info, coder, coded_date, ...)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from .fields import country

SUFFIX, BINARY, READS = ".jsonl", False, "events"


def _entity(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if not row.get(f"{side}_name"):
        return []
    code = row[f"{side}_country"]
    return [{
        "raw_text": row[f"{side}_text"], "entity_name": row[f"{side}_name"],
        "country_name": country(code)[0] or None, "code": code, "sector_code": row[f"{side}_sector"],
        "identifier_id": row[f"{side}_id"],
    }]


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    location = None
    if row.get("place_name"):
        location = {"name": row["place_name"], "placename": row["place_text"], "lat": row["lat"], "lon": row["lon"],
                    "geonameid": row["geonames_id"], "country_code": row["country"], "feature_class": row["geo_precision"]}
    return {
        "id": row["uid"],
        "has_event": not (row["negated"] or row["hypothetical"]),
        "date": row["date_start"],
        "enddate": row["date_end"] if row["date_end"] != row["date_start"] else None,
        "actor": _entity(row, "actor"),
        "recipient": _entity(row, "target"),
        "event": [row["type"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": [],
        "event_loc": location,
        "event_text": [row["evidence_text"]],
        "link": row.get("incident_id") or None,
        "cite_info": {"url": row.get("url"), "outlet": row.get("outlet"), "title": row.get("title"),
                      "published": row.get("published")},
        "coder": "polemos",
        "coded_date": date.today().isoformat(),
        "fatalities": {"best": row["fatalities_best"], "low": row["fatalities_low"], "high": row["fatalities_high"],
                       "claimed_by": row["fatalities_claimed_by"]} if row["fatalities_best"] is not None else None,
        "cameo": row["cameo"],
        "comment": "negated" if row["negated"] else "hypothetical" if row["hypothetical"] else None,
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count
