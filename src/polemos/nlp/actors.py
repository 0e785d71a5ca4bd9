"""Step 3: every actor mention, resolved to a Party (country ISO3 + sector + id).

A mention comes from the gazetteer (known names), the on-demand NER (unknown names), a role noun
phrase ("a Pakistani security official"), a capital that stands for its government ("Kabul
wants ..."), or a pronoun or definite description pointing back ("it", "the group", "the state
outlet"). `party_of` answers "which actor does this noun phrase name?" for the events and quotes
steps, reading the phrase's modifiers: demonyms, possessives, compounds and of/in/from phrases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge import Agent, KnowledgeBase
from ..knowledge.actors import DATA
from ..records import Mention, Party, replace
from .extensions import register_extensions
from .gazetteer import knowledge_of
from .reading import GAZETTEER_GROUP

NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "npadvmod", "quantmod", "case", "punct", "advmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "become", "remain", "take", "matter", "mean", "happen", "follow"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
WINDOW = 3  # sentences a pronoun or definite description looks back


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


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention plus what resolution needs: its token span and head."""

    mention: Mention
    start: int  # token indices
    end: int
    head: int
    sent: int  # sentence start token
    subject: bool
    plural: bool
    person: bool
    agent: Agent | None = None


class ActorResolver:
    """Writes doc._.mentions; keeps a token -> mention index for `party_of`."""

    def __call__(self, doc: Doc) -> Doc:
        kb = knowledge_of(doc)
        doc.user_data.pop(_NAMES, None)  # read afresh: the NER ran after any earlier reading
        found = _named(doc, kb) + _titles(doc, kb)
        found.sort(key=lambda f: (f.start, -f.end))
        found = _refer(doc, kb, found)
        doc._.mentions = [f.mention for f in found]
        doc.user_data[_INDEX] = {i: k for k, f in enumerate(found) for i in range(f.start, f.end)} | {
            f.head: k for k, f in enumerate(found)
        }
        return doc


_INDEX = "polemos_mention_index"


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


def _names_of(doc: Doc) -> _Names:
    names = doc.user_data.get(_NAMES)
    if names is None:
        group = doc.spans[GAZETTEER_GROUP] if GAZETTEER_GROUP in doc.spans else ()
        by_start = {s.start: (s.start, s.end, s.kb_id_) for s in group}
        persons = {e.start: (e.start, e.end, e.text) for e in doc.ents if e.label_ == "PERSON"}
        names = _Names(by_start, persons)
        doc.user_data[_NAMES] = names
    return names


# ---- named mentions: gazetteer, metonyms, NER -----------------------------------------------------
def _found(doc: Doc, start: int, end: int, label: str, party: Party | None, source: str, agent: Agent | None = None) -> _Found:
    span = doc[start:end]
    head = span.root
    return _Found(
        Mention(span.start_char, span.end_char, span.text, label, party, source),
        start,
        end,
        head.i,
        sentence_of(doc)[head.i],
        head.dep_ in SUBJECT_DEPS,
        head.tag_ in {"NNS", "NNPS"} or (agent is not None and agent.kind == "group"),
        label == "PERSON" or (agent is not None and agent.kind in {"person", "role"}),
        agent,
    )


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


def _named(doc: Doc, kb: KnowledgeBase) -> list[_Found]:
    out: list[_Found] = []
    taken: set[int] = set()
    aliases: dict[str, Party] = {}
    for span in doc.spans[GAZETTEER_GROUP] if GAZETTEER_GROUP in doc.spans else ():
        entry = kb.entries.get(span.kb_id_)
        party, source = span._.party, "gazetteer"
        if entry is not None and entry.is_place and entry.country and is_metonym(span):
            party, source = kb.government(span.text, entry.country), "metonym"
        out.append(_found(doc, span.start, span.end, span.label_, party, source))
        taken.update(range(span.start, span.end))
        _learn_acronym(doc, span, party, aliases)
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS or any(i in taken for i in range(ent.start, ent.end)):
            continue
        known = aliases.get(ent.text)
        party = replace(known, text=ent.text) if known else _ner_party(doc, kb, ent)
        out.append(_found(doc, ent.start, ent.end, ent.label_, party, "ner"))
        taken.update(range(ent.start, ent.end))
        _learn_acronym(doc, ent, party, aliases)
    if aliases:  # an acronym introduced in parentheses names its organisation from then on
        for token in doc:
            party = aliases.get(token.text)
            if party is not None and token.i not in taken:
                out.append(_found(doc, token.i, token.i + 1, "ORG", replace(party, text=token.text), "gazetteer"))
                taken.add(token.i)
    return out


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
    for s_start, s_end, key in _names_of(doc).by_start.values():
        if s_start >= start and s_end <= end:
            entry = kb.entries.get(key)
            if entry is not None and entry.kind in {"country", "demonym"} and entry.country:
                out.append(entry.country)
    return out


