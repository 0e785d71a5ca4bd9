"""Who did what to whom: the actor and target of a trigger, read from the dependency parse.

Mechanisms only: subjects (inherited through coordination and control verbs), passives ("was
attacked by"), objects and prepositional targets ("attacks on X", "sought assurances from X"),
possessives and nationality adjectives on nominal triggers ("Pakistan's demand", "Pakistani
airstrikes"), light verbs ("conducted airstrikes", "responded with attacks"), and the speaker of a
reported statement (the actor of an attribution such as "X is responsible"). Names become `Party`
records through `polemos.nlp.actors` (party_of / parties_of), falling back on the mentions the
actors step left on the Doc. The indirect cues around a nominal event (a verb reacting to it, the
passive clause it caused, a participle describing it) are in `polemos.nlp.reactions`.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ..records import Party
from .modality import load_cues
from .phrases import is_stance
from . import reactions  # reads this module's names at call time
from .joints import JOINT, jointly
from .event_verbs import FORCE_ROOTS, TELLING, harmed, motion_verbs

try:  # the actors step resolves names, titles, pronouns and metonyms
    from .actors import party_of as _actors_party_of, parties_of as _actors_parties_of
    from .coreference import DYADS
except ImportError:  # pragma: no cover - only while the actors step is absent
    _actors_party_of = _actors_parties_of = None
    DYADS = "polemos_dyads"

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})
# Prepositions that introduce the target of an event, by PLOVER root (first found wins).
TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("on", "against", "at", "upon", "into", "targeting", "inside", "in", "with"),
    "COERCE": ("on", "against", "in"),
    "CONSULT": ("with", "to", "between"),
    "AGREE": ("with", "to"),
    "COOPERATE": ("with",),
    "AID": ("to", "for"),
    "REQUEST": ("from", "on", "of", "to"),
    "ACCUSE": ("of", "against", "on", "over"),
    "REJECT": ("from", "by", "to"),
    "THREATEN": ("to", "against", "on", "with"),
    "SANCTION": ("on", "against", "from", "with"),
    "SUPPORT": ("to", "for", "with"),
}
# Roots whose "between A and B" names two sides acting alike, each toward the other.
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
DEFAULT_TARGET_PREPS = ("against", "on", "with", "to", "from")
# Groups named by their members: "delegations from X and Y", "troops of X".
MEMBER_PREPS = frozenset({"from", "of"})


_LOOKED: dict[int, Party | None] = {}


def _lookup(token: Token) -> Party | None:
    """The party one word (with its phrase) names, or None (memoised per Doc)."""
    if token.i in _LOOKED:
        return _LOOKED[token.i]
    party = _LOOKED[token.i] = _look_up(token)
    return party


def _look_up(token: Token) -> Party | None:
    if _actors_party_of is not None:
        party = _actors_party_of(token.doc, token)
        if party is not None:
            return party
    mentions = token.doc._.mentions or []
    for mention in mentions:
        if mention.party is not None and mention.start <= token.idx < mention.end:
            return mention.party
    return None


def _phrase_party(token: Token) -> Party | None:
    """A party for a noun phrase: its head, then its modifiers ("Pakistani military posts")."""
    party = _lookup(token)
    if party is not None and party.country:
        return party
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} and child.i < token.i and not is_stance(token.doc, child.i):
            found = _lookup(child)
            if found is not None and found.country:
                # "a Pakistani security official": the role from the head, the country from the modifier
                return Party(text=party.text, name=party.name, country=found.country, sector=party.sector, id=party.id) if party else found
    return party


def _antecedent(token: Token) -> Party | None:
    """'the official' after 'a Pakistani security official': an earlier phrase with the same head word."""
    if token.pos_ not in {"NOUN"} or not any(c.lower_ == "the" for c in token.children):
        return None
    lemma = token.lemma_.lower()
    compounds = {c.lemma_.lower() for c in token.children if c.dep_ == "compound"}
    checked = 0
    for earlier in reversed(token.doc[max(0, token.i - 400) : token.i]):
        if earlier.pos_ != "NOUN":
            continue
        same_head = earlier.lemma_.lower() == lemma
        same_kind = bool(compounds) and any(
            c.dep_ == "compound" and c.lemma_.lower() in compounds for c in earlier.children
        )
        if same_head or same_kind:
            party = _phrase_party(earlier)
            if party is not None:
                return party
            checked += 1
            if checked >= 3:
                return None
    return None


_CACHE: dict[int, list[Party]] = {}


def clear_party_cache() -> None:
    """Called once per Doc: parties are looked up many times per sentence."""
    _CACHE.clear()
    _PLACED.clear()
    _LOOKED.clear()


def parties(token: Token | None) -> list[Party]:
    """Every party a phrase names: coordinated phrases give several ("Pakistan and Afghanistan")."""
    if token is None:
        return []
    cached = _CACHE.get(token.i)
    if cached is None:
        _CACHE[token.i] = []  # guards against cycles through coordination
        cached = _CACHE[token.i] = jointly(token, _parties(token))
    return list(cached)


def _parties(token: Token) -> list[Party]:
    found: list[Party] = []
    dyads = token.doc.user_data.get(DYADS) or {}
    for part in [token, *token.conjuncts]:
        before = len(found)
        several = _several(part, dyads)
        if several:  # "the two sides", "each other", "delegations from X and Y"
            found.extend(p for p in several if p not in found)
            continue
        party = _phrase_party(part)
        if party is None or not (party.country or (party.sector or "")[:3] in TRANSNATIONAL):
            party = _antecedent(part) or party  # "the official": an earlier, placed "Pakistani official"
        if party is None:
            for child in part.children:
                if child.dep_ == "prep" and child.lemma_.lower() in MEMBER_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(p for p in parties(pobj) if p not in found)
            for child in part.children:
                # "advice received from Kabul": a reduced relative names the source
                if party is None and child.dep_ == "acl":
                    for prep in child.children:
                        if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"from", "by"}:
                            for pobj in prep.children:
                                if pobj.dep_ == "pobj":
                                    found.extend(p for p in parties(pobj) if p not in found)
            if party is None and len(found) == before and part.pos_ == "PROPN" and _actors_party_of is None and part.ent_type_ not in {"DATE", "TIME"}:
                text = part.doc[part.left_edge.i : part.i + 1].text if part.left_edge.i >= part.i - 3 else part.text
                party = Party(text=text, name=text)
        if party is not None and party not in found:
            found.append(party)
    return found


def _several(part: Token, dyads: dict) -> list[Party]:
    """The parties one phrase names at once: a collective's dyad, or members from several countries."""
    if part.i in dyads:
        return list(dyads[part.i])
    if _actors_parties_of is None or part.conjuncts:
        return []
    if any(c.dep_ == "prep" and c.lower_ in MEMBER_PREPS and any(g.dep_ == "pobj" and g.conjuncts for g in c.children) for c in part.children) or any(
        c.dep_ in {"amod", "compound", "nmod"} and c.conjuncts for c in part.lefts
    ):  # "delegations from X and Y", "X-ish and Y-ish troops"
        found = _actors_parties_of(part.doc, part)
        return found if len(found) > 1 else []
    return []


