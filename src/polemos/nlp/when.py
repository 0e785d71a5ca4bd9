"""Step 5 of the NLP layer: when things happened.

Finds every date expression (calendar.py), resolves it against `doc._.published` with the tense of
the verb it hangs on, and gives each event the date that governs it in the parse. Event time, report
time and speech time stay apart: a date that hangs on a reporting verb ("X said on Tuesday that …")
dates the saying, so only an event that is itself a speech act (a warning, an accusation, a demand)
may take it. An event with no date of its own takes the publication date, marked `source="published"`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import DateMention, Event, EventDate
from .calendar import Calendar, Expression, Resolved, Tense, calendar, shift_day
from .extensions import get_list, register_extensions, text_of

_CONJ_COST = 2  # a date on a coordinated clause is a weaker claim than one on the event's own


@Language.factory(
    "polemos_when",
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.events"],
    assigns=["doc._.dates", "doc._.event_dates"],
)
def make_when(nlp: Language, name: str) -> "WhenReader":
    register_extensions()
    return WhenReader(calendar())


def governor(span: Span) -> Token:
    """The word a date expression modifies: the head of its preposition, or its own head."""
    root = span.root
    if root.dep_ == "prep":
        return root.head
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent", "pcomp"):
        return root.head.head
    return root if root.head is root else root.head


def tense_of(token: Token, cal: Calendar) -> Tense:
    """Past, future or unknown, read from the verb a date hangs on (a noun defers to its verb)."""
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() in ("will", "shall") or a.lower_ in ("'ll", "wo") for a in auxes):
        return "future"
    if verb is token and is_future_in_past(verb):
        return "future"  # "said the talks would resume on Thursday": after the speech time
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        head = verb.head
        cues = [head, *(c for c in head.children if c.dep_ in ("acomp", "auxpass", "aux"))]
        if head is not verb and any(c.lemma_.lower() in cal.future_cues and not _goes_somewhere(c) for c in cues):
            return "future"
        return None
    if verb.tag_ == "VBN" and verb.lemma_.lower() in cal.future_cues and any(a.dep_ == "auxpass" for a in auxes):
        return None  # "a hearing has been scheduled for June 3": set for a day that may be to come or gone
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lemma_.lower() == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and any(a.lemma_.lower() == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "the ministers are meeting on Friday"
    if verb.tag_ in ("VBZ", "VBP") and verb.dep_ == "advcl" and verb.head is not verb and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "once", "until", "after", "before") for c in verb.children):
        head = verb.head
        if head.lemma_.lower() in cal.future_cues or tense_of(head, cal) == "future":
            return "future"  # "losses are expected when markets reopen Tuesday": the reopening is to come
    return None


def _goes_somewhere(token: Token) -> bool:
    """ "go" is "going to" (a future) only after "be": "before going back up to close" moves."""
    return token.lemma_.lower() == "go" and not any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "be" for c in token.children)


def is_future_in_past(verb: Token) -> bool:
    """ "would" + bare verb ("would resume", "would be deployed"), not "would have" (a past unreal)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lower_ in ("would", "'d") and a.tag_ == "MD" for a in auxes) and not any(
        a.lemma_.lower() == "have" for a in auxes
    )


def speech_verb_of(token: Token, cal: Calendar) -> Token | None:
    """The reporting verb whose clause holds `token` ("said" in "said the talks would resume")."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in cal.speech_verbs and ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


_CLAUSE_EXITS = frozenset({"advcl", "relcl", "ccomp", "csubj", "parataxis", "acl"})
_EXIT_COST = 3  # leaving the event's own clause upward: the main clause's date is another event's


def _edge_cost(token: Token, *, upward: bool) -> int:
    cost = 1
    if token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        cost += _CONJ_COST  # a coordinated finite clause is another event with its own date
    if upward and token.dep_ in _CLAUSE_EXITS:
        cost += _EXIT_COST
    return cost


def _path_cost(a: Token, b: Token) -> int | None:
    """Cost of the parse path from an event word `a` to a date's governor `b` in one sentence."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    up_b = [b, *b.ancestors]
    for n, t in enumerate(up_b):
        if t.i in index:
            return sum(_edge_cost(s, upward=True) for s in up_a[: index[t.i]]) + sum(
                _edge_cost(s, upward=False) for s in up_b[:n]
            )
    return None


