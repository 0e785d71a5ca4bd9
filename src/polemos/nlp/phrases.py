"""Which actor a noun phrase names: its head, role word, demonyms, possessives and of/in phrases.

Shared by the actors step (role phrases such as "a Pakistani security official") and by `party_of`,
which the events and quotes steps call. Gazetteer spans and sentence numbers are read once per
Doc into plain tuples: spaCy builds a new Span on every read of a SpanGroup.
"""

from __future__ import annotations

import json

from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from ..knowledge import Agent, KnowledgeBase
from ..knowledge.actors import DATA
from ..records import Mention, Party, replace
from .reading import GAZETTEER_GROUP

NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "npadvmod", "quantmod", "case", "punct", "advmod"})
ROLE_KINDS = frozenset({"role", "role-group"})  # generic roles that take a named group's sector
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
MENTION_INDEX = "polemos_mention_index"  # doc.user_data: token -> index into doc._.mentions


# ---- what the gazetteer and NER found, read once per Doc ---------------------------------------------
_NAMES = "polemos_names"


@dataclass(frozen=True, slots=True)
class _Names:
    """Gazetteer spans and PERSON entities as plain tuples: a SpanGroup makes new Spans on every read."""

    by_start: dict[int, tuple[int, int, str]]  # start token -> (start, end, kb id)
    persons: dict[int, tuple[int, int, str]]  # start token -> (start, end, text)


_SENTS = "polemos_sentence_of"


def sentence_of(doc: Doc) -> list[int]:
    """The sentence number of every token, computed once per Doc (Token.sent is slow)."""
    ordinals = doc.user_data.get(_SENTS)
    if ordinals is None or len(ordinals) != len(doc):
        starts = doc.to_array([SENT_START])
        ordinals, n = [], -1
        for value in starts.tolist():
            n += value == 1 or n < 0
            ordinals.append(n)
        doc.user_data[_SENTS] = ordinals
    return ordinals


def forget_names(doc: Doc) -> None:
    """Drop what an earlier reading cached (the NER may have run since)."""
    doc.user_data.pop(_NAMES, None)


def names_of(doc: Doc) -> _Names:
    names = doc.user_data.get(_NAMES)
    if names is None:
        group = doc.spans[GAZETTEER_GROUP] if GAZETTEER_GROUP in doc.spans else ()
        surnames = {doc[e.end - 1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1} | {
            s[-1].text for s in group if s.label_ == "PERSON"
        }
        by_start = {s.start: (s.start, s.end, s.kb_id_) for s in group if not _weak_place(doc, s, surnames)}
        persons = {e.start: (e.start, e.end, e.text) for e in doc.ents if e.label_ == "PERSON"}
        names = _Names(by_start, persons)
        doc.user_data[_NAMES] = names
    return names


WEAK_PLACES = ("subdivision:", "city:")  # generated place names that may be a word or a name as well


def _weak_place(doc: Doc, span: Span, surnames: set[str]) -> bool:
    """A one-word generated place name that reads as part of another name: "Alejandro Rivera",
    "Gulf Cartel", "Shan-e-Mustafa", or the surname of a person the article names ("Kerry")."""
    if span.end - span.start != 1 or not span.kb_id_.startswith(WEAK_PLACES):
        return False
    token = doc[span.start]
    if token.text in surnames:
        return True
    if token.ent_type_ in {"PERSON", "ORG"} and (token.ent_iob_ == "I" or (span.end < len(doc) and doc[span.end].ent_iob_ == "I")):
        return True  # inside a longer name the NER found ("Alejandro Rivera")
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.pos_ == "PROPN" or after.text == "-"):
        return True
    return before is not None and before.pos_ == "PROPN" and not before.is_sent_start


def agent_at(kb: KnowledgeBase, token: Token) -> tuple[Agent, int] | None:
    """The longest role term ending at `token` (its lemma or its word), and where it starts."""
    if token.pos_ not in NOMINAL and token.pos_ != "ADJ":
        return None
    last = tuple(dict.fromkeys((token.lower_, token.lemma_.lower())))  # the word as written first, then its lemma
    if kb.agent_last_words.isdisjoint(last):
        return None
    doc = token.doc
    for size in range(min(kb.max_agent_words, token.i + 1), 0, -1):
        before = " ".join(t.lower_ for t in doc[token.i - size + 1 : token.i])
        for word in last:
            agent = kb.agents.get(f"{before} {word}" if before else word)
            if agent is not None:
                if token.pos_ == "ADJ" and token.dep_ == "amod" and agent.kind in {"person", "role"}:
                    return None  # "a general strike", "an official newspaper": no person is named
                return agent, token.i - size + 1
    return None


