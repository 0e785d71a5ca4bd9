"""Which place a name means, decided by the other places of the same article.

A name has candidates in the index ("Tripoli": Libya, Lebanon, Greece, Iowa). Each candidate
gets a prior (a country over a town, a capital over a city, a big city over a small one) and then
context: the countries, provinces and neighbourhoods of the article's other names, a qualifier
written beside it ("Paris, Texas", "Hyderabad, Pakistan"), the words around it ("X province",
"X town", a list closed by "counties"), the article's main country (over a foreign namesake about
as well known) and any country the caller already knows (the dateline's). The choice is made for all
names together and repeated a few rounds, so that confident names (countries, unique cities)
steer the ambiguous ones. One name keeps one meaning in one article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .gazetteer import Gazetteer, Place, gazetteer
from .names import normalise

# Words a report writes after a name to say what kind of place it is ("Paletwa town").
_AREA_WORDS = {
    "province", "state", "region", "district", "governorate", "oblast", "prefecture", "county", "department",
    "departement", "division", "sub-division", "territory", "area", "valley", "zone", "emirate", "municipality",
    "parish", "borough", "lga", "woreda", "raion", "rayon", "tehsil", "agency", "forest", "mountains", "island",
}
# Kind words local news abbreviates after a name ("Platte Co.", "Madison Twp."): spelled out, so that
# "Platte Co." and "Platte County" are one name with one meaning.
_ABBREVIATED = {"co.": "County", "twp.": "Township"}
_TOWN_WORDS = {"town", "city", "village", "township", "camp", "market", "bazaar", "cantonment", "suburb",
               "neighbourhood", "neighborhood", "quarter"}
_BRACKETS = re.compile(r"\s*\([^)]*\)")

ROUNDS = 3
NAME_BONUS = 1.5  # the place's own name, not one of its alternate names
# Context weights (log-population units): other names in the same country, then the same
# province or within about NEAR_KM of another named town.
COUNTRY_WEIGHT, COUNTRY_EXTRA, COUNTRY_EXTRA_MAX = 2.0, 0.5, 1
LOCAL_WEIGHT, NEAR_KM = 1.5, 150.0
ADMIN2_PRIOR = 3.0
# A region no one country holds ("Atlantic", "Alps") outranks a small town named after it.
INTERNATIONAL_PRIOR = 9.0
EMBEDDED_MIN_POPULATION = 50000
COUNTY_WEIGHT = 3.0  # a town and the county it lies in, both named
# The article's main country (most of the other names lie there) over a foreign namesake that is
# about as well known (prior within DOMINANT_GAP): "Kent" in a story about British race tracks.
DOMINANT_WEIGHT, DOMINANT_GAP = 1.0, 2.0
LISTED_WEIGHT = 5.0  # a name in a list the text calls "counties", "provinces"...
# A list of names closed by a plural kind word: "Becker, Clay and Wilkin counties", "Eastland and
# Callahan counties", "from Ellsworth to Riley counties". The kind word is lower case ("United States" is a name).
_LIST_KINDS = ("counties", "provinces", "districts", "states", "regions", "governorates", "oblasts", "prefectures",
               "departments", "parishes", "boroughs", "municipalities", "territories")
_LISTED = re.compile(r"(?:(?:\s*,\s*|\s+(?:and|or|&|to|through)\s+|\s+)[A-Z][\w.'\-]*){0,12}?\s+(" + "|".join(_LIST_KINDS) + r")\b")
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.'\-]*)(?:\s+[A-Z][\w.'\-]*){0,2})")
EARTH_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Toponym:
    """A name to resolve, where it stands in the text, and what is written beside it."""

    text: str
    start: int = 0
    end: int = 0
    qualifier: str | None = None  # "Texas" in "Paris, Texas"
    listed: str | None = None  # "counties" in "Becker, Clay and Wilkin counties": the kind of every name in the list


@dataclass(frozen=True, slots=True)
class Resolution:
    toponym: Toponym
    place: Place
    score: float
    ambiguous: bool  # another candidate scored close to the chosen one


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def qualifier_at(text: str, end: int, index: Gazetteer | None = None) -> str | None:
    """The region or country written right after a name: "Paris, Texas" -> "Texas"."""
    match = _QUALIFIER.match(text, end)
    if not match:
        return None
    index = index or gazetteer()
    words = match.group(1).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if any(p.kind in ("country", "admin1", "region") for p in index.lookup(name)):
            return name
    return None


def spelled(name: str) -> str:
    """The name with an abbreviated trailing kind word written out: "Platte Co." -> "Platte County"."""
    head, _, last = name.rpartition(" ")
    full = _ABBREVIATED.get(last.lower()) if head else None
    return f"{head} {full}" if full else name


def listed_at(text: str, end: int) -> str | None:
    """The plural kind word closing the list a name stands in: "Becker, Clay and Wilkin counties" -> "counties"."""
    match = _LISTED.match(text, end)
    return match.group(1) if match else None


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Words that are no place on their own inside a longer name (data/places/generic_words.txt)."""
    path = Path(str(resources.files("polemos") / "data" / "places" / "generic_words.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(line) for line in lines if line.strip() and not line.startswith("#"))


def prior(place: Place) -> float:
    """How likely a name means this place before reading the article (log population scale)."""
    if place.kind == "country":
        return max(6.0, math.log10(place.population + 10) + 1.5)
    if place.kind == "continent":
        return 8.0
    if place.kind == "region" and not place.countries:  # an ocean, a sea, a range across borders
        return INTERNATIONAL_PRIOR
    if place.kind in ("region", "border"):
        return 6.5
    if place.kind == "admin1":
        return 5.0 if place.population <= 0 else max(4.0, math.log10(place.population) - 1.0)
    if place.kind == "admin2":  # a county or district: named less often than the town it shares a name with
        return ADMIN2_PRIOR + max(0.0, math.log10(place.population + 100) - 5.0)
    return math.log10(place.population + 100) + (1.0 if place.capital else 0.0)


class Geocoder:
    """Resolves the toponyms of one article together."""

    def __init__(self, index: Gazetteer | None = None) -> None:
        self.index = index or gazetteer()

    def candidates(self, name: str, *, demonyms: bool = False,
                   variants: set[str] | None = None) -> tuple[list[Place], str | None]:
        """Places a name may mean, and a kind hint from a trailing word ("Kandahar province").
        Only when the name is known in no way as written is it read as another spelling of a known
        one ("Hodeidah" for Hodeida); such a name is added to `variants`."""
        found, hint = self._candidates(name, demonyms, None)
        if found or variants is None:
            return found, hint
        return self._candidates(name, demonyms, variants)

    def _candidates(self, name: str, demonyms: bool, variants: set[str] | None) -> tuple[list[Place], str | None]:
        if not any(c.isupper() for c in name):  # "area", "villages": a common noun, not a place name
            return [], None
        name = spelled(name)
        found = self._lookup(name, variants)
        demonym = self.index.demonym(name) if demonyms else None
        if demonym is not None:
            return [demonym, *(p for p in found if p.row != demonym.row)], "demonym"
        if found:
            return found, None
        if "(" in name:  # "Ayeyarwady river (Katha township)": the name before the note
            return self._candidates(_BRACKETS.sub("", name).strip(), demonyms, variants)
        words = name.split()
        if len(words) > 1:
            last = words[-1].lower()
            if last in _AREA_WORDS or last in _TOWN_WORDS:
                hint = "area" if last in _AREA_WORDS else "town"
                return self._lookup(" ".join(words[:-1]), variants), hint
            if words[0].lower() in ("city", "province", "state", "district") and words[1].lower() == "of":
                return self.index.lookup(" ".join(words[2:])), "town" if words[0].lower() == "city" else "area"
            # A place inside a longer name ("Dubai World Cup", "Bank of Mexico"): its longest known part.
            for size in range(len(words) - 1, 0, -1):
                for start in range(len(words) - size + 1):
                    part = words[start : start + size]
                    key = normalise(" ".join(part))
                    if not part[0][:1].isupper() or key in generic_words():
                        continue
                    # Only a well-known place by its own name: a county or a village is too likely a word.
                    found = [p for p in self.index.lookup(key) if normalise(p.name) == key and p.kind != "admin2"
                             and (p.kind != "city" or p.population >= EMBEDDED_MIN_POPULATION)]
                    if found:
                        return found, "embedded"
        return [], None

    def _lookup(self, name: str, variants: set[str] | None) -> list[Place]:
        """The index's places for a name, or for the known spelling it transliterates."""
        found = self.index.lookup(name)
        if found or variants is None:
            return found
        known = self.index.variant(name)
        if not known:
            return []
        variants.add(name)
        return self.index.lookup(known)

    def resolve(self, toponyms: Sequence[Toponym], *, countries: Iterable[str] = (),
                demonyms: bool = False) -> list[Resolution | None]:
        """One Resolution per toponym (None where the index knows no such place).

        `countries`: countries known to frame the article (its dateline's); `demonyms`: also read
        "Iraqi" as Iraq (gold toponym sets count demonyms; the where step does not)."""
        known_countries = Counter(countries)
        keys = [normalise(spelled(t.text)) for t in toponyms]
        groups: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            groups.setdefault(key, []).append(i)
        options: dict[str, list[Place]] = {}
        hints: dict[str, str | None] = {}
        qualified: dict[str, tuple[set[str], set[str]]] = {}
        respelled: set[str] = set()
        for key, members in groups.items():
            first = toponyms[members[0]]
            before = len(respelled)
            options[key], hints[key] = self.candidates(first.text, demonyms=demonyms, variants=respelled)
            if len(respelled) > before:
                respelled.add(key)
            if hints[key] is None and any(toponyms[i].listed for i in members):
                hints[key] = "listed"
                options[key] = self._with_area_names(first.text, options[key], {toponyms[i].listed for i in members})
            qualifiers = {toponyms[i].qualifier for i in members if toponyms[i].qualifier}
            qualified[key] = self._qualifier_scope(qualifiers)
        if respelled:
            self._confine_respelled(options, hints, qualified, respelled, known_countries)
        base = {key: [prior(p) + self._local(p, key, hints[key], qualified[key]) for p in places]
                for key, places in options.items()}
        priors = {key: [prior(p) for p in places] for key, places in options.items()}
        chosen = {key: _argmax(scores) for key, scores in base.items() if scores}
        embedded = {key for key, hint in hints.items() if hint == "embedded"}
        # A town and the county it lies in, both named ("Huntsville" and "Walker County"): any reading
        # counts, so that two names that fit together pull each other out of a wrong state.
        counties: dict[tuple[str, str], set[str]] = {}
        for key, places in options.items():
            for place in places:
                if place.admin2 and place.kind in ("city", "admin2") and normalise(place.name) == key:
                    counties.setdefault((place.kind, place.admin2), set()).add(key)
        scores: dict[str, list[float]] = base
        for _ in range(ROUNDS):
            scores = {}
            for key, places in options.items():
                if not places:
                    continue
                context = _Context.of(options, chosen, exclude=key, extra=known_countries, counties=counties,
                                      embedded=embedded)
                home = context.home(places, priors[key])
                scores[key] = [b + context.score(p) + h for b, p, h in zip(base[key], places, home)]
            new = {key: _argmax(s) for key, s in scores.items()}
            if new == chosen:
                break
            chosen = new
        results: list[Resolution | None] = []
        for toponym, key in zip(toponyms, keys):
            if key not in chosen:
                results.append(None)
                continue
            s = scores[key]
            best = chosen[key]
            runner = max((v for i, v in enumerate(s) if i != best), default=-math.inf)
            results.append(Resolution(toponym, options[key][best], s[best], ambiguous=s[best] - runner < 1.0))
        return results

    def _confine_respelled(self, options: dict[str, list[Place]], hints: dict[str, str | None],
                           qualified: dict[str, tuple[set[str], set[str]]], respelled: set[str],
                           known: Counter) -> None:
        """A name read as another spelling ("Hodeidah" for Hodeida) keeps only the readings in a
        country the article is already about: its frame, and the likeliest reading of every name
        found as written. Alone, with no such country, it stays unresolved."""
        home = set(known)
        for key, places in options.items():
            if key in respelled or not places:
                continue
            scores = [prior(p) + self._local(p, key, hints[key], qualified[key]) for p in places]
            home.update(places[_argmax(scores)].countries)
        for key in respelled & options.keys():
            options[key] = [p for p in options[key] if home.intersection(p.countries)]

    def _with_area_names(self, name: str, places: list[Place], kinds: set[str | None]) -> list[Place]:
        """ "Belgorod region": where the name alone is only a town, the area the index lists under the
        name with its kind word ("Belgorod Oblast", alias "Belgorod region") is a candidate too."""
        if any(p.kind in ("admin1", "admin2", "region") for p in places):
            return places
        rows = {p.row for p in places}
        extra = [p for kind in sorted(k for k in kinds if k) for p in self.index.lookup(f"{name} {kind}")
                 if p.row not in rows and p.kind in ("admin1", "admin2", "region")]
        return places + extra

    def resolve_one(self, name: str, *, context: Sequence[str] = (), countries: Iterable[str] = ()) -> Place | None:
        """Convenience: one name among other names of the same text."""
        results = self.resolve([Toponym(name), *(Toponym(c) for c in context)], countries=countries)
        return results[0].place if results[0] else None

    def _qualifier_scope(self, qualifiers: set[str]) -> tuple[set[str], set[str]]:
        admin1s: set[str] = set()
        countries: set[str] = set()
        for q in qualifiers:
            for place in self.index.lookup(q):
                if place.kind == "country":
                    countries.add(place.country or "")
                elif place.kind in ("admin1", "region") and place.admin1:
                    admin1s.add(place.admin1)
                    if place.country:
                        countries.add(place.country)
        return admin1s, countries

    @staticmethod
    def _local(place: Place, key: str, hint: str | None, scope: tuple[set[str], set[str]]) -> float:
        """What the name itself and the words beside it say about a candidate."""
        score = NAME_BONUS if normalise(place.name) == key else 0.0
        if hint == "area" and place.kind in ("admin1", "admin2", "region"):
            score += 3.0
        elif hint == "listed" and place.kind in ("admin1", "admin2", "region"):
            score += LISTED_WEIGHT
        elif hint == "town" and place.kind == "city":
            score += 3.0
        elif hint == "demonym" and place.kind != "city":
            score += 5.0
        admin1s, countries = scope
        if admin1s and place.admin1 in admin1s and place.kind == "city":
            score += 8.0
        elif countries and place.country in countries and place.kind != "country":
            score += 6.0
        return score


@dataclass
class _Context:
    countries: Counter
    admin1s: set[str]
    points: list[tuple[float, float]]
    exclude: str
    counties: dict[tuple[str, str], set[str]]
    dominant: str | None = None

    @classmethod
    def of(cls, options: dict[str, list[Place]], chosen: dict[str, int], *, exclude: str, extra: Counter,
           counties: dict[tuple[str, str], set[str]] | None = None, embedded: set[str] = frozenset()) -> "_Context":
        countries: Counter = Counter(extra)
        admin1s: set[str] = set()
        points: list[tuple[float, float]] = []
        # A place read inside a longer name ("Dublin Center Drive") is a guess: it is no evidence for others.
        for key, index in chosen.items():
            place = options[key][index]
            if key == exclude or key in embedded:
                continue
            for country in place.countries:
                countries[country] += 1
            if place.admin1 and place.kind in ("city", "admin1", "admin2"):
                admin1s.add(place.admin1)
            if place.kind in ("city", "admin2") and place.lat is not None and place.lon is not None:
                points.append((place.lat, place.lon))
        ranked = countries.most_common(2)
        dominant = None
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            dominant = ranked[0][0]
        return cls(countries, admin1s, points, exclude, counties or {}, dominant)

    def home(self, places: list[Place], priors: list[float]) -> list[float]:
        """The article's main country over a foreign namesake about as well known ("Kent" in a British story)."""
        if self.dominant is None:
            return [0.0] * len(places)
        foreign = max((v for p, v in zip(places, priors) if self.dominant not in p.countries), default=-math.inf)
        return [DOMINANT_WEIGHT if self.dominant in p.countries and v >= foreign - DOMINANT_GAP else 0.0
                for p, v in zip(places, priors)]

    def score(self, place: Place) -> float:
        """Same country as other names, then the best of same province or nearby (not both)."""
        score = 0.0
        shared = max((self.countries.get(c, 0) for c in place.countries), default=0)
        if shared:
            score += COUNTRY_WEIGHT + COUNTRY_EXTRA * min(shared - 1, COUNTRY_EXTRA_MAX)
        local = 0.0
        if place.kind in ("city", "admin1", "admin2") and place.admin1 in self.admin1s:
            local = LOCAL_WEIGHT
        if place.kind in ("city", "admin2") and place.lat is not None and place.lon is not None and self.points:
            nearest = min(distance_km(place.lat, place.lon, lat, lon) for lat, lon in self.points)
            local = max(local, LOCAL_WEIGHT * math.exp(-nearest / NEAR_KM))
        if place.admin2 and place.kind in ("city", "admin2"):
            other = "admin2" if place.kind == "city" else "city"
            if self.counties.get((other, place.admin2), set()) - {self.exclude}:
                local += COUNTY_WEIGHT
        return score + local


def _argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


_default: Geocoder | None = None


def geocoder() -> Geocoder:
    """The process-wide geocoder over the cached index."""
    global _default
    if _default is None:
        _default = Geocoder()
    return _default
