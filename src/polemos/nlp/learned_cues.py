"""Where the cue rules are unsure, the learned scorers decide (nlp/attribution_model.py).

The rules of claims.py stay where they are exact: a cue verb of data/says/cues.tsv with its own
subject, "according to X", "quoted X as saying". The scorers add what the word list and the
subject rule miss:
- a cue the list does not hold ("tweeted", "called him", "in a statement") when its score passes
  the threshold; only lemmas that head gold cues often in training are scored at all (the screen
  shipped with the weights), so most words cost one set look-up;
- the speaker of a cue the subject rule left without one ("..., adding that" too far from its
  subject, "a statement from the ministry said"): the best-scored noun phrase of its sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..attribution import Attribution
from .attribution_model import (
    AttributionModel,
    cue_features,
    is_cue_candidate,
    near_quote,
    source_candidates,
    source_features,
)
from .claims import Cue, content_of, speaker_head
from .screening import WordScreen, positions

_MARKS = WordScreen("ORTH", frozenset({'"', "\u201c", "\u201d"}).__contains__)
_COLON = WordScreen("ORTH", frozenset({":"}).__contains__)
_OPENING = frozenset({'"', "\u201c"})
_SCREENS: dict[int, tuple[AttributionModel, WordScreen]] = {}


def _screen(model: AttributionModel) -> WordScreen:
    found = _SCREENS.get(id(model))
    if found is None or found[0] is not model:
        found = _SCREENS[id(model)] = (model, WordScreen("LEMMA", model.cue_lemmas.__contains__))
    return found[1]


def _beside_quotes(doc: Doc) -> set[int]:
    """Words at most three tokens from a quotation mark: any verb there may be a cue ('..., he
    barked'), whatever its lemma, so these are scored too."""
    marks = positions(_MARKS.flags(doc))
    return {i for m in marks for i in range(max(0, m - 3), min(len(doc), m + 4))}


def quote_tag_subject(token: Token) -> Token | None:
    """'"...," Trump barked.' / '"...," the commander growled.': a verb right after a closing
    quotation mark and its comma, with a subject and no object, says the quote, whatever the verb.
    Returns that subject (the parser may hang the verb on it as a modifier: "Trump barked")."""
    doc = token.doc
    if token.pos_ != "VERB" or token.i < 2 or any(c.dep_ == "dobj" and c.i > token.i for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None and token.dep_ == "acl" and token.head.i == token.i - 1 and token.head.pos_ in {"PROPN", "NOUN", "PRON"}:
        subject = token.head
    if subject is None:
        return None
    before = doc[token.i - 1]
    if before.i == subject.i or before.i in {t.i for t in subject.subtree}:
        before = doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else before
    mark = doc[before.i - 1] if before.text == "," and before.i > 0 else before
    return subject if mark.text in {"\u201d", '"'} else None


def best_source(cue: Token, kb: Attribution, model: AttributionModel, quoted: set[int]) -> Token | None:
    """The noun phrase of the cue's sentence the scorer takes for its speaker, if it is sure enough."""
    best: tuple[float, Token] | None = None
    for candidate in source_candidates(cue):
        score = model.source.logit(source_features(cue, candidate, kb, candidate.i in quoted))
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None or model.source.squash(best[0]) < model.source_threshold:
        return None
    return best[1]


def _clausal(token: Token) -> bool:
    """The cue governs a clause ("warned that ...") or hangs parenthetically on one ("..., he warned")."""
    return token.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in token.children)


def complete_cues(
    doc: Doc,
    kb: Attribution,
    model: AttributionModel,
    cues: list[Cue],
    quoted: set[int],
    events: frozenset[str] = frozenset(),
) -> list[Cue]:
    """The rules' cues, each given a speaker when the rules found none, plus the learned cues.
    `events` are the lemmas that name events (the trigger lexicon's one-word entries): such a word
    is a learned cue only with a clause for content or beside a quotation."""
    taken = {c.token.i for c in cues}
    for cue in cues:
        if cue.text == "according to":
            taken.add(cue.token.i + 1)
    out: list[Cue] = []
    for cue in cues:
        if cue.subject is None:
            source = best_source(cue.token, kb, model, quoted)
            if source is not None:
                cue = Cue(cue.token, cue.kind, cue.text, source, cue.content)
        out.append(cue)
    screened = set(positions(_screen(model).flags(doc))) | _beside_quotes(doc)
    for index in sorted(screened):
        if index in taken or index in quoted:
            continue
        token = doc[index]
        lemma = token.lemma_.lower()
        if not is_cue_candidate(token) or (lemma not in model.cue_lemmas and token.pos_ != "VERB"):
            continue
        if lemma in kb.cues and token.pos_ in {"VERB", "AUX"}:
            continue  # a listed verb the rules passed over ("are said to be") stays passed over
        tagged = quote_tag_subject(token)
        if tagged is None and model.cue.probability(cue_features(token, kb, False)) < model.cue_threshold:
            continue
        kind = kb.cues.get(token.lemma_.lower(), "claim")  # a cue the list lacks reads its object as content
        content = None if tagged is not None and lemma not in kb.cues else content_of(token, kind, kb)
        if content is not None and lemma in events and not _clausal(token) and not quoted.intersection(range(*content)):
            content = None  # "militants attacked a convoy": an event word with an object is the event, not a report
        if content is None and tagged is None and not near_quote(token):
            continue  # a cue says something: "attacked the convoy" reports nothing
        subject = speaker_head(token, kb) or tagged or best_source(token, kb, model, quoted)
        out.append(Cue(token, kind, token.text, subject, content))
    out.extend(_colons(doc, kb, model, quoted, taken))
    out.sort(key=lambda c: c.token.i)
    return out


def _colons(doc: Doc, kb: Attribution, model: AttributionModel, quoted: set[int], taken: set[int]) -> list[Cue]:
    """A colon opening a quote ('Clinton wrote: "..."', 'The ministry: "..."') is the quote's cue:
    its speaker is the subject of the clause before it, or the noun it stands after."""
    found: list[Cue] = []
    for index in positions(_COLON.flags(doc)):
        if index in quoted or index + 1 >= len(doc) or doc[index + 1].text not in _OPENING:
            continue
        colon = doc[index]
        head = colon.head
        if head.i in quoted or head.i > colon.i:  # the parser hung the colon on the quote: take the words before it
            before = [t for t in colon.sent if t.i < colon.i]
            inside = {t.i for t in before}
            head = next((t for t in before if t.head.i not in inside or t.head.i == t.i), colon)
        if head.i in taken:
            continue  # 'X said: "..."': the verb is the cue already
        while head.pos_ not in {"VERB", "AUX"} and head.dep_ in {"pobj", "prep", "dobj", "npadvmod", "advmod"} and head.head.i < colon.i:
            head = head.head  # "responded pointedly, with a smile:": the verb, not the smile, has a speaker
        subject = speaker_head(head, kb) if head.pos_ in {"VERB", "AUX"} else head if head.pos_ in {"PROPN", "NOUN"} else None
        subject = subject or best_source(colon, kb, model, quoted)
        if subject is not None:
            found.append(Cue(colon, "say", ":", subject, None))
    return found
