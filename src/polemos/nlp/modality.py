"""Whether an event is said not to have happened, or only might happen.

News keeps negated and hypothetical events ("did not attack", "failure would mean open war",
"could launch strikes if ..."); polemos keeps them too and flags them. The cues live in
data/modality.tsv; this module walks the parse from the trigger up through the clauses that embed
it (complements, not noun phrases: "commented on the talks" does not negate the talks).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .triggers import read_cues

# Links along which an embedding clause passes its modality down to the clause it embeds.
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj", "csubj"})
# A noun trigger takes the modality of the verb that carries it ("did not carry out attacks").
CARRIER_LINKS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
MAX_CLIMB = 6


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False  # conditionals and modals: "could", "if", "would"
    future: bool = False  # "will", "going to"
    intent: bool = False  # the actor means to: "plans to", "is ready to", "vowed to"
    requested: bool = False  # someone else asks for it: "urged X to", "wants X to"
    obligation: bool = False  # a speaker says it must happen: "X must ..."
    cues: tuple[str, ...] = ()

    @property
    def unreal(self) -> bool:
        """Not (yet) a fact: the event is flagged hypothetical."""
        return self.hypothetical or self.intent or self.requested or self.obligation or self.future


@dataclass(frozen=True, slots=True)
class Cues:
    child: dict[str, str]
    det: dict[str, str]
    mark: dict[str, str]
    governor: dict[str, str]
    subject: dict[str, str]
    report: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The modality and speech cues, read once per process."""
    tables: dict[str, dict[str, str]] = {"child": {}, "det": {}, "mark": {}, "governor": {}, "subject": {}}
    for row in read_cues("modality.tsv"):
        cue, kind, relation = (c.strip() for c in row[:3])
        tables[relation][cue] = kind
    report = frozenset(row[0].strip() for row in read_cues("speech.tsv") if row[1].strip() == "report")
    return Cues(report=report, **tables)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _held(anchor: Token) -> bool:
    """A nominal event under a noun that gives its doer ("involvement in", "responsibility for")
    which a verb takes as its object ("denied involvement in the attack")."""
    from .arguments import control_words  # arguments reads this module's cues: imported late

    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    holder = prep.head
    return (
        holder.pos_ == "NOUN"
        and holder.dep_ in CARRIER_LINKS
        and (holder.lemma_.lower(), "subject", prep.lower_) in control_words()
        and holder.head is not holder
    )


def read_modality(anchor: Token, stop: frozenset[int] = frozenset(), members: tuple[Token, ...] = ()) -> Modality:
    """Negation, hypothesis and future tense of the event whose trigger is headed by `anchor`.

    `stop` holds tokens of other triggers: the climb ends there (their own modality is theirs).
    """
    cues = load_cues()
    kinds: set[str] = set()
    found: list[str] = []

    def note(kind: str, token: Token) -> None:
        kinds.add(kind)
        found.append(token.text)

    for word in (anchor, *members):
        for child in word.children:
            if child.dep_ in {"det", "neg", "advmod"} and _lemma(child) in cues.det:
                note(cues.det[_lemma(child)], child)
    if anchor.pos_ == "VERB":
        for subject in (c for c in anchor.children if c.dep_ in {"nsubj", "nsubjpass"}):
            # "no civilians were harmed", "none of the soldiers was hurt": nobody it happened to
            for word in (subject, *(c for c in subject.children if c.dep_ == "det")):
                if _lemma(word) in cues.subject:
                    note(cues.subject[_lemma(word)], word)
    node = anchor
    if anchor.pos_ in {"NOUN", "PROPN"} and anchor.dep_ in CARRIER_LINKS and anchor.head is not anchor:
        node = anchor.head
    elif anchor.pos_ == "ADJ" and anchor.dep_ in {"acomp", "amod"} and anchor.head is not anchor:
        node = anchor.head
    elif _held(anchor):
        node = anchor.head.head.head  # "denied any involvement in the attack": the denial covers the attack
    visited = 0
    while True:
        for child in node.children:
            lemma = _lemma(child)
            if child.dep_ in {"aux", "neg", "advmod", "auxpass", "preconj", "cc"} and lemma in cues.child:
                if child.dep_ == "cc" and lemma != "nor":
                    continue
                note(cues.child[lemma], child)
            elif child.dep_ == "mark" and lemma in cues.mark:
                note(cues.mark[lemma], child)
        if node is not anchor and _lemma(node) in cues.governor:
            note(cues.governor[_lemma(node)], node)
        if node.dep_ not in CLAUSE_LINKS or node.head is node or visited >= MAX_CLIMB:
            break
        parent = node.head
        if parent.dep_ == "prep" and node.dep_ == "pcomp":
            parent = parent.head
        if _lemma(parent) in cues.report or parent.i in stop:
            # "refrain from carrying out strikes" climbs to "refrain"; a reporting verb or another event ends it
            if parent.i in stop and node.dep_ != "conj" and _lemma(parent) in cues.governor:
                note(cues.governor[_lemma(parent)], parent)
            break
        node = parent
        visited += 1
    return Modality(
        negated="negated" in kinds,
        hypothetical="hypothetical" in kinds,
        future="future" in kinds,
        intent="intent" in kinds,
        requested="requested" in kinds,
        obligation="obligation" in kinds,
        cues=tuple(found),
    )
