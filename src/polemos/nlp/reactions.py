"""Who did a nominal event, and who suffered it, when the words around it say so indirectly:
a verb that reacts to it ("the AU condemned the attack": not the AU's attack), the passive clause
it caused ("three aid workers were killed by a drone strike": the workers were struck), a participle
that describes it ("sanctions imposed by London"), a control noun ("an attempt by the militia to
storm").

Why a module of its own: these are the rules wire copy needed beyond the parse's direct links, and
their word lists live in data files (reactions.tsv, mediation.tsv).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ..records import Party

from . import arguments as _args
from .gazetteer import knowledge_of
from .phrases import is_named


def noun_doer(noun: Token) -> Token | None:
    """Who does what a noun's clause says: "an attempt by the militia to storm", "Hamas's plan to
    attack" -> the owner; "a resolution calling on X", adopted by Y -> Y; "foiled a bid to storm" ->
    nobody named; else the noun itself ("fighters who stormed")."""
    if noun.pos_ != "NOUN" or _args.parties(noun):
        return noun
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in {"agent", "prep"} and child.lower_ == "by"):
            owner = child if child.dep_ == "poss" else next((g for g in child.children if g.dep_ == "pobj"), None)
            if owner is not None and _args.parties(owner):
                return owner
    verb = noun.head
    if noun.dep_ in {"dobj", "obj"} and verb.pos_ in {"VERB", "AUX"}:
        if verb.lemma_.lower() in reacting():
            return None
        return _args.subject_of(verb)
    if _args.is_abstract(noun):
        return None
    return noun


@lru_cache(maxsize=1)
def reacting() -> dict[str, str]:
    """Verbs whose subject reacts to the event their object names (data/reactions.tsv): lemma ->
    'none' (condemns, reports, flees it) or 'target' (repelled, survived, faced it)."""
    from .triggers import read_cues

    return {row[0].strip(): row[1].strip() for row in read_cues("reactions.tsv")}


def is_pointer(token: Token | None) -> bool:
    """'this', 'it', 'what': a word that points at the event itself."""
    return token is not None and token.pos_ in {"PRON", "DET"} and token.lower_ in {"this", "that", "it", "which", "what"}


def victims(anchor: Token) -> Token | None:
    """The passive subject of the clause a nominal event is the cause of: "X were killed by/in a
    strike", "X was wounded in an attack": X is the event's target."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.dep_ not in {"agent", "prep"} or prep.lower_ not in {"by", "in"}:
        return None
    verb = prep.head
    if verb.pos_ != "VERB":
        return None
    if verb.dep_ == "conj" and not any(c.dep_ in _args.PASSIVE_SUBJECT_DEPS for c in verb.children):
        verb = verb.head  # "two soldiers were killed and three wounded in an attack"
    if verb.pos_ != "VERB" or not _args.is_passive(verb):
        return None
    return next((c for c in verb.children if c.dep_ in _args.PASSIVE_SUBJECT_DEPS and _args.parties(c)), None)


@lru_cache(maxsize=1)
def _agency() -> dict[str, str]:
    """Participles that name a nominal event's doer (data/agency.tsv): lemma -> preposition."""
    from .triggers import read_cues

    return {row[0].strip(): row[1].strip() for row in read_cues("agency.tsv")}


def attributed(anchor: Token) -> Token | None:
    """'attacks attributed to X', 'strikes blamed on X': X did them."""
    agency = _agency()
    for acl in anchor.children:
        prep_word = agency.get(acl.lemma_.lower()) if acl.dep_ == "acl" else None
        if prep_word is None:
            continue
        for prep in acl.children:
            if prep.dep_ in {"prep", "agent", "dative"} and prep.lower_ == prep_word:
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is not None and _args.parties(pobj):
                    return pobj
    return None


def participle_agent(anchor: Token) -> Token | None:
    """'sanctions imposed by London', 'raids launched by X': the agent of a participle that describes
    the event did it (unless the participle reacts to it: 'the strike, condemned by the UN', or names
    a third party: 'talks hosted by X')."""
    from .mediation import load_mediation_cues

    for acl in anchor.children:
        if acl.dep_ != "acl" or acl.tag_ != "VBN" or acl.lemma_.lower() in reacting() or acl.lemma_.lower() in load_mediation_cues():
            continue
        agent = _args.agent_of(acl)
        if agent is not None and _args.parties(agent):
            return agent
    return None


def where_struck(doc: Doc, anchor: Token, targets: list[Party]) -> list[Party]:
    """Victims no name places take the country of the place the violence struck ("in X")."""
    place = next((c for c in anchor.children if c.dep_ == "prep" and c.lower_ in {"in", "near"}), None)
    pobj = next((g for g in place.children if g.dep_ == "pobj"), None) if place is not None else None
    country = next((p.country for p in _args.parties(pobj) if p.country), None) if pobj is not None else None
    if country is None:
        return targets
    kb = knowledge_of(doc)
    return [kb.composed(t.text, country, t.sector) if t.sector and not is_named(t) else t for t in targets]