class WhenReader:
    def __init__(self, cal: Calendar) -> None:
        self.cal = cal

    def __call__(self, doc: Doc) -> Doc:
        published = reference_date(doc, self.cal)
        placed = self.place(doc, published)
        doc._.dates = [mention for mention, _ in placed]
        event_dates: dict[str, EventDate] = {}
        events = sorted(get_list(doc, "events"), key=lambda e: e.trigger.start)
        for n, event in enumerate(events):
            chosen = self.date_event(doc, event, placed, published, lambda: self._from_antecedent(doc, event, events[:n], event_dates))
            if chosen is not None:
                event_dates[event.id] = chosen
        doc._.event_dates = event_dates
        return doc

    def governor(self, span: Span) -> Token:
        """The date's governor, except that a date right after a reporting verb and before a clause
        in the past perfect ("said last month it had documented …") dates the saying, however the
        parse hangs it: what "had" happened lies before that date. ("Said on Friday it accepted"
        stays the accepting's: the two are one time.)"""
        gov = governor(span)
        doc = span.doc
        before = span.start - 1
        if before >= 0 and doc[before].lower_ in ("on", "in") and span.root.dep_ == "pobj":
            before -= 1
        if before < 0:
            return gov
        speech = doc[before]
        if (speech != gov and speech.pos_ == "VERB" and speech.lemma_.lower() in self.cal.speech_verbs
                and gov.head == speech and gov.dep_ in ("ccomp", "parataxis") and gov.i > span.end
                and any(c.dep_ == "aux" and c.tag_ == "VBD" and c.lemma_.lower() == "have" for c in gov.children)):
            return speech
        return gov

    def place(self, doc: Doc, published: date | None) -> list[tuple[DateMention, Span]]:
        """Every resolvable date expression with its tokens; ordinal days anchored on an earlier start."""
        placed: list[tuple[DateMention, Span]] = []
        starts: list[DateMention] = []  # dates that open something ongoing: "since Saturday", "began on"
        last_day: date | None = published  # what "the previous day" counts from: the day the text gave last
        for expr in self.cal.find(text_of(doc)):
            span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
            if span is None or len(span) == 0 or (expr.weak and not _stands_alone(span)):
                continue
            gov = self.governor(span)
            if expr.kind == "ordinal":
                mention = self._ordinal(expr, starts)
            elif expr.kind == "anaphor":
                mention = mention_of(expr, self.cal.counted_from(expr, last_day)) if last_day else None
            else:
                resolved = self.cal.resolve(expr, published, tense_of(gov, self.cal))
                mention = mention_of(expr, resolved) if resolved else None
                if mention and mention.precision == "day" and mention.type == "DATE" and (
                    expr.cue in ("since", "from") or gov.lemma_.lower() in self.cal.anchor_verbs
                ):
                    starts.append(mention)
            if mention is not None:
                placed.append((mention, span))
                if mention.precision == "day" and not mention.end_value and not is_reference(mention):
                    last_day = date.fromisoformat(mention.value)
        return self._from_speech_time(placed, published)

    def _from_speech_time(self, placed: list[tuple[DateMention, Span]], published: date | None) -> list[tuple[DateMention, Span]]:
        """A future-in-the-past ("said on Monday the talks would resume on Thursday") counts from the
        day of the saying when the reporting verb has a day date of its own, else from publication."""
        said_on: dict[int, date] = {}
        for mention, span in placed:
            gov = self.governor(span)
            if mention.precision == "day" and gov.lemma_.lower() in self.cal.speech_verbs:
                try:
                    said_on[gov.i] = date.fromisoformat(mention.value)
                except ValueError:
                    continue
        if not said_on:
            return placed
        result = []
        for mention, span in placed:
            gov = governor(span)
            speech = speech_verb_of(gov, self.cal) if gov.pos_ in ("VERB", "AUX") and is_future_in_past(gov) else None
            if speech is not None and speech.i in said_on:
                expr = next((e for e in self.cal.find(text_of(span.doc)[mention.start : mention.end])), None)
                resolved = self.cal.resolve(expr, said_on[speech.i], "future") if expr is not None else None
                if resolved is not None and not is_reference(mention):
                    mention = mention_of(expr, resolved, mention)
            result.append((mention, span))
        return result

    @staticmethod
    def _from_antecedent(doc: Doc, event: Event, earlier: list[Event], dated: dict[str, EventDate]) -> EventDate | None:
        """ "JNIM claimed the attack": a definite noun trigger with no date of its own is the event of
        its kind told just before (within two sentences), and happened when that one did."""
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or span.root.pos_ != "NOUN" or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in span.root.children):
            return None
        for other in reversed(earlier):
            if other.type != event.type:
                continue
            if event.sentence is not None and other.sentence is not None and event.sentence - other.sentence > 2:
                return None
            found = dated.get(other.id)
            return found if found is not None and found.source == "text" else None
        return None

    def _ordinal(self, expr: Expression, starts: list[DateMention]) -> DateMention | None:
        n = self.cal.ordinal(expr)
        if not n or not starts:
            return None
        value = shift_day(starts[-1].value, n - 1)
        return DateMention(expr.text, expr.start, expr.end, value, "day", timex=value) if value else None

    def date_event(
        self, doc: Doc, event: Event, placed: list[tuple[DateMention, Span]], published: date | None,
        antecedent: Callable[[], EventDate | None] = lambda: None,
    ) -> EventDate | None:
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trigger is None:
            return EventDate(None, published.isoformat(), "day", "published") if published else None
        return self.date_token(trigger.root, placed, published, speech_act=event.type in self.cal.speech_act_roots,
                               antecedent=antecedent)

    def date_token(self, token: Token, placed: list[tuple[DateMention, Span]], published: date | None,
                   *, speech_act: bool = False, antecedent: Callable[[], EventDate | None] = lambda: None) -> EventDate | None:
        """The date of the event a word names: the one its sentence's parse ties to it; for a
        headline's event, the date of the lead's; else the date of the event it takes up again
        (`antecedent`), else the day the story has reached (`told_before`), else the publication date."""
        if _now_or_lately(token, placed):
            return EventDate(None, published.isoformat(), "day", "published") if published else None
        mention = self.governing(token, placed, speech_act=speech_act)
        if mention is None and _in_headline(token):
            mention = self.lead_date(token.doc, placed, published)
        if mention is not None:
            return EventDate(mention.text, mention.value, mention.precision, "text")
        taken_up = antecedent()
        if taken_up is not None:
            return taken_up
        mention = self.told_before(token, placed, published)
        if mention is None or _only_a_date(self._span_of(mention, placed).sent, placed):
            mention = self.told_after(token, placed, published) or mention
        if mention is not None:
            return EventDate(mention.text, mention.value, mention.precision, "text")
        if published is None:
            return None
        return EventDate(None, published.isoformat(), "day", "published")

    def lead_date(self, doc: Doc, placed: list[tuple[DateMention, Span]], published: date | None) -> DateMention | None:
        """A headline tells the lead: its events happened on the day the body's first sentence gives
        its main event (a line that is only a date, the dateline, is not the lead)."""
        body = [s for s in doc.sents if not _in_headline(s.root) and not _only_a_date(s, placed)][:1]
        for sent in body:
            mention = self.governing(sent.root, placed)
            if mention is not None and mention.precision == "day" and mention.type != "DURATION" and (
                    published is None or mention.value <= published.isoformat()):
                return mention
        return None

    def told_before(self, token: Token, placed: list[tuple[DateMention, Span]], published: date | None) -> DateMention | None:
        """A story keeps to the day it last named until it names another: "The Dow fell on Thursday.
        ... The Nasdaq lost 2 %" is Thursday's loss too. The day is the last one an earlier sentence
        gave as the time of something (not a date that names a thing or bounds a comparison, not a
        day still to come); an event told as future keeps the publication date."""
        if tense_of(token, self.cal) == "future" or _told_as_present(token) or _present_perfect(token):
            return None
        start = token.sent.start
        earlier = [(m, span) for m, span in placed if span.end <= start and m.precision == "day" and m.type != "DURATION"
                   and not is_reference(m) and (published is None or m.value <= published.isoformat())]
        if token.lemma_.lower() in self.cal.speech_verbs:
            said = [m for m, span in earlier if self.governor(span).lemma_.lower() in self.cal.speech_verbs]
            if said:
                return said[-1]  # "It stated on Thursday that ... The company said ...": the saying goes on that day
        for mention, span in reversed(placed):
            if span.end > start or mention.precision != "day" or mention.type == "DURATION" or is_reference(mention):
                continue
            try:
                if published is not None and date.fromisoformat(mention.value) > published:
                    continue
            except ValueError:
                continue
            gov = self.governor(span)
            if _names_a_thing(span, gov) or _bounds_a_comparison(span):
                continue
            main = self.governing(span.sent.root, placed)
            if main is not None and main is not mention and main.precision == "day" and main.type != "DURATION" and (
                    published is None or main.value <= published.isoformat()):
                return main  # the day of that sentence's main event, not of a clause inside it
            return mention
        return None

    @staticmethod
    def _span_of(mention: DateMention, placed: list[tuple[DateMention, Span]]) -> Span:
        return next(span for m, span in placed if m is mention)

    def told_after(self, token: Token, placed: list[tuple[DateMention, Span]], published: date | None) -> DateMention | None:
        if tense_of(token, self.cal) == "future" or _told_as_present(token) or _present_perfect(token):
            return None
        sents = list(token.doc.sents)
        index = next(i for i, s in enumerate(sents) if s.start == token.sent.start)
        for sent in sents[index + 1 : index + 4]:
            mention = self.governing(sent.root, placed)
            if mention is not None and mention.precision == "day" and mention.type != "DURATION" and published is not None \
                    and timedelta(0) <= published - date.fromisoformat(mention.value) <= timedelta(days=7):
                return mention
        return None

    def governing(self, token: Token, placed: list[tuple[DateMention, Span]], *, speech_act: bool = False) -> DateMention | None:
        """The date closest to `token` in its sentence's parse, speech-time dates left to speech acts."""
        sent = token.sent
        best: tuple[int, int, DateMention] | None = None
        for mention, span in placed:
            if span.start < sent.start or span.end > sent.end or is_reference(mention):
                continue  # "now", "recently" say no more about an event's time than the publication date
            gov = self.governor(span)
            if _names_a_thing(span, gov) and gov != token:
                continue  # "the November 2024 ceasefire": the date is the ceasefire's, not the urging's
            if _bounds_a_comparison(span):
                continue  # "its lowest level since 2003": the date bounds a comparison, it dates nothing
            if gov != token and _dates_what_came_before(gov, token):
                continue  # "gained 0.77 %, but after a large loss yesterday": yesterday's is the loss
            if gov != token and span.root.dep_ in ("nsubj", "attr") and span.root.head.lemma_.lower() == "be":
                continue  # "2009 was a pivotal year": what the clause speaks of, not when its neighbours happened
            if gov.lemma_.lower() in self.cal.speech_verbs and gov != token and not _reported_event(token, gov):
                if not speech_act or not (token.is_ancestor(gov) or gov.is_ancestor(token)):
                    continue
            if gov == token and token.lemma_.lower() in self.cal.speech_verbs and mention.end_value:
                continue  # "For the final quarter of 2009, Ford says it made profits": a saying happens in no quarter
            if _in_a_clause_below(token, gov):
                continue  # "announced that it lost $2bn in the third quarter": the losing's date, not the announcing's
            cost = _path_cost(token, gov)
            if cost is None:
                continue
            key = (cost, abs(span.start - token.i))
            if best is None or key < best[:2]:
                best = (*key, mention)
        return best[2] if best else None


