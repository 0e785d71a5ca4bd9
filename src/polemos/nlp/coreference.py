"""Pronouns and definite descriptions ("it", "the group", "the state outlet") resolved to an
earlier mention: first by the sentence's own syntax (the addressee of a demand is the "it" of the
demanded clause; a possessive takes the nearest agreeing clause subject above it; what a party
shelters belongs to someone else), then the nearest earlier sentence holding a fitting mention, in
it a subject first. An object pronoun ("accuses it of", "backing them") is read only under a verb or
preposition that takes a party, and never as its own clause's subject (pronouns.py). "The country"
is the country named last, the article's own first; role words with no country take the article's
(homeland.py). Collectives ("the two sides", "both neighbours", "each other") name the article's
current dyad: the last coordinated pair of countries, else the two most named ones.

Why so simple: news prose keeps its actors few and names them again often; a salience rule over
the mentions the actors step already resolved gets most references right at almost no cost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..knowledge import Agent, KnowledgeBase
from ..records import Mention, Party, replace
from .homeland import ARMED_HOME, GROUNDS, HOME, grounds_here, home_of
from .phrases import ROLE_KINDS, STATE_SECTORS, is_named, is_outsider, names_of, sentence_of
from .pronouns import SUBJECT_DEPS, clause_subject, in_sentence, object_governor, same_party

OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "pobj"})
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "become", "remain", "take", "matter", "mean", "happen", "follow"})
# "it was ready to talk" is someone's readiness ("it is important to talk" is nobody's)
DISPOSITIONS = frozenset(
    {"ready", "willing", "prepared", "committed", "determined", "open", "able", "unable", "eager", "keen",
     "reluctant", "unwilling", "responsible", "aware", "confident", "opposed", "intent", "free", "forced"}
)
WINDOW = 3  # sentences a pronoun looks back
DEFINITE_WINDOW = 6  # sentences a definite description ("the official") looks back
SAME_ROLE_WINDOW = 60  # sentences it looks back for the same role word ("the ambassador" after "Russia's ambassador")
DYADS = "polemos_dyads"  # doc.user_data: head token of a collective -> the parties it names
COLLECTIVES = "polemos_collectives"  # doc.user_data: head token of a collective -> (its text, its sector or None)
PAIRS = "polemos_pairs"  # doc.user_data: [(end token, (party, party))] coordinated opposing pairs
PAIR_WORDS = frozenset({"both", "two"})
THIRD_PARTIES = frozenset({"mediator", "host"})
RECIPROCAL = frozenset({"other", "another"})


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
        # a named person is one, whatever the tagger makes of a name ending in -s ("Guterres")
        (head.tag_ in {"NNS", "NNPS"} and not (label == "PERSON" and agent is None)) or (agent is not None and agent.kind in {"group", "role-group"}),
        label == "PERSON" or (agent is not None and agent.kind in {"person", "role"}),
        agent,
    )


# ---- pronouns and definite descriptions ------------------------------------------------------------
def _family(sector: str | None) -> str | None:
    if not sector:
        return None
    return "MED" if "MED" in sector else sector[:3]


ARMED_NON_STATE = frozenset({"REB", "INS", "UAF", "IMG"})
PEOPLE_SECTORS = frozenset({"CVL", "REF"})  # a state's or a group's people: its country's


def _kin(sector: str | None) -> str | None:
    """The family a definite description matches on: rebels, insurgents, militias and jihadists are
    one ("the militia", "the attackers" after "the RSF" or "JNIM": reporters vary the word)."""
    family = _family(sector)
    return "ARMED" if family in ARMED_NON_STATE else family


def _is_bare_definite(doc: Doc, f: Found) -> bool:
    """'the group', 'the state outlet': a definite role phrase naming no country or organisation."""
    if f.agent is None or f.agent.kind == "collective":
        return False
    words = doc[f.start : f.end]
    if words[0].lower_ not in DEFINITE:
        return False
    return f.mention.party is None or (f.mention.party.country is None and f.mention.party.id in {None, f.mention.party.sector})


def _antecedent(previous: list[Found], f: Found, want, window: int = WINDOW, doc: Doc | None = None) -> Found | None:
    """The nearest earlier sentence with a fitting mention (up to `window` back); in it, a subject
    first (the main clause's before an embedded one's, when `doc` is given), then the latest."""
    best: tuple[tuple[int, int, int], Found] | None = None
    for cand in reversed(previous):
        if f.sent - cand.sent > window:
            break
        if cand.mention.party is None or cand.start >= f.start or not want(cand):
            continue
        if _inside_another(previous, cand, want):
            continue  # "Pakistan's foreign ministry ... It": the ministry, not the country inside its name
        rank = 1 if cand.subject else 2
        if cand.subject and doc is not None and cand.sent != f.sent and _main_subject(doc[cand.head]):
            rank = 0  # "The Council adopted a text demanding that Rwanda pull out. It urged...": the Council
        score = (-cand.sent, rank, -cand.start)
        if best is None or score < best[0]:
            best = (score, cand)
    return best[1] if best else None


def _inside_another(previous: list[Found], cand: Found, want) -> bool:
    """Whether a fitting mention strictly contains this one ("the Syrian army" around "Syrian")."""
    for other in reversed(previous):
        if other.sent < cand.sent:
            break  # mentions come in text order: nothing earlier shares the sentence
        if other.sent != cand.sent or other is cand or other.mention.party is None:
            continue
        if other.start <= cand.start and cand.end <= other.end and other.end - other.start > cand.end - cand.start and want(other):
            return True
    return False


def refer(doc: Doc, kb: KnowledgeBase, found: list[Found]) -> list[Found]:
    """Resolve pronouns and bare definite role phrases to the party of an earlier mention; record
    the dyad each collective names (doc.user_data[DYADS])."""
    resolved: list[Found] = []
    wanted = {doc.vocab.strings[w] for w in SINGULAR_PRONOUNS | PLURAL_PRONOUNS | PERSON_PRONOUNS | RECIPROCAL}
    lowers = doc.to_array([LOWER]).tolist()
    candidates = [doc[i] for i, low in enumerate(lowers) if low in wanted]
    pronouns = [t for t in candidates if t.pos_ == "PRON" and t.lower_ not in RECIPROCAL]
    reciprocals = [t for t in candidates if t.lower_ in RECIPROCAL and t.i > 0 and doc[t.i - 1].lower_ in {"each", "one"}]
    queue = sorted(found + [_pronoun(t) for t in pronouns], key=lambda f: (f.start, f.end))
    owners: dict[int, Party] = {}
    at: dict[int, Found] = {}  # token -> the resolved mention covering it, for in-sentence syntax
    pairs = _coordinated_pairs(doc, found)
    dyads: dict[int, tuple[Party, ...]] = {}
    collectives: dict[int, tuple[str, str | None]] = {}
    home: list[str | None] = []  # computed on first need
    for f in queue:
        if f.mention.source == "pronoun":
            token = doc[f.start]
            if token.dep_ in OBJECT_DEPS:
                ante = _object_antecedent(token, f, resolved, at)
            elif token.dep_ not in SUBJECT_DEPS | {"poss"}:
                continue
            elif token.lower_ == "it" and token.head.lemma_.lower() in EXPLETIVE_HEADS and not _disposed(token.head):
                continue
            else:
                fit = _pronoun_fit(token.lower_)
                ante, narrower = in_sentence(token, at, fit)
                if ante is None and narrower is not None:
                    ante = _antecedent(resolved, f, narrower[0], doc=doc) or _antecedent(resolved, f, narrower[1], doc=doc)
                if ante is None:
                    ante = _antecedent(resolved, f, fit, doc=doc)
            if ante is None:
                continue
            party = replace(ante.mention.party, text=token.text)
            owners[token.i] = party
            f = Found(replace(f.mention, party=party, label=ante.mention.label), f.start, f.end, f.head, f.sent, f.subject, ante.plural, ante.person, ante.agent)
        elif f.mention.source == "title" and f.start in owners and f.mention.party is not None and f.mention.party.country is None:
            # "its civilians": the owner's country
            owner = owners[f.start]
            if owner.country and f.mention.party.sector in PEOPLE_SECTORS:
                # "its civilians", "their citizens": the owner's country's people, never the group itself
                f = _with_party(f, kb.composed(f.mention.text, owner.country, f.mention.party.sector), "title")
            elif is_named(owner) and f.agent is not None and f.agent.kind in ROLE_KINDS | {"group", "person"}:
                f = _with_party(f, replace(owner, text=f.mention.text), "title")  # "its fighters": the group's
            elif owner.country and f.mention.party.sector:
                sector = f.mention.party.sector
                if _family(owner.sector) in ARMED_NON_STATE and f.agent is not None and f.agent.kind == "group":
                    sector = owner.sector  # "his forces" said by a rebel leader: rebels, not the state's army
                f = _with_party(f, kb.composed(f.mention.text, owner.country, sector), "title")
        elif _is_the_country(doc, f):
            # "the country", "the nation": the country named last (a subject first), else the article's own
            own = home_of(doc, kb, home) or doc.user_data.get(GROUNDS)
            ante = _antecedent(resolved, f, lambda c: _country_level(c) and c.mention.party.country == own, DEFINITE_WINDOW) if own else None
            ante = ante or _antecedent(resolved, f, _country_level, DEFINITE_WINDOW)  # the article's own first
            country = ante.mention.party.country if ante is not None else own
            if country:
                party = replace(kb.composed(f.mention.text, country, None), name=kb.country_names.get(country, country))
                f = _with_party(f, party, "definite")
        elif _is_pair(doc, f):
            dyad = _dyad_before(f.start, pairs, resolved)
            sector = f.mention.party.sector if f.mention.party is not None else None
            collectives[f.head] = (f.mention.text, sector)
            if dyad:
                dyads[f.head] = tuple(kb.composed(f.mention.text, p.country, sector) if sector and p.country else p for p in dyad)
        elif _is_bare_definite(doc, f):
            agent = f.agent
            assert agent is not None
            same, similar = _definite_fit(doc, f, agent)
            ante = _antecedent(resolved, f, same, SAME_ROLE_WINDOW)  # "the ambassador": the last "Russia's ambassador"
            state = agent.sector in STATE_SECTORS and agent.kind != "person"  # not state media: "the state outlet"
            if ante is None:
                # "the government" after "the French embassy" in a report on Congo: Congo's own, if the
                # article has a country of its own; else the nearest state body
                country = home_of(doc, kb, home) if state else None
                ante = _antecedent(resolved, f, lambda c: similar(c) and (country is None or c.mention.party.country == country), DEFINITE_WINDOW)
            if ante is not None:
                f = _with_party(f, replace(ante.mention.party, text=f.mention.text), "definite")
            elif agent.sector and agent.sector[:3] in STATE_SECTORS and agent.kind != "person":
                country = home_of(doc, kb, home)
                if country:  # "the military said" in a report datelined Islamabad: Pakistan's
                    f = _with_party(f, kb.composed(f.mention.text, country, agent.sector), "definite")
        elif _is_bare_surname(f):
            earlier = _named_before(resolved, f)
            if earlier is not None:  # "Fletcher warned" after "UN humanitarian chief Tom Fletcher"
                f = _with_party(f, replace(earlier, text=f.mention.text), "definite")
        elif _is_unplaced_state_role(doc, f):
            country = home_of(doc, kb, home) or grounds_here(doc, kb, f)
            if country and f.mention.label == "PERSON" and f.mention.source == "ner":
                f = _with_party(f, replace(f.mention.party, country=country), "ner")  # the person keeps the name
            elif country:  # "nine soldiers were killed" in a report about one country only
                f = _with_party(f, kb.composed(f.mention.text, country, f.mention.party.sector), "title")
        if f.mention.source == "definite" and f.mention.party is not None and doc[f.head].dep_ == "poss":
            owners.setdefault(f.start, f.mention.party)  # "the country's foreign ministry", "the group's fighters"
        resolved.append(f)
        for i in range(f.start, f.end):
            at[i] = f
    for token in reciprocals:  # "accused each other": the dyad of the moment
        collectives[token.i] = (token.text, None)
        dyad = _dyad_before(token.i, pairs, resolved)
        if dyad:
            dyads[token.i] = dyad
    doc.user_data[HOME] = home_of(doc, kb, home)
    armed = {f.mention.party.country for f in resolved if f.mention.party is not None and f.mention.party.country
             and _family(f.mention.party.sector) in ARMED_NON_STATE - {"IMG"} and is_named(f.mention.party)}
    # (a jihadist network fighting across borders, JNIM in Burkina Faso, does not say whose the local militants are)
    doc.user_data[ARMED_HOME] = armed.pop() if len(armed) == 1 else None
    doc.user_data[DYADS] = dyads
    doc.user_data[COLLECTIVES] = collectives  # the events step may name their dyad from who faced whom
    doc.user_data[PAIRS] = pairs
    return resolved


def _disposed(verb: Token) -> bool:
    """'it was ready to cooperate', 'it remains committed to': a referring 'it', not an expletive."""
    return any(c.dep_ in {"acomp", "attr", "oprd"} and c.lemma_.lower() in DISPOSITIONS for c in verb.children)


def _main_subject(token: Token) -> bool:
    """The subject of its sentence's main verb, or of a verb coordinated with it."""
    if token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _is_bare_surname(f: Found) -> bool:
    """A one-word person name the knowledge base cannot place ("Fletcher", "Traore")."""
    party = f.mention.party
    return (
        f.mention.label == "PERSON"
        and f.mention.source == "ner"
        and f.end - f.start == 1
        and (party is None or (party.country is None and party.sector is None))
    )


