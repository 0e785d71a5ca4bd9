"""polemos_events: triggers become PLOVER events with CAMEO codes, ACLED types, parties and modality.

Per sentence: find triggers (triggers.py), let a speech act absorb the event it is about
("agreed to a ceasefire" is one AGREE event, mode ceasefire: data/content_modes.tsv), read actor
and target (arguments.py) and negation/hypothesis (modality.py), then apply PLOVER's rules for
auxiliary modes: cooperation announced for the future is AGREE, a retreat announced for the future is
CONCEDE, and violence a speaker says would follow is that speaker's THREATEN (PLOVER: "THREATEN
could be ASSAULT + hypothetical ... return the single event category"); the hypothetical violence
itself is kept as well, flagged.

Coordinated actors ("Pakistan and Afghanistan agreed") give one event per actor, the dyadic
convention of CAMEO and of PLOVER's post-processing; for reciprocal events (CONSULT, AGREE,
COOPERATE, two-sided ASSAULT) without a named target each side is the other's target.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Acled, Event, Party, Span
from .arguments import (
    LOCATIVE_PREPS,
    attribution_arguments,
    clear_party_cache,
    context_party,
    noun_arguments,
    parties,
    TRANSNATIONAL,
    is_abstract,
    is_collective,
    is_thing,
    own_possessor,
    reach_target,
    sentence_parties,
    speaker_of,
    verb_arguments,
)
from .drafts import Draft, content_rule, fold_named_attacks, governing_trigger, load_target_modes, mode_of
from .dyads import across, better_named, facing, name_collectives
from .extensions import register_extensions
from .mediation import Mediation, Third, as_third_party, read_mediation, same_side, sides_of
from .modality import Modality, load_cues, read_modality
from .phrases import is_named
from .reactions import where_struck
from .trigger_finder import learned_matches
from .triggers import Lexicon, Match, load_lexicon, read_cues

RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
COOPERATIVE_INTENT = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
THREAT_CONTENT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
MAX_EVENTS_PER_SENTENCE = 24
LEARNED_DISCOUNT = 0.15  # a learned trigger's proposal is less certain than a lexicon line's
# Roots whose actor and target face each other: the last such pair is what "the two sides" names.
CIVILIAN_WORDS = frozenset({"civilian", "resident", "villager", "worshipper", "child", "woman", "student", "passenger", "protester", "pilgrim"})


@Language.factory(
    "polemos_events",
    requires=["token.dep", "token.lemma", "doc.sents"],
    assigns=["doc._.events", "token._.trigger"],
)
def make_events(nlp: Language, name: str) -> "EventCoder":
    register_extensions()
    lexicon = load_lexicon()
    lexicon.add_irregular_forms(_verb_forms(nlp))
    return EventCoder(lexicon)


def _verb_forms(nlp: Language) -> tuple[dict, object]:
    """The model's own table of irregular verb forms and its list of base forms ("retook" ->
    retake): the tagger sometimes reads a past form as a present one, and the rules then leave it
    as written, so the lexicon must know the forms too."""
    name = next((n for n in ("polemos_lemmas", "lemmatizer") if n in nlp.pipe_names), None)
    component = nlp.get_pipe(name) if name else None
    lookups = getattr(getattr(component, "lemmatizer", component), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc") or not lookups.has_table("lemma_index"):
        return {}, ()
    return dict(lookups.get_table("lemma_exc").get("verb", {})), lookups.get_table("lemma_index").get("verb", ())


class EventCoder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        clear_party_cache()
        events: list[Event] = []
        self._faced: list[tuple[int, tuple[Party, Party]]] = []
        for index, sent in enumerate(doc.sents):
            self._dyad = name_collectives(doc, sent, self._faced)
            coded = self.code_sentence(doc, sent, index)
            events.extend(coded)
        events.sort(key=lambda e: (e.trigger.start, e.trigger.end))
        events = _without_mentions(doc, events)
        prefix = doc._.document_id or "doc"
        doc._.events = [_with_id(event, f"{prefix}:e{i}") for i, event in enumerate(events)]
        return doc

    def code_sentence(self, doc: Doc, sent: SpacySpan, index: int) -> list[Event]:
        matches = self.lexicon.find(sent)
        matches = sorted(matches + learned_matches(doc, sent, {i for m in matches for i in m.tokens}), key=lambda m: m.start)
        for match in matches:
            doc[match.start]._.trigger = match.entry.lemma
        by_token = {i: m for m in matches for i in m.tokens}
        drafts = {m.anchor: Draft(m, m.entry.root, m.entry.mode, m.entry.cameo, m.entry.acled) for m in matches}
        if not matches:
            return self._obligations(doc, sent, index, frozenset())
        for draft in drafts.values():
            anchor = doc[draft.match.anchor]
            if anchor.dep_ == "compound" and anchor.head.i in by_token and by_token[anchor.head.i] is not draft.match:
                draft.absorbed = True  # "ceasefire talks": the talks are the event
                continue
            outer = governing_trigger(anchor, by_token, draft.match)
            if outer is None:
                continue
            governor = drafts[outer.anchor]
            if governor.content is not None:
                continue
            rule = content_rule(governor.root, draft.root, draft.mode)
            if rule is not None:
                governor.content = draft.match
                draft.absorbed = True
                governor.root = rule.root
                governor.mode = draft.mode if rule.mode == "*" else governor.mode if rule.mode == "=" else rule.mode
                governor.cameo = rule.cameo
                if rule.root == "THREATEN":
                    governor.acled = None
        fold_named_attacks(doc, drafts)
        violent = [d for d in drafts.values() if d.root == "ASSAULT" and not d.match.entry.consequence]
        for draft in drafts.values():
            if draft.match.entry.consequence and violent and not draft.absorbed:
                draft.absorbed = True  # "clashes killed five": the clashes are the event
        mediations = [
            m
            for m in read_mediation(sent, lambda t: drafts[t.i].root if t.i in drafts else None)
            if m.cue.i not in drafts or not drafts[m.cue.i].absorbed or m.cue.pos_ != "NOUN"  # "agreed to US mediation": the US is the other side
        ]
        third = Third.of(mediations)
        venues = frozenset(i for d in drafts.values() if d.root == "CONSULT" or d.mode == "meet" for i in d.match.tokens)
        stops = frozenset(m.anchor for m in matches)
        events: list[Event] = []
        coded: set[int] = set()
        cues = {m.cue.i for m in mediations}
        for draft in drafts.values():
            if draft.absorbed or (draft.match.entry.content and draft.content is None):
                continue
            coded.add(draft.match.anchor)
            if draft.match.anchor in cues or (draft.content is not None and draft.content.anchor in cues and _complement(doc[draft.content.anchor])):
                continue  # "mediated by X", "agreed to host talks": coded below, as the mediators' own events
            events.extend(self._events(doc, sent, index, draft, stops, third, venues))
            if len(events) >= MAX_EVENTS_PER_SENTENCE:
                break
        pair = facing(events)
        if pair is not None:
            self._faced.append((sent.end - 1, better_named(pair, self._faced[-1][1] if self._faced else None)))  # mediators' own events below never count
        if mediations:
            mediated = {m.mediated.i for m in mediations if m.mediated is not None}
            offered = {m.mediated.i for m in mediations if m.mediated is not None and self._promised(m, drafts)}
            events = [
                as_third_party(e)
                for e in events
                if (e.actor is not None or e.target is not None) and _anchor_of(doc, e) not in offered or _anchor_of(doc, e) not in mediated
            ]  # "agreed to host a meeting (between A and B)": the hosts' promise stands for the meeting
            events.extend(self._mediations(doc, sent, index, mediations, events, drafts, third))
        return events + self._obligations(doc, sent, index, frozenset(coded))

    def _mediations(
        self, doc: Doc, sent: SpacySpan, index: int, mediations: list[Mediation], events: list[Event], drafts: dict, third: "Third"
    ) -> list[Event]:
        """Each mediator's CONSULT (third-party) toward each side of what it mediated."""
        out: list[Event] = []
        for m in mediations:
            mediators: list[Party] = []
            sides = sides_of(m, events, third, getattr(self, "_dyad", ()))
            for head in m.mediators:
                found = [p for p in parties(head) if _placed(p)]
                if not found:  # "King X of Y said he would host": the country its sentence names
                    guess = context_party(head, {s.country for s in sides if s.country}, doer=True)
                    found = [guess] if guess is not None else []
                mediators.extend(p for p in found if p not in mediators)
            draft = drafts.get(m.cue.i)
            trigger = _span(doc, draft.match) if draft is not None else Span(m.cue.idx, m.cue.idx + len(m.cue), m.cue.text)
            modality = read_modality(m.cue, frozenset(), ())
            governor = next((d for d in drafts.values() if d.content is not None and d.content.anchor == m.cue.i), None)
            promised = self._promised(m, drafts)
            # "agreed to host talks", "offered to mediate": PLOVER's AGREE to meet (CAMEO 039, intent to mediate)
            kind, kind_mode, kind_cameo = ("AGREE", "meet", "039") if promised else ("CONSULT", "third-party", m.cameo)
            if governor is not None and promised and _complement(m.cue):
                trigger = _span(doc, governor.match)
            for actor in mediators:
                for target in [s for s in sides if s.country != actor.country] or [None]:
                    out.append(
                        Event(
                            id="",
                            type=kind,
                            mode=kind_mode,
                            cameo=kind_cameo,
                            acled=None,
                            evidence=Span(sent.start_char, sent.end_char, sent.text),
                            trigger=trigger,
                            actor=actor,
                            target=target,
                            negated=modality.negated,
                            hypothetical=modality.unreal and not promised,
                            confidence=_confidence(m.cue, "VERB", True, target is not None),
                            sentence=index,
                        )
                    )
        return out

    @staticmethod
    def _promised(m: Mediation, drafts: dict) -> bool:
        """'agreed to host', 'offered to mediate', 'will mediate': mediation promised, not done."""
        governor = next((d for d in drafts.values() if d.content is not None and d.content.anchor == m.cue.i), None)
        if governor is not None and governor.root == "AGREE" and _complement(m.cue):
            return True
        modality = read_modality(m.cue, frozenset(), ())
        return not modality.negated and not modality.requested and (modality.future or modality.intent)

    def _obligations(self, doc: Doc, sent: SpacySpan, index: int, stops: frozenset[int]) -> list[Event]:
        """'S said X must do Y' with no trigger word for Y: S's demand on X is still a REQUEST event.

        When Y is itself a trigger ("X must withdraw"), the trigger's own event carries the demand."""
        cues = load_cues()
        out: list[Event] = []
        for token in sent:
            if token.dep_ != "ccomp" or token.i in stops or token.pos_ not in {"VERB", "AUX"}:
                continue
            if token.head.lemma_.lower() not in cues.report:
                continue
            if not any(c.dep_ == "aux" and cues.child.get(c.lemma_.lower()) == "obligation" for c in token.children):
                continue
            if any(_governed_by(doc[i], token) for i in stops):
                continue
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            speaker = speaker_of(token)
            who, whom = parties(speaker), parties(subject)
            if speaker is not None and not any(map(_placed, who)):
                who = [p for p in [context_party(speaker, {p.country for p in whom if p.country}, doer=True)] if p] or who
            piece = doc[token.i : token.i + 1]
            for actor, target in _pairs(who, whom, "REQUEST"):
                out.append(
                    Event(
                        id="",
                        type="REQUEST",
                        mode=None,
                        cameo="100",
                        acled=None,
                        evidence=Span(sent.start_char, sent.end_char, sent.text),
                        trigger=Span(piece.start_char, piece.end_char, piece.text),
                        actor=actor,
                        target=target,
                        confidence=_confidence(token, "VERB", bool(who), bool(whom)) - 0.1,
                        sentence=index,
                    )
                )
        return out

    def _events(
        self, doc: Doc, sent: SpacySpan, index: int, draft: Draft, stops: frozenset[int], third: "Third", venues: frozenset[int] = frozenset()
    ) -> list[Event]:
        match, entry = draft.match, draft.match.entry
        anchor = doc[match.anchor]
        if draft.root in AGREEMENT_ROOTS and anchor.pos_ in {"NOUN", "PROPN"} and _ended(anchor):
            return []  # "the truce collapsed": the end of an earlier agreement, no new one
        if entry.speaker:
            actor_tok, target_tok = attribution_arguments(anchor)
            if actor_tok is None or target_tok is None:
                return []
        elif anchor.pos_ in {"NOUN", "PROPN"} or _gerund_noun(anchor):
            actor_tok, target_tok = noun_arguments(anchor, draft.root, third.tokens)
        else:
            actor_tok, target_tok = verb_arguments(anchor, draft.root)
        if actor_tok is not None and actor_tok.i in third.tokens:
            actor_tok = None  # the mediator is not a side
        if target_tok is None:
            target_tok = _own_prep_object(doc, match)
        if target_tok is not None and target_tok.i in third.tokens:
            target_tok = None  # "agreed with the help of X": X mediates, it is not the other side
        if actor_tok is not None and actor_tok.pos_ == "NOUN" and is_abstract(actor_tok) and not any(p.sector for p in parties(actor_tok)) and not is_collective(actor_tok):
            actor_tok = None  # "failure would mean war": a state of affairs is nobody's act
        actors = parties(actor_tok)
        own = {p.country for p in actors if p.country}
        if target_tok is not None and (target_tok.i in match.tokens or is_thing(target_tok)):
            target_tok = None  # "failure to reach an agreement in X": the agreement is nobody
        found = parties(target_tok)
        # coordinated sides of a reciprocal event face each other ("Armenia and Azerbaijan signed an
        # agreement at the White House": not the venue)
        facing_each_other = target_tok is None and draft.root in RECIPROCAL and len({_side(a) for a in actors}) > 1
        if target_tok is None or not found or (own and all(p.country in own for p in found) and not across(actors, found)):
            # nothing named, or only the actor's own ("withdraw its troops from X"): look deeper
            deeper = reach_target(anchor, actors, actor_tok, third.tokens, venues)
            if facing_each_other and deeper is not None and deeper.dep_ == "pobj" and deeper.head.lower_ in LOCATIVE_PREPS:
                deeper = None
            if deeper is not None and (not found or any(p.country not in own for p in parties(deeper))):
                target_tok = deeper
        targets = parties(target_tok)
        if actor_tok is not None and actor_tok.pos_ == "PRON" and {a.id for a in actors if is_named(a)} & {t.id for t in targets}:
            actors, actor_tok = [], None  # "It accused the RSF of ..." resolved to the RSF: no one accuses itself
        if targets and actors and {t.country for t in targets} <= {a.country for a in actors if a.country}:
            owner = own_possessor(anchor, target_tok, actors)
            targets = parties(owner) if owner is not None else targets  # "X wants Y to stop strikes inside its borders": X's
        if third.countries and not any(a.country in third.countries for a in actors):
            targets = [t for t in targets if t.country not in third.countries]
        if actor_tok is not None and not any(map(_placed, actors)):
            domestic = bool(targets) and not any(_is_state(t) for t in targets)  # the other side is inside a state
            guess = context_party(actor_tok, {t.country for t in targets if t.country}, doer=True, third=third.countries, domestic=domestic)
            actors = [guess] if guess is not None else actors
        if target_tok is not None and not any(map(_placed, targets)):
            guess = context_party(target_tok, {a.country for a in actors if a.country}, third=third.countries)
            targets = [guess] if guess is not None else targets
        if draft.root == "ASSAULT" and targets and not any(t.country for t in targets):
            targets = where_struck(doc, anchor, targets)  # "a journalist killed in a blast in Beirut": Lebanon's
        members = tuple(doc[i] for i in match.tokens if i != match.anchor)
        modality = read_modality(anchor, stops - {match.anchor}, members)
        root, mode, cameo, acled = draft.root, draft.mode, draft.cameo, draft.acled
        if root == "ASSAULT":
            mode, cameo, acled = self._weapon(anchor, actor_tok, mode, cameo, acled)
            if mode in {None, "firearms"} and target_tok is not None and target_tok.tag_ in {"NN", "NNP"}:
                row = load_target_modes().get(target_tok.lemma_.lower())
                if row is not None:
                    mode, cameo = row  # "killed the deputy chief": one office-holder, a targeted killing
            if acled is not None and acled.event_type == "Battles" and _civilian(target_tok):
                acled = Acled("Violence against civilians", "Attack")
        if not actors and not targets and _modifier(anchor, stops | frozenset(match.tokens)):
            return []  # "aid convoys", "attack helicopters": the word describes a thing, no event
        base = _confidence(anchor, entry.pos, bool(actors), bool(targets))
        if entry.learned:
            base = max(0.05, base - LEARNED_DISCOUNT)  # a word no lexicon line holds: the lexicon's own proposals come first
        evidence = Span(sent.start_char, sent.end_char, sent.text)
        trigger = _span(doc, match)
        m = modality
        hypothetical = m.unreal
        extra: list[tuple[str, str | None, str, list[Party], list[Party]]] = []
        condition = _condition(anchor)
        if not m.negated and m.obligation and not m.requested:
            # "X must do Y", said by S: S demands it of X (PLOVER REQUEST)
            rule = content_rule("REQUEST", root, mode)
            speaker = [p for p in parties(speaker_of(anchor)) if _placed(p)] or []
            extra.append(("REQUEST", mode_of(rule, mode), rule.cameo if rule else "100", speaker, actors))
        elif not m.negated and (m.future or m.intent or m.hypothetical) and condition is not None and condition[0] == "unless" and actors:
            # "will withdraw its troops unless X ...": a conditional commitment against X is a threat
            rule = content_rule("THREATEN", root, mode)
            root, mode, cameo, acled = "THREATEN", mode_of(rule, mode), rule.cameo if rule else "130", None
            hypothetical = False
            if not targets or all(t.country in {a.country for a in actors} for t in targets):
                targets = parties(condition[1]) or targets
        elif not m.negated and (m.future or m.intent or (m.hypothetical and condition is not None)) and not m.requested and root in COOPERATIVE_INTENT:
            # PLOVER: cooperation announced or offered is AGREE (CAMEO 03 "express intent to ...")
            rule = content_rule("AGREE", root, mode)
            root, mode, cameo, acled = "AGREE", mode_of(rule, mode), rule.cameo if rule else "030", None
            hypothetical = False
        elif not m.negated and (m.hypothetical or m.future or m.intent) and not m.requested and root in THREAT_CONTENT:
            rule = content_rule("THREATEN", root, mode)
            threat_mode, threat_cameo = (rule.mode, rule.cameo) if rule else ("violence", "138")
            if actors and (m.future or m.intent or _conditional(m)):
                extra.append(("THREATEN", threat_mode, threat_cameo, actors, targets))
            elif not actors:
                extra.extend(self._threat(doc, sent, anchor, targets, threat_mode, threat_cameo))
        elif m.negated and actors and root in COOPERATIVE_INTENT | {"AGREE"}:
            rule = content_rule("REJECT", root, mode)
            extra.append(("REJECT", mode_of(rule, mode), rule.cameo if rule else "120", actors, targets))
        if root == "THREATEN" and not targets and condition is not None:
            targets = parties(condition[1])  # "threatened to strike unless Israel withdrew"
        extra = [
            (k, km, kc, who, whom or (parties(condition[1]) if k == "THREATEN" and condition is not None else whom))
            for k, km, kc, who, whom in extra
        ]
        def made(kind: str, kind_mode: str | None, kind_cameo: str | None, who: list, whom: list, **flags) -> list[Event]:
            return [
                Event(id="", type=kind, mode=kind_mode, cameo=kind_cameo, evidence=evidence, trigger=trigger,
                      actor=actor, target=target, sentence=index, **flags)
                for actor, target in _pairs(who, whom, kind)
            ]

        out = made(root, mode, cameo, actors, targets, acled=acled, negated=m.negated, hypothetical=hypothetical,
                   confidence=base)
        for kind, kind_mode, kind_cameo, who, whom in extra:  # the speech acts a statement also is
            out.extend(made(kind, kind_mode, kind_cameo, who, whom, confidence=min(0.95, base + 0.05)))
        return out

    def _threat(self, doc, sent, anchor, targets, mode, cameo) -> list:
        """Violence a speaker says would follow, with no actor of its own, is the speaker's threat."""
        speaker = speaker_of(anchor)
        said_by = [p for p in parties(speaker) if p.country]
        if not said_by:
            return []
        party = said_by[0]
        target = next((t for t in targets if t.country != party.country), None)
        if target is None:
            others = [p for p in sentence_parties(doc, sent.start, sent.end) if p.country and p.country != party.country]
            target = others[0] if others else None
        return [("THREATEN", mode, cameo, [party], [target] if target else [])]

    def _weapon(self, anchor: Token, actor: Token | None, mode, cameo, acled):
        """How the violence was done, from words around the trigger ("drone", "artillery", "gunmen")."""
        if mode not in {None, "firearms"} and acled is not None and acled.event_type != "Battles":
            return mode, cameo, acled
        near = [anchor, *anchor.children]
        for child in anchor.children:
            if child.dep_ in {"prep", "agent"}:
                near.extend(g for g in child.children if g.dep_ == "pobj")
            if child.dep_ in {"dobj", "nsubj", "nsubjpass"}:
                near.extend(child.children)
        if actor is not None:
            near.append(actor)
            near.extend(c for c in actor.children if c.dep_ in {"compound", "amod"})
            for acl in (c for c in actor.children if c.dep_ == "acl"):
                # "militiamen armed with machetes"
                for prep in (g for g in acl.children if g.dep_ == "prep"):
                    near.extend(g for g in prep.children if g.dep_ == "pobj")
        for token in near:
            row = self.lexicon.weapons.get(token.lemma_.lower())
            if row is not None and (token is not anchor or mode is None):
                event_type, _, sub = row[3].strip().partition("|")
                return row[1].strip(), row[2].strip(), Acled(event_type, sub) if sub else acled
        return mode, cameo, acled


DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})
AGREEMENT_ROOTS = frozenset({"AGREE", "RETREAT"})


@lru_cache(maxsize=1)
def load_endings() -> frozenset[tuple[str, str]]:
    """Words saying an agreement ended (data/endings.tsv): (lemma, particle or '-')."""
    return frozenset((row[0].strip(), row[1].strip()) for row in read_cues("endings.tsv"))


def _ended(anchor: Token) -> bool:
    """'the truce collapsed', 'the ceasefire broke down', 'the collapse of the deal'."""
    endings = load_endings()
    if anchor.dep_ in {"nsubj", "nsubjpass"} or (anchor.dep_ == "conj" and anchor.head.dep_ in {"nsubj", "nsubjpass"}):
        verb = anchor.head if anchor.dep_ != "conj" else anchor.head.head
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "-")
        return (verb.lemma_.lower(), particle) in endings or (verb.lemma_.lower(), "-") in endings
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
        return (anchor.head.head.lemma_.lower(), "-") in endings
    return False


def _modifier(anchor: Token, triggers: frozenset[int]) -> bool:
    """A noun trigger that only modifies a noun naming no event ('aid convoys', 'aid agencies',
    'attack helicopters', 'war crimes' aside from the war): a description of a thing, not an event."""
    head = anchor.head
    return (
        anchor.pos_ in {"NOUN", "PROPN"}
        and anchor.dep_ in {"compound", "amod", "nmod"}
        and head.i not in triggers
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i == anchor.i + 1
        and head.lemma_.lower() not in load_frame_nouns()
    )