def mention_of(expr: Expression, resolved: Resolved, at: DateMention | None = None) -> DateMention:
    """The record of a resolved expression (at the place of `at` when it is re-resolved)."""
    text, start, end = (at.text, at.start, at.end) if at is not None else (expr.text, expr.start, expr.end)
    timex = resolved.timex or _timex_of_value(resolved.value, resolved.precision)
    return DateMention(text, start, end, resolved.value, resolved.precision, resolved.end_value, timex, resolved.type)  # type: ignore[arg-type]


def _timex_of_value(value: str, precision: str) -> str:
    return value[:3] if precision == "decade" else value[:2] if precision == "century" else value


def is_reference(mention: DateMention) -> bool:
    """ "now", "recently", "the future": a TIMEX3 PRESENT_REF, PAST_REF or FUTURE_REF."""
    return bool(mention.timex and mention.timex.endswith("_REF"))


def _stands_alone(span: Span) -> bool:
    """A season named with no word that makes it one ("Winter is making its presence known",
    "spring shows signs of hope") is a date when it is the subject of its clause."""
    return span.root.dep_ in ("nsubj", "nsubjpass") and span.root.pos_ in ("NOUN", "PROPN")


def _reported_event(token: Token, verb: Token) -> bool:
    """ "Clashes have been reported around X since September": a passive reporting verb whose
    subject is the event says that the event happened, so the verb's date and place are the event's."""
    return token.head == verb and token.dep_ == "nsubjpass"