def _named_before(resolved: list[Found], f: Found) -> Party | None:
    """The party of the latest earlier person whose full name ends with this surname."""
    word = f.mention.text
    for cand in reversed(resolved):
        party = cand.mention.party
        if party is None or cand.start >= f.start or not (party.country or party.sector):
            continue
        names = (party.name or "", cand.mention.text)
        if any(n != word and n.split()[-1:] == [word] for n in names):
            return party
    return None


# ---- object pronouns ("accuses it of", "backing them") ---------------------------------------------
def _object_antecedent(token: Token, f: Found, resolved: list[Found], at: dict[int, Found]) -> Found | None:
    """The party an object pronoun stands for: only under a verb or preposition that takes a party
    as its object ("accuses it of", "urged them to", "talks with it"; never "rejected it", which is
    mostly a thing), and never the subject of its own clause ("Islamabad accuses it": not Pakistan)."""
    governor = object_governor(token)
    if governor is None:
        return None
    subject_token = clause_subject(governor)
    subject = at.get(subject_token.i) if subject_token is not None else None
    fit = _pronoun_fit(token.lower_)

    def other(c: Found) -> bool:
        if not fit(c) or c is subject or c.mention.party is None:
            return False
        return subject is None or subject.mention.party is None or not same_party(c.mention.party, subject.mention.party)

    return _antecedent(resolved, f, other, doc=token.doc)