def is_collective(token: Token) -> bool:
    """'the two sides', 'both neighbours', 'each other', 'the mediators': several parties in one phrase,
    never one country to be guessed from the sentence."""
    if token.i in (token.doc.user_data.get(DYADS) or {}):
        return True
    if token.lower_ in {"other", "another"} and token.i > 0 and token.nbor(-1).lower_ in {"each", "one"}:
        return True
    from .gazetteer import knowledge_of
    from .phrases import agent_at

    hit = agent_at(knowledge_of(token.doc), token)
    return hit is not None and hit[0].kind == "collective"


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination, control and reduced relatives."""
    seen = 0
    while seen < 6:
        seen += 1
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.pos_ != "SCONJ":
                return _relative_head(child)
        if verb.dep_ == "conj" and not is_passive(verb):
            shared = next((c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
            if shared is not None and not any(c.dep_ in SUBJECT_DEPS for c in verb.head.children):
                return shared  # "X has been indicted and will resign": X resigns
        if verb.dep_ in {"conj", "acomp", "advcl"} or (verb.dep_ == "xcomp" and not _has_object(verb.head)):
            verb = verb.head
            continue
        if verb.dep_ == "xcomp":
            return next(c for c in verb.head.children if c.dep_ in OBJECT_DEPS)
        if verb.dep_ in {"acl", "relcl"} and verb.tag_ != "VBN":
            return reactions.noun_doer(verb.head)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            doer = controller(verb)
            if doer is not None:
                return doer  # "accused Y of shelling": Y's shelling
            verb = verb.head.head
            continue
        return None
    return None


def control_words() -> frozenset[tuple[str, str, str]]:
    """(lemma, 'object' | 'subject', preposition) rows of data/control.tsv."""
    return _control()


@lru_cache(maxsize=1)
def _control() -> frozenset[tuple[str, str, str]]:
    """Words whose object or subject does the event they take (data/control.tsv):
    (lemma, 'object' | 'subject', preposition)."""
    from .triggers import read_cues

    return frozenset((row[0].strip(), row[1].strip(), row[2].strip()) for row in read_cues("control.tsv"))


def controller(word: Token) -> Token | None:
    """The doer of an event word set under a preposition by a control word: 'accused Y of shelling',
    'blamed Y for the attack' -> Y; 'claimed responsibility for the attack' -> the claimant."""
    prep = word.head
    if word.dep_ not in {"pcomp", "pobj"} or prep.dep_ != "prep" or prep.head is prep:
        return None
    governor = prep.head
    lemma, word_prep = governor.lemma_.lower(), prep.lower_
    if governor.pos_ in {"VERB", "AUX"} and (lemma, "object", word_prep) in _control():
        deps = PASSIVE_SUBJECT_DEPS if is_passive(governor) else OBJECT_DEPS  # "X were accused of shelling"
        return next((c for c in governor.children if c.dep_ in deps), None)
    if governor.pos_ == "NOUN" and governor.dep_ in {"dobj", "obj"} and (lemma, "subject", word_prep) in _control():
        return subject_of(governor.head)
    return None


def _relative_head(token: Token) -> Token:
    """'which'/'who' stand for the noun their clause describes ("the strike, which Israel said
    targeted X": the strike)."""
    if token.tag_ in {"WDT", "WP"}:
        node = token.head
        for _ in range(3):
            if node.dep_ == "relcl":
                return node.head
            if node.head is node:
                break
            node = node.head
    return token


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in OBJECT_DEPS for c in verb.children)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