def _in_headline(token: Token) -> bool:
    """A word of the text's first line when that line is a headline: short, with no full stop, and
    followed by more text."""
    doc = token.doc
    first = doc.text.split("\n", 1)
    if len(first) < 2 or token.idx >= len(first[0]) or not first[1].strip():
        return False
    line = first[0].strip()
    return 0 < len(line.split()) <= 20 and not line.endswith((".", "!", "?", '"', "\u201d", ":"))


def _only_a_date(sent: Span, placed: list[tuple[DateMention, Span]]) -> bool:
    """A line that is nothing but a date: a dateline ("October 10 , 2008")."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    covered = {t.i for _, span in placed if span.start >= sent.start and span.end <= sent.end for t in span}
    return bool(words) and all(t.i in covered for t in words)


def _now_or_lately(token: Token, placed: list[tuple[DateMention, Span]]) -> bool:
    """ "recently the company reported a loss", "is now charged": a word of the event's own clause
    says its time is about now, so no other date of the sentence or the story is its."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for mention, span in placed:
        if is_reference(mention) and span.start >= token.sent.start and span.end <= token.sent.end:
            if governor(span) in (token, verb) and mention.timex in ("PRESENT_REF", "PAST_REF"):
                return True
    return False


_BEFORE_AFTER = frozenset({"after", "before", "following", "since", "until", "ahead"})


