"""One query layer over stored events: the CLI, the exports and the API all ask through `EventQuery`.

A query is a frozen record; `where_clause` turns it into SQL for either backend. Every filter
maps onto an indexed column, so a filtered page stays fast on millions of events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .errors import InputError

EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to read. Empty tuples and None mean "any"."""

    actors: tuple[str, ...] = ()  # canonical name or actor id, on either side
    countries: tuple[str, ...] = ()  # ISO3 of the place or of either side
    types: tuple[str, ...] = ()  # PLOVER roots
    place: str | None = None  # a place name as stored
    near: tuple[float, float] | None = None  # (lat, lon); with radius_km
    radius_km: float | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None  # words (a phrase) in the evidence sentence
    incident: str | None = None
    documents: tuple[str, ...] = ()
    factual: bool = False  # only live events: reported as having happened (factuality 'asserted')
    limit: int | None = 100
    offset: int = 0
    order: str = "date_desc"  # date_desc | date_asc

    def page(self, limit: int | None, offset: int = 0) -> "EventQuery":
        return replace(self, limit=limit, offset=offset)


def km(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float | None:
    """Great-circle distance in kilometres (haversine); None when a point is missing."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)  # type: ignore[arg-type]
    dp, dl = p2 - p1, math.radians(lon2 - lon1)  # type: ignore[operator]
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join('?' for _ in values)})"


def where_clause(query: EventQuery, dialect: str, prefix: str = "e.") -> tuple[str, list[Any]]:
    """The WHERE clause (without the keyword) and its parameters; '1=1' when nothing filters."""
    parts: list[str] = []
    params: list[Any] = []
    p = prefix
    if query.types:
        types = tuple(t.upper() for t in query.types)
        parts.append(_in(f"{p}type", types))
        params += types
    if query.actors:
        sides = " OR ".join(_in(f"{p}{col}", query.actors) for col in ("actor_name", "target_name", "actor_id", "target_id"))
        parts.append(f"({sides})")
        params += list(query.actors) * 4
    if query.countries:
        codes = tuple(c.upper() for c in query.countries)
        sides = " OR ".join(_in(f"{p}{col}", codes) for col in ("country", "actor_country", "target_country"))
        parts.append(f"({sides})")
        params += list(codes) * 3
    if query.place and query.near is None:
        parts.append(f"{p}place_name = ?")
        params.append(query.place)
    if query.near is not None:
        lat, lon = query.near
        radius = query.radius_km if query.radius_km is not None else 25.0
        dlat = radius / 111.0
        dlon = radius / max(1.0, 111.0 * math.cos(math.radians(lat)))
        parts.append(f"{p}lat BETWEEN ? AND ? AND {p}lon BETWEEN ? AND ? AND polemos_km({p}lat, {p}lon, ?, ?) <= ?")
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lon, radius]
    if query.since:
        parts.append(f"{p}date_end >= ?")
        params.append(query.since.isoformat())
    if query.until:
        parts.append(f"{p}date_start <= ?")
        params.append(query.until.isoformat())
    if query.text:  # words, in order, case-insensitive, through each backend's full-text index
        if dialect == "postgresql":
            # ARRAY(...) is planned on its own, through the GIN index, however common the words look.
            parts.append(f"{p}uid = ANY(ARRAY(SELECT uid FROM events WHERE evidence_tsv @@ phraseto_tsquery('simple', ?)))")
            params.append(query.text)
        else:
            parts.append(f"{p}rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            params.append('"' + query.text.replace('"', '""') + '"')
    if query.incident:
        parts.append(f"{p}incident_id = ?")
        params.append(query.incident)
    if query.documents:
        parts.append(_in(f"{p}document_id", query.documents))
        params += list(query.documents)
    if query.factual:
        parts.append(f"{p}factuality = 'asserted'")
    return (" AND ".join(parts) or "1=1"), params


def order_clause(query: EventQuery, prefix: str = "e.") -> str:
    direction = "ASC" if query.order == "date_asc" else "DESC"
    return f"ORDER BY {prefix}date_start {direction}, {prefix}uid {direction}"


def parse_near(value: str) -> tuple[float, float]:
    """'33.6,73.1' -> (33.6, 73.1), with a message a person can act on."""
    try:
        lat_text, lon_text = value.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError as err:
        raise InputError(f"{value!r} is not a point: write LAT,LON such as 33.69,73.05.") from err
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{value!r} is off the globe: latitude is -90..90, longitude -180..180.")
    return lat, lon
