"""The map's country boundaries, offline: Natural Earth's countries as TopoJSON from the npm package
world-atlas (installed by `make install` into node_modules/), decoded here into plain rings.

Looked for in: the path given (--basemap or $POLEMOS_BASEMAP), then node_modules/world-atlas beside
the source tree, then in the working directory. Without it the map draws a graticule and says so.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

NAME = "countries-110m.json"


def candidates(given: str | None = None) -> list[Path]:
    found = [Path(p) for p in (given, os.environ.get("POLEMOS_BASEMAP")) if p]
    repo = Path(__file__).resolve().parents[3]  # src/polemos/serve -> the checkout of an editable install
    found += [repo / "node_modules" / "world-atlas" / NAME, Path.cwd() / "node_modules" / "world-atlas" / NAME]
    return found


def locate(given: str | None = None) -> Path | None:
    return next((p for p in candidates(given) if p.is_file()), None)


def decode(topology: dict[str, Any], layer: str = "countries") -> list[dict[str, Any]]:
    """TopoJSON -> [{id, name, rings: [[[lon, lat], ...], ...]}]: arcs un-delta-encoded and
    un-quantised, each polygon's rings joined from its arcs (a negative index runs an arc backwards)."""
    transform = topology.get("transform")
    arcs: list[list[list[float]]] = []
    for arc in topology["arcs"]:
        points, x, y = [], 0.0, 0.0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, 3), round(y * sy + ty, 3)])
            else:
                points.append([position[0], position[1]])
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])  # consecutive arcs share their joining point
        return points

    shapes = []
    for geometry in topology["objects"][layer]["geometries"]:
        kind = geometry.get("type")
        polygons = geometry["arcs"] if kind == "MultiPolygon" else [geometry["arcs"]] if kind == "Polygon" else []
        rings = [part for polygon in polygons for r in polygon for part in unwrapped(ring(r))]
        shapes.append({"id": str(geometry.get("id", "")), "name": (geometry.get("properties") or {}).get("name", ""),
                       "rings": rings})
    return shapes


def unwrapped(points: list[list[float]]) -> list[list[list[float]]]:
    """A ring that crosses the antimeridian (Russia's east, Fiji) made continuous, plus a copy shifted
    by 360 degrees so that both halves fill the map instead of drawing a line across it."""
    if not points:
        return []
    out = [points[0][:]]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        out.append([lon, lat])
    low, high = min(p[0] for p in out), max(p[0] for p in out)
    if low >= -180 and high <= 180:
        return [out]
    shift = 360 if low < -180 else -360
    return [out, [[lon + shift, lat] for lon, lat in out]]


@lru_cache(maxsize=2)
def countries(given: str | None = None) -> dict[str, Any]:
    """{"source", "countries": [...]} for the UI, with each country's ISO3 code where pycountry knows it."""
    path = locate(given)
    if path is None:
        return {"source": None, "countries": [],
                "missing": "No country boundaries installed: run `make install` (npm ci puts world-atlas in node_modules/)."}
    shapes = decode(json.loads(path.read_text("utf-8")))
    import pycountry

    for shape in shapes:
        found = pycountry.countries.get(numeric=shape["id"]) if shape["id"].isdigit() else None
        shape["iso3"] = found.alpha_3 if found else None
    return {"source": "Natural Earth 1:110m countries (world-atlas)", "countries": shapes}