def np_start(token: Token) -> int:
    """Left edge of the phrase a role noun heads, including modifiers of its own head when it is a compound."""
    start = min((c.left_edge.i for c in token.lefts if c.dep_ in MODIFIER_DEPS), default=token.i)
    if token.dep_ in {"compound", "amod"} and token.head.i > token.i:
        start = min([start] + [c.left_edge.i for c in token.head.lefts if c.i < token.i and c.dep_ in MODIFIER_DEPS])
    return start


def np_end(doc: Doc, kb: KnowledgeBase, token: Token) -> int:
    """End of a role phrase: 'the government of Chad', 'the authorities in Kabul' keep their place."""
    starts = names_of(doc).by_start
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"} and child.i == token.i + 1:
            for obj in child.children:
                span = starts.get(obj.left_edge.i) or starts.get(obj.i)
                if obj.dep_ == "pobj" and span is not None and span[1] == obj.i + 1:
                    entry = kb.entries.get(span[2])
                    if entry is not None and entry.country and entry.kind in {"country", "capital", "place"}:
                        return obj.i + 1
    adjacent = adjacent_place(doc, kb, token)
    return adjacent[1] if adjacent else token.i + 1


def adjacent_place(doc: Doc, kb: KnowledgeBase, token: Token) -> tuple[int, int, str] | None:
    """'the government in Kinshasa' with the PP attached to the verb by the parser: the country-bearing
    name right after 'in'/'of' still belongs to the role."""
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in {"in", "of"} or doc[token.i + 1].head.i == token.i:
        return None
    span = names_of(doc).by_start.get(token.i + 2)
    if span is None:
        return None
    entry = kb.entries.get(span[2])
    if entry is None or not entry.country or entry.kind not in {"country", "capital", "place"}:
        return None
    return span


PEOPLE_SECTORS = frozenset({"CVL", "REF"})


def _resolved_reference(doc: Doc, token: Token) -> bool:
    """A possessive the actors step resolved as a reference ("the country's army", "the group's leader")."""
    mention = mention_at(doc, token.i)
    return mention is not None and mention.source == "definite" and mention.party is not None


def _people_head(kb: KnowledgeBase, head: Token) -> bool:
    """Whether the phrase names people ("civilians", "refugees"): a group's or state's people are its
    country's, never the group itself."""
    hit = agent_at(kb, head)
    return hit is not None and hit[0].sector in PEOPLE_SECTORS


@lru_cache(maxsize=1)
def _member_nouns() -> frozenset[str]:
    raw = json.loads((DATA / "reference.json").read_text(encoding="utf-8"))
    return frozenset(raw.get("member_nouns", ()))