# ---- collectives and the article's own country -----------------------------------------------------
def _is_pair(doc: Doc, f: Found) -> bool:
    """'the two sides', 'both neighbours', 'the two governments': several parties, no country named."""
    party = f.mention.party
    if f.agent is None or (party is not None and (party.country or is_named(party))):
        return False
    words = {t.lower_ for t in doc[f.start : f.end]}
    if f.agent.kind == "collective":
        if doc[f.head].lemma_.lower() in THIRD_PARTIES:
            return False  # "the mediators", "the hosts": never the two sides they stand between
        return doc[f.head].tag_ in {"NNS", "NNPS"} or not words.isdisjoint(PAIR_WORDS)
    return party is not None and bool(party.sector) and not words.isdisjoint(PAIR_WORDS)


COUNTRY_NOUNS = frozenset({"country", "nation"})


def _is_the_country(doc: Doc, f: Found) -> bool:
    """'the country', 'this nation': one country named before, never 'the two countries'."""
    head = doc[f.head]
    return (
        f.agent is not None
        and f.agent.kind == "collective"
        and head.lemma_.lower() in COUNTRY_NOUNS
        and head.tag_ == "NN"
        and doc[f.start].lower_ in {"the", "this"}
        and f.end - f.start == 2
    )


def _country_level(c: Found) -> bool:
    """A mention that names a country as such ('Sudan', 'Khartoum said'), not a person or group in it."""
    party = c.mention.party
    return party is not None and bool(party.country) and not c.person and (party.sector is None or party.id == f"{party.country}GOV")


