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

    actors: tuple[str, ...] = ()  # actor names, aliases or ids, on either side (the store widens aliases)
    actors_expanded: bool = False  # `actors` already holds every stored name and id they stand for
    countries: tuple[str, ...] = ()  # ISO3 of the place or of either side
    types: tuple[str, ...] = ()  # PLOVER roots
    modes: tuple[str, ...] = ()  # PLOVER modes ("aerial", "ceasefire")
    place: str | None = None  # a place name as stored
    near: tuple[float, float] | None = None  # (lat, lon); with radius_km
    radius_km: float | None = None
    bbox: tuple[float, float, float, float] | None = None  # (west, south, east, north) in degrees: a map's view
    since: date | None = None
    until: date | None = None
    text: str | None = None  # words (a phrase) in the evidence sentence
    incident: str | None = None
    documents: tuple[str, ...] = ()
    factual: bool = False  # only live events: reported as having happened (factuality 'asserted')
    limit: int | None = 100
    offset: int = 0
    order: str = "date_desc"  # date_desc | date_asc
    # Keyset page: only events after this (date_start, uid) in `order` (the last row of the previous page).
    after: tuple[str | None, str] | None = None

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


# The columns a country filter matches, any of them: the place's country and either side's.
COUNTRY_COLUMNS = ("country", "actor_country", "target_country")


def where_clause(query: EventQuery, dialect: str, prefix: str = "e.",
                 country_column: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (without the keyword) and its parameters; '1=1' when nothing filters.

    With `country_column` the countries match that one column only: one branch of a page read as a
    union of one indexed branch per column (Store.events), instead of an OR no index serves in order.
    """
    parts: list[str] = []
    params: list[Any] = []
    p = prefix
    if query.types:
        types = tuple(t.upper() for t in query.types)
        parts.append(_in(f"{p}type", types))
        params += types
    if query.modes:
        modes = tuple(m.lower() for m in query.modes)
        parts.append(_in(f"{p}mode", modes))
        params += modes
    if query.actors:
        sides = " OR ".join(_in(f"{p}{col}", query.actors) for col in ("actor_name", "target_name", "actor_id", "target_id"))
        parts.append(f"({sides})")
        params += list(query.actors) * 4
    if query.countries:
        codes = tuple(c.upper() for c in query.countries)
        columns = (country_column,) if country_column else COUNTRY_COLUMNS
        sides = " OR ".join(_in(f"{p}{col}", codes) for col in columns)
        parts.append(f"({sides})")
        params += list(codes) * len(columns)
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
    if query.bbox is not None:
        west, south, east, north = query.bbox
        parts.append(f"{p}lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            parts.append(f"{p}lon BETWEEN ? AND ?")
            params += [west, east]
        else:  # a view across the antimeridian
            parts.append(f"({p}lon >= ? OR {p}lon <= ?)")
            params += [west, east]
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
    if query.after is not None:
        clause, more = after_clause(query, dialect, prefix)
        parts.append(clause)
        params += more
    return (" AND ".join(parts) or "1=1"), params


def after_clause(query: EventQuery, dialect: str, prefix: str = "e.") -> tuple[str, list[Any]]:
    """Rows that `order_clause` puts after the keyset (date_start, uid) of `query.after`.

    Undated events sort as each database sorts NULL: last in SQLite's descending order, first in
    PostgreSQL's, so the clause says where the NULL block lies relative to the dated rows.
    """
    assert query.after is not None
    day, uid = query.after
    p = prefix
    descending = query.order != "date_asc"
    cmp = "<" if descending else ">"
    nulls_after_dated = descending == (dialect != "postgresql")  # SQLite: NULL lowest; PostgreSQL: NULL highest
    if day is None:
        same = f"({p}date_start IS NULL AND {p}uid {cmp} ?)"
        return (same if nulls_after_dated else f"({same} OR {p}date_start IS NOT NULL)"), [uid]
    dated = f"({p}date_start {cmp} ? OR ({p}date_start = ? AND {p}uid {cmp} ?))"
    return (f"({dated} OR {p}date_start IS NULL)" if nulls_after_dated else dated), [day, day, uid]


def order_clause(query: EventQuery, prefix: str = "e.") -> str:
    direction = "ASC" if query.order == "date_asc" else "DESC"
    return f"ORDER BY {prefix}date_start {direction}, {prefix}uid {direction}"


def page_uids(query: EventQuery, dialect: str) -> tuple[str, list[Any]]:
    """SQL for the uids of one page (`query.limit` is set), in `order_clause` order.

    A country filter matches any of three columns: one OR over them is served by no index in date
    order, so a page would sort every match. Instead each column is its own branch, read from its
    (column, date_start, uid, type) index in order and stopped after the page; their union, sorted,
    is the page. Without countries, one branch.
    """
    assert query.limit is not None
    if not query.countries:
        where, params = where_clause(query, dialect)
        return f"SELECT e.uid FROM events e WHERE {where} {order_clause(query)} LIMIT ? OFFSET ?", [
            *params, query.limit, query.offset]
    branches, params = [], []
    for number, column in enumerate(COUNTRY_COLUMNS):
        where, more = where_clause(query, dialect, country_column=column)
        branches.append(f"SELECT * FROM (SELECT e.date_start, e.uid FROM events e WHERE {where} "
                        f"{order_clause(query)} LIMIT ?) AS b{number}")
        params += [*more, query.limit + query.offset]
    keys = " UNION ".join(branches)
    return f"SELECT u.uid FROM ({keys}) u {order_clause(query, 'u.')} LIMIT ? OFFSET ?", [
        *params, query.limit, query.offset]


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """'60,29,75,38' (west,south,east,north) -> a box, with a message a person can act on."""
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError as err:
        raise InputError(f"{value!r} is not a box: write WEST,SOUTH,EAST,NORTH in degrees, such as 60,29,75,38.") from err
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise InputError(f"{value!r} is off the globe: longitudes -180..180, latitudes -90..90 with south <= north.")
    return west, south, east, north


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
