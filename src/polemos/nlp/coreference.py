"""Pronouns and definite descriptions ("it", "the group", "the state outlet") resolved to an
earlier mention: the nearest earlier sentence holding a fitting mention, and in it a subject first.

Why so simple: news prose keeps its actors few and names them again often; a salience rule over
the mentions the actors step already resolved gets most references right at almost no cost.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..knowledge import Agent, KnowledgeBase
from ..records import Mention, Party, replace
from .phrases import ROLE_KINDS, STATE_SECTORS, is_named, sentence_of

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "become", "remain", "take", "matter", "mean", "happen", "follow"})
WINDOW = 3  # sentences a pronoun looks back
DEFINITE_WINDOW = 6  # sentences a definite description ("the official") looks back


@dataclass(frozen=True, slots=True)
class Found:
    """A mention plus what resolution needs: its token span and head."""

    mention: Mention
    start: int  # token indices
    end: int
    head: int
    sent: int  # sentence number
    subject: bool
    plural: bool
    person: bool
    agent: Agent | None = None


def found_at(doc: Doc, start: int, end: int, label: str, party: Party | None, source: str, agent: Agent | None = None) -> Found:
    span = doc[start:end]
    head = span.root
    return Found(
        Mention(span.start_char, span.end_char, span.text, label, party, source),
        start,
        end,
        head.i,
        sentence_of(doc)[head.i],
        head.dep_ in SUBJECT_DEPS,
        head.tag_ in {"NNS", "NNPS"} or (agent is not None and agent.kind in {"group", "role-group"}),
        label == "PERSON" or (agent is not None and agent.kind in {"person", "role"}),
        agent,
    )


# ---- pronouns and definite descriptions ------------------------------------------------------------
def _family(sector: str | None) -> str | None:
    if not sector:
        return None
    return "MED" if "MED" in sector else sector[:3]


def _is_bare_definite(doc: Doc, f: Found) -> bool:
    """'the group', 'the state outlet': a definite role phrase naming no country or organisation."""
    if f.agent is None or f.agent.kind == "collective":
        return False
    words = doc[f.start : f.end]
    if words[0].lower_ not in DEFINITE:
        return False
    return f.mention.party is None or (f.mention.party.country is None and f.mention.party.id in {None, f.mention.party.sector})


def _antecedent(previous: list[Found], f: Found, want, window: int = WINDOW) -> Found | None:
    """The nearest earlier sentence with a fitting mention (up to `window` back); in it, a subject
    first, then the latest."""
    best: tuple[tuple[int, int, int], Found] | None = None
    for cand in reversed(previous):
        if f.sent - cand.sent > window:
            break
        if cand.mention.party is None or cand.start >= f.start or not want(cand):
            continue
        score = (-cand.sent, 0 if cand.subject else 1, -cand.start)
        if best is None or score < best[0]:
            best = (score, cand)
    return best[1] if best else None


def refer(doc: Doc, kb: KnowledgeBase, found: list[Found]) -> list[Found]:
    """Resolve pronouns and bare definite role phrases to the party of an earlier mention."""
    resolved: list[Found] = []
    wanted = {doc.vocab.strings[w] for w in SINGULAR_PRONOUNS | PLURAL_PRONOUNS | PERSON_PRONOUNS}
    lowers = doc.to_array([LOWER]).tolist()
    pronouns = [doc[i] for i, low in enumerate(lowers) if low in wanted and doc[i].pos_ == "PRON"]
    queue = sorted(found + [_pronoun(t) for t in pronouns], key=lambda f: (f.start, f.end))
    owners: dict[int, Party] = {}
    for f in queue:
        if f.mention.source == "pronoun":
            token = doc[f.start]
            if token.dep_ not in SUBJECT_DEPS | {"poss"}:
                continue
            if token.lower_ == "it" and token.head.lemma_.lower() in EXPLETIVE_HEADS:
                continue
            ante = _antecedent(resolved, f, _pronoun_fit(token.lower_))
            if ante is None:
                continue
            party = replace(ante.mention.party, text=token.text)
            owners[token.i] = party
            f = Found(replace(f.mention, party=party, label=ante.mention.label), f.start, f.end, f.head, f.sent, f.subject, ante.plural, ante.person, ante.agent)
        elif f.mention.source == "title" and f.start in owners and f.mention.party is not None and f.mention.party.country is None:
            # "its civilians": the owner's country
            owner = owners[f.start]
            if is_named(owner) and f.agent is not None and f.agent.kind in ROLE_KINDS | {"group", "person"}:
                f = _with_party(f, replace(owner, text=f.mention.text), "title")  # "its fighters": the group's
            elif owner.country and f.mention.party.sector:
                f = _with_party(f, kb.composed(f.mention.text, owner.country, f.mention.party.sector), "title")
        elif _is_bare_definite(doc, f):
            agent = f.agent
            assert agent is not None
            same, similar = _definite_fit(doc, f, agent)
            ante = _antecedent(resolved, f, same, DEFINITE_WINDOW) or _antecedent(resolved, f, similar, DEFINITE_WINDOW)
            if ante is not None:
                f = _with_party(f, replace(ante.mention.party, text=f.mention.text), "definite")
            elif agent.sector and agent.sector[:3] in STATE_SECTORS and agent.kind != "person":
                home = _dateline_country(doc, kb)
                if home:  # "the military said" in a report datelined Islamabad: Pakistan's
                    f = _with_party(f, kb.composed(f.mention.text, home, agent.sector), "definite")
        resolved.append(f)
    return resolved


def _with_party(f: Found, party: Party | None, source: str) -> Found:
    return Found(replace(f.mention, party=party, source=source), f.start, f.end, f.head, f.sent, f.subject, f.plural, f.person, f.agent)


def _dateline_country(doc: Doc, kb: KnowledgeBase) -> str | None:
    """The country of the dateline place ('ISLAMABAD' -> PAK), when the knowledge base knows it."""
    dateline = doc._.dateline
    if not dateline:
        return None
    entry = kb.entry(dateline.strip().title()) or kb.entry(dateline.strip())
    return entry.country if entry is not None else None


def _pronoun(token: Token) -> Found:
    return Found(
        Mention(token.idx, token.idx + len(token.text), token.text, "PRON", None, "pronoun"),
        token.i,
        token.i + 1,
        token.i,
        sentence_of(token.doc)[token.i],
        token.dep_ in SUBJECT_DEPS,
        token.lower_ in PLURAL_PRONOUNS,
        token.lower_ in PERSON_PRONOUNS,
    )


def _pronoun_fit(word: str):
    if word in PERSON_PRONOUNS:
        return lambda c: c.person
    if word in PLURAL_PRONOUNS:
        return lambda c: c.plural or (c.mention.label == "ORG" and c.agent is None)
    return lambda c: not c.person and not c.plural and c.mention.label != "PRON"


def _definite_fit(doc: Doc, f: Found, agent: Agent):
    """Two tests for the antecedent of 'the official': the same role word first, then the same sector."""
    head = doc[f.head].lemma_.lower()
    if agent.kind == "anaphor":
        accepts = set(agent.accepts)

        def anaphor(c: Found) -> bool:
            party = c.mention.party
            return not c.person and party is not None and (party.sector in accepts or _family(party.sector) in accepts)

        return anaphor, anaphor
    family = _family(agent.sector)

    def informative(c: Found) -> bool:
        party = c.mention.party
        return party is not None and (party.country is not None or is_named(party))

    def same(c: Found) -> bool:
        return informative(c) and c.agent is not None and doc[c.head].lemma_.lower() == head

    def similar(c: Found) -> bool:
        return informative(c) and family is not None and _family(c.mention.party.sector) == family and c.person == f.person

    return same, similar