def _country_party(f: Found) -> Party | None:
    party = f.mention.party
    if party is None or not party.country or f.person or f.mention.source == "pronoun":
        return None
    return party


def _coordinated_pairs(doc: Doc, found: list[Found]) -> list[tuple[int, tuple[Party, Party]]]:
    """'Pakistan and Afghanistan', 'between Kabul and Islamabad', 'the army and the RSF': coordinated
    parties of two sides, unless they stand as third parties ('brokered by X and Y', 'X and Y agreed
    to host'): mediators and hosts are never the article's two sides."""
    by_head = {f.head: f for f in found}
    addressed = {_governor(doc[f.head]) for f in found if _is_pair(doc, f)}
    out = []
    for f in found:
        first = _country_party(f)
        token = doc[f.head]
        if first is None or token.dep_ == "conj" or third_party_role(token):
            continue
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.i in addressed:
            continue  # "A and B urged both countries": who address the two sides are not them
        for other in token.conjuncts:
            g = by_head.get(other.i)
            second = _country_party(g) if g is not None else None
            if second is not None and _opposable(first, second):
                out.append((g.end, (first, second)))
                break
    return out


def _governor(token: Token) -> int:
    """The verb a collective is the object of, through one preposition ("called on both sides")."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i if token.dep_ in {"dobj", "dative", "pobj"} and head.pos_ in {"VERB", "AUX"} else -1


def _opposable(a: Party, b: Party) -> bool:
    """Two sides: two countries, or in one country a state body and an armed or civil group."""
    if a.country != b.country:
        return True
    return len({not p.sector or p.sector[:3] in STATE_SECTORS for p in (a, b)}) == 2


def third_party_role(token: Token) -> bool:
    """Whether a phrase names a mediator or host: under a mediation word ('brokered by X', 'with the
    help of X', 'X mediated'), or the subject of a verb that takes one ('X agreed to host')."""
    from .mediation import load_mediation_cues  # the events side of the package; loaded once

    cues = load_mediation_cues()
    node = token
    for _ in range(4):
        if node.lemma_.lower() in cues and node is not token:
            return True
        if node.dep_ in SUBJECT_DEPS:
            verb = node.head
            return verb.lemma_.lower() in cues or any(c.dep_ == "xcomp" and c.lemma_.lower() in cues for c in verb.children)
        if node.head is node:
            return False
        node = node.head
    return False


def _dyad_before(i: int, pairs: list[tuple[int, tuple[Party, Party]]], resolved: list[Found]) -> tuple[Party, ...]:
    """The last coordinated pair before token i, else the two countries named most so far."""
    last = None
    for end, pair in pairs:
        if end <= i:
            last = pair
    if last is not None:
        return last
    counts: Counter[str] = Counter()
    first: dict[str, Party] = {}
    for f in resolved:
        party = _country_party(f)
        if party is not None and f.start < i:
            counts[party.country] += 1
            first.setdefault(party.country, party)
    top = counts.most_common(3)
    if len(top) < 2 or (len(top) == 3 and top[1][1] == top[2][1]):
        return ()
    return (first[top[0][0]], first[top[1][0]])


def _is_unplaced_state_role(doc: Doc, f: Found) -> bool:
    """'nine soldiers', 'security forces': a state role that names no country and no people
    ('Kurdish forces' stay unplaced)."""
    party = f.mention.party
    names = names_of(doc).by_start
    if f.mention.source == "ner" and f.mention.label == "PERSON" and party is not None and party.country is None:
        # "Prime Minister Mahendra Chaudhry" in a report about one country: its prime minister
        return bool(party.sector) and party.sector[:3] in STATE_SECTORS and not is_outsider(doc[f.head])
    return (
        f.mention.source == "title"
        and f.agent is not None
        and f.agent.kind not in {"collective", "anaphor", "role", "role-group", "platform"}
        and (f.agent.kind != "person" or doc[f.head].tag_ == "NNS")
        and not any(i in names for i in range(f.start, f.end))
        and not is_outsider(doc[f.head])  # "Western diplomats", "foreign troops": no one's here
        and party is not None
        and party.country is None
        and not is_named(party)
        and bool(party.sector)
        and party.sector[:3] in STATE_SECTORS
    )


def _with_party(f: Found, party: Party | None, source: str) -> Found:
    return Found(replace(f.mention, party=party, source=source), f.start, f.end, f.head, f.sent, f.subject, f.plural, f.person, f.agent)


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
        # an organisation's name may take "they", one person ("Secretary-General Antonio Guterres") not
        return lambda c: c.plural or (c.mention.label == "ORG" and c.agent is None and not c.person)
    # a named organisation takes "it" whatever the number of its name ("the Allied Democratic Forces ... its")
    return lambda c: not c.person and (not c.plural or (c.mention.label == "ORG" and c.agent is None)) and c.mention.label != "PRON"


def _single(f: Found) -> bool:
    """Whether a mention names one person ("the official", "Guterres"), not a body or a group."""
    return f.person and not f.plural


def _definite_fit(doc: Doc, f: Found, agent: Agent):
    """Two tests for the antecedent of 'the official': the same role word first, then the same sector."""
    head = doc[f.head].lemma_.lower()
    if agent.kind == "anaphor":
        accepts = set(agent.accepts)

        def anaphor(c: Found) -> bool:
            party = c.mention.party
            if c.person or party is None or not (party.sector in accepts or _family(party.sector) in accepts):
                return False
            return party.country is not None or is_named(party)  # "the group" names a group, not bare "gunmen"

        return anaphor, anaphor
    family = _kin(agent.sector)

    def informative(c: Found) -> bool:
        party = c.mention.party
        return party is not None and (party.country is not None or is_named(party))

    def same(c: Found) -> bool:
        return informative(c) and c.agent is not None and doc[c.head].lemma_.lower() == head

    def similar(c: Found) -> bool:
        if agent.kind in {"body", "group"} and c.mention.label == "PERSON":
            return False  # "the government" is no one person, however high
        # one person for one person: "the rebels" (a role word in the plural) is a group, like "M23"
        return informative(c) and family is not None and _kin(c.mention.party.sector) == family and _single(c) == _single(f)

    return same, similar
