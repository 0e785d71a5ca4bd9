"""Summaries of the events a query selects, computed in SQL so a view of a million events sends a
few hundred rows: counts per day (timeline), per grid cell (map) and per dyad and root (network)."""

from __future__ import annotations

from typing import Any

from ..query import EventQuery, where_clause
from .backend import Backend

MAX_CELLS = 2000
MAX_EDGES = 500


def daily_counts(db: Backend, query: EventQuery) -> dict[str, Any]:
    """Events and fatalities per day, for events dated to one day; events dated only to a week,
    month or year are counted apart (spreading them over days would invent a precision)."""
    where, params = where_clause(query, db.dialect)
    rows = db.query_dicts(  # one pass in date order (the covering index events_days), no sort
        "SELECT e.date_start AS day, COUNT(*) AS events, "
        "SUM(CASE WHEN e.date_start = e.date_end THEN 1 ELSE 0 END) AS single, "
        "SUM(CASE WHEN e.date_start = e.date_end THEN COALESCE(e.fatalities_best, 0) ELSE 0 END) AS fatalities "
        f"FROM events e WHERE {where} GROUP BY e.date_start ORDER BY e.date_start", params)
    days = [{"day": str(r["day"]), "events": int(r["single"]), "fatalities": int(r["fatalities"] or 0)}
            for r in rows if r["day"] is not None and int(r["single"] or 0)]
    return {
        "days": days,
        "coarser": sum(int(r["events"]) - int(r["single"] or 0) for r in rows if r["day"] is not None),
        "undated": sum(int(r["events"]) for r in rows if r["day"] is None),
    }


def _cell(column: str, offset: float, dialect: str) -> str:
    """The grid index of a coordinate: floor((value + offset) / size), written for each backend."""
    if dialect == "postgresql":
        return f"CAST(floor(({column} + {offset}) / ?) AS INTEGER)"
    return f"CAST(({column} + {offset}) / ? AS INTEGER)"  # the value is never negative: CAST truncates = floor


def map_cells(db: Backend, query: EventQuery, cell_degrees: float, limit: int = MAX_CELLS) -> list[dict[str, Any]]:
    """Located events grouped in a grid of `cell_degrees`: count, fatalities, centre; the event itself
    (uid, document) when a cell holds one, so the map can link a single point to its evidence."""
    where, params = where_clause(query, db.dialect)
    gy, gx = _cell("e.lat", 90.0, db.dialect), _cell("e.lon", 180.0, db.dialect)
    rows = db.query_dicts(
        f"SELECT {gy} AS gy, {gx} AS gx, COUNT(*) AS events, SUM(COALESCE(e.fatalities_best, 0)) AS fatalities, "
        "AVG(e.lat) AS lat, AVG(e.lon) AS lon, MIN(e.lat) AS south, MAX(e.lat) AS north, MIN(e.lon) AS west, "
        "MAX(e.lon) AS east, MIN(e.uid) AS uid "
        f"FROM events e WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
        "GROUP BY gy, gx ORDER BY events DESC, gy, gx LIMIT ?",
        [cell_degrees, cell_degrees, *params, limit])
    cells = []
    for row in rows:
        count = int(row["events"])
        cells.append({
            "lat": float(row["lat"]), "lon": float(row["lon"]), "events": count, "fatalities": int(row["fatalities"] or 0),
            "bounds": [float(row["west"]), float(row["south"]), float(row["east"]), float(row["north"])],
            "uid": row["uid"] if count == 1 else None,
        })
    return cells


def network(db: Backend, query: EventQuery, limit: int = MAX_EDGES) -> dict[str, Any]:
    """Who acts on whom: one edge per (actor, target, PLOVER root) with its number of events."""
    where, params = where_clause(query, db.dialect)
    rows = db.query_dicts(
        "SELECT e.actor_id AS source, MAX(e.actor_name) AS source_name, MAX(e.actor_country) AS source_country, "
        "e.target_id AS target, MAX(e.target_name) AS target_name, MAX(e.target_country) AS target_country, "
        "e.type AS type, COUNT(*) AS events FROM events e "
        f"WHERE {where} AND e.actor_id IS NOT NULL AND e.target_id IS NOT NULL AND e.actor_id <> e.target_id "
        "GROUP BY e.actor_id, e.target_id, e.type ORDER BY events DESC, source, target, type LIMIT ?",
        [*params, limit])
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for row in rows:
        for side in ("source", "target"):
            node = nodes.setdefault(row[side], {"id": row[side], "name": row[f"{side}_name"] or row[side],
                                                "country": row[f"{side}_country"], "events": 0})
            node["events"] += int(row["events"])
        edges.append({"source": row["source"], "target": row["target"], "type": row["type"], "events": int(row["events"])})
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])), "edges": edges}