# ---- role noun phrases ("a Pakistani security official") -------------------------------------------
def agent_at(kb: KnowledgeBase, token: Token) -> tuple[Agent, int] | None:
    """The longest role term ending at `token` (its lemma or its word), and where it starts."""
    if token.pos_ not in NOMINAL and token.pos_ != "ADJ":
        return None
    last = {token.lower_, token.lemma_.lower()}
    if last.isdisjoint(kb.agent_last_words):
        return None
    doc = token.doc
    for size in range(min(kb.max_agent_words, token.i + 1), 0, -1):
        before = " ".join(t.lower_ for t in doc[token.i - size + 1 : token.i])
        for word in last:
            agent = kb.agents.get(f"{before} {word}" if before else word)
            if agent is not None:
                return agent, token.i - size + 1
    return None


def _np_start(token: Token) -> int:
    """Left edge of the phrase a role noun heads, including modifiers of its own head when it is a compound."""
    start = min((c.left_edge.i for c in token.lefts if c.dep_ in MODIFIER_DEPS), default=token.i)
    if token.dep_ in {"compound", "amod"} and token.head.i > token.i:
        start = min([start] + [c.left_edge.i for c in token.head.lefts if c.i < token.i and c.dep_ in MODIFIER_DEPS])
    return start


def _np_end(doc: Doc, kb: KnowledgeBase, token: Token) -> int:
    """End of a role phrase: 'the government of Chad', 'the authorities in Kabul' keep their place."""
    starts = _names_of(doc).by_start
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"} and child.i == token.i + 1:
            for obj in child.children:
                span = starts.get(obj.left_edge.i) or starts.get(obj.i)
                if obj.dep_ == "pobj" and span is not None and span[1] == obj.i + 1:
                    entry = kb.entries.get(span[2])
                    if entry is not None and entry.country and entry.kind in {"country", "capital", "place"}:
                        return obj.i + 1
    return token.i + 1


def _titles(doc: Doc, kb: KnowledgeBase) -> list[_Found]:
    out = []
    taken = set()
    for start, end, _ in _names_of(doc).by_start.values():
        taken.update(range(start, end))
    last = {doc.vocab.strings[w] for w in kb.agent_last_words}
    rows = doc.to_array([LOWER, LEMMA]).tolist()
    for i, (low, lemma) in enumerate(rows):
        if (low not in last and lemma not in last) or i in taken:
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
        start = _np_start(token)
        party = _phrase_party(doc, kb, token, start)
        label = "PERSON" if agent.kind in {"person", "role"} else "ORG" if agent.kind in {"body", "anaphor"} else "NORP"
        out.append(_found(doc, start, _np_end(doc, kb, token), label, party, "title", agent))
    return out


# ---- pronouns and definite descriptions ------------------------------------------------------------
def _family(sector: str | None) -> str | None:
    if not sector:
        return None
    return "MED" if "MED" in sector else sector[:3]


def _is_bare_definite(doc: Doc, f: _Found) -> bool:
    """'the group', 'the state outlet': a definite role phrase naming no country or organisation."""
    if f.agent is None or f.agent.kind == "collective":
        return False
    words = doc[f.start : f.end]
    if words[0].lower_ not in DEFINITE:
        return False
    return f.mention.party is None or (f.mention.party.country is None and f.mention.party.id in {None, f.mention.party.sector})


