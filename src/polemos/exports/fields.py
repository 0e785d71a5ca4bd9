"""What several export formats share: stored rows back into the event contract, country names,
date precision. Knowledge (ACLED's codes) is read from data/acled.json."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

# Columns of the events table every flat format (csv, parquet) writes, document fields after them.
FLAT_COLUMNS = (
    "uid", "document_id", "event_id", "incident_id", "type", "mode", "cameo", "acled_event_type",
    "acled_sub_event_type", "actor_text", "actor_name", "actor_country", "actor_sector", "actor_id", "target_text",
    "target_name", "target_country", "target_sector", "target_id", "place_text", "place_name", "country", "lat",
    "lon", "geonames_id", "geo_precision", "date_text", "date_value", "date_precision", "date_source", "date_start",
    "date_end", "fatalities_best", "fatalities_low", "fatalities_high", "injured", "fatalities_claimed_by",
    "evidence_start", "evidence_end", "evidence_text", "trigger_text", "negated", "hypothetical", "factuality", "confidence",
    "claimed_by", "title", "url", "outlet", "published",
)
REAL_COLUMNS = frozenset({"lat", "lon", "confidence"})
INT_COLUMNS = frozenset({"geonames_id", "fatalities_best", "fatalities_low", "fatalities_high", "injured",
                         "evidence_start", "evidence_end", "negated", "hypothetical"})


@lru_cache(maxsize=1)
def acled_codes() -> dict[str, Any]:
    return json.loads(resources.files("polemos").joinpath("data", "acled.json").read_text("utf-8"))


# Codes in use for countries ISO 3166-1 has not assigned (user-assigned X codes): Kosovo.
EXTRA_COUNTRIES = {"XKX": ("Kosovo", "")}


@lru_cache(maxsize=512)
def country(code: str | None) -> tuple[str, str]:
    """(name, ISO numeric) for an ISO3 country code; ("", "") for anything else (IGO, a joint actor
    such as TUR+QAT, a typo), so no export ever writes a made-up country."""
    if not code:
        return "", ""
    import pycountry

    found = pycountry.countries.get(alpha_3=code.upper()) if len(code) == 3 and code.isalpha() else None
    if found is not None:
        return found.name, found.numeric
    return EXTRA_COUNTRIES.get(code.upper(), ("", ""))


def country_of(row: dict[str, Any]) -> str | None:
    """The ISO3 country an exported event belongs to: its place's, else its actor's, else its target's."""
    for column in ("country", "actor_country", "target_country"):
        code = (row.get(column) or "").upper()
        if country(code)[0]:
            return code
    return None


def number(uid: str, digits: int = 9) -> int:
    """A stable number for an id (ACLED and UCDP ids are numbers): the same event, the same number."""
    from ..records import content_id

    return int(content_id(uid.encode("utf-8"))[:15], 16) % 10 ** digits


def joined(values: Any, limit: int = 2000) -> str:
    """A list (several reports' outlets, URLs) as one cell, '; '-separated as ACLED writes sources."""
    if not values:
        return ""
    text = "; ".join(str(v) for v in values if v not in (None, ""))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def party(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if not row.get(f"{side}_name"):
        return None
    return {"text": row[f"{side}_text"], "name": row[f"{side}_name"], "country": row[f"{side}_country"],
            "sector": row[f"{side}_sector"], "id": row[f"{side}_id"]}


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event in the shape of the JSON contract, with its document and incident."""
    location = None
    if row.get("place_name"):
        location = {k: row[c] for k, c in (("text", "place_text"), ("name", "place_name"), ("country", "country"),
                                          ("lat", "lat"), ("lon", "lon"), ("geonames_id", "geonames_id"),
                                          ("precision", "geo_precision"))}
    fatalities = None
    if any(row.get(c) is not None for c in ("fatalities_best", "fatalities_low", "fatalities_high")):
        fatalities = {"best": row["fatalities_best"], "low": row["fatalities_low"], "high": row["fatalities_high"],
                      "by": json.loads(row["fatalities_by"]) if row.get("fatalities_by") else [],
                      "claimed_by": row["fatalities_claimed_by"], "injured": row["injured"], "text": row["fatalities_text"]}
    return {
        "id": row["uid"], "type": row["type"], "mode": row["mode"], "cameo": row["cameo"],
        "acled": {"event_type": row["acled_event_type"], "sub_event_type": row["acled_sub_event_type"]}
        if row.get("acled_event_type") else None,
        "actor": party(row, "actor"), "target": party(row, "target"), "location": location,
        "date": {"text": row["date_text"], "value": row["date_value"], "precision": row["date_precision"],
                 "source": row["date_source"]} if row.get("date_value") else None,
        "fatalities": fatalities,
        "evidence": {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]},
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"], "text": row["trigger_text"]},
        "negated": bool(row["negated"]), "hypothetical": bool(row["hypothetical"]), "confidence": row["confidence"],
        "factuality": row.get("factuality") or "asserted",
        "mentions": json.loads(row["mentions"]) if row.get("mentions") else [],
        "claimed_by": row["claimed_by"], "incident_id": row.get("incident_id") or None,
        "document": {"id": row["document_id"], "source_id": row.get("source_id"), "title": row.get("title"),
                     "url": row.get("url"), "outlet": row.get("outlet"), "published": row.get("published")},
    }


def flat(row: dict[str, Any]) -> dict[str, Any]:
    values = {c: row.get(c) for c in FLAT_COLUMNS}
    values["incident_id"] = values["incident_id"] or None
    return values


def days(row: dict[str, Any]) -> int | None:
    """How many days the event's date spans (1 for a day, 7 for a week...)."""
    from datetime import date

    if not row.get("date_start") or not row.get("date_end"):
        return None
    return (date.fromisoformat(row["date_end"]) - date.fromisoformat(row["date_start"])).days + 1
