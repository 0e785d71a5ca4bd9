"""Geocoding measured on GeoWebNews and LGL, the way Mordecai reports it.

Resolution given the gold mentions: every gold toponym that has a GeoNames id is resolved by
`polemos.geo.Geocoder` together with the article's other gold toponyms (their names only; the
gold answers are read only to score). Figures: GeoNames id exact match, share within 161 km (100
miles; an exact id counts as within), and country correct. Published anchor: Mordecai 3 (with
Elasticsearch and a neural ranker) 90.1% exact on GeoWebNews, 79.4% on LGL.

The offline ceiling is measured too: `in_index` is the share of gold ids the offline index holds
at all (no ranking over this data can beat it: buildings, airports, neighbourhoods are not in the
lists that packages ship), and `exact_in_index` the exact share among those, which is what the
ranking itself is responsible for.

When a coder is given, the recogniser is measured too on the first `RECOGNITION_ARTICLES`
articles: the share of gold toponyms (with an id) that `polemos_where` finds as a place mention
overlapping the gold span.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..geo.gazetteer import Gazetteer, gazetteer
from ..geo.geocoder import Geocoder, Toponym, distance_km, listed_at, qualifier_at
from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder

GWN = Path("external/geowebnews/GWN.xml")
LGL = Path("external/lgl_geovirus/lgl.xml")
WITHIN_KM = 161.0
RECOGNITION_ARTICLES = 40


@dataclass(frozen=True, slots=True)
class GoldToponym:
    text: str
    start: int
    end: int
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO3 when the set gives it
    kind: str | None  # GeoWebNews' type (Literal, Metonymic, Demonym, ...)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_geowebnews(path: Path) -> Iterator[GoldArticle]:
    for number, article in enumerate(ET.parse(path).getroot().iter("article")):
        text = article.findtext("text") or ""
        gold = []
        for t in article.iter("toponym"):
            gid = (t.findtext("geonamesID") or "").strip()
            gold.append(GoldToponym(
                text=t.findtext("extractedName") or "", start=int(t.findtext("start") or 0),
                end=int(t.findtext("end") or 0), geonames_id=int(gid) if gid.isdigit() else None,
                lat=_float(t.findtext("latitude")), lon=_float(t.findtext("longitude")), country=None,
                kind=t.findtext("type")))
        yield GoldArticle(article.get("file") or str(number), text, tuple(gold))


def read_lgl(path: Path, index: Gazetteer) -> Iterator[GoldArticle]:
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            gid = int(tag.get("geonameid")) if tag is not None and tag.get("geonameid") else None
            country = None
            if tag is not None and tag.find("country") is not None:
                cid = tag.find("country").get("geonameid")
                country = index.country_of_id(int(cid)) if cid else None
            gold.append(GoldToponym(
                text=t.findtext("phrase") or "", start=int(t.findtext("start") or 0), end=int(t.findtext("end") or 0),
                geonames_id=gid, lat=_float(tag.findtext("lat")) if tag is not None else None,
                lon=_float(tag.findtext("lon")) if tag is not None else None, country=country, kind=None))
        yield GoldArticle(article.get("docid") or "", text, tuple(gold))


def _score(name: str, articles: list[GoldArticle], index: Gazetteer, path: Path, coder: "Coder | None",
           started: float) -> SetResult:
    geocoder = Geocoder(index)
    exact = within = country_ok = country_n = answered = total = 0
    in_index = exact_in_index = 0
    misses: list[Miss] = []
    for article in articles:
        toponyms = [Toponym(g.text, g.start, g.end, qualifier_at(article.text, g.end, index), listed_at(article.text, g.end))
                    for g in article.toponyms]
        for gold, result in zip(article.toponyms, geocoder.resolve(toponyms, demonyms=True)):
            if gold.geonames_id is None:
                continue
            total += 1
            indexed = index.by_id(gold.geonames_id) is not None
            in_index += indexed
            gold_country = gold.country or index.country_near(gold.geonames_id, gold.lat, gold.lon)
            if result is None:
                misses.append(Miss("unknown name", _context(article.text, gold), f"{gold.geonames_id}", "-", article.id))
                continue
            answered += 1
            place = result.place
            hit = place.geonames_id == gold.geonames_id
            near = hit or (None not in (place.lat, place.lon, gold.lat, gold.lon)
                           and distance_km(place.lat, place.lon, gold.lat, gold.lon) <= WITHIN_KM)  # type: ignore[arg-type]
            exact += hit
            exact_in_index += hit and indexed
            within += near
            if gold_country:
                country_n += 1
                country_ok += gold_country in place.countries
            if not hit:
                kind = "wrong place, right country" if gold_country in place.countries else "wrong country"
                misses.append(Miss(kind, _context(article.text, gold), f"{gold.geonames_id} {gold.lat},{gold.lon}",
                                   f"{place.geonames_id} {place.name} {place.country} {place.kind}", article.id))
    anchor = {"geowebnews": "Mordecai 3: 90.1%", "lgl": "Mordecai 3: 79.4%"}[name]
    figures = [
        Figure("geonames_exact", exact / total if total else 0.0, total, anchor=anchor),
        Figure("within_161km", within / total if total else 0.0, total),
        Figure("country_correct", country_ok / country_n if country_n else 0.0, country_n,
               anchor="Mordecai 3: 96.8-99.1%"),
        Figure("answered", answered / total if total else 0.0, total),
        Figure("in_index", in_index / total if total else 0.0, total),
        Figure("exact_in_index", exact_in_index / in_index if in_index else 0.0, in_index),
    ]
    notes = [f"{len(articles)} articles, {total} gold toponyms with a GeoNames id, resolved given gold mentions",
             "in_index: share of gold ids present in the offline index (the highest geonames_exact any ranking "
             "over this data could reach); exact_in_index: geonames_exact among those ids (the ranking's own share)"]
    if coder is not None:
        found, n = _recall(coder, articles[:RECOGNITION_ARTICLES])
        figures.append(Figure("recognised", found / n if n else 0.0, n))
        notes.append(f"recognised: share of gold toponyms with an id found by polemos_where in the first "
                     f"{min(len(articles), RECOGNITION_ARTICLES)} articles")
    return SetResult(set=name, path=str(path), figures=tuple(figures), misses=tuple(misses),
                     seconds=time.perf_counter() - started, notes=tuple(notes))


def _recall(coder: "Coder", articles: list[GoldArticle]) -> tuple[int, int]:
    found = n = 0
    for article in articles:
        analysis = coder.code_text(article.text, id=f"geo-{article.id}")
        # Offsets point into Document.text, which the clean-up may shift: compare by text where needed.
        spans = [(p.start, p.end, p.text) for p in analysis.places]
        for gold in article.toponyms:
            if gold.geonames_id is None:
                continue
            n += 1
            found += any(s < gold.end and gold.start < e or t == gold.text for s, e, t in spans)
    return found, n


def _context(text: str, gold: GoldToponym, width: int = 60) -> str:
    return text[max(0, gold.start - width) : gold.end + width].replace("\n", " ")


def evaluate_geowebnews(data: Path, coder: "Coder | None" = None, limit: int | None = None) -> SetResult:
    path = data / GWN
    if not path.exists():
        return SetResult.skip("geowebnews", path)
    started = time.perf_counter()
    articles = list(read_geowebnews(path))[:limit]
    return _score("geowebnews", articles, gazetteer(), path, coder, started)


def evaluate_lgl(data: Path, coder: "Coder | None" = None, limit: int | None = None) -> SetResult:
    path = data / LGL
    if not path.exists():
        return SetResult.skip("lgl", path)
    started = time.perf_counter()
    index = gazetteer()
    articles = list(read_lgl(path, index))[:limit]
    return _score("lgl", articles, index, path, coder, started)