def _antecedent(previous: list[_Found], f: _Found, want) -> _Found | None:
    """The nearest earlier sentence with a fitting mention (up to WINDOW back); in it, a subject
    first, then the latest."""
    best: tuple[tuple[int, int, int], _Found] | None = None
    for cand in reversed(previous):
        if f.sent - cand.sent > WINDOW:
            break
        if cand.mention.party is None or cand.start >= f.start or not want(cand):
            continue
        score = (-cand.sent, 0 if cand.subject else 1, -cand.start)
        if best is None or score < best[0]:
            best = (score, cand)
    return best[1] if best else None


def _refer(doc: Doc, kb: KnowledgeBase, found: list[_Found]) -> list[_Found]:
    """Resolve pronouns and bare definite role phrases to the party of an earlier mention."""
    resolved: list[_Found] = []
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
            f = _Found(replace(f.mention, party=party, label=ante.mention.label), f.start, f.end, f.head, f.sent, f.subject, ante.plural, ante.person, ante.agent)
        elif f.mention.source == "title" and f.start in owners and f.mention.party is not None and f.mention.party.country is None:
            # "its civilians": the owner's country
            owner = owners[f.start]
            if owner.country and f.mention.party.sector:
                f = _with_party(f, kb.composed(f.mention.text, owner.country, f.mention.party.sector), "title")
        elif _is_bare_definite(doc, f):
            agent = f.agent
            assert agent is not None
            ante = _antecedent(resolved, f, _definite_fit(doc, f, agent))
            if ante is not None:
                f = _with_party(f, replace(ante.mention.party, text=f.mention.text), "definite")
            elif agent.sector and agent.sector[:3] in STATE_SECTORS and agent.kind != "person":
                home = _dateline_country(doc, kb)
                if home:  # "the military said" in a report datelined Islamabad: Pakistan's
                    f = _with_party(f, kb.composed(f.mention.text, home, agent.sector), "definite")
        resolved.append(f)
    return resolved


def _with_party(f: _Found, party: Party | None, source: str) -> _Found:
    return _Found(replace(f.mention, party=party, source=source), f.start, f.end, f.head, f.sent, f.subject, f.plural, f.person, f.agent)


def _dateline_country(doc: Doc, kb: KnowledgeBase) -> str | None:
    """The country of the dateline place ('ISLAMABAD' -> PAK), when the knowledge base knows it."""
    dateline = doc._.dateline
    if not dateline:
        return None
    entry = kb.entry(dateline.strip().title()) or kb.entry(dateline.strip())
    return entry.country if entry is not None else None


