"""Step 3: every actor mention, resolved to a Party (country ISO3 + sector + id).

A mention comes from the gazetteer (known names), the on-demand NER (unknown names), a role noun
phrase ("a Pakistani security official"), a capital that stands for its government ("Kabul
wants ..."), or a pronoun or definite description pointing back ("it", "the group", "the state
outlet"). `party_of` answers "which actor does this noun phrase name?" for the events and quotes
steps, reading the phrase's modifiers: demonyms, possessives, compounds and of/in/from phrases.
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge import Agent, KnowledgeBase
from ..knowledge.actors import DATA
from ..records import Mention, Party, replace
from .extensions import register_extensions
from .coreference import DYADS, Found, found_at, refer
from .gazetteer import knowledge_of
from .phrases import (
    MENTION_INDEX,
    NOMINAL,
    agent_at,
    forget_names,
    is_ethnic,
    mention_at,
    names_of,
    np_end,
    np_start,
    phrase_party,
    sentence_of,
)
from .reading import GAZETTEER_GROUP
from .voice import first_person
from .screening import WordScreen, either, positions

NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@lru_cache(maxsize=1)
def metonymy() -> dict[str, frozenset[str]]:
    """Word lists deciding when a capital names its government (data/actors/metonymy.json)."""
    raw = json.loads((DATA / "metonymy.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@Language.factory(
    "polemos_actors",
    requires=["doc.spans", "token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.mentions"],
)
def make_actors(nlp: Language, name: str) -> "ActorResolver":
    register_extensions()
    return ActorResolver()


class ActorResolver:
    """Writes doc._.mentions; keeps a token -> mention index for `party_of`."""

    def __call__(self, doc: Doc) -> Doc:
        kb = knowledge_of(doc)
        forget_names(doc)  # read afresh: the NER ran after any earlier reading
        found = _named(doc, kb) + _titles(doc, kb)
        found.sort(key=lambda f: (f.start, -f.end))
        found = refer(doc, kb, found)
        found = _with_surnames(doc, _with_first_person(doc, found))
        doc._.mentions = [f.mention for f in found]
        doc.user_data[MENTION_INDEX] = {i: k for k, f in enumerate(found) for i in range(f.start, f.end)} | {
            f.head: k for k, f in enumerate(found)
        }
        return doc


def _with_first_person(doc: Doc, found: list[Found]) -> list[Found]:
    """Add the quoted "we" and "I" whose speaker is a resolved mention (nlp/voice.py)."""
    at = {i: f.mention for f in found for i in range(f.start, f.end)}
    taken = set(at)
    extra = [
        Found(m, t.i, t.i + 1, t.i, sentence_of(doc)[t.i], t.dep_ in {"nsubj", "nsubjpass"}, t.lower_ in {"we", "us", "our", "ours"}, m.label == "PERSON")
        for t, m in first_person(doc, at)
        if t.i not in taken
    ]
    return sorted(found + extra, key=lambda f: (f.start, -f.end)) if extra else found


def _with_surnames(doc: Doc, found: list[Found]) -> list[Found]:
    """A surname alone that the NER missed ("Lindqvist accused ...") after the full name: the same
    person, with the party the full name was given."""
    people: dict[str, Found] = {}
    taken = {i for f in found for i in range(f.start, f.end)}
    extra: list[Found] = []
    pending = sorted(found, key=lambda f: f.start)
    k = 0
    for token in doc:
        while k < len(pending) and pending[k].start <= token.i:
            f = pending[k]
            party = f.mention.party
            if f.mention.label == "PERSON" and f.end - f.start > 1 and party is not None and (party.country or party.sector):
                people[doc[f.end - 1].text] = f
            k += 1
        f = people.get(token.text)
        if f is None or token.i in taken or token.pos_ != "PROPN" or token.i < f.end:
            continue
        party = replace(f.mention.party, text=token.text)
        mention = Mention(token.idx, token.idx + len(token.text), token.text, "PERSON", party, "definite")
        extra.append(Found(mention, token.i, token.i + 1, token.i, sentence_of(doc)[token.i], token.dep_ in {"nsubj", "nsubjpass"}, False, True))
    return sorted(found + extra, key=lambda f: (f.start, -f.end)) if extra else found


def is_metonym(span: Span) -> bool:
    """A capital as the subject of a speech or will verb, or addressee, names its government."""
    words = metonymy()
    root = span.root
    head = root.head
    if root.dep_ == "nsubj":
        return head.lemma_.lower() not in words["place_verbs"]
    if root.dep_ in {"dobj", "dative"}:
        return head.lemma_.lower() in words["addressee_verbs"]
    if root.dep_ == "poss":
        return head.lemma_.lower() not in words["place_nouns"] and head.lower_ not in words["place_nouns"]
    if root.dep_ == "pobj":
        prep = head.lower_
        if prep in words["agent_prepositions"]:
            return True
        if prep in words["source_prepositions"]:
            return head.head.lemma_.lower() in words["source_heads"]
    return False


def _named(doc: Doc, kb: KnowledgeBase) -> list[Found]:
    out: list[Found] = []
    taken: set[int] = set()
    aliases: dict[str, Party] = {}
    # a name the NER found around a known place is the larger thing ("Kabul University", "Victoria Ncube")
    wider = [(e.start, e.end) for e in doc.ents if e.label_ in {"ORG", "PERSON"}]
    for span in doc.spans[GAZETTEER_GROUP] if GAZETTEER_GROUP in doc.spans else ():
        entry = kb.entries.get(span.kb_id_)
        if entry is not None and entry.is_place and any(s <= span.start and span.end <= e and e - s > span.end - span.start for s, e in wider):
            continue
        party, source = span._.party, "gazetteer"
        if entry is not None and entry.kind in {"capital", "seat"} and entry.country and not _is_dateline(span) and is_metonym(span):
            party, source = kb.metonym(entry, span.text, doc._.published), "metonym"
        if entry is not None and entry.kind == "demonym":
            if is_ethnic(doc, span.start):  # "ethnic Albanians": a people, placed by where they live
                text = doc[span.start - 1 : span.end].text
                out.append(found_at(doc, span.start - 1, span.end, span.label_, Party(text=text, name=text, sector="CVL"), source))
                taken.update(range(span.start, span.end))
                continue
            if out and out[-1].end == span.start and _is_demonym(kb, doc, out[-1]) and doc[out[-1].start].pos_ == "ADJ":
                # "Bosnian Serbs", "Afghan Pashtuns": the people of the first country
                first = out.pop()
                text = doc[first.start : span.end].text
                party = replace(first.mention.party, text=text) if first.mention.party else party
                out.append(found_at(doc, first.start, span.end, span.label_, party, source))
                taken.update(range(span.start, span.end))
                continue
        out.append(found_at(doc, span.start, span.end, span.label_, party, source))
        taken.update(range(span.start, span.end))
        _learn_acronym(doc, span, party, aliases)
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS or any(i in taken for i in range(ent.start, ent.end)):
            continue
        known = aliases.get(ent.text)
        party = replace(known, text=ent.text) if known else _ner_party(doc, kb, ent)
        if ent.label_ == "PERSON" and party is not None and party.sector is None:
            party = phrase_party(doc, kb, ent.root) or party  # "RSF spokesman Mohamed Ali"
        out.append(found_at(doc, ent.start, ent.end, ent.label_, party, "ner"))
        taken.update(range(ent.start, ent.end))
        _learn_acronym(doc, ent, party, aliases)
    if aliases:  # an acronym introduced in parentheses names its organisation from then on
        for token in doc:
            party = aliases.get(token.text)
            if party is not None and token.i not in taken:
                out.append(found_at(doc, token.i, token.i + 1, "ORG", replace(party, text=token.text), "gazetteer"))
                taken.add(token.i)
    return out


def _is_dateline(span: Span) -> bool:
    """'MEXICO CITY (AP) Mexico's Senate ...': a place in capitals opening a line is where the report
    was filed, never the government acting."""
    text = span.text
    if not (text.isupper() and sum(c.isalpha() for c in text) > 3):
        return False
    return span.start == 0 or "\n" in span.doc[span.start - 1].text_with_ws or span.doc[span.start - 1].is_space


def _is_demonym(kb: KnowledgeBase, doc: Doc, f: Found) -> bool:
    span = names_of(doc).by_start.get(f.start)
    entry = kb.entries.get(span[2]) if span is not None and span[1] == f.end else None
    return entry is not None and entry.kind == "demonym"


def _learn_acronym(doc: Doc, span: Span, party: Party | None, aliases: dict[str, Party]) -> None:
    """'the Eastern Valley Front (EVF)': EVF names the same party in the rest of the text."""
    if party is None or span.end + 2 >= len(doc):
        return
    open_, word, close = doc[span.end], doc[span.end + 1], doc[span.end + 2]
    if open_.text == "(" and close.text == ")" and word.text.isupper() and len(word.text) >= 2:
        aliases.setdefault(word.text, party)


def _ner_party(doc: Doc, kb: KnowledgeBase, ent: Span) -> Party | None:
    """An unknown name: places get no party; organisations are typed by the words of their name."""
    if ent.label_ == "GPE":
        return None
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    words = [t.lower_ for t in ent]
    if ent.label_ == "PERSON" and _cue(words, kb.name_cues) is None:
        return Party(text=ent.text, name=name, country=None, sector=None, id=None)
    if ent.label_ in {"ORG", "PERSON"}:  # the sm NER often calls "Juarez Cartel" a person
        cue = _cue(words, kb.name_cues) or _cue(words, kb.agents)
        country = next((m for m in _countries_in(doc, ent.start, ent.end)), None)
        return Party(text=ent.text, name=name, country=country, sector=cue.sector if cue else None, id=None)
    return Party(text=ent.text, name=name, country=None, sector=None, id=None)


def _cue(words: list[str], table: dict[str, Agent]) -> Agent | None:
    """The right-most (then longest) run of words that the table knows."""
    for end in range(len(words), 0, -1):
        for start in range(max(0, end - 4), end):
            agent = table.get(" ".join(words[start:end]))
            if agent is not None and agent.sector:
                return agent
    return None


def _countries_in(doc: Doc, start: int, end: int) -> list[str]:
    kb = knowledge_of(doc)
    out = []
    for s_start, s_end, key in names_of(doc).by_start.values():
        if s_start >= start and s_end <= end:
            entry = kb.entries.get(key)
            if entry is not None and entry.kind in {"country", "demonym"} and entry.country:
                out.append(entry.country)
    return out


# ---- role noun phrases ("a Pakistani security official") -------------------------------------------
def _titles(doc: Doc, kb: KnowledgeBase) -> list[Found]:
    out = []
    taken = set()
    for start, end, _ in names_of(doc).by_start.values():
        taken.update(range(start, end))
    _, by_word, by_lemma = _last_word_screens(kb)
    for i in positions(either(by_word.flags(doc), by_lemma.flags(doc))):
        if i in taken:
            continue
        token = doc[i]
        if token.pos_ not in NOMINAL:
            continue
        hit = agent_at(kb, token)
        if hit is None:
            continue
        agent, _ = hit
        if agent.kind == "name":
            continue
        # a role word modifying another role word ("security official") is read by that word
        if token.dep_ == "compound" and agent_at(kb, token.head) is not None and token.head.i > token.i:
            continue
        start = np_start(token)
        party = _named_head(doc, kb, token) or phrase_party(doc, kb, token, start)
        label = "PERSON" if agent.kind in {"person", "role"} else "ORG" if agent.kind in {"body", "anaphor"} else "NORP"
        out.append(found_at(doc, start, np_end(doc, kb, token), label, party, "title", agent))
    return out


def _named_head(doc: Doc, kb: KnowledgeBase, token: Token) -> Party | None:
    """'state broadcaster MRTV', 'the rebel group M23': a role word set before a known organisation's
    name describes that organisation."""
    head = token.head
    if token.dep_ != "compound" or head.i <= token.i:
        return None
    span = names_of(doc).by_start.get(head.left_edge.i if head.left_edge.i > token.i else token.i + 1)
    if span is None or not (span[0] <= head.i < span[1]):
        return None
    entry = kb.entries.get(span[2])
    if entry is None or entry.is_place or entry.kind in {"country", "demonym", "person"}:
        return None
    return kb.party(entry, doc[token.i : span[1]].text, doc._.published)


_SCREENS: dict[int, tuple[frozenset[str], WordScreen, WordScreen]] = {}


def _last_word_screens(kb: KnowledgeBase) -> tuple[frozenset[str], WordScreen, WordScreen]:
    """Screens for the words a role or title ends with ("official", "spokesman"), made once per word list."""
    words = kb.agent_last_words
    found = _SCREENS.get(id(kb))
    if found is None or found[0] is not words:
        found = _SCREENS[id(kb)] = (words, WordScreen("LOWER", words.__contains__), WordScreen("LEMMA", words.__contains__))
    return found


def party_of(doc: Doc, span_or_token: Span | Token) -> Party | None:
    """The Party a noun phrase refers to, or None ("the two sides", a place, a thing)."""
    token = span_or_token.root if isinstance(span_or_token, Span) else span_or_token
    kb = knowledge_of(doc)
    mention = mention_at(doc, token.i)
    if mention is not None and mention.source in {"pronoun", "definite", "metonym"}:
        return mention.party
    if mention is not None and mention.source == "title" and mention.party is None:
        return None
    party = phrase_party(doc, kb, token)
    if mention is not None and (party is None or (party.country is None and mention.party is not None and mention.party.country)):
        return mention.party  # the actors step placed it ("nine soldiers" in a one-country report)
    return party


def parties_of(doc: Doc, token: Token | Span) -> list[Party]:
    """Every party a coordinated phrase names: 'Pakistan and Afghanistan' -> two parties; 'the two
    sides', 'both neighbours', 'each other' -> the article's dyad at that point."""
    head = token.root if isinstance(token, Span) else token
    heads = [head] + [t for t in head.conjuncts if t.i > head.i]
    out: list[Party] = []
    kb = knowledge_of(doc)
    dyads = doc.user_data.get(DYADS, {})
    for h in heads:
        if h.i in dyads:
            out.extend(p for p in dyads[h.i] if p not in out)
            continue
        split = _split_by_origin(doc, kb, h)
        if split:
            out.extend(split)
            continue
        party = party_of(doc, h)
        if party is not None:
            out.append(party)
    return out


def _split_by_origin(doc: Doc, kb: KnowledgeBase, head: Token) -> list[Party]:
    """'delegations from Pakistan and Afghanistan', 'Indian and Pakistani troops': one party per
    coordinated country."""
    hit = agent_at(kb, head)
    names = names_of(doc).by_start
    for child in head.lefts:
        if child.dep_ in {"amod", "compound", "nmod"} and child.conjuncts and hit is not None and (hit[0].sector or hit[0].kind == "collective"):
            # ("Egyptian and Qatari mediators": each country, acting together)
            countries = []
            for member in [child, *child.conjuncts]:
                found = names.get(member.i)
                entry = kb.entries.get(found[2]) if found is not None else None
                if entry is not None and entry.kind in {"country", "demonym"} and entry.country not in countries:
                    countries.append(entry.country)
            if len(countries) > 1:
                text = doc[np_start(head) : head.i + 1].text
                return [kb.composed(text, c, hit[0].sector) for c in countries]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"from", "of"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.conjuncts:
                    parties = [p for p in (party_of(doc, o) for o in [obj, *obj.conjuncts]) if p is not None]
                    if hit is not None and hit[0].sector:
                        text = doc[np_start(head) : head.i + 1].text
                        parties = [kb.composed(text, p.country, hit[0].sector) if p.country else p for p in parties]
                    return parties
    return []