@lru_cache(maxsize=1)
def load_frame_nouns() -> frozenset[str]:
    """Nouns that carry their modifier's event ('mediation effort': data/frame_nouns.tsv)."""
    return frozenset(row[0].strip() for row in read_cues("frame_nouns.tsv"))


def _gerund_noun(anchor: Token) -> bool:
    """'Fighting between A and B resumed': a gerund standing as a noun (a subject or object with no
    subject or object of its own) takes its parties the way a noun does."""
    return (
        anchor.tag_ == "VBG"
        and anchor.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
        and not any(c.dep_ in {"nsubj", "dobj", "obj"} for c in anchor.children)
    )


def _complement(cue: Token) -> bool:
    """A mediation word taken as what is agreed ('agreed to host'), not one describing the agreement
    ('a deal brokered by X')."""
    return cue.dep_ in {"xcomp", "ccomp", "pcomp", "dobj", "obj", "conj"}


def _anchor_of(doc: Doc, event: Event) -> int:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root.i if span is not None else -1


def _without_mentions(doc: Doc, events: list[Event]) -> list[Event]:
    """Drop a nominal trigger that only mentions an event already coded: "the talks", "during the
    talks", "through talks" with no actor or target of its own, after an event of the same root.
    Counting each mention as an event inflates counts (GDELT's flaw); the first mention stays."""
    kept: list[Event] = []
    roots: set[str] = set()
    for event in events:
        if event.actor is None and event.target is None and event.type in roots and _mention(doc, event):
            continue
        kept.append(event)
        roots.add(event.type)
    return kept


