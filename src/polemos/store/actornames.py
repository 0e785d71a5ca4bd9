"""An actor filter as an analyst types it ("RSF", "rapid support forces", "Quwat al-Da'm al-Sari'",
"Pakistan") -> every canonical name and id the store may hold for that actor.

Events store an actor's canonical name and id (`actor_name`, `actor_id`), never the alias an
article used, so a filter is widened once, before the query: through the knowledge base (every
alias of an actor, in any casing, and its id), and through the store's own actors table (names and
ids the coder composed, such as "Pakistan military" / PAKMIL). A country stands for its state: its
government, military, police and other state bodies (CAMEO's PAK covers PAKGOV and PAKMIL), not
for every group based there (a Pakistani rebel group is not "Pakistan").
"""

from __future__ import annotations

from collections.abc import Iterable

from .backend import Backend

STATE_SECTORS = ("GOV", "MIL", "COP", "SPY", "JUD", "LEG", "GOVMED")


def expand_actors(db: Backend, terms: Iterable[str]) -> tuple[str, ...]:
    """The terms with every name and id they stand for, in a stable order (terms first)."""
    from ..knowledge.actors import load_knowledge

    kb = load_knowledge()
    found: dict[str, None] = {}
    for term in terms:
        term = " ".join(term.split())
        if not term:
            continue
        found[term] = None
        entry = kb.entries.get(term) or kb.entries.get(term.upper()) or kb.entries.get(term.lower()) or kb.entry(term)
        countries: set[str] = set()
        if entry is not None and not entry.is_place:
            found[entry.key] = None
            for actor in entry.periods:
                found[actor.name] = None
                found[actor.id] = None
                if actor.kind == "country" and actor.country:
                    countries.add(actor.country)
        lowered = term.lower()
        for key, name, country, sector in db.query(
                "SELECT id, name, country, sector FROM actors WHERE lower(name) = ? OR lower(id) = ?", (lowered, lowered)):
            found[key] = None
            found[name] = None
            if key == country and sector is None:
                countries.add(country)
        for country in sorted(countries):
            marks = ", ".join("?" for _ in STATE_SECTORS)
            for key, name in db.query(f"SELECT id, name FROM actors WHERE country = ? AND sector IN ({marks})",
                                      (country, *STATE_SECTORS)):
                found[key] = None
                found[name] = None
    return tuple(found)
