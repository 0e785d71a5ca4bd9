"""The event filters `query` and `export` share, declared once, each value checked before the store
is opened: a value polemos cannot mean is a usage error (exit 2) that lists what it can mean.

By default only live events are read: those the text reports as having happened (factuality
`asserted`, docs/output.md). `--include-unasserted` adds the others (negated, hypothetical,
habitual, denied), each with its `factuality`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

import click

from ..ontology import MODES, ROOTS
from ..query import EventQuery, parse_near


class Root(click.ParamType):
    """A PLOVER root in any casing ("assault" -> ASSAULT); anything else is a usage error listing the 16."""

    name = "ROOT"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:  # type: ignore[override]
        return "[" + "|".join(ROOTS) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        root = str(value).strip().upper()
        if root not in ROOTS:
            self.fail(f"{value!r} is not a PLOVER root: choose one of {', '.join(ROOTS)}.", param, ctx)
        return root


def _day(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD, such as 2025-11-02.", param=param) from err


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO3 code -> name, for every country ISO 3166-1 and polemos' knowledge base know (Kosovo: XKX)."""
    import pycountry

    from ..knowledge.actors import load_knowledge

    known = {c.alpha_3: c.name for c in pycountry.countries}
    for code, name in load_knowledge().country_names.items():
        if len(code) == 3 and code.isalpha() and code.isupper():
            known.setdefault(code, name)
    return known


def country_code(value: str) -> str | None:
    """An ISO3 code for a code or a name as a person writes it ("sdn", "Sudan", "Sudanese"); None if none."""
    known = countries()
    text = " ".join(value.split())
    if text.upper() in known:
        return text.upper()
    from ..knowledge.actors import load_knowledge

    entry = load_knowledge().entry(text)
    if entry is not None and entry.kind in ("country", "demonym") and entry.country in known:
        return entry.country
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        return None


def _countries(_ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    codes = []
    for value in values:
        code = country_code(value)
        if code is None:
            known = countries()
            names = {name.lower(): f"{name} ({c})" for c, name in known.items()}
            close = difflib.get_close_matches(value.lower(), list(names), n=3, cutoff=0.6)
            close += [f"{known[c]} ({c})" for c in difflib.get_close_matches(value.upper(), list(known), n=3, cutoff=0.67)]
            hint = f" Did you mean {', '.join(dict.fromkeys(names.get(c, c) for c in close))}?" if close else ""
            raise click.BadParameter(
                f"{value!r} is not a country: give an ISO 3166-1 alpha-3 code (AFG, PAK, SDN, QAT, ...) or a "
                f"country's name.{hint}", param=param)
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def check_modes(modes: tuple[str, ...], types: tuple[str, ...], stored: dict[str, set[str]]) -> tuple[str, ...]:
    """Modes as the store holds them; a mode that neither PLOVER nor this store knows for the types
    asked is a usage error listing the modes there are."""
    roots = types or ROOTS
    valid: dict[str, set[str]] = {root: set(MODES.get(root, ())) | stored.get(root, set()) for root in roots}
    every = {m for ms in valid.values() for m in ms}
    wanted = tuple(dict.fromkeys(m.strip().lower() for m in modes if m.strip()))
    unknown = [m for m in wanted if m not in every]
    if unknown:
        listing = "; ".join(f"{root}: {', '.join(sorted(ms))}" for root, ms in valid.items() if ms)
        raise click.BadParameter(
            f"{', '.join(repr(m) for m in unknown)} is not a mode of {'/'.join(types) if types else 'any PLOVER root'}. "
            f"Modes: {listing}.", param_hint="'--mode'")
    return wanted


def query_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters `query` and `export` share."""
    options = [
        click.option("--actor", "actors", multiple=True, metavar="NAME",
                     help="Actor on either side, by name, alias or id (RSF, 'Rapid Support Forces', rsf); a country "
                          "name means its state (government, military, police); repeatable."),
        click.option("--country", "countries", multiple=True, callback=_countries, metavar="ISO3",
                     help="Country of the place or of a side: ISO3 code or name (SDN, Sudan); repeatable."),
        click.option("--type", "types", multiple=True, type=Root(),
                     help="PLOVER root; repeatable."),
        click.option("--mode", "modes", multiple=True, metavar="MODE",
                     help="PLOVER mode of the root (aerial, ceasefire, arrest...); repeatable."),
        click.option("--place", help="Place name as stored (with --radius: around that place)."),
        click.option("--near", metavar="LAT,LON", help="Point LAT,LON; with --radius (default 25 km)."),
        click.option("--radius", type=click.FloatRange(0, 20_000, min_open=True), help="Radius in km around --near or --place."),
        click.option("--since", callback=_day, metavar="YYYY-MM-DD", help="Events on or after this day."),
        click.option("--until", callback=_day, metavar="YYYY-MM-DD", help="Events on or before this day."),
        click.option("--text", help="Words in the evidence sentence."),
        click.option("--incident", help="Only the reports of this incident id."),
        click.option("--include-unasserted", is_flag=True,
                     help="Also the events the text does not report as having happened (negated, hypothetical, "
                          "habitual, denied), each with its factuality; by default only live (asserted) events."),
        click.option("--factual", is_flag=True, hidden=True, help="Only live events: the default now; kept for scripts."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_query(*, actors: tuple[str, ...] = (), countries: tuple[str, ...] = (), types: tuple[str, ...] = (),
                modes: tuple[str, ...] = (), place: str | None = None, near: str | None = None,
                radius: float | None = None, since: date | None = None, until: date | None = None,
                text: str | None = None, incident: str | None = None, include_unasserted: bool = False,
                factual: bool = False, limit: int | None = 100, offset: int = 0) -> EventQuery:
    """An `EventQuery` from the options' values; `factual` is accepted for old scripts (it is the default)."""
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}.", param_hint="'--since'")
    return EventQuery(
        actors=tuple(a for a in actors if a.strip()), countries=countries, types=tuple(t.upper() for t in types),
        modes=modes, place=place, near=parse_near(near) if near else None,
        radius_km=radius if radius is not None else (25.0 if near else None), since=since, until=until,
        text=text, incident=incident, factual=not include_unasserted, limit=limit, offset=offset,
    )