def _mention(doc: Doc, event: Event) -> bool:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    anchor = span.root
    if anchor.pos_ not in {"NOUN", "PROPN"}:
        return False
    phrase = anchor.head if anchor.dep_ == "compound" else anchor  # "the negotiation process"
    determiners = {c.lower_ for c in phrase.children if c.dep_ == "det"}
    if determiners & {"a", "an", "another"}:
        return False  # "killed by a drone strike": a new event, not a mention of one
    return bool(determiners & DEFINITE) or phrase.dep_ in {"pobj", "conj"}


def _condition(anchor: Token) -> tuple[str, Token | None] | None:
    """The condition put on the trigger's clause ("... unless X withdraws", "... if X attacks"):
    its subordinator and its subject, looked for on the trigger and the clauses that embed it."""
    node = anchor
    for _ in range(3):
        for child in node.children:
            if child.dep_ == "advcl" and child.i > anchor.i:
                mark = next((g.lemma_.lower() for g in child.children if g.dep_ == "mark"), None)
                if mark in {"unless", "if"}:
                    subject = next((g for g in child.children if g.dep_ in {"nsubj", "nsubjpass"}), None)
                    return mark, subject
        if node.dep_ not in {"xcomp", "ccomp", "dobj", "pobj", "prep", "conj"} or node.head is node:
            break
        node = node.head
    return None


