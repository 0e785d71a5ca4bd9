"""The two sides of an article: who "the two sides", "both parties" and "each other" are.

An article's dyad is the last pair of parties that faced each other as actor and target of a
conflict or diplomacy event, or the last coordinated pair of sides the actors step saw, whichever
came later; mediators and hosts never form it. The events step names collectives after it and
mediators address both of its sides.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan

from ..records import Event, Party
from .coreference import COLLECTIVES, DYADS, PAIRS
from .mediation import placed, same_side

FACING_ROOTS = frozenset(
    {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "REJECT", "SANCTION", "PROTEST", "MOBILIZE", "CONSULT", "AGREE", "CONCEDE", "RETREAT"}
)


def facing(events: list[Event]) -> tuple[Party, Party] | None:
    """The two sides a sentence's events set against each other (actor and target of a conflict or
    diplomacy event, two parties that act, not places), the most confident first."""
    best: tuple[float, tuple[Party, Party]] | None = None
    for e in events:
        a, t = e.actor, e.target
        if e.type not in FACING_ROOTS or a is None or t is None or not (acting(a) and acting(t)) or same_side(a, t):
            continue
        if best is None or e.confidence > best[0]:
            best = (e.confidence, (a, t))
    return best[1] if best else None


def better_named(pair: tuple[Party, Party], before: tuple[Party, Party] | None) -> tuple[Party, Party]:
    """The same two sides again ('army drones' against the RSF after 'the army' against it): keep the
    names known by id."""
    def known(p: Party) -> bool:
        return p.id is not None and p.id not in {p.sector, (p.sector or "")[:3]}

    if before is None or sum(map(known, pair)) >= sum(map(known, before)):
        return pair
    a, b = pair
    if (same_side(a, before[0]) and same_side(b, before[1])) or (same_side(a, before[1]) and same_side(b, before[0])):
        return before
    return pair


def acting(party: Party) -> bool:
    return placed(party) and bool(party.sector or party.id)


def name_collectives(doc: Doc, sent: SpacySpan, faced: list[tuple[int, tuple[Party, Party]]]) -> tuple[Party, ...]:
    """Name the collectives of a sentence ("the two sides", "both parties", "each other") after the
    last pair that faced each other in an event before it, or the last coordinated pair of sides
    before the word (data from the actors step), whichever comes later; the pair before the sentence
    is returned as the sentence's dyad (for mediators' events)."""
    pairs = doc.user_data.get(PAIRS) or []
    collectives = doc.user_data.get(COLLECTIVES) or {}
    dyads = doc.user_data.setdefault(DYADS, {})

    def at(i: int) -> tuple[Party, ...]:
        best = (-1, ())
        for end, pair in faced:
            if end < i and end > best[0]:
                best = (end, pair)
        for end, pair in pairs:
            if end <= i and end > best[0]:
                best = (end, pair)
        return best[1]

    for i, (text, sector) in collectives.items():
        if sent.start <= i < sent.end:
            dyad = at(i)
            if dyad:
                dyads[i] = tuple(composed(doc, text, p, sector) for p in dyad)
    return at(sent.start) or dyad_of_sentence(dyads, sent)


def composed(doc: Doc, text: str, party: Party, sector: str | None) -> Party:
    """'the two governments' after Pakistan and Afghanistan: each country's government."""
    if not sector or not party.country or party.sector:
        return party
    from .gazetteer import knowledge_of

    return knowledge_of(doc).composed(text, party.country, sector)


def dyad_of_sentence(dyads: dict, sent: SpacySpan) -> tuple[Party, ...]:
    return next((tuple(v) for i, v in dyads.items() if sent.start <= i < sent.end and v), ())


ARMED_NON_STATE = frozenset({"REB", "INS", "UAF", "IMG"})


def across(actors: list[Party], targets: list[Party]) -> bool:
    """An armed group against its own country's forces (or they against it): a war at home, not the
    actor's own people ("PKK militants attacked Turkish soldiers")."""
    def armed(p: Party) -> bool:
        return (p.sector or "")[:3] in ARMED_NON_STATE

    def state(p: Party) -> bool:
        return (p.sector or "")[:3] in {"MIL", "GOV", "COP"}

    return (any(map(armed, actors)) and any(map(state, targets))) or (any(map(state, actors)) and any(map(armed, targets)))
