"""UCDP-AEC place names resolved by polemos' geocoder ("Paletwa town" -> Myanmar).

UCDP GED gives each event a place hierarchy: country (location_root_name), province
(location_adm1_name), district (location_adm2_name) and the place itself (location_where_name),
written the way analysts write them ("Dera Ismail Khan town", "Kandahar province"). We resolve
the place and the province names:

- alone, as a name with no article around it (the hard case: "Shahjoy town");
- in context, with the event's other names as the article's other places (how the where step
  reads an article that names the district and the province too);
- as the event's place: the place, else its district, else its province (the first that resolves).

Figures: share of names resolved, share whose country is UCDP's. This copy of UCDP-AEC carries no
coordinates, so distance is measured as coherence: the share of resolved places within 161 km
of the resolved province (when both resolve and the province has coordinates).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..geo.gazetteer import gazetteer
from ..geo.geocoder import Geocoder, Toponym, distance_km
from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder

FOLDER = Path("external/ucdp_aec")
FILES = ("test.jsonl", "validation.jsonl", "south_asia_subset.jsonl")
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")


def _country_name(root: str) -> list[str]:
    """UCDP writes "Myanmar (Burma)", "Yemen (North Yemen)": try the name, then the bracketed one."""
    inner = _PARENTHESES.findall(root)
    return [_PARENTHESES.sub("", root).strip(), *inner]


def evaluate(data: Path, coder: "Coder | None" = None, limit: int | None = None) -> SetResult:
    folder = data / FOLDER
    paths = [folder / f for f in FILES if (folder / f).exists()]
    if not paths:
        return SetResult.skip("ucdp-places", folder)
    started = time.perf_counter()
    index = gazetteer()
    geocoder = Geocoder(index)
    seen: set[int] = set()
    events = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] not in seen:
                seen.add(record["id"])
                events.append(record)
    events = events[:limit]
    counts = {k: [0, 0, 0] for k in ("where alone", "where in context", "event place", "province alone")}  # n, resolved, country ok
    near = near_n = 0
    misses: list[Miss] = []
    for event in events:
        gold = next((p.country for name in _country_name(event["location_root_name"])
                     for p in index.lookup(name) if p.kind == "country"), None)
        if gold is None:
            continue
        where, adm1, adm2 = (event.get(k) or "" for k in ("location_where_name", "location_adm1_name", "location_adm2_name"))
        province = geocoder.resolve([Toponym(adm1)])[0] if adm1 else None
        if adm1:
            _count(counts["province alone"], province, gold)
        if not where:
            continue
        alone = geocoder.resolve([Toponym(where)])[0]
        _count(counts["where alone"], alone, gold)
        context = [Toponym(n) for n in (adm2, adm1) if n]
        in_context = geocoder.resolve([Toponym(where), *context])[0]
        _count(counts["where in context"], in_context, gold)
        if in_context is not None and gold not in in_context.place.countries:
            misses.append(Miss("wrong country", f"{where} | {adm2} | {adm1}", gold,
                               f"{in_context.place.name} {in_context.place.country}", str(event["id"])))
        elif in_context is None:
            misses.append(Miss("unknown name", f"{where} | {adm2} | {adm1}", gold, "-", str(event["id"])))
        # The event's place as an analyst codes it: the place, else its district, else its province.
        hierarchy = [Toponym(n) for n in (where, adm2, adm1) if n]
        event_place = next((r for r in geocoder.resolve(hierarchy) if r is not None), None)
        _count(counts["event place"], event_place, gold)
        p, q = (in_context.place if in_context else None), (province.place if province else None)
        if p and q and None not in (p.lat, q.lat) and gold in p.countries:
            near_n += 1
            near += distance_km(p.lat, p.lon, q.lat, q.lon) <= 161.0  # type: ignore[arg-type]
    figures = []
    for name, (n, resolved, ok) in counts.items():
        slug = name.replace(" ", "_")
        figures.append(Figure(f"{slug}_resolved", resolved / n if n else 0.0, n))
        figures.append(Figure(f"{slug}_country_correct", ok / n if n else 0.0, n))
    figures.append(Figure("where_within_161km_of_province", near / near_n if near_n else 0.0, near_n))
    return SetResult(set="ucdp-places", path=str(folder), figures=tuple(figures), misses=tuple(misses),
                     seconds=time.perf_counter() - started,
                     notes=(f"{len(events)} UCDP GED events from {', '.join(p.name for p in paths)}; "
                            "country_correct counts unresolved names as wrong",))


def _count(slot: list[int], result, gold: str) -> None:
    slot[0] += 1
    if result is not None:
        slot[1] += 1
        slot[2] += gold in result.place.countries