def _governed_by(token: Token, clause: Token) -> bool:
    """Whether `clause` stands above `token` within a few links."""
    node = token
    for _ in range(6):
        if node is clause:
            return True
        if node.head is node:
            return False
        node = node.head
    return False


def _inside_noun_phrase(token: Token) -> bool:
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head is not token and head.pos_ in {"NOUN", "PROPN"}


def _placed(party: Party | None) -> bool:
    """Whether a party is placed: a country, or a transnational kind (IGO, NGO, IMG)."""
    return party is not None and bool(party.country or (party.sector or "")[:3] in TRANSNATIONAL)


def _conditional(m: Modality) -> bool:
    """'would'/'could' with an actor of its own: a conditional statement of what the actor will do."""
    return m.hypothetical and not m.requested


def _own_prep_object(doc: Doc, match: Match) -> Token | None:
    """'went after X', 'called on X': the object of the trigger's own preposition."""
    for i in match.tokens:
        if doc[i].pos_ == "ADP":
            pobj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _civilian(target: Token | None) -> bool:
    return target is not None and target.lemma_.lower() in CIVILIAN_WORDS


def _confidence(anchor: Token, pos: str, has_actor: bool, has_target: bool) -> float:
    score = 0.55 if anchor.pos_ == "VERB" else 0.45
    if anchor.pos_ in {"NOUN", "PROPN"} and anchor.dep_ in {"pobj", "compound", "amod"} and _inside_noun_phrase(anchor):
        score -= 0.15  # "assistance to the war": a background mention inside another phrase
    score += 0.2 if has_actor else 0.0
    score += 0.15 if has_target else 0.0
    return min(score, 0.95)


