"""Cues of reported speech read from the parse: who is said to say what.

A cue is a verb of data/says/cues.tsv outside any direct quote ("said", "told", "denied",
"alleges", "wants", "raised the toll"), or an "according to X" phrase. Its speaker is its subject;
a participle or coordinated cue without a subject of its own ("..., adding that", "but claimed")
takes the subject of the nearest cue (or participle head) above it; "quoted X as saying" makes X
the speaker. Its content is the reported clause (a ccomp, or the object of a denial or accusation).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..attribution import Attribution
from .screening import WordScreen, either, positions

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CONTENT = frozenset({"ccomp", "xcomp", "dobj", "prep", "oprd", "attr", "pcomp", "advcl"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "prep", "acl", "relcl"})
_ABOUT = frozenset({"about", "of"})  # not "on": "said on Sunday"
_OBJECT_KINDS = frozenset({"deny", "accuse", "claim", "confirm", "report", "describe", "revise", "want"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One reporting expression: its words, its speaker's head token and the reported content."""

    token: Token
    kind: str
    text: str  # "said", "according to", "quoted ... as saying"
    subject: Token | None
    content: tuple[int, int] | None  # token span [start, end) of the reported clause

    @property
    def sentence(self) -> int:
        return self.token.sent.start


def _subject(token: Token) -> Token | None:
    found = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    if found is None and token.pos_ in {"VERB", "AUX"}:
        # '"...," Conway notes.': the parser took the name for a compound of the verb
        found = next((c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == token.i - 1), None)
    return found


def speaker_head(token: Token, kb: Attribution) -> Token | None:
    """The subject of a cue, climbing from a subject-less participle or conjunct to the clause that has one."""
    own = _subject(token)
    if own is not None:
        return own
    current, depth = token, 0
    while current.dep_ in _CLIMB and current.head is not current and depth < 5:
        link = current.dep_
        current = current.head
        depth += 1
        subject = _subject(current)
        if subject is None:
            continue
        if current.lemma_.lower() in kb.cues or link in {"advcl", "xcomp"}:
            return subject
    return None


def _span(tokens: list[Token]) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_punct and not t.is_space]
    if not tokens:
        return None
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    doc = tokens[0].doc
    while start < end and doc[start].lower_ in {"that", "as"} and doc[start].dep_ in {"mark", "prep"}:
        start += 1
    return (start, end) if end > start else None


def content_of(token: Token, kind: str, kb: Attribution) -> tuple[int, int] | None:
    """The reported clause: the complement clause, else the object of a denial, accusation or claim."""
    clauses = [c for c in token.children if c.dep_ == "ccomp" and (kb.cues.get(c.lemma_.lower()) is None or _subject(c) is not None)]
    clause = max(clauses, key=lambda c: len(list(c.subtree)), default=None)
    if clause is not None:
        return _span(list(clause.subtree))
    if (token.dep_ == "parataxis" or token.dep_ == "ccomp" and token.head.i < token.i) and kind in {"say", "report", "claim"}:
        # "A strike killed 26 people, a health worker said", "The talks, he said, had stalled":
        # the parser hung the cue under the report
        inside = {t.i for t in token.subtree}
        return _span([t for t in token.head.subtree if t.i not in inside])
    if token.dep_ == "relcl" and kind in {"claim", "say", "report", "believe"}:
        return _span(list(token.head.subtree))
    if kind in _OBJECT_KINDS or (kind == "say" and any(c.dep_ == "xcomp" for c in token.children)):
        parts = [c for c in token.rights if c.dep_ in _CONTENT]
        if parts and kind == "revise" and not any(c.dep_ == "dobj" and c.lemma_.lower() in kb.figure_objects for c in parts):
            return None
        tokens = [t for c in parts for t in c.subtree]
        if kind == "revise":
            tokens = [token] + tokens
        return _span(tokens)
    if kind == "say" and token.lemma_.lower() not in kb.addressee:
        # "announced his support for the governor", "spoke about the attack": what was said is named
        parts = [c for c in token.rights if c.dep_ == "dobj" and c.pos_ != "PRON" or c.dep_ == "prep" and c.lower_ in _ABOUT]
        if parts:
            return _span([t for c in parts for t in c.subtree])
    return None


def _relay(token: Token, kb: Attribution) -> Token | None:
    """"quoted officials as saying ...": the object of the verb above "as saying" is the speaker."""
    words = tuple(t.lower_ for t in token.doc[max(0, token.i - 1) : token.i + 1])
    if not any(words == pattern for pattern in kb.relay):
        return None
    verb = token.head.head if token.head.lower_ == "as" else token.head
    if kb.cues.get(verb.lemma_.lower()) != "relay":
        return None
    return next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)


def _candidates(doc: Doc, kb: Attribution) -> list[int]:
    """Token indices whose lemma is a cue or whose word opens a cue phrase, found on arrays (no Token objects)."""
    _, by_lemma, by_word = _screens(kb)
    return positions(either(by_lemma.flags(doc), by_word.flags(doc)))


_SCREENS: dict[int, tuple[Attribution, WordScreen, WordScreen]] = {}


def _screens(kb: Attribution) -> tuple[Attribution, WordScreen, WordScreen]:
    """The cue screens of one word list, made once (a screen remembers its answers per word)."""
    found = _SCREENS.get(id(kb))
    if found is None or found[0] is not kb:
        words = frozenset(kb.cues) | {p[0] for p in kb.according}
        found = _SCREENS[id(kb)] = (kb, WordScreen("LEMMA", words.__contains__), WordScreen("LOWER", words.__contains__))
    return found


def find_cues(doc: Doc, kb: Attribution, quoted: set[int]) -> Iterator[Cue]:
    """Every reporting cue outside direct quotes, in text order."""
    according = kb.according
    for index in _candidates(doc, kb):
        if index in quoted:
            continue
        token = doc[index]
        lower = token.lower_
        if according and any(lower == p[0] and doc[token.i + 1 : token.i + len(p)].text.lower().split() == list(p[1:]) for p in according):
            prep = doc[token.i + 1] if token.i + 1 < len(doc) else None
            speaker = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            clause = token.head
            inside = {t.i for t in token.subtree}
            content = _span([t for t in clause.subtree if t.i not in inside])
            yield Cue(token, "say", "according to", speaker, content)
            continue
        if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN"}:
            continue
        kind = kb.cues.get(token.lemma_.lower())
        if kind is None or kind == "relay":
            continue
        if any(c.dep_ == "auxpass" for c in token.children):
            # "are said to be", "was reported": a passive names no speaker unless "by" does
            agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is None:
                continue
            yield Cue(token, kind, token.text, agent, content_of(token, kind, kb))
            continue
        if _subject(token) is None and not any(c.dep_ == "ccomp" for c in token.children) and any(
            c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in token.children
        ):
            continue  # "talks said to be moving ...": nobody is named as saying it
        relayed = _relay(token, kb)
        if relayed is not None:
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            content = _span(list(clause.subtree)) if clause is not None else None
            verb = token.head.head if token.head.lower_ == "as" else token.head
            yield Cue(token, "say", f"{verb.text} ... as saying", relayed, content)
            continue
        content = content_of(token, kind, kb)
        if kind == "revise" and content is None:
            continue
        yield Cue(token, kind, token.text, speaker_head(token, kb), content)