MEASURES = frozenset({"DATE", "TIME", "PERCENT", "QUANTITY", "CARDINAL", "MONEY"})


def _agent(verb: Token) -> Token | None:
    """The object of a verb's "by" phrase; never a measure ("shortened the curfew by one hour")."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ in MEASURES or any(c.dep_ == "nummod" for c in pobj.children)):
                continue
            return pobj
    return None


def _prep_object(token: Token, preps: tuple[str, ...]) -> Token | None:
    """The first object of one of these prepositions under `token` that names a party."""
    for prep in preps:
        for child in token.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ == prep:
                for pobj in [*(c for c in child.children if c.dep_ == "pobj"), *_stranded(child)]:
                    if pobj._.trigger is None and parties(pobj):
                        return pobj
    return None


def _stranded(prep: Token) -> list[Token]:
    """The noun phrase right after a preposition the parser left without an object ("asylum to five
    officers holed up in ...", where "officers" became the subject of the next clause)."""
    if any(c.dep_ == "pobj" for c in prep.children) or prep.i + 1 >= len(prep.doc):
        return []
    return [t for t in prep.doc[prep.i + 1 : prep.i + 8] if t.pos_ in {"NOUN", "PROPN"} and t.left_edge.i == prep.i + 1 and t.dep_ in SUBJECT_DEPS][:1]


def _clause_subject(token: Token) -> Token | None:
    """The subject of a complement clause: 'demanded that X ...', 'wants X to ...'."""
    for child in token.children:
        if child.dep_ in {"ccomp", "xcomp", "acl"}:
            for grand in child.children:
                if grand.dep_ in SUBJECT_DEPS and parties(grand):
                    return grand
    return None


def speaker_of(anchor: Token) -> Token | None:
    """Who says the clause the trigger stands in: a reporting verb's subject or 'according to X'."""
    report = load_cues().report
    node = anchor
    first: Token | None = None
    for _ in range(12):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                for to in child.children:
                    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        if node is not anchor and node.lemma_.lower() in report and node.pos_ in {"VERB", "AUX"}:
            subject = subject_of(node)
            if subject is not None:
                if parties(subject):
                    return subject
                first = first or subject
        if node.head is node:
            break
        node = node.head
    return first


def verb_arguments(anchor: Token, root: str) -> tuple[Token | None, Token | None]:
    """Actor and target phrases of a verbal trigger."""
    preps = TARGET_PREPS.get(root, DEFAULT_TARGET_PREPS)
    if is_passive(anchor):
        actor = _agent(anchor)
        passives = [c for c in anchor.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        # a misparsed opening phrase can be a second passive subject: the nearest one is the subject
        target = min(passives, key=lambda c: abs(anchor.i - c.i)) if passives else None
        if target is None and anchor.dep_ == "acl":
            target = anchor.head
        if actor is None and root == "ACCUSE" and any(anchor.lemma_.lower() == c[0] and c[1] == "object" for c in _control()):
            actor = speaker_of(anchor)  # "X were accused of shelling, Kyiv said": Kyiv accuses
        return actor, target
    actor = subject_of(anchor)
    target = None
    for child in anchor.children:
        if child.dep_ in OBJECT_DEPS and parties(child):
            target = child
            break
    if target is None:
        target = _prep_object(anchor, preps)
    if target is None and root in {"REQUEST", "REJECT", "AGREE", "ACCUSE"}:
        target = _clause_subject(anchor)  # "alleged that Y attacked": Y is accused
    if target is None:
        # "sought assurances from X": the preposition hangs on the object
        for child in anchor.children:
            if child.dep_ in OBJECT_DEPS:
                target = _prep_object(child, preps)
                if target is not None:
                    break
    return actor, target


def noun_arguments(anchor: Token, root: str, barrier: frozenset[int] = frozenset()) -> tuple[Token | None, Token | None]:
    """Actor and target phrases of a nominal trigger ("Pakistan's demand", "attacks on X by Y");
    words in `barrier` (a mediator's: "a Qatar-brokered truce") are neither."""
    preps = TARGET_PREPS.get(root, DEFAULT_TARGET_PREPS)
    actor: Token | None = None
    target: Token | None = None
    by = _agent(anchor)
    for child in anchor.children:
        if child.i in barrier:
            continue
        if child.dep_ == "poss" or (child.dep_ in {"amod", "compound", "nmod"} and child.i < anchor.i and not is_stance(child.doc, child.i)):
            if parties(child):
                if by is not None and by.i not in barrier and parties(by):
                    target = child  # "Karlov's assassination by a policeman": the owner suffered it
                    break
                actor = child
                break
    if actor is None:
        actor = (by if by is not None and by.i not in barrier else None) or reactions.attributed(anchor) or reactions.participle_agent(anchor)
    between = next((c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is None and anchor.dep_ == "nsubj" and anchor.head.pos_ == "VERB":
        # "clashes erupted between A and B", "fighting broke out between A and B": the verb only says it happened
        between = next((c for c in anchor.head.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is not None:
        pobj = next((g for g in between.children if g.dep_ == "pobj"), None)
        if pobj is not None:
            sides = [pobj, *pobj.conjuncts]
            if actor is None:
                actor = sides[0]  # its conjuncts come along: "clashes between A and B" is A's and B's
            if len(sides) > 1 and root not in SYMMETRIC:
                target = sides[1]
    if target is None:
        target = reactions.victims(anchor)  # "three aid workers were killed by a drone strike in X": the workers were struck
    if target is None:
        target = harmed(anchor)  # "a roadside bombing killed one US soldier", "killed 46 civilians in an attack"
    if target is None:
        # "an anti-government march": what the event is against
        target = next((c for c in anchor.children if c.dep_ in {"amod", "compound", "npadvmod"} and c.i < anchor.i and is_stance(c.doc, c.i) and parties(c)), None)
    if target is None:
        target = _prep_object(anchor, tuple(p for p in preps if p != "between"))
    if target is None and root in {"REQUEST", "REJECT", "AGREE", "THREATEN"}:
        target = _clause_subject(anchor)
    if actor is None and root in FORCE_ROOTS:
        force = _prep_object(anchor, ("of",))  # "the deployment of NATO troops", "the withdrawal of Russian forces"
        if force is not None and not any(c.dep_ == "prep" and c.lower_ == "from" for c in force.children) and any(
            p.country or (p.sector or "")[:3] in TRANSNATIONAL for p in parties(force)
        ):  # ("the withdrawal of forces from Panama": where they leave, not whose they are)
            actor = force  # a force nobody owns yet ("the withdrawal of some forces") is its sender's
    if actor is None:
        actor = controller(anchor)  # "accused Y of the strike", "claimed responsibility for the attack"
    if actor is None:
        anchor = _counted(anchor)  # "carried out thousands of attacks": the attacks stand where the count does
        head = anchor.head
        role = reactions.reacting().get(head.lemma_.lower()) if head.pos_ in {"VERB", "AUX"} else None
        if role is not None and anchor.dep_ in {"dobj", "obj", "nsubjpass"}:
            # "the AU condemned the attack": a reaction to the event, not the event's doer
            actor = _agent(head) if not is_passive(head) else None  # "condemned attacks by X" (by hung on the verb)
            if target is None and role == "target" and not is_passive(head):
                target = subject_of(head)  # "the army repelled an assault": the army was assailed
            return actor, target
        if anchor.dep_ == "attr" and head.lemma_.lower() == "be" and reactions.is_pointer(subject_of(head)):
            pass  # "this was a deliberate strike": the subject is the event, not its doer
        elif anchor.dep_ in {"dobj", "obj", "attr", "nsubjpass"} and head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() not in TELLING:
            # (a reporting verb's subject tells of the event, it did not do it: "the governor said the blast ...")
            actor = _agent(head) if is_passive(head) else (_agent(head) if anchor.dep_ in {"dobj", "obj"} else None) or subject_of(head)
        elif anchor.dep_ == "pobj" and head.dep_ == "prep" and (
            head.lower_ in {"with", "in", "by"} or (head.lower_ in {"on", "for"} and head.head.lemma_.lower() in motion_verbs())
        ):
            verb = head.head  # "responded with attacks"; "arrived on a visit", "returned to Geneva for talks"
            if verb.pos_ in {"VERB", "AUX"}:
                actor = subject_of(verb)
        elif anchor.dep_ == "conj":
            return noun_arguments(_conj_root(anchor), root, barrier)
        if target is None and anchor.dep_ in {"dobj", "obj"}:
            target = _prep_object(head, preps)
    return actor, target


def _counted(anchor: Token) -> Token:
    """'thousands of attacks', 'a series of strikes': the counting noun holds the event's place."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in {"NOUN", "NUM"} and head.head.dep_ in {"dobj", "obj", "nsubjpass", "attr"}:
        if not parties(head.head):
            return head.head
    return anchor


def _conj_root(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def attribution_arguments(anchor: Token) -> tuple[Token | None, Token | None]:
    """'X is responsible for ...' said by S: S accuses X."""
    subject = None
    for candidate in (anchor, anchor.head):
        subject = next((c for c in candidate.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            break
    return speaker_of(anchor), subject


# Links followed when the target is looked for deeper in the trigger's own phrase or clause:
# objects, complements, prepositional phrases and the modifiers of nouns, never subjects or adjuncts.
REACH_DEPS = frozenset(
    {"dobj", "obj", "dative", "prep", "pobj", "xcomp", "ccomp", "pcomp", "compound", "poss", "amod", "nmod", "appos", "acl", "attr", "oprd", "conj"}
)
REACH_DEPTH = 4


# Prepositions that say where: under a meeting's word ("talks in X", "agreed to meet in X") their
# objects are the venue, never the other side (elsewhere a place often is: "lifted a curfew in X").
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "along", "within", "throughout"})


def reach_target(
    anchor: Token, actors: list[Party], actor: Token | None, barrier: frozenset[int] = frozenset(), venues: frozenset[int] = frozenset()
) -> Token | None:
    """The nearest party inside what the trigger governs ("threatened to break relations with X",
    "rejected an appeal from X", "mobilised reservists for a war against X"), breadth first.

    A party of another country than the actor's wins over one of the actor's own country (kept as a
    domestic fallback: "police seized weapons from Palestinian groups"). `barrier`: words not to enter
    (a mediator's); `venues`: meeting words whose place phrases are not entered.
    """
    own = {p.country or p.sector for p in actors}
    skip = ({actor.i} if actor is not None else set()) | set(barrier)
    frontier = [c for c in anchor.children if c.dep_ in REACH_DEPS and c.dep_ != "conj"]
    if anchor.pos_ in {"NOUN", "PROPN"} and anchor.dep_ in {"dobj", "obj", "attr"} and anchor.head.pos_ in {"VERB", "AUX"}:
        # a light verb's other arguments: "staged rallies against X", "lodged a protest with X"
        frontier.extend(c for c in anchor.head.children if c.dep_ in {"prep", "dative"} and c is not anchor)
    fallback: Token | None = None
    seen = {anchor.i}
    for _ in range(REACH_DEPTH):
        following: list[Token] = []
        for token in frontier:
            if token.i in seen or token.i in skip:
                continue
            seen.add(token.i)
            if token.dep_ == "prep" and token.lower_ in LOCATIVE_PREPS and token.head.i in venues:
                continue  # "talks in X": X is where the talks are, not whom they are with
            if token.pos_ in {"NOUN", "PROPN", "PRON"}:
                found = [] if is_thing(token, token.i in venues) else parties(token)
                if any((p.country or p.sector) not in own for p in found if p.country or p.sector in TRANSNATIONAL):
                    return token
                if found and fallback is None and any(p.country for p in found):
                    fallback = token
            following.extend(c for c in token.children if c.dep_ in REACH_DEPS)
        frontier = following
        if not frontier:
            break
    return fallback


TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", JOINT})  # parties placed without a country of their own


def sentence_parties(doc: Doc, start: int, end: int) -> list[Party]:
    """Parties the actors step found in a stretch of tokens, in order."""
    return [party for _, party in _placed_parties(doc, start, end)]


_PLACED: dict[tuple[int, int], list[tuple[int, Party]]] = {}


def _placed_parties(doc: Doc, start: int, end: int) -> list[tuple[int, Party]]:
    """(character offset, party) of each distinct party mentioned in a stretch, memoised per Doc."""
    key = (start, end)
    cached = _PLACED.get(key)
    if cached is None:
        cached = []
        lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        stances = {t.idx for t in doc[start:end] if is_stance(doc, t.i)}  # "an anti-Syria journalist": not Syria's
        for mention in doc._.mentions or []:
            if mention.party is not None and lo <= mention.start < hi and mention.start not in stances and all(mention.party != p for _, p in cached):
                cached.append((mention.start, mention.party))
        _PLACED[key] = cached
    return cached


ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ure", "ism", "ship", "ing", "cy")


def own_possessor(anchor: Token, target: Token | None, actors: list[Party]) -> Token | None:
    """'X wants Y to stop strikes inside its borders': when the target's possessive pronoun came out
    as the actor itself, the owner is the subject of a clause above that names another country."""
    if target is None or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in target.children):
        return None
    own = {p.country for p in actors if p.country}
    node = anchor
    for _ in range(8):
        if node.head is node:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None and any(p.country and p.country not in own for p in parties(subject)):
                return subject
    return None


def is_thing(token: Token, abstract: bool = False) -> bool:
    """An abstract noun (or one known to name an event: `abstract`) that names no party by its own
    modifiers ("an agreement in X", "talks in X"): a party found through its place phrase is where it
    lies, not whom the event is done to."""
    if token.pos_ != "NOUN" or not (abstract or is_abstract(token)):
        return False
    for child in token.children:
        if child.dep_ in {"poss", "amod", "compound", "nmod"} and child.i < token.i and parties(child):
            return False  # "Pakistan's demand"
        if child.dep_ in {"prep", "agent"} and child.lower_ in MEMBER_PREPS | {"by"}:
            if any(g.dep_ == "pobj" and parties(g) for g in child.children):
                return False  # "demands from the rebels"
    return True


def is_abstract(token: Token) -> bool:
    """Nouns that name a state or an act, not a party (by their derivational ending, or a trigger)."""
    return token._.trigger is not None or token.lemma_.lower().endswith(ABSTRACT_ENDINGS)


def agent_of(verb: Token) -> Token | None:
    """The object of a verb's "by" phrase: its doer when the verb is passive."""
    return _agent(verb)


from .contexts import context_party  # noqa: E402,F401 - re-exported for the events step (it imports this module)
