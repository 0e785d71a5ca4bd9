"""Across sentences: the article's own date line, its headline and lead, and the day the story
has reached — what an event with no date in its own sentence takes before the publication date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..records import DateMention
from .attachment import bounds_a_comparison, is_reference, names_a_thing, present_perfect, tense_of, told_as_present
from .calendar import Calendar
from .extensions import text_of

Placed = list[tuple[DateMention, Span]]


class Storyline:
    """The dates of earlier and later sentences, read with the reader's own `governing` and `governor`."""

    def __init__(self, cal: Calendar, governing: Callable[..., DateMention | None], governor: Callable[[Span], Token]) -> None:
        self.cal = cal
        self.governing = governing
        self.governor = governor

    def lead_date(self, doc: Doc, placed: Placed, published: date | None) -> DateMention | None:
        """A headline tells the lead: its events happened on the day the body's first sentence gives
        its main event (a line that is only a date, the date line, is not the lead)."""
        body = [s for s in sentences(doc) if not in_headline(s.root) and not only_a_date(s, placed)][:1]
        for sent in body:
            mention = self.governing(self.main_event(sent), placed)
            if mention is not None and _a_day_gone(mention, published):
                return mention
        return None

    def told_before(self, token: Token, placed: Placed, published: date | None) -> DateMention | None:
        """A story keeps to the day it last named until it names another: "The Dow fell on Thursday.
        ... The Nasdaq lost 2 %" is Thursday's loss too. That day is the one an earlier sentence gave
        its main event (else the last one it gave, unless it names a thing or bounds a comparison,
        or is still to come); a saying goes on the day of the last saying. An event told in the
        present, the present perfect (today's news) or the future keeps the publication date."""
        if tense_of(token, self.cal) == "future" or told_as_present(token) or present_perfect(token):
            return None
        earlier = [(m, span) for m, span in placed if span.end <= token.sent.start and _a_day_gone(m, published)]
        if token.lemma_.lower() in self.cal.speech_verbs:
            said = [m for m, span in earlier if self.governor(span).lemma_.lower() in self.cal.speech_verbs]
            if said:
                return said[-1]  # "It stated on Thursday that ... The company said ...": the saying goes on that day
        for mention, span in reversed(earlier):
            if names_a_thing(span, self.governor(span)) or bounds_a_comparison(span):
                continue
            main = self.governing(self.main_event(span.sent), placed)
            if main is not None and main is not mention and _a_day_gone(main, published):
                return main  # the day of that sentence's main event, not of a clause inside it
            return mention
        return None

    def told_after(self, token: Token, placed: Placed, published: date | None) -> DateMention | None:
        """A lead often leaves its day to the next sentences ("Boeing unveiled its 787 ... Sunday was
        chosen as ..."): a past event with nothing before it but the date line takes the first day
        the next three sentences give their main event, if that day is in the week before the
        article's date."""
        if published is None or tense_of(token, self.cal) == "future" or told_as_present(token) or present_perfect(token):
            return None
        sents = sentences(token.doc)
        index = next(i for i, s in enumerate(sents) if s.start == token.sent.start)
        for sent in sents[index + 1 : index + 4]:
            mention = self.governing(self.main_event(sent), placed)
            if mention is not None and _a_day_gone(mention, published) and \
                    published - date.fromisoformat(mention.value) <= timedelta(days=7):
                return mention
        return None

    def main_event(self, sent: Span) -> Token:
        """The word of a sentence's main event: its root, or what a reporting root reports
        ("Rebels seized the town on Monday, officials said": the seizing)."""
        root = sent.root
        if root.lemma_.lower() in self.cal.speech_verbs:
            told = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
            if told:
                return told[0]
        return root

    @staticmethod
    def span_of(mention: DateMention, placed: Placed) -> Span:
        return next(span for m, span in placed if m is mention)


def _a_day_gone(mention: DateMention, published: date | None) -> bool:
    """A day (a part of one too) that is not still to come: what a story can have reached."""
    if mention.precision != "day" or mention.type == "DURATION" or is_reference(mention):
        return False
    return published is None or mention.value <= published.isoformat()


def in_headline(token: Token) -> bool:
    """A word of the text's first line when that line is a headline: short, with no full stop, and
    followed by more text."""
    return token.idx < headline_end(token.doc)


def headline_end(doc: Doc) -> int:
    """Where the headline line ends (0 when the text opens with no headline), once per Doc."""
    end = doc.user_data.get(_HEADLINE)
    if end is None:
        first = text_of(doc).split("\n", 1)
        line = first[0].strip()
        headline = len(first) == 2 and first[1].strip() and 0 < len(line.split()) <= 20 and not line.endswith(
            (".", "!", "?", '"', "\u201d", ":"))
        end = doc.user_data[_HEADLINE] = len(first[0]) if headline else 0
    return end


def sentences(doc: Doc) -> list[Span]:
    """doc.sents as a list, once per Doc (spaCy walks every token for each `doc.sents`)."""
    sents = doc.user_data.get(_SENTENCES)
    if sents is None:
        sents = doc.user_data[_SENTENCES] = list(doc.sents)
    return sents


_HEADLINE, _SENTENCES, _OWN_DATE = "polemos_headline_end", "polemos_sentences", "polemos_own_date"


def only_a_date(sent: Span, placed: Placed) -> bool:
    """A line that is nothing but a date: a dateline ("October 10 , 2008")."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    covered = {t.i for _, span in placed if span.start >= sent.start and span.end <= sent.end for t in span}
    return bool(words) and all(t.i in covered for t in words)


def reference_date(doc: Doc, cal: Calendar) -> date | None:
    """What the text's relative dates count from: the article's own date line when it has one (a
    line among its first three that is nothing but a full date, "October 10, 2008", under a
    headline), else the publication date given with it. The text's own line is what its writer
    counted "yesterday" and "on Thursday" from, when the two disagree."""
    if _OWN_DATE not in doc.user_data:
        doc.user_data[_OWN_DATE] = _own_date(text_of(doc), cal)
    return doc.user_data[_OWN_DATE] or doc._.published


def _own_date(text: str, cal: Calendar) -> date | None:
    for line in text.split("\n", 3)[:3]:
        words = line.strip(" \t.,;:-\u2013\u2014")
        if not words or len(words) > 40 or not any(c.isdigit() for c in words):
            continue
        found = cal.find(line)
        if len(found) == 1 and found[0].kind in ("mdy", "dmy", "iso", "numeric") and found[0].parts.get("y") \
                and not found[0].parts.get("range_end") and found[0].text.strip(" ,.") == words:
            resolved = cal.resolve(found[0], None)
            if resolved is not None:
                return date.fromisoformat(resolved.value)
    return None
