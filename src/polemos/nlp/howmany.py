"""Step 7 of the NLP layer: how many were killed or wounded, by whom it is claimed, in which event.

Every count (numerals.py) that the parse ties to a casualty word (data/casualties/cues.tsv) becomes
a `CasualtyCount`: killed or injured, low/best/high, the victims' party ("five Pakistani soldiers"
→ Pakistan MIL) and who gives the figure ("the military said", "according to the health ministry").
Counts go to the event they belong to: the event whose trigger is the casualty word, else the nearest
violent event in the sentence; a revision ("the toll rose to 40") goes to the last event with a toll.

Per event, the counts of one report (one sentence, one claimant) are summed by party into a
`Fatalities`. When sources differ, the event keeps the first report and a revision replaces it; every
count stays in `doc._.casualties` so no figure is lost.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import CasualtyCount, Event, Fatalities, Party, PartyCount
from .extensions import get_list, register_extensions
from .numerals import Numerals, Quantity, numerals
from .screening import WordScreen, either

Kind = Literal["killed", "injured"]
_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


def _rows(name: str) -> list[list[str]]:
    text = resources.files("polemos.data").joinpath(name).read_text(encoding="utf-8")
    return [[c.strip() for c in line.split("\t")] for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class CasualtyLexicon:
    cues: dict[str, tuple[Kind, str]]  # lemma -> (kind, pos)
    revision_verbs: frozenset[str]
    violent_roots: frozenset[str]
    speech_verbs: frozenset[str]
    tally_nouns: frozenset[str]  # "number", "tally": "the number of dead"
    person_verbs: dict[str, Kind]  # cues that count only people: "lost nine soldiers", not "lost two tanks"
    referring_nouns: frozenset[str]  # "the clash", "the attack": a definite one points back to an event
    subcount_verbs: frozenset[str]  # "the dead included 10 women": a part of a figure already given


@lru_cache(maxsize=1)
def lexicon() -> CasualtyLexicon:
    return CasualtyLexicon(
        cues={row[0]: (row[1], row[2]) for row in _rows("casualties/cues.tsv")},  # type: ignore[misc]
        revision_verbs=frozenset(row[0] for row in _rows("casualties/revision_verbs.txt")),
        violent_roots=frozenset(row[0] for row in _rows("casualties/violent_roots.txt")),
        speech_verbs=frozenset(row[0] for row in _rows("dates/speech_verbs.txt")),
        tally_nouns=frozenset(row[0] for row in _rows("casualties/tally_nouns.txt")),
        person_verbs={row[0]: row[1] for row in _rows("casualties/person_verbs.tsv")},  # type: ignore[misc]
        referring_nouns=frozenset(row[0] for row in _rows("casualties/referring_nouns.txt")),
        subcount_verbs=frozenset(row[0] for row in _rows("casualties/subcount_verbs.txt")),
    )


@Language.factory(
    "polemos_howmany",
    requires=["token.dep", "token.lemma", "doc._.events", "doc._.dates"],
    assigns=["doc._.event_fatalities", "doc._.casualties"],
)
def make_howmany(nlp: Language, name: str) -> "CasualtyReader":
    register_extensions()
    return CasualtyReader(numerals(), lexicon())


def _party(doc: Doc, token: Token) -> Party | None:
    """The victims' party, through the actors step's resolver."""
    from .actors import party_of

    return party_of(doc, token)


class CasualtyReader:
    def __init__(self, nums: Numerals, lex: CasualtyLexicon) -> None:
        self.nums = nums
        self.lex = lex
        cues, verbs = lex.cues, lex.person_verbs
        self._by_lemma = WordScreen("LEMMA", lambda lemma: lemma.lower() in cues or lemma.lower() in verbs)
        self._by_word = WordScreen("LOWER", lambda word: word in cues)

    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "events")
        dated = [(d.start, d.end) for d in get_list(doc, "dates")]
        counts: list[tuple[CasualtyCount, Token]] = []
        casualty_word = either(self._by_lemma.flags(doc), self._by_word.flags(doc))
        for sent in doc.sents:  # numbers are read only where a casualty word is
            if not any(casualty_word[sent.start : sent.end]):
                continue
            for quantity in self.nums.find(sent.text):
                start, end = quantity.start + sent.start_char, quantity.end + sent.start_char
                if any(start < e and end > s for s, e in dated):
                    continue  # "Oct. 19" is a date, not a count
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                found = self.read(doc, span, quantity)
                if found is not None:
                    counts.append(found)
                    counts.extend(self.singles(doc, span, *found))
            counts.extend(self.lone_persons(doc, sent, counts))
        counts.sort(key=lambda pair: pair[0].start)
        tied = self.tie(doc, counts, events)
        doc._.casualties = tied
        doc._.event_fatalities = tally(tied)
        return doc

    # -- one count -------------------------------------------------------------------------------

    def read(self, doc: Doc, span: Span, quantity: Quantity) -> tuple[CasualtyCount, Token] | None:
        """A count of dead or wounded and its casualty word, or None when the number counts something else."""
        number = span.root
        if number.pos_ == "ADP":  # "between 10 and 15 villagers": the count's words open with a preposition
            number = next((t for t in span if t.pos_ == "NUM"), number)
        noun = number.head if number.dep_ in ("nummod", "quantmod", "amod", "compound") and number.head.pos_ in _NOMINAL else number
        victim = noun
        for child in noun.children:  # "dozens of soldiers": the victims are the soldiers
            if child.dep_ == "prep" and child.lower_ == "of":
                victim = next((g for g in child.children if g.dep_ == "pobj"), noun)
        if self._subcount(noun, victim):
            return None
        found = self.cue_of(noun, number, span)
        if found is None:
            return None
        kind, cue, revision = found
        last = max(span.end, victim.i + 1) if victim is not number else span.end
        text = doc[span.start : last].text
        party = _party(doc, victim) if victim.pos_ in ("NOUN", "PROPN") and victim is not number else None
        count = CasualtyCount(
            kind=kind,
            best=quantity.best,
            low=quantity.low,
            high=quantity.high,
            text=text,
            start=span.start_char,
            end=doc[last - 1].idx + len(doc[last - 1].text),
            party=party,
            claimed_by=self.claimant(cue),
            revision=revision,
            sentence=_sentence_index(doc, cue),
        )
        return count, cue

    def _subcount(self, noun: Token, victim: Token) -> bool:
        """A part of a figure already given: "two of the injured died", "the dead included 10 women"."""
        if victim is not noun and self._kind(victim, ("adj", "noun", "verb")):
            if any(c.dep_ == "det" and c.lower_ in ("the", "those", "these") for c in victim.children):
                return True  # "two of the injured": the injured were counted already
        head = noun
        while head.dep_ == "conj":
            head = head.head
        return head.dep_ == "dobj" and head.head.lemma_.lower() in self.lex.subcount_verbs

    def lone_persons(
        self, doc: Doc, sent: Span, found: list[tuple[CasualtyCount, Token]]
    ) -> list[tuple[CasualtyCount, Token]]:
        """ "killing a teacher", "a soldier was wounded": one person, named with "a"/"an" and no number,
        as the object of an active casualty verb or the subject of a passive one (or of "died")."""
        taken = [(c.start, c.end) for c, _ in found]
        persons = []
        for verb in sent:
            kind = self._kind(verb, ("verb",))
            if kind is None or verb.pos_ != "VERB":
                continue
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            dying = verb.lemma_.lower() in ("die", "perish")
            for noun in verb.children:
                wanted = "nsubjpass" if passive else ("nsubj" if dying else "dobj")
                if noun.dep_ != wanted:
                    continue
                for person in (noun, *noun.conjuncts):
                    if person.pos_ != "NOUN" or person.lemma_.lower() in self.nums.vague_heads:
                        continue
                    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in person.children):
                        continue
                    if any(c.dep_ in ("nummod", "prep") for c in person.children):
                        continue
                    first = min(c.i for c in person.children if c.dep_ == "det")
                    start, end = doc[first].idx, person.idx + len(person.text)
                    if any(start < e and end > s for s, e in taken):
                        continue
                    single = CasualtyCount(
                        kind=kind, best=1, low=1, high=1, text=doc[first : person.i + 1].text, start=start, end=end,
                        party=_party(doc, person), claimed_by=self.claimant(verb), revision=False,
                        sentence=_sentence_index(doc, verb),
                    )
                    persons.append((single, verb))
                    taken.append((start, end))
        return persons

    def singles(self, doc: Doc, span: Span, count: CasualtyCount, cue: Token) -> list[tuple[CasualtyCount, Token]]:
        """ "Two soldiers and a porter were killed": a coordinated person with "a"/"an" counts one."""
        noun = span.root.head if span.root.dep_ == "nummod" else None
        if noun is None:
            return []
        found = []
        for conjunct in noun.conjuncts:
            if conjunct.i < noun.i or conjunct.pos_ != "NOUN" or any(c.dep_ == "nummod" for c in conjunct.children):
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in conjunct.children):
                continue
            party = _party(doc, conjunct)  # a casualty word counts people: "a porter", "a driver"
            words = list(conjunct.subtree)
            first, last = words[0], words[-1]
            single = CasualtyCount(
                kind=count.kind, best=1, low=1, high=1, text=doc[first.i : last.i + 1].text,
                start=first.idx, end=last.idx + len(last.text), party=party, claimed_by=count.claimed_by,
                revision=count.revision, sentence=count.sentence,
            )
            found.append((single, cue))
        return found

    def _kind(self, token: Token, pos: tuple[str, ...]) -> Kind | None:
        entry = self.lex.cues.get(token.lemma_.lower()) or self.lex.cues.get(token.lower_)
        return entry[0] if entry and entry[1] in pos else None

    def cue_of(self, noun: Token, number: Token, span: Span) -> tuple[Kind, Token, bool] | None:
        """Which casualty word the counted noun is an argument of, read from the parse."""
        head_np = noun
        while head_np.dep_ == "conj" and head_np.head.pos_ in _NOMINAL:
            head_np = head_np.head  # "five soldiers and 25 militants": the militants share the verb
        role, head = head_np.dep_, head_np.head
        if role == "pobj" and head.pos_ == "ADP" and head.i >= span.start and head.head.pos_ == "VERB":
            role, head = "dobj", head.head  # "killing between 10 and 15 villagers": "between" is the count's
        passive = any(c.dep_ == "auxpass" for c in head.children)
        if kind := self._kind(noun, ("noun",)):
            if noun.lemma_.lower() != "toll":
                return kind, noun, False  # "40 deaths", "12 injuries"
        if kind := self._kind(head, ("verb",)):
            if role == "dobj" and not passive:
                return kind, head, False  # "killed five soldiers"
            if role in ("nsubjpass",) or (role == "nsubj" and (passive or head.tag_ == "VBN")):
                return kind, head, False  # "five soldiers were killed"
            if role == "nsubj" and head.lemma_.lower() in ("die", "perish"):
                return kind, head, False  # "12 people died"
        for child in head_np.children:  # "12 people killed", "civilians wounded in the blast"
            if child.dep_ in ("acl", "amod", "relcl") and (kind := self._kind(child, ("verb", "adj"))):
                if child.dep_ != "relcl" or any(c.dep_ in ("nsubjpass", "auxpass") for c in child.children):
                    return kind, child, False
        for conjunct in head_np.conjuncts:  # "five soldiers and 25 militants dead": one adjective for all
            for child in conjunct.children:
                if child.dep_ in ("acl", "amod") and child.i > conjunct.i and (kind := self._kind(child, ("verb", "adj"))):
                    return kind, child, False
        if (kind := self._kind(number.head, ("adj", "verb"))) and number.dep_ in ("amod", "nummod", "npadvmod", "nsubj", "advmod"):
            return kind, number.head, False  # "several wounded", "25 killed"
        if head.pos_ in ("VERB", "AUX") and role == "dobj" and not passive:
            for child in head.children:  # "shot dead five migrants": the result word before the object
                if child.dep_ in ("oprd", "acomp", "advmod", "dep") and child.i == head.i + 1:
                    if self._kind(child, ("adj",)) == "killed":
                        return "killed", child, False
        if head.pos_ in ("VERB", "AUX"):
            for child in head.children:  # "leaving dozens dead"
                if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "conj") and (kind := self._kind(child, ("adj", "verb"))):
                    if child.i > head_np.i and child.lemma_.lower() not in ("kill",):
                        return kind, child, False
        if role == "pobj" and head.lower_ == "of" and (kind := self._kind(head.head, ("noun",))):
            return kind, head.head, False  # "the deaths of 12 migrants", "the killing of 65 civilians"
        if (kind := self.lex.person_verbs.get(head.lemma_.lower())) and role == "dobj" and not passive:
            if head.pos_ == "VERB" and _party(noun.doc, noun) is not None:
                return kind, head, False  # "lost nine soldiers": a party's people, not "lost two tanks"
        if role in ("pobj", "attr") or noun.lemma_.lower() == "toll":
            found = self._toll(head_np)
            if found is not None:
                return found
        return self._next_words(noun, span)

    def _next_words(self, noun: Token, span: Span) -> tuple[Kind, Token, bool] | None:
        """When the parse fails: "30 were injured", "25 dead", "12 people reportedly killed"."""
        doc = span.doc
        i = max(span.end, noun.i + 1)
        for _ in range(4):
            if i >= len(doc) or doc[i].sent != noun.sent:
                return None
            token = doc[i]
            if (kind := self._kind(token, ("adj", "verb"))) and token.tag_ in ("VBN", "JJ"):
                return kind, token, False
            if token.lemma_.lower() not in ("be", "have", "reportedly", "also", "all", "confirm", "feared", "fear"):
                return None
            i += 1
        return None

    def _toll(self, noun: Token) -> tuple[Kind, Token, bool] | None:
        """"the toll rose to 40", "a death toll of 40", "the toll was 40"."""
        holder = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "from" and holder.lemma_.lower() in self.lex.revision_verbs:
            return None  # "rose to 41 from 35": 35 is the figure being replaced
        if noun.dep_ == "pobj" and noun.head.head.lemma_.lower() == "life":
            return "killed", noun.head.head, False  # "claimed the lives of 20"
        if holder.lemma_.lower() == "toll":
            return "killed", holder, False
        for child in holder.children:  # "the toll rose to 40", "put the death toll at 974"
            if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            kind = self._toll_kind(child)
            if kind is not None:
                revision = child.dep_ != "dobj" and holder.lemma_.lower() in self.lex.revision_verbs
                return kind, holder, revision
        return None

    def _toll_kind(self, noun: Token) -> Kind | None:
        """Killed or injured when `noun` names a tally of casualties: "the (death) toll", "the number of dead"."""
        lemma = noun.lemma_.lower()
        if lemma == "toll":
            injured = any(self._kind(c, ("adj", "noun")) == "injured" for c in noun.children)
            return "injured" if injured else "killed"
        if lemma in self.lex.tally_nouns:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for counted in prep.children:
                        if counted.dep_ == "pobj" and (kind := self._kind(counted, ("adj", "noun", "verb"))):
                            return kind
        return None

    def claimant(self, cue: Token) -> str | None:
        """Who gives the figure: the subject of a reporting verb in the sentence, or "according to X".
        A reporting verb whose clause holds the figure wins over a nearer one that does not ("a
        military source said 16 were killed, while the rebels said 30 had died"); "it said" is the
        source named by the reporting verb of an earlier sentence."""
        best: tuple[int, int, str] | None = None
        if any(c.dep_ == "dobj" and self._toll_kind(c) for c in cue.children):
            giver = next((c for c in cue.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
            if giver is not None:  # "the health agency put the death toll at 512": who puts it gives it
                words = list(giver.subtree)
                best = (-1, 0, cue.doc[words[0].i : words[-1].i + 1].text)
        for token in cue.sent:
            said: Token | Span | None = None
            if token.lower_ == "according":
                to = next((c for c in token.children if c.lower_ == "to"), None)
                said = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            elif token.lemma_.lower() in self.lex.speech_verbs and token.pos_ in ("VERB", "AUX"):
                deps = {c.dep_ for c in token.children}
                if "dobj" in deps and "ccomp" not in deps:
                    continue  # "claimed the lives of 20" reports nothing
                said = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if said is None:
                    said = _claimant_before(token)
            if isinstance(said, Token) and said.pos_ == "PRON" and said.lower_ in ("it", "they"):
                # "it said": the source named before; "he said" stays as written, a person's word
                said = self._antecedent(cue.sent) or (said if said.lower_ == "they" else None)
            if said is None:
                continue
            key = (0 if token.is_ancestor(cue) else 1, abs(token.i - cue.i))
            if best is None or key < best[:2]:
                if isinstance(said, Span):
                    best = (*key, said.text)
                    continue
                words = list(said.subtree)
                best = (*key, cue.doc[words[0].i : words[-1].i + 1].text)
        return best[2] if best else None

    def _antecedent(self, sent: Span) -> Span | None:
        """ "…, it said": the source named by the last reporting verb of the sentences before (three at most)."""
        doc = sent.doc
        index = _sentence_index(doc, sent.root)
        starts = doc.user_data["polemos_sentence_starts"]
        for before in range(index - 1, max(index - 4, -1), -1):
            end = starts[before + 1] if before + 1 < len(starts) else len(doc)
            for token in reversed(doc[starts[before] : end]):
                if token.lemma_.lower() not in self.lex.speech_verbs or token.pos_ not in ("VERB", "AUX"):
                    continue
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                    words = list(subject.subtree)
                    return doc[words[0].i : words[-1].i + 1]
        return None

    # -- counts to events ------------------------------------------------------------------------

    def tie(self, doc: Doc, counts: list[tuple[CasualtyCount, Token]], events: list[Event]) -> list[CasualtyCount]:
        """Each count to its event: the casualty word's own event, the nearest violent one, or for a
        revision the last event that had a toll."""
        by_sentence: dict[int, list[tuple[Event, Token]]] = {}
        for event in events:
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if span is not None:
                by_sentence.setdefault(_sentence_index(doc, span.root), []).append((event, span.root))
        tied: list[CasualtyCount] = []
        last_with_toll: str | None = None
        for count, cue in counts:
            event_id = self._nearest(cue, by_sentence.get(count.sentence, []))
            if event_id is None and count.revision:
                event_id = last_with_toll
            if event_id is None and (self._refers_back(cue.sent) or self._tallies(cue)):
                event_id = self._latest_violent(by_sentence, count.sentence)
            if event_id is not None:
                last_with_toll = event_id
            tied.append(_with_event(count, event_id))
        return tied

    def _tallies(self, cue: Token) -> bool:
        """A toll with no event in its sentence ("the ministry put the number of dead at 260") is the toll
        of the violent event told before it."""
        return cue.lemma_.lower() == "toll" or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and self._toll_kind(c) for c in cue.children
        )

    def _refers_back(self, sent: Span) -> bool:
        """A definite violent-event noun ("in the clash", "that attack") points to an event told before."""
        return any(
            t.lemma_.lower() in self.lex.referring_nouns
            and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "any", "no") for c in t.children)
            for t in sent
        )

    def _latest_violent(self, by_sentence: dict[int, list[tuple[Event, Token]]], before: int) -> str | None:
        """The last violent event in the sentences before `before`."""
        for index in sorted((i for i in by_sentence if i < before), reverse=True):
            violent = [(trigger.i, event.id) for event, trigger in by_sentence[index] if event.type in self.lex.violent_roots]
            if violent:
                return max(violent)[1]
        return None

    def _nearest(self, anchor: Token, candidates: list[tuple[Event, Token]]) -> str | None:
        best: tuple[int, str] | None = None
        for event, trigger in candidates:
            if trigger == anchor:
                return event.id
            if event.type not in self.lex.violent_roots:
                continue
            cost = _distance(anchor, trigger)
            if best is None or cost < best[0]:
                best = (cost, event.id)
        return best[1] if best else None


def _claimant_before(verb: Token) -> Span | None:
    """ "…, the Syrian Observatory for Human Rights said": a subject the parser hung on the previous noun
    (as an apposition) is the noun phrase between the last comma and the reporting verb."""
    sent = verb.sent
    if verb.i == sent.start or verb.doc[verb.i - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    comma = next((t.i for t in reversed(verb.doc[sent.start : verb.i]) if t.text == ","), None)
    if comma is None:
        return None
    phrase = verb.doc[comma + 1 : verb.i]
    if not phrase or any(t.pos_ in ("VERB", "AUX") for t in phrase) or phrase.root.pos_ not in ("NOUN", "PROPN"):
        return None
    return phrase


def _with_event(count: CasualtyCount, event_id: str | None) -> CasualtyCount:
    from dataclasses import replace

    return replace(count, event=event_id)


def _distance(a: Token, b: Token) -> int:
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return up[t.i] + n
    return 100 + abs(a.i - b.i)


def _sentence_index(doc: Doc, token: Token) -> int:
    """Index of the token's sentence, from sentence starts computed once per Doc."""
    starts = doc.user_data.get("polemos_sentence_starts")
    if starts is None or (starts and starts[-1] >= len(doc)):
        starts = [s.start for s in doc.sents]
        doc.user_data["polemos_sentence_starts"] = starts
    return bisect_right(starts, token.i) - 1


def tally(counts: list[CasualtyCount]) -> dict[str, Fatalities]:
    """One `Fatalities` per event: the first report (sentence + claimant), or the latest revision."""
    reports: dict[str, list[list[CasualtyCount]]] = {}
    for count in counts:
        if count.event is None:
            continue
        groups = reports.setdefault(count.event, [])
        if groups and groups[-1][0].sentence == count.sentence and groups[-1][0].claimed_by == count.claimed_by:
            groups[-1].append(count)
        else:
            groups.append([count])
    result: dict[str, Fatalities] = {}
    for event_id, groups in reports.items():
        chosen = groups[0]
        for group in groups[1:]:
            if any(c.revision for c in group):
                chosen = group
        result[event_id] = _fatalities(chosen)
    return result


def _fatalities(group: list[CasualtyCount]) -> Fatalities:
    killed = [c for c in group if c.kind == "killed"]
    injured = [c for c in group if c.kind == "injured"]
    by: dict[Party, int] = {}
    for c in killed:
        if c.party is not None:
            by[c.party] = by.get(c.party, 0) + c.best
    return Fatalities(
        best=sum(c.best for c in killed) if killed else None,
        low=sum(c.low for c in killed) if killed and all(c.low is not None for c in killed) else None,  # type: ignore[misc]
        high=sum(c.high for c in killed) if killed and all(c.high is not None for c in killed) else None,  # type: ignore[misc]
        by=tuple(PartyCount(p, n) for p, n in by.items()),
        claimed_by=group[0].claimed_by,
        injured=sum(c.best for c in injured) if injured else None,
        text="; ".join(c.text for c in group),
    )
