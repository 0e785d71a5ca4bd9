"""Joint actors: coordinated mediators and hosts act as one party ("mediated by Türkiye and
Qatar", "Egyptian and Qatari mediators"): sector JNT, no single country (CODEBOOK), the members' ids
joined by "+". Other coordinations stay several parties, each its own side.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Party
from . import arguments as _args  # read at call time: arguments imports this module

JOINT = "JNT"  # the sector of a joint actor: several parties acting as one, with no single country
THIRD_PARTY_NOUNS = frozenset({"mediator", "host", "broker", "guarantor", "facilitator", "sponsor"})


def jointly(token: Token, found: list[Party]) -> list[Party]:
    """Coordinated third parties act as one ("mediated by Türkiye and Qatar": one mediator, no single
    country, CODEBOOK); other coordinations stay several parties, each its own side."""
    if len(found) < 2 or not all(p.country or (p.sector or "")[:3] in _args.TRANSNATIONAL for p in found):
        return found
    if not token.conjuncts:  # "Egyptian and Qatari mediators": one noun, several countries
        return [_joint(token, found)] if token.lemma_.lower() in THIRD_PARTY_NOUNS or _mediator_phrase(token) else found
    first = min([token, *token.conjuncts], key=lambda t: t.i)
    if not _mediator_phrase(first):
        return found
    if first is not token:
        found = _args.parties(first)
        return found if len(found) == 1 and (found[0].sector or "") == JOINT else _joint(first, found)
    return [_joint(first, found)]


def _mediator_phrase(head: Token) -> bool:
    """Whether a phrase names who mediates or hosts: the subject of a mediation verb ("X and Y
    mediated", "X and Y agreed to host"), its agent ("mediated by X and Y"), or the owner of a
    mediation noun ("Qatari and Egyptian mediation", "the mediation of X and Y")."""
    from .mediation import load_mediation_cues  # loaded once; mediation imports this module

    cues = load_mediation_cues()
    governor = head.head
    if head.dep_ in {"nsubj", "nsubjpass"}:
        return governor.lemma_.lower() in cues or any(c.dep_ == "xcomp" and c.lemma_.lower() in cues for c in governor.children)
    if head.dep_ == "pobj" and governor.lower_ in {"by", "of", "from"} and governor.dep_ in {"agent", "prep"}:
        return governor.head.lemma_.lower() in cues
    if head.dep_ in {"poss", "compound", "amod", "nmod", "npadvmod"}:
        return governor.lemma_.lower() in cues
    return False


def _joint(first: Token, found: list[Party]) -> Party:
    """One party standing for several: 'Türkiye and Qatar' (id 'TUR+QAT', no country unless all share one)."""
    last = max([first, *first.conjuncts], key=lambda t: t.i)
    doc = first.doc
    text = doc[min(first.left_edge.i, first.i) : last.right_edge.i + 1].text
    countries = {p.country for p in found}
    ids = "+".join(p.id or p.country or p.name for p in found)
    return Party(text=text, name=" and ".join(p.name for p in found), country=countries.pop() if len(countries) == 1 else None,
                 sector=JOINT, id=ids)