def _of_agent(kb: KnowledgeBase, head: Token) -> Agent | None:
    """The role word heading the of-phrase of a part noun ("a member of the security forces")."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                found = agent_at(kb, obj) if obj.dep_ == "pobj" else None
                if found is not None and found[0].sector and found[0].kind not in {"collective", "anaphor", "name", "platform"}:
                    return found[0]
    return None


def _specified(kb: KnowledgeBase, tokens: list[Token], before: int, skip: set[int]) -> Agent | None:
    """A generic role ("commander", "spokesman", "official") specified by a role word before it:
    "rebel commander" is a rebel, "police spokesman" the police's, "military official" the army's."""
    for token in reversed(tokens):
        if token.i >= before or token.i in skip:
            continue
        found = agent_at(kb, token)
        if found is not None and found[0].sector and found[0].kind not in {"collective", "anaphor", "name"} and found[1] + 1 <= before:
            role = found[0]
            return Agent(role.term, role.sector, "person")
    return None


# ---- party_of: which actor a noun phrase names -----------------------------------------------------
def mention_at(doc: Doc, i: int) -> Mention | None:
    index = doc.user_data.get(MENTION_INDEX)
    if index is None or doc._.mentions is None:
        return None
    k = index.get(i)
    return doc._.mentions[k] if k is not None else None


def is_named(party: Party | None) -> bool:
    """A party with its own identity (a group, a person, an IGO), not one composed of country and role."""
    if party is None or party.id is None:
        return False
    return party.id not in {party.country, party.sector, f"{party.country}{party.sector or ''}"}


@lru_cache(maxsize=1)
def _sponsor_words() -> dict[str, bool]:
    """data/actors/sponsors.tsv: "backed", "funded", ... after a name make it the sponsor; the value
    says whether only after "the" ("the Qaeda-linked group" is a group named before)."""
    lines = (DATA / "sponsors.tsv").read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))
    return {row[0].strip().lower(): len(row) > 1 and row[1].strip() == "definite" for row in rows}


def _sponsor(doc: Doc, end: int) -> bool:
    """Whether the name ending before `end` is hyphened to a sponsor participle ("Rwanda-backed")."""
    i = end + 1 if end < len(doc) and doc[end].text == "-" else end
    if i >= len(doc) or doc[i].tag_ != "VBN":
        return False
    definite = _sponsor_words().get(doc[i].lemma_.lower())
    if definite is None:
        return False
    if not definite:
        return True
    head = doc[i].head
    return any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"} for t in head.lefts)


@lru_cache(maxsize=1)
def _outsider_words() -> frozenset[str]:
    raw = json.loads((DATA / "reference.json").read_text(encoding="utf-8"))
    return frozenset(raw.get("outsider_adjectives", ()))


def is_outsider(token: Token) -> bool:
    """Whether a role phrase says it is from outside ("Western diplomats", "foreign troops"): it then
    takes no country from the article or its sentence."""
    return any(c.dep_ in {"amod", "compound"} and c.lower_ in _outsider_words() for c in token.lefts)


@lru_cache(maxsize=1)
def _unidentified_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = json.loads((DATA / "reference.json").read_text(encoding="utf-8"))
    return frozenset(raw.get("unidentified_heads", ())), frozenset(raw.get("unidentified_adjectives", ()))


def is_unidentified(token: Token) -> bool:
    """Whether a phrase names attackers nobody has identified ("gunmen", "unknown assailants",
    "armed men"): they take no country from the place they struck."""
    heads, adjectives = _unidentified_words()
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in adjectives for c in token.lefts):
        return True
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return token.lower_ in heads or token.lemma_.lower() in heads or f"{before} {token.lower_}" in heads


def is_ethnic(doc: Doc, start: int) -> bool:
    """Whether the name starting at `start` follows "ethnic": "ethnic Albanians in Serbia" are a
    people living there, not Albania's."""
    return start > 0 and doc[start - 1].lower_ == "ethnic"


def is_stance(doc: Doc, start: int) -> bool:
    """Whether the name starting at `start` follows "anti-" or "pro-": an "anti-Syria journalist" is
    for or against Syria, not Syria's."""
    i = start - 1 if start > 0 and doc[start - 1].text == "-" else start
    return i > 0 and doc[i - 1].lower_ in {"anti", "pro", "anti-", "pro-"}