def _dates_what_came_before(gov: Token, token: Token) -> bool:
    """A date on "after X" / "before X" or on the X itself dates that other event X, not the clause
    the phrase is attached to."""
    if gov.lower_ in _BEFORE_AFTER and gov.pos_ == "ADP":
        return not any(c.dep_ == "pobj" and c == token for c in gov.children)
    return gov.pos_ == "NOUN" and gov.dep_ == "pobj" and gov.head.lower_ in _BEFORE_AFTER and gov.head.pos_ == "ADP"


_CLAUSE_ENTRIES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis"})


def _in_a_clause_below(token: Token, gov: Token) -> bool:
    """A verb's date is not one written inside a clause under it ("said it would be profitable by
    2011", "plans to meet on Friday", "development, begun two years ago, has been pushed back") or
    in a clause coordinated with its own subject: that clause is another event with its own time.
    A noun keeps the dates of the clauses that describe it ("the talks that began on Saturday"),
    not those of other clauses of its sentence."""
    if gov == token:
        return False
    is_verb = token.pos_ in ("VERB", "AUX")
    ancestors = {t.i for t in token.ancestors} | {token.i}
    node = gov
    while node.i not in ancestors and node.head is not node:
        if node.dep_ == "conj" and (any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) or (not is_verb and node.pos_ == "VERB")):
            return True  # "the deal went through, and Chrysler should have cars out by 2011": another clause
        if node.dep_ in _CLAUSE_ENTRIES and not _shares_its_time(node) and (is_verb or node.head != token):
            return True
        node = node.head
    return False


