"""The country a phrase's context gives when its own words give none: "President Juvenal
Habyarimana", "the minister", "militants", "police" take a country from their sentence, the article
and the other side of their event. Called by the events step (through arguments.context_party) after
the actors step has resolved what it could.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Party
from . import arguments as _args  # read at call time: arguments imports this module
from .homeland import armed_country, grounds_country
from .phrases import is_outsider, is_unidentified

# Sectors that are nobody's state: an armed group or a crowd gets no country from its sentence.
NON_STATE = frozenset({"REB", "INS", "UAF", "IMG", "CRM", "OPP"})
ARMED = frozenset({"REB", "INS", "UAF", "IMG"})  # of those, the armed: placed by the article's named armed groups
LOCAL_FORCES = frozenset({"security force"})  # forces that act at home, like the police
DOMESTIC = frozenset({"OPP", "LEG", "JUD"})  # roles of a state's own politics: an opposition figure, a lawmaker, a judge
PLACE_NOUNS = frozenset({"town", "village", "city", "district", "area", "region", "province", "neighbourhood", "neighborhood", "suburb", "camp", "base", "outpost", "hamlet"})


def context_party(
    token: Token | None, avoid: set[str], doer: bool = False, third: frozenset[str] = frozenset(), domestic: bool = True
) -> Party | None:
    """A name the knowledge base cannot place ("President Juvenal Habyarimana", "the minister")
    takes the country its sentence names: the nearest country other than the other side's (`avoid`),
    else the other side's own when the event is domestic: the phrase or its other side is a role or
    group inside a state ("rebels demanded that President X resign", "the judge charged ten officials").
    Never for collectives ("the two sides"), never a third party's country (`third`: mediators,
    hosts); an armed group or a crowd ("militants") takes the article's own country when it has one,
    else only the one country its sentence names.
    `doer`: the phrase is an actor, so it must name someone."""
    if token is None:
        return None
    if token.pos_ not in {"PROPN", "NOUN", "PRON"} or (doer and token.pos_ == "NOUN" and _args.is_abstract(token) and not any(p.sector for p in _args.parties(token))):
        return None  # an abstract noun does nothing ("that failure would mean war"), and is nobody
    if _args.is_collective(token) or is_outsider(token) or is_unidentified(token):
        return None  # "Western diplomats", "unidentified gunmen": no one's from here
    own = _args.parties(token)
    sent = token.sent
    placed = [(abs(offset - token.idx), p) for offset, p in _args._placed_parties(token.doc, sent.start, sent.end) if p.country and p.country not in third]
    armed = any((p.sector or "")[:3] in NON_STATE for p in own)
    fighters = any((p.sector or "")[:3] in ARMED for p in own)
    home = (armed_country(token.doc) if fighters else grounds_country(token.doc)) if armed else None
    if home is not None and home not in third:
        # "the rebels there deny talks with the Russian military" in a report on Syria: Syria's rebels
        return _context(token, own, home)
    if token.lemma_.lower() in PLACE_NOUNS and token.pos_ == "NOUN":
        # "captured the town": where it lies, the country of the article's fighting, never the other side's
        grounds = grounds_country(token.doc)
        if grounds is not None and grounds not in third:
            return _context(token, own, grounds)
        avoid = set()
    if any((p.sector or "")[:3] in DOMESTIC for p in own) and not doer:
        if len(avoid) == 1 and not avoid & third:  # "authorities arrested an opposition lawmaker": their own country's
            return _context(token, own, next(iter(avoid)))
        avoid = set()
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if any((p.sector or "")[:3] == "COP" for p in own) or f"{before} {token.lemma_.lower()}" in LOCAL_FORCES:
        local = _place_country(token, third)
        if local is not None:  # "police arrested three men in Karachi": the police of where they acted
            return _context(token, own, local)
    if not placed:
        return None
    if armed:
        if len({p.country for _, p in placed}) > 1:
            return None  # "militants" in a sentence naming three countries: nobody can tell whose
    other = [item for item in placed if item[1].country not in avoid]
    if not other and doer and token.pos_ == "PROPN" and not (domestic or any(p.sector for p in own)):
        return None  # a bare unknown name does not take its target's country
    _, chosen = min(other or placed, key=lambda item: item[0])
    return _context(token, own, chosen.country)


def _place_country(token: Token, third: frozenset[str]) -> str | None:
    """The country of the nearest place (a town, province or capital, not a country or demonym) its
    sentence names."""
    from .gazetteer import knowledge_of
    from .phrases import names_of

    kb = knowledge_of(token.doc)
    sent = token.sent
    best: tuple[int, str] | None = None
    for start, end, key in names_of(token.doc).by_start.values():
        if not (sent.start <= start < sent.end):
            continue
        entry = kb.entries.get(key)
        if entry is None or not entry.is_place or not entry.country or entry.country in third:
            continue
        distance = abs(start - token.i)
        if best is None or distance < best[0]:
            best = (distance, entry.country)
    return best[1] if best else None


def _context(token: Token, own: list[Party], country: str) -> Party:
    """The phrase's party placed in a country its context gives."""
    left = max(token.left_edge.i, token.i - 4)
    text = token.doc[left : token.i + 1].text
    sector = next((p.sector for p in own if p.sector), None)
    return Party(text=text, name=text, country=country, sector=sector)
