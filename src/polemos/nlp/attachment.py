"""Which date of its sentence a word's event takes: what the parse says about a date's attachment.

The rules of when.py's `governing` read here: the word a date modifies, the tense that chooses
among a weekday's candidates, the cost of the parse path from an event to a date, and the
attachments that make a date another event's (a clause under a verb, "after X", a comparison, a
thing a date names). No state: functions of spaCy tokens and the calendar's word lists.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import DateMention
from .calendar import Calendar, Tense, calendar

_CONJ_COST = 2  # a date on a coordinated clause is a weaker claim than one on the event's own


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
        if head is not verb and any(c.lemma_.lower() in cal.future_cues and not goes_somewhere(c) for c in cues):
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


def goes_somewhere(token: Token) -> bool:
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


def path_cost(a: Token, b: Token) -> int | None:
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




def stands_alone(span: Span) -> bool:
    """A season named with no word that makes it one ("Winter is making its presence known",
    "spring shows signs of hope") is a date when it is the subject of its clause."""
    return span.root.dep_ in ("nsubj", "nsubjpass") and span.root.pos_ in ("NOUN", "PROPN")


def reported_event(token: Token, verb: Token) -> bool:
    """ "Clashes have been reported around X since September": a passive reporting verb whose
    subject is the event says that the event happened, so the verb's date and place are the event's."""
    return token.head == verb and token.dep_ == "nsubjpass"


def now_or_lately(token: Token, placed: list[tuple[DateMention, Span]]) -> bool:
    """ "recently the company reported a loss", "is now charged": a word of the event's own clause
    says its time is about now, so no other date of the sentence or the story is its."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for mention, span in placed:
        if is_reference(mention) and span.start >= token.sent.start and span.end <= token.sent.end:
            if governor(span) in (token, verb) and mention.timex in ("PRESENT_REF", "PAST_REF"):
                return True
    return False


_BEFORE_AFTER = frozenset({"after", "before", "following", "since", "until", "ahead"})


def dates_what_came_before(gov: Token, token: Token) -> bool:
    """A date on "after X" / "before X" or on the X itself dates that other event X, not the clause
    the phrase is attached to."""
    if gov.lower_ in _BEFORE_AFTER and gov.pos_ == "ADP":
        return not any(c.dep_ == "pobj" and c == token for c in gov.children)
    return gov.pos_ == "NOUN" and gov.dep_ == "pobj" and gov.head.lower_ in _BEFORE_AFTER and gov.head.pos_ == "ADP"


_CLAUSE_ENTRIES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis"})


def in_a_clause_below(token: Token, gov: Token) -> bool:
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
        return clause.head.lemma_.lower() in calendar().shared_infinitives
    return False




def present_perfect(token: Token) -> bool:
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def told_as_present(token: Token) -> bool:
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


def bounds_a_comparison(span: Span) -> bool:
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
        return word == "since" or head.lemma_.lower() in calendar().change_nouns  # "an increase of 54 points from March 12"
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
    if node.head.lemma_.lower() in calendar().change_nouns and node.head.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "from" for c in node.head.children):
        return True
    for _ in range(6):
        head = node.head
        if head is node or (head.pos_ in ("VERB", "AUX") and not (head.tag_ == "VBG" and head.dep_ in ("pobj", "dobj", "compound"))):
            return False
        if head.dep_ == "prep" and head.lower_ == "from" and head.head.lemma_.lower() in calendar().change_nouns and node.dep_ == "pobj":
            return True
        node = head
    return False




_PREMODIFIER_DEPS = frozenset({"nmod", "compound", "amod", "nummod"})


def names_a_thing(span: Span, gov: Token) -> bool:
    """A date written before a noun as its modifier ("the November 2024 ceasefire", "the 2015
    accord") names that thing; it dates no other event of the sentence. The determiner before it
    tells a modifier from a misparsed adverbial ("Since December GM and Chrysler have received")."""
    doc = span.doc
    determined = span.start > 0 and doc[span.start - 1].tag_ in ("DT", "PRP$", "POS")
    return determined and span.root.dep_ in _PREMODIFIER_DEPS and gov.pos_ in ("NOUN", "PROPN") and span.end <= gov.i




def is_reference(mention: DateMention) -> bool:
    """ "now", "recently", "the future": a TIMEX3 PRESENT_REF, PAST_REF or FUTURE_REF."""
    return bool(mention.timex and mention.timex.endswith("_REF"))


def is_spoken_of(span: Span) -> bool:
    """ "2009 was a pivotal year": a date that is what a copular clause speaks of."""
    return span.root.dep_ in ("nsubj", "attr") and span.root.head.lemma_.lower() == "be"