def _pairs(actors: list[Party], targets: list[Party], root: str) -> list[tuple[Party | None, Party | None]]:
    """One event per actor; reciprocal events between coordinated actors point at each other, and so
    do the sides of 'both sides accused each other' (the target names the actors themselves)."""
    if not actors:
        return [(None, targets[0] if targets else None)]
    sides = {_side(a) for a in actors}
    if len(sides) > 1 and ((not targets and root in RECIPROCAL) or (targets and {t.country for t in targets} <= {a.country for a in actors})):
        return [(a, next(b for b in actors if _side(b) != _side(a))) for a in actors]
    others = [t for t in targets if not any(same_side(t, a) for a in actors)]
    if len(others) > 1 and len(actors) * len(others) <= 4 and not any(same_side(others[0], t) for t in others[1:]):
        return [(a, t) for a in actors for t in others]  # "urged both parties", "called on A and B": each
    target = targets[0] if targets else None
    if target is not None and len(actors) > 1:
        actors = [a for a in actors if a != target] or actors
    return [(a, target if target != a else None) for a in actors]


def _is_state(party: Party) -> bool:
    """A country as a whole ('Pakistan'), not a role or group inside it."""
    return party.sector is None and party.id is not None and party.id == party.country


def _side(party: Party) -> tuple[str | None, str | None, str | None]:
    """What tells two sides apart: 'Pakistan' and 'the Pakistani Taliban' share a country, not a sector;
    two armed forces of one country differ by their id."""
    return (party.country or party.name, party.sector, party.id)


def _span(doc: Doc, match: Match) -> Span:
    piece = doc[match.start : match.end]
    return Span(piece.start_char, piece.end_char, piece.text)


def _with_id(event: Event, event_id: str) -> Event:
    from ..records import replace

    return replace(event, id=event_id)
