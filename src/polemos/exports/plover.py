"""PLOVER JSON Lines: the field names of the PLOVER manual's "Data Fields" chapter (event record:
id, date, enddate, actor, recipient, event, mode, event_loc, event_text, quad_code, link,
cite_info, coder, coded_date, comment; entity: code, sector, entity_text, identifier_id,
identifier_text; location: extracted_place, resolved_place, geonameid, lat, lon, country,
country_code, resolution; citation: url, title, publication, language, coder, codebook), with
polemos' additions under names of their own (factuality, fatalities, cameo, reports).

One record per incident by default (`event_text` every report's sentence, `reports` each report's
citation, `link` the incident id), or per report. `date` is required by the manual: an event
with no date is left out, counted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from .. import __version__
from .cameo import quad_class
from .fields import country

SUFFIX, BINARY, READS, UNIT = ".jsonl", False, "events", "incident"
# The manual's location resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
_RESOLUTION = {"point": 5, "city": 4, "admin2": 3, "admin1": 2, "region": 2, "country": 1}


def _entity(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if not row.get(f"{side}_name"):
        return []
    code = row[f"{side}_country"]
    return [{
        "code": code if country(code)[0] else None, "sector": row[f"{side}_sector"],
        "entity_text": row[f"{side}_text"], "identifier_id": row[f"{side}_id"], "identifier_text": row[f"{side}_name"],
        "country_name": country(code)[0] or None,
    }]


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row.get("place_name"):
        return None
    code = row.get("country")
    return {"extracted_place": row["place_text"], "resolved_place": row["place_name"], "geonameid": row["geonames_id"],
            "lat": row["lat"], "lon": row["lon"], "country": country(code)[0] or None,
            "country_code": code if country(code)[0] else None,
            "resolution": _RESOLUTION.get(row.get("geo_precision") or ""), "precision": row.get("geo_precision")}


def _citation(url: Any, title: Any, outlet: Any, published: Any) -> dict[str, Any]:
    return {"url": url, "title": title, "publication": outlet, "published": published, "language": "en",
            "coder": f"polemos {__version__}", "codebook": "PLOVER"}


def plover_record(row: dict[str, Any], coded: str | None = None) -> dict[str, Any] | None:
    """One record, or None when the event has no date (the manual requires one)."""
    if not row.get("date_start"):
        return None
    factuality = row.get("factuality") or "asserted"
    quad = quad_class(row["cameo"]) if row.get("cameo") else ""
    record = {
        "id": row["uid"],
        "has_event": True,
        "date": row["date_start"],
        "enddate": row["date_end"] if row.get("date_end") and row["date_end"] != row["date_start"] else None,
        "actor": _entity(row, "actor"),
        "recipient": _entity(row, "target"),
        "event": [row["type"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": [],
        "event_loc": _location(row),
        "event_text": list(row.get("evidence_texts") or [row["evidence_text"]]),
        "quad_code": quad if quad != "" else None,
        "link": row.get("incident_id") or None,
        "cite_info": _citation(row.get("url"), row.get("title"), row.get("outlet"), row.get("published")),
        "coder": "polemos",
        "coded_date": coded or date.today().isoformat(),
        "comment": None if factuality == "asserted" else f"not reported as having happened: {factuality}",
        "factuality": factuality,
        "fatalities": {"best": row["fatalities_best"], "low": row["fatalities_low"], "high": row["fatalities_high"],
                       "claimed_by": row["fatalities_claimed_by"]} if row["fatalities_best"] is not None else None,
        "cameo": row["cameo"],
    }
    if row.get("unit") == "incident":
        record["reports"] = row.get("citations", [])
        record["sources"] = row.get("outlets", [])
    return record


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    count = 0
    coded = date.today().isoformat()
    for row in rows:
        record = plover_record(row, coded)
        if record is None:
            if left_out is not None:
                left_out["no date"] += 1
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
