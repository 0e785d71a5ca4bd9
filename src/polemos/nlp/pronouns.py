"""Reading a pronoun inside its own sentence: the clauses above it, their subjects and controllers,
who a demand is made of, what a party shelters or attacks, and which verbs take a party as their
object ("accuses it of", "backing them"). Used by coreference.py; word lists in
data/actors/reference.json.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Token

from ..knowledge.actors import DATA
from ..records import Party
from .phrases import STATE_SECTORS

if TYPE_CHECKING:
    from .coreference import Found

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Word lists for reading pronouns inside one sentence (data/actors/reference.json)."""
    raw = json.loads((DATA / "reference.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


def object_governor(token: Token) -> Token | None:
    """The verb whose party object the pronoun is, or None when the verb or preposition takes things."""
    words = cues()
    if token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ not in words["party_object_prepositions"]:
            return None
        head = prep.head
        if head.pos_ not in {"VERB", "AUX"}:
            return next(governors(head), head) if head.lemma_.lower() in words["party_object_nouns"] else None
        return head
    verb = token.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in words["party_object_verbs"]:
        return None
    if token.lower_ == "it" and verb.lemma_.lower() in words["judging_verbs"] and any(c.dep_ in {"oprd", "ccomp", "acomp", "xcomp"} for c in verb.children):
        return None  # "made it clear that", "called it unacceptable"
    return verb


def same_party(a: Party, b: Party) -> bool:
    """One actor named twice: the same id, or one country's state in both ('Pakistan', 'Islamabad')."""
    if a.id is not None and a.id == b.id:
        return True
    if a.country is None or a.country != b.country:
        return False
    state = lambda p: not p.sector or p.sector[:3] in STATE_SECTORS  # noqa: E731
    return state(a) and state(b)


def governors(token: Token, limit: int = 6):
    """The verbs above a token, nearest first (the clauses it sits in)."""
    node = token
    for _ in range(limit):
        if node.head is node:
            return
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            yield node


def clause_subject(verb: Token, depth: int = 0) -> Token | None:
    """A clause's subject, or its controller: 'urged Y to act' -> Y; 'accused Y of sheltering' -> Y."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if depth > 3:
        return None
    if verb.dep_ == "xcomp":
        objects = [c for c in verb.head.children if c.dep_ in {"dobj", "dative"}]
        return objects[0] if objects else clause_subject(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        governor = verb.head.head
        objects = [c for c in governor.children if c.dep_ in {"dobj", "dative"}]
        return objects[0] if objects else clause_subject(governor, depth + 1)
    if verb.dep_ in {"conj", "advcl"}:
        return clause_subject(verb.head, depth + 1)
    return None


def addressees(verb: Token) -> list[Token]:
    """Who a demand is made of: 'urged Y', 'called on Y', 'sought assurances from Y'."""
    words = cues()
    out: list[Token] = []
    asks = verb.lemma_.lower() in words["addressee_verbs"]
    for child in verb.children:
        if asks and child.dep_ in {"dobj", "dative"} and child.lemma_.lower() not in words["promise_nouns"]:
            out.append(child)
        elif asks and child.dep_ == "prep" and child.lower_ in words["addressee_prepositions"]:
            out.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ in {"dobj", "nsubjpass"} and child.lemma_.lower() in words["promise_nouns"]:
            for prep in child.children:  # "assurances from Y that it ..."
                if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def harbourer(possessed: Token, list_name: str = "harbour_verbs") -> Token | None:
    """The verb or noun of sheltering whose object the possessed noun is ('harbouring its commanders',
    'sanctuary to its fighters'), or None; with list_name 'foreign_verbs', the verb of an act on
    another's belongings ('respect its sovereignty')."""
    words = cues()[list_name]
    governor = possessed.head
    if possessed.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    elif possessed.dep_ not in {"dobj", "dative"}:
        return None
    if governor.lemma_.lower() not in words:
        return None
    return governor if governor.pos_ in {"VERB", "AUX"} else governor.head


def in_sentence(token: Token, at: dict[int, "Found"], fit) -> tuple["Found | None", tuple[Callable, Callable] | None]:
    """An antecedent the pronoun's own sentence decides, or narrower tests for the usual search."""
    if token.dep_ in SUBJECT_DEPS:
        for verb in governors(token):
            for addressee in addressees(verb):
                cand = at.get(addressee.i)
                if cand is not None and cand.mention.party is not None and fit(cand):
                    return cand, None
        return None, None
    possessed = token.head
    sheltering = harbourer(possessed)
    if sheltering is not None:  # what a party shelters is another's: skip the shelterer, prefer a group
        shelterer = clause_subject(sheltering)
        skip = at.get(shelterer.i) if shelterer is not None else None

        def other(c: "Found") -> bool:
            return fit(c) and c is not skip

        def group(c: "Found") -> bool:
            sector = c.mention.party.sector if c.mention.party is not None else None
            return other(c) and bool(sector) and sector[:3] not in STATE_SECTORS
        return None, (group, other)
    foreign = harbourer(possessed, "foreign_verbs")
    actor = clause_subject(foreign) if foreign is not None else None  # 'Y to respect its sovereignty': not Y's
    for verb in governors(token):
        subject = clause_subject(verb)
        if subject is None or subject.i == possessed.i or subject.i == token.i or (actor is not None and subject.i == actor.i):
            continue
        if foreign is not None and subject.dep_ in {"dobj", "dative"}:
            continue  # "convince the Taliban to act against militants targeting its civilians": the asker's
        cand = at.get(subject.i)
        if cand is not None and cand.mention.party is not None and fit(cand) and cand.start < token.i:
            return cand, None
    return None, None