def _pronoun(token: Token) -> _Found:
    return _Found(
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


def _definite_fit(doc: Doc, f: _Found, agent: Agent):
    head = doc[f.head].lemma_.lower()
    if agent.kind == "anaphor":
        accepts = set(agent.accepts)
        return lambda c: c.mention.party is not None and (c.mention.party.sector in accepts or _family(c.mention.party.sector) in accepts)
    family = _family(agent.sector)

    def fit(c: _Found) -> bool:
        party = c.mention.party
        if party is None or party.country is None and party.id is None:
            return False
        if c.agent is not None and doc[c.head].lemma_.lower() == head:
            return True
        return family is not None and _family(party.sector) == family and c.person == f.person

    return fit


# ---- party_of: which actor a noun phrase names -----------------------------------------------------
def _mention_at(doc: Doc, i: int) -> Mention | None:
    index = doc.user_data.get(_INDEX)
    if index is None or doc._.mentions is None:
        return None
    k = index.get(i)
    return doc._.mentions[k] if k is not None else None


def _phrase_party(doc: Doc, kb: KnowledgeBase, head: Token, start: int | None = None) -> Party | None:
    """Combine what a noun phrase's words say: an organisation, a country, a role."""
    start = _np_start(head) if start is None else start
    tokens = list(doc[start : head.i + 1])
    extra: list[Token] = []
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "from"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    extra.extend(doc[_np_start(obj) : obj.i + 1])
        elif child.dep_ == "appos":
            extra.extend(doc[_np_start(child) : child.i + 1])
    org: Party | None = None
    country: str | None = None
    person: Span | None = None
    day = doc._.published
    names = _names_of(doc)
    ids = sorted({t.i for t in tokens} | {t.i for t in extra})
    for i in ids:
        found = names.by_start.get(i)
        if found is None:
            if person is None and i in names.persons:
                person = doc[names.persons[i][0] : names.persons[i][1]]
            continue
        entry = kb.entries.get(found[2])
        if entry is None:
            continue
        if entry.kind in {"country", "demonym", "capital"} or entry.is_place:
            country = country or entry.country
        else:
            org = org or kb.party(entry, doc[found[0] : found[1]].text, day)
    for token in tokens:
        if token.dep_ == "poss" and token.pos_ == "PRON":
            owner = _mention_at(doc, token.i)
            if owner is not None and owner.party is not None:
                if owner.party.sector and owner.party.id not in {None, f"{owner.party.country}{owner.party.sector}"}:
                    org = org or owner.party
                else:
                    country = country or owner.party.country
    hit = None
    for token in reversed(tokens):
        hit = agent_at(kb, token)
        if hit is not None and hit[0].kind not in {"name"}:
            break
        hit = None
    agent = hit[0] if hit else None
    text = doc[start : head.i + 1].text
    if agent is not None and agent.kind == "collective":  # "the Pakistani side" is Pakistan; "both sides" no one
        if org is not None:
            return replace(org, text=text)
        return replace(kb.composed(text, country, None), name=kb.country_names.get(country, country)) if country else None
    if agent is not None and agent.kind == "anaphor":
        agent = None
    if org is not None:
        if (
            agent is not None
            and agent.sector
            and agent.kind != "role"
            and org.country
            and org.sector != agent.sector
            and (agent.sector[:3] in STATE_SECTORS or agent.sector == "GOVMED")
        ):  # "the Houthi-led government", "Taliban soldiers": the state role of the group's country
            return kb.composed(text, org.country, agent.sector)
        return replace(org, text=text)
    if person is not None:
        return Party(text=person.text, name=person.text, country=country, sector=agent.sector if agent else None, id=None)
    if agent is not None and agent.sector:
        return kb.composed(text, country, agent.sector)
    if country is not None:
        return replace(kb.composed(text, country, None), name=kb.country_names.get(country, country))
    return None


def party_of(doc: Doc, span_or_token: Span | Token) -> Party | None:
    """The Party a noun phrase refers to, or None ("the two sides", a place, a thing)."""
    token = span_or_token.root if isinstance(span_or_token, Span) else span_or_token
    kb = knowledge_of(doc)
    mention = _mention_at(doc, token.i)
    if mention is not None and mention.source in {"pronoun", "definite", "metonym"}:
        return mention.party
    if mention is not None and mention.source == "title" and mention.party is None:
        return None
    party = _phrase_party(doc, kb, token)
    if party is None and mention is not None:
        return mention.party
    return party


def parties_of(doc: Doc, token: Token | Span) -> list[Party]:
    """Every party a coordinated phrase names: 'Pakistan and Afghanistan' -> two parties."""
    head = token.root if isinstance(token, Span) else token
    heads = [head] + [t for t in head.conjuncts if t.i > head.i]
    out: list[Party] = []
    kb = knowledge_of(doc)
    for h in heads:
        split = _split_by_origin(doc, kb, h)
        if split:
            out.extend(split)
            continue
        party = party_of(doc, h)
        if party is not None:
            out.append(party)
    return out


def _split_by_origin(doc: Doc, kb: KnowledgeBase, head: Token) -> list[Party]:
    """'delegations from Pakistan and Afghanistan': one party per coordinated country."""
    hit = agent_at(kb, head)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"from", "of"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.conjuncts:
                    parties = [p for p in (party_of(doc, o) for o in [obj, *obj.conjuncts]) if p is not None]
                    if hit is not None and hit[0].sector:
                        text = doc[_np_start(head) : head.i + 1].text
                        parties = [kb.composed(text, p.country, hit[0].sector) if p.country else p for p in parties]
                    return parties
    return []