def phrase_party(doc: Doc, kb: KnowledgeBase, head: Token, start: int | None = None) -> Party | None:
    """Combine what a noun phrase's words say: an organisation, a country, a role."""
    start = np_start(head) if start is None else start
    tokens = list(doc[start : head.i + 1])
    extra: list[Token] = []
    owners: set[int] = set()  # "the government of Captain X": X owns it, X is not it
    outsider = is_outsider(head)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "from"} and not (outsider and child.lower_ == "in"):
            # ("Western diplomats in Kabul" are where they serve, not Afghanistan's)
            for obj in child.children:
                if obj.dep_ == "pobj":
                    extra.extend(doc[np_start(obj) : obj.i + 1])
                    owners.update(range(np_start(obj), obj.i + 1))
        elif child.dep_ == "appos":
            extra.extend(doc[np_start(child) : child.i + 1])
    if not outsider and not kb.agent_last_words.isdisjoint({head.lower_, head.lemma_.lower()}):
        adjacent = adjacent_place(doc, kb, head)
        if adjacent is not None:
            extra.extend(doc[adjacent[0] : adjacent[1]])
    org: Party | None = None
    country: str | None = None
    left_country: str | None = None  # from the words before the head ("the Kenyan side"), not "in Omdurman"
    person: Span | None = None
    day = doc._.published
    names = names_of(doc)
    ids = sorted({t.i for t in tokens} | {t.i for t in extra})
    inside_names: set[int] = set()  # words of a known name: "Forces" in "Rapid Support Forces" is no role
    for i in ids:
        found = names.by_start.get(i)
        if found is None:
            if person is None and i in names.persons and i not in owners:
                person = doc[names.persons[i][0] : names.persons[i][1]]
            continue
        entry = kb.entries.get(found[2])
        if entry is None or _sponsor(doc, found[1]) or is_stance(doc, found[0]) or (entry.kind == "demonym" and is_ethnic(doc, found[0])):
            continue
        if entry.kind in {"country", "demonym", "capital"} or entry.is_place or (entry.kind == "person" and i in owners):
            country = country or entry.country
            if i <= head.i:
                left_country = left_country or entry.country
        else:
            org = org or kb.party(entry, doc[found[0] : found[1]].text, day)
            inside_names.update(range(found[0], found[1]))
    owned = False
    people = _people_head(kb, head)
    for token in tokens:
        if token.dep_ == "poss" and (token.pos_ == "PRON" or _resolved_reference(doc, token)):
            owner = mention_at(doc, token.i)
            if owner is not None and owner.party is not None:
                if is_named(owner.party) and not (people and owner.party.country):  # "its civilians": its country's
                    owned = org is None  # "his forces", "its fighters": the owner's own, not its state's
                    org = org or owner.party
                else:  # the owner beats a place after the head: "their vehicle in Khan Younis" is theirs
                    country = left_country or owner.party.country or country
                    left_country = left_country or owner.party.country
    hit = None
    agent_is_head = False
    for token in reversed(tokens):
        if token.i in inside_names:
            continue
        hit = agent_at(kb, token)
        if hit is not None and hit[0].kind not in {"name"}:
            agent_is_head = token.i == head.i
            break
        hit = None
    agent = hit[0] if hit else None
    if agent is None and head.lemma_.lower() in _member_nouns():
        agent = _of_agent(kb, head)  # "a member of the Turkish security forces": the forces'
    if agent is not None and agent.kind in ROLE_KINDS and hit is not None:
        agent = _specified(kb, tokens, hit[1], inside_names) or agent  # "rebel commander", "police spokesman"
    text = doc[start : head.i + 1].text
    if agent is not None and agent.kind == "collective":  # "the Pakistani side" is Pakistan; "both sides" no one
        if org is not None:
            return replace(org, text=text)
        if left_country is None:
            return None
        return replace(kb.composed(text, left_country, None), name=kb.country_names.get(left_country, left_country))
    if agent is not None and agent.kind == "anaphor":
        agent = None
    if agent is not None and agent.kind == "platform" and org is None and country is None:
        return None  # "a drone", "tanks": nobody's until the phrase names a state
    if person is not None and org is not None and is_named(org) and org.name != person.text:
        # "RSF spokesman Mohamed Ali": the person, speaking for the group
        return Party(text=person.text, name=person.text, country=org.country, sector=org.sector, id=org.id)
    if org is not None:
        if agent is not None and agent.sector and agent.kind != "anaphor" and org.sector is None and org.country:
            # "Dagolath's Deputy Prime Minister Telemar": a person coded by country alone takes the role
            return replace(kb.composed(text, org.country, agent.sector), name=org.name)
        if (
            agent is not None
            and not owned
            and agent_is_head
            and agent.sector
            and agent.kind not in ROLE_KINDS
            and org.country
            and org.sector != agent.sector
            and (agent.sector[:3] in STATE_SECTORS or agent.sector == "GOVMED")
        ):  # "the Houthi-led government", "Taliban soldiers": the state role of the group's country
            return kb.composed(text, org.country, agent.sector)
        return replace(org, text=text)
    if person is not None:
        sector = agent.sector if agent else None
        code = f"{country}{sector}" if country and sector else None
        return Party(text=person.text, name=person.text, country=country, sector=sector, id=code)
    if agent is not None and agent.sector:
        return kb.composed(text, country, agent.sector)
    if country is not None:
        return replace(kb.composed(text, country, None), name=kb.country_names.get(country, country))
    return None
