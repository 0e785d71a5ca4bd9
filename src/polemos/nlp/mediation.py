"""Third parties to other parties' talks and agreements: mediators, brokers and hosts.

"The two sides agreed to a truce, mediated by X and Y" is an agreement between the two sides, not
with X; X and Y each mediated (PLOVER CONSULT, mode third-party; CAMEO 045). This module only finds
who mediates what in a sentence (cue words in data/mediation.tsv); events.py keeps the mediators out of
the sides' events and gives each mediator its own event toward each side.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan, Token

from ..records import Event, Party, replace
from .arguments import TRANSNATIONAL, parties, subject_of
from .triggers import read_cues

# Prepositions that put a mediation noun beside an event: "with the help of", "under the auspices of".
FRAME_PREPS = frozenset({"with", "under", "through", "after", "following", "via", "thanks", "amid", "by"})
# Roots of what a host can host as a third party: the talks or the agreement of others.
HOSTED_ROOTS = frozenset({"CONSULT", "AGREE"})


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # verb | host | noun
    cameo: str


@dataclass(frozen=True, slots=True)
class Mediation:
    """One mention of mediation: the cue word, the heads of the mediators' phrases, what is mediated."""

    cue: Token
    mediators: tuple[Token, ...]
    mediated: Token | None
    cameo: str

    @property
    def tokens(self) -> frozenset[int]:
        """The cue and every word of the mediators' phrases (kept out of the sides' arguments)."""
        out = {self.cue.i}
        for head in self.mediators:
            out.update(t.i for t in head.subtree)
        return frozenset(out)


@lru_cache(maxsize=1)
def load_mediation_cues() -> dict[str, Cue]:
    return {row[0].strip(): Cue(row[1].strip(), row[2].strip()) for row in read_cues("mediation.tsv")}


def read_mediation(sent: SpacySpan, trigger_root) -> list[Mediation]:
    """Every mediation in a sentence. `trigger_root(token)` gives the PLOVER root of a trigger word
    (or None), to tell a host of talks from a host of a visitor."""
    cues = load_mediation_cues()
    out: list[Mediation] = []
    for token in sent:
        lemma = token.lemma_.lower()
        cue = cues.get(lemma)
        if cue is None and token.i + 1 < sent.end:
            cue = cues.get(f"{lemma} {token.nbor().lemma_.lower()}")  # "good offices"
            token = token.nbor() if cue is not None else token
        if cue is None:
            continue
        found = _noun(token, cue) if cue.kind == "noun" else _verb(token, cue, trigger_root)
        if found is not None and found.mediators:
            out.append(found)
    return out


def _with_conjuncts(token: Token) -> tuple[Token, ...]:
    return (token, *token.conjuncts)


def _verb(token: Token, cue: Cue, trigger_root) -> Mediation | None:
    if token.pos_ not in {"VERB", "ADJ"}:
        return None
    mediators: tuple[Token, ...] = ()
    mediated: Token | None = None
    agent = next((c for c in token.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")), None)
    if agent is not None:  # "mediated by X", "talks hosted by X"
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None)
        mediators = _with_conjuncts(pobj) if pobj is not None else ()
        if token.dep_ in {"acl", "amod"}:
            mediated = token.head
        else:
            mediated = next((c for c in token.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
    elif token.dep_ == "amod" or (token.tag_ == "VBN" and token.dep_ in {"acl", "compound"}):
        # "a Qatar-brokered truce": the mediator modifies the participle
        named = [c for c in token.children if c.dep_ in {"npadvmod", "compound", "nmod", "amod"} and c.pos_ in {"PROPN", "ADJ", "NOUN"}]
        mediators = tuple(t for c in named for t in _with_conjuncts(c))
        mediated = token.head
    else:  # "X mediated talks between A and B", "X and Y agreed to host talks"
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None and token.dep_ == "xcomp":
            subject = subject_of(token)
        mediated = next((c for c in token.children if c.dep_ in {"dobj", "obj"}), None)
        mediators = _with_conjuncts(subject) if subject is not None else ()
    if cue.kind == "host" and (mediated is None or trigger_root(mediated) not in HOSTED_ROOTS):
        return None  # "X hosted the president": a visit, coded by the trigger lexicon
    return Mediation(token, mediators, mediated, cue.cameo)


def _noun(token: Token, cue: Cue) -> Mediation | None:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    framed = token.dep_ == "pobj" and token.head.lower_ in FRAME_PREPS
    mediators: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "by", "from"}:
            mediators.extend(t for g in child.children if g.dep_ == "pobj" for t in _with_conjuncts(g))
        elif child.dep_ in {"poss", "amod", "compound", "nmod"} and child.i < token.i and child.pos_ in {"PROPN", "ADJ", "NOUN"}:
            mediators.extend(_with_conjuncts(child))
    if not mediators or not (framed or cue.kind == "noun" and token.lemma_.lower() in {"mediation", "auspices", "offices", "facilitation", "sponsorship"}):
        return None
    # what is mediated: the event the framing phrase hangs on ("agreed ... with the help of X")
    mediated = token.head.head if framed else token.head
    return Mediation(token, tuple(mediators), mediated, cue.cameo)


@dataclass(frozen=True, slots=True)
class Third:
    """The third parties of a sentence (mediators, brokers, hosts): their words and their countries."""

    tokens: frozenset[int] = frozenset()
    countries: frozenset[str] = frozenset()

    @classmethod
    def of(cls, mediations: list[Mediation]) -> "Third":
        if not mediations:
            return cls()
        tokens = frozenset(i for m in mediations for i in m.tokens)
        countries = frozenset(p.country for m in mediations for h in m.mediators for p in parties(h) if p.country)
        return cls(tokens, countries)


MEDIATED_ROOTS = frozenset({"CONSULT", "AGREE", "COOPERATE", "CONCEDE", "RETREAT"})


def sides_of(m: Mediation, events: list[Event], third: Third, dyad: tuple[Party, ...] = ()) -> list[Party]:
    """The parties a mediator stands between: 'talks between A and B', else the actors and targets of
    the talks or agreement coded in its sentence, else the article's two sides of the moment."""
    sides: list[Party] = []
    for prep in [*(m.mediated.children if m.mediated is not None else ()), *m.cue.children]:  # "talks between", "mediate between"
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                sides.extend(p for p in parties(pobj) if placed(p) and p not in sides)
    if len(sides) < 2:
        for event in events:
            if event.type in MEDIATED_ROOTS:
                for p in (event.actor, event.target):
                    if placed(p) and p.country not in third.countries and not any(same_side(p, s) for s in sides):
                        sides.append(p)
    if len(sides) < 2:
        sides.extend(p for p in dyad if placed(p) and not any(same_side(p, s) for s in sides))
    return sides


STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})


def same_side(a: Party, b: Party) -> bool:
    """Whether two parties stand on one side: one country, and both its state ('Pakistan', 'the
    Pakistani army') or both outside it; 'Sudan's army' and 'the RSF' are two sides."""
    if a.country != b.country:
        return False
    if a.country is None:
        return a.name == b.name
    return (not a.sector or a.sector[:3] in STATE) == (not b.sector or b.sector[:3] in STATE)


def as_third_party(event: Event) -> Event:
    """Talks held through a mediator or host: PLOVER's CONSULT mode third-party."""
    return replace(event, mode="third-party") if event.type == "CONSULT" and event.mode is None else event


def placed(party: Party | None) -> bool:
    """A country, or a transnational kind (IGO, NGO, IMG)."""
    return party is not None and bool(party.country or (party.sector or "")[:3] in TRANSNATIONAL)
