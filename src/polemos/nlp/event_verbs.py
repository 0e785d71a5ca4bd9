"""The verbs around a nominal event that tell who did it or whom it struck: a verb of harm whose
subject or means the event is ("a roadside bombing killed one US soldier": the soldier was struck),
a verb of motion whose subject went on or for it ("arrived on a visit"), and a verb of telling whose
subject only reports it ("the governor said the blast ..."). Word lists in data/actors/reference.json.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from . import arguments as _args  # read at call time: arguments imports this module
from .pronouns import cues

# Verbs that only tell of an event ("the governor said the blast ..."): their subject is a witness.
TELLING = frozenset({"say", "tell", "add", "note", "write", "report", "recall", "describe", "call"})
FORCE_ROOTS = frozenset({"MOBILIZE", "RETREAT"})  # a force's own movement: "the deployment of X" is X's


@lru_cache(maxsize=1)
def motion_verbs() -> frozenset[str]:
    return cues()["motion_verbs"]


@lru_cache(maxsize=1)
def harm_verbs() -> frozenset[str]:
    return cues()["harm_verbs"]


def harmed(anchor: Token) -> Token | None:
    """Whom a nominal attack struck when a verb of harm tells it: the event is that verb's subject
    ("a roadside bombing killed one US soldier") or its means ("killed 46 civilians in an attack",
    "wounded two soldiers with a bomb"): the verb's object is the target."""
    verb = anchor.head
    if anchor.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in {"in", "with", "during", "by"}:
        verb = verb.head
    elif anchor.dep_ != "nsubj":
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in harm_verbs() or _args.is_passive(verb):
        return None
    return next((c for c in verb.children if c.dep_ in _args.OBJECT_DEPS and _args.parties(c)), None)