_AT_THE_TIME = frozenset({"when", "as", "while", "whilst"})


def _shares_its_time(clause: Token) -> bool:
    """Clauses under a word that happen when it does: a present participle describing its object
    ("abducted 40 women collecting firewood on 2 February"), a "when"/"as"/"while" clause ("When the
    Air Force selected Northrop on February 29, Boeing challenged the award"), and the infinitive of
    a verb of trying or beginning ("has been attempting to take over Aer Lingus since December"),
    not of planning or expecting ("plans to meet on Friday")."""
    if clause.dep_ == "acl" and clause.tag_ == "VBG":
        return True
    if clause.dep_ == "advcl":
        return any(c.dep_ in ("mark", "advmod") and c.lower_ in _AT_THE_TIME for c in clause.children)
    if clause.dep_ == "xcomp":
        return clause.head.lemma_.lower() in _SHARED_INFINITIVE
    return False


_SHARED_INFINITIVE = frozenset({"try", "attempt", "begin", "start", "continue", "manage", "fail", "refuse", "struggle", "rush", "move"})


def _present_perfect(token: Token) -> bool:
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _told_as_present(token: Token) -> bool:
    """The finite verb over a word is in the present ("Officials fear an attack", "the plane
    promises", "GM remains open") or a modal: the clause speaks of now, not of the day told before.
    A present perfect ("has recovered") reports what happened, as a past does."""
    verb = token
    for _ in range(6):
        if verb.tag_ in ("VBZ", "VBP", "VBD", "MD") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "VBD", "MD") for c in verb.children):
            break
        if verb.head is verb:
            return False
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    finite = next((a for a in auxes if a.tag_ in ("VBZ", "VBP", "VBD", "MD")), verb)
    if finite.tag_ == "MD":
        return True
    if finite.tag_ in ("VBZ", "VBP"):
        return not any(a.lemma_.lower() == "have" for a in auxes) and not (finite is not verb and finite.lemma_.lower() == "have")
    return False


