"""Step 5 of the NLP layer: when things happened.

Finds every date expression (calendar.py), resolves it against the article's date (its own date
line, else `doc._.published`) with the tense of the verb it hangs on, and gives each event the date
that governs it in the parse (attachment.py). Event time, report time and speech time stay apart: a
date that hangs on a reporting verb ("X said on Tuesday that …") dates the saying, so only an event
that is itself a speech act (a warning, an accusation, a demand) may take it. An event with no date
in its sentence takes, in this order, the lead's date if it is a headline's, the date of the event
it takes up again, the day the story has reached (storyline.py), and else the publication date,
marked `source="published"`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import DateMention, Event, EventDate
from .attachment import (
    bounds_a_comparison,
    dates_what_came_before,
    governor,
    in_a_clause_below,
    is_future_in_past,
    is_reference,
    is_spoken_of,
    names_a_thing,
    now_or_lately,
    path_cost,
    reported_event,
    speech_verb_of,
    stands_alone,
    tense_of,
)
from .calendar import Calendar, Expression, Resolved, calendar, shift_day
from .extensions import get_list, register_extensions, text_of
from .storyline import Storyline, in_headline, only_a_date, reference_date


@Language.factory(
    "polemos_when",
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.events"],
    assigns=["doc._.dates", "doc._.event_dates"],
)
def make_when(nlp: Language, name: str) -> "WhenReader":
    register_extensions()
    return WhenReader(calendar())


class WhenReader:
    def __init__(self, cal: Calendar) -> None:
        self.cal = cal
        self.story = Storyline(cal, self.governing, self.governor)

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
            if span is None or len(span) == 0 or (expr.weak and not stands_alone(span)):
                continue
            gov = self.governor(span)
            if expr.kind == "ordinal":
                mention = self._ordinal(expr, starts)
            elif expr.kind == "anaphor":
                counted = self.cal.counted_from(expr, last_day) if last_day else None
                mention = mention_of(expr, counted) if counted else None
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
        if now_or_lately(token, placed):
            return EventDate(None, published.isoformat(), "day", "published") if published else None
        mention = self.governing(token, placed, speech_act=speech_act)
        if mention is None:
            mention = self.governing(token, placed, speech_act=speech_act, loose=True)
        if mention is None and in_headline(token):
            mention = self.story.lead_date(token.doc, placed, published)
        if mention is not None:
            return EventDate(mention.text, mention.value, mention.precision, "text")
        taken_up = antecedent()
        if taken_up is not None:
            return taken_up
        mention = self.story.told_before(token, placed, published)
        if mention is None or only_a_date(self.story.span_of(mention, placed).sent, placed):
            mention = self.story.told_after(token, placed, published) or mention
        if mention is not None:
            return EventDate(mention.text, mention.value, mention.precision, "text")
        if published is None:
            return None
        return EventDate(None, published.isoformat(), "day", "published")

    def governing(self, token: Token, placed: list[tuple[DateMention, Span]], *, speech_act: bool = False,
                  loose: bool = False) -> DateMention | None:
        """The date closest to `token` in its sentence's parse, speech-time dates left to speech acts.

        `loose`: when nothing ties a date to the event, the one date of its sentence that a clause
        below holds ("attacked farmers harvesting olives near Nablus on Saturday", where the small
        model hangs the date on the participle): a sentence that tells one day tells the event's day.
        Two different days in the sentence leave it undated (the story's day or the publication's)."""
        sent = token.sent
        best: tuple[int, int, DateMention] | None = None
        below: set[str] = set()
        for mention, span in placed:
            if span.start < sent.start or span.end > sent.end or is_reference(mention):
                continue  # "now", "recently" say no more about an event's time than the publication date
            gov = self.governor(span)
            if names_a_thing(span, gov) and gov != token:
                continue  # "the November 2024 ceasefire": the date is the ceasefire's, not the urging's
            if bounds_a_comparison(span):
                continue  # "its lowest level since 2003": the date bounds a comparison, it dates nothing
            if gov != token and dates_what_came_before(gov, token):
                continue  # "gained 0.77 %, but after a large loss yesterday": yesterday's is the loss
            if gov != token and is_spoken_of(span):
                continue  # "2009 was a pivotal year": what the clause speaks of, not when its neighbours happened
            if gov.lemma_.lower() in self.cal.speech_verbs and gov != token and not reported_event(token, gov):
                if not speech_act or not (token.is_ancestor(gov) or gov.is_ancestor(token)):
                    continue
            if gov == token and token.lemma_.lower() in self.cal.speech_verbs and mention.end_value:
                continue  # "For the final quarter of 2009, Ford says it made profits": a saying happens in no quarter
            if in_a_clause_below(token, gov):
                if loose and mention.precision == "day" and not is_future_in_past(gov) and not _planned(gov) and not _subordinated(gov, token):
                    below.add(mention.value)
                    best = best if best is not None else (0, 0, mention)
                continue  # "announced that it lost $2bn in the third quarter": the losing's date, not the announcing's
            if loose:
                continue
            cost = path_cost(token, gov)
            if cost is None:
                continue
            key = (cost, abs(span.start - token.i))
            if best is None or key < best[:2]:
                best = (*key, mention)
        if loose:
            return best[2] if best and len(below) == 1 and not _other_days(sent, placed, best[2]) else None
        return best[2] if best else None


def _planned(gov: Token) -> bool:
    """A clause of what is to come: a modal or "to" infinitive ("plans to meet on Friday")."""
    return any(c.dep_ in ("aux", "mark") and (c.tag_ == "MD" or c.lower_ == "to") for c in gov.children) or gov.tag_ == "VB"


def _subordinated(gov: Token, token: Token) -> bool:
    """A clause opened by its own conjunction ("since the rebels seized Rubaya in December", "after
    talks on Monday") tells another event's time, not the one above it."""
    node = gov
    for _ in range(8):
        if node == token or node.head is node:
            return False
        if any(c.dep_ == "mark" for c in node.children) or (node.dep_ == "pcomp" and node.head.dep_ == "prep"):
            return True
        node = node.head
    return False


def _other_days(sent: Span, placed: list[tuple[DateMention, Span]], chosen: DateMention) -> bool:
    return any(m.value != chosen.value and sent.start <= s.start and s.end <= sent.end and not is_reference(m)
               for m, s in placed)


def mention_of(expr: Expression, resolved: Resolved, at: DateMention | None = None) -> DateMention:
    """The record of a resolved expression (at the place of `at` when it is re-resolved)."""
    text, start, end = (at.text, at.start, at.end) if at is not None else (expr.text, expr.start, expr.end)
    timex = resolved.timex or _timex_of_value(resolved.value, resolved.precision)
    return DateMention(text, start, end, resolved.value, resolved.precision, resolved.end_value, timex, resolved.type)  # type: ignore[arg-type]


def _timex_of_value(value: str, precision: str) -> str:
    return value[:3] if precision == "decade" else value[:2] if precision == "century" else value


def date_of(doc: Doc, token: Token, *, speech_act: bool = False) -> EventDate | None:
    """The date polemos would give an event whose trigger is `token` (uses `doc._.dates`)."""
    placed = []
    for mention in get_list(doc, "dates"):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            placed.append((mention, span))
    cal = calendar()
    return WhenReader(cal).date_token(token, placed, reference_date(doc, cal), speech_act=speech_act)