def _bounds_a_comparison(span: Span) -> bool:
    """ "its lowest level since 2003", "the first annual loss since 1992", "a figure not seen since
    last September", "up 5 % compared to 2008", "a gain of 54 points from March 12": a date a
    thing is measured against (after "since" hung on a noun, an adjective or a negated verb, after
    "compared to", "than", or "from" on a change) is not when anything happened."""
    doc = span.doc
    before = span.start - 1
    if before < 0:
        return False
    if before >= 1 and doc[before].lower_ in ("to", "with") and doc[before - 1].lower_ in ("compared", "compare", "comparison"):
        return True  # "fell 17 % compared to 2008"
    word = doc[before].lower_
    if word in ("than", "versus", "vs.", "vs"):
        return True
    if word == "since" and span.root.head == doc[before] and any(t.tag_ in ("JJS", "RBS") for t in doc[max(0, before - 5) : before]):
        return True  # "fall to lowest levels since 1997"
    if word not in ("since", "from") or span.root.head != doc[before]:
        return _inside_a_comparison(span)
    head = doc[before].head
    if head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "PRON"):
        return word == "since" or head.lemma_.lower() in _CHANGES  # "an increase of 54 points from March 12"
    if word != "since" or head.pos_ not in ("VERB", "AUX"):
        return False
    if any(t.tag_ in ("JJS", "RBS") for t in doc[max(head.i, before - 6) : before]):
        return True  # "to reach its lowest level since 2003"
    return any(c.dep_ == "neg" for c in head.children) or any(
        c.dep_ in ("attr", "acomp") and (c.tag_ in ("JJS", "RBS") or any(g.tag_ in ("JJS", "RBS") for g in c.children))
        for c in head.children)  # "the streak is the index's best since 1993"


def _inside_a_comparison(span: Span) -> bool:
    """ "a 2.99 percent decrease from the close of trading Wednesday": the date sits in the noun
    phrase a change is measured from (or, as the parse often has it, on the change itself)."""
    node = span.root
    if node.head.lemma_.lower() in _CHANGES and node.head.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "from" for c in node.head.children):
        return True
    for _ in range(6):
        head = node.head
        if head is node or (head.pos_ in ("VERB", "AUX") and not (head.tag_ == "VBG" and head.dep_ in ("pobj", "dobj", "compound"))):
            return False
        if head.dep_ == "prep" and head.lower_ == "from" and head.head.lemma_.lower() in _CHANGES and node.dep_ == "pobj":
            return True
        node = head
    return False


_CHANGES = frozenset({"increase", "rise", "gain", "jump", "decline", "drop", "fall", "loss", "decrease", "change", "growth", "up", "down"})


_PREMODIFIER_DEPS = frozenset({"nmod", "compound", "amod", "nummod"})


def _names_a_thing(span: Span, gov: Token) -> bool:
    """A date written before a noun as its modifier ("the November 2024 ceasefire", "the 2015
    accord") names that thing; it dates no other event of the sentence. The determiner before it
    tells a modifier from a misparsed adverbial ("Since December GM and Chrysler have received")."""
    doc = span.doc
    determined = span.start > 0 and doc[span.start - 1].tag_ in ("DT", "PRP$", "POS")
    return determined and span.root.dep_ in _PREMODIFIER_DEPS and gov.pos_ in ("NOUN", "PROPN") and span.end <= gov.i


def date_of(doc: Doc, token: Token, *, speech_act: bool = False) -> EventDate | None:
    """The date polemos would give an event whose trigger is `token` (uses `doc._.dates`)."""
    placed = []
    for mention in get_list(doc, "dates"):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            placed.append((mention, span))
    cal = calendar()
    return WhenReader(cal).date_token(token, placed, reference_date(doc, cal), speech_act=speech_act)


def reference_date(doc: Doc, cal: Calendar) -> date | None:
    """What the text's relative dates count from: the article's own date line when it has one (a
    line among its first three that is nothing but a full date, "October 10, 2008", under a
    headline), else the publication date given with it. The text's own line is what its writer
    counted "yesterday" and "on Thursday" from, when the two disagree."""
    offset = 0
    for line in doc.text.split("\n", 3)[:3]:
        words = line.strip(" \t.,;:-\u2013\u2014")
        found = cal.find(line) if words else []
        if len(found) == 1 and found[0].kind in ("mdy", "dmy", "iso", "numeric") and found[0].parts.get("y") \
                and not found[0].parts.get("range_end") and found[0].text.strip(" ,.") == words:
            resolved = cal.resolve(found[0], None)
            if resolved is not None:
                return date.fromisoformat(resolved.value)
        offset += len(line) + 1
    return doc._.published
