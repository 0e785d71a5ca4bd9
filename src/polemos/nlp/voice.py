"""Who "we" and "I" are inside a quotation: its speaker ("We will not accept a deal," Hamas
spokesman X said -> Hamas's "we").

Why here and not in the quotes step: events need the party of "we" when they are coded, and the
quotes step runs after them. The rule is the one news prose follows: a quotation is attributed by
a reporting verb outside it in its own sentence, or continues the quotation before it in the same
paragraph ('"Q1," X said. "Q2."').
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import Mention, replace
from .modality import load_cues

OPEN = frozenset({"\u201c"})
CLOSE = frozenset({"\u201d"})
BOTH = frozenset({'"'})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})


def quoted(doc: Doc) -> list[tuple[int, int]]:
    """Token spans [start, end) inside quotation marks; a paragraph break closes an open quote."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for token in doc:
        if "\n" in token.text or "\n" in token.whitespace_:
            if start is not None:
                spans.append((start, token.i + 1))
                start = None
            if "\n" in token.text:
                continue
        mark = token.text
        if start is None and (mark in OPEN or mark in BOTH):
            start = token.i + 1
        elif start is not None and (mark in CLOSE or mark in BOTH):
            spans.append((start, token.i))
            start = None
    if start is not None:
        spans.append((start, len(doc)))
    return spans


def _reporter(doc: Doc, span: tuple[int, int], inside: set[int]) -> Token | None:
    """The subject of a reporting verb outside the quotation, in the sentences it touches."""
    report = load_cues().report
    first, last = doc[span[0]].sent, doc[max(span[0], span[1] - 1)].sent
    for sent in {first.start: first, last.start: last}.values():
        for token in sent:
            if token.i in inside or token.lemma_.lower() not in report or token.pos_ not in {"VERB", "AUX"}:
                continue
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.i not in inside:
                return subject
    return None


def speakers(doc: Doc) -> dict[int, Token]:
    """Token inside a quotation -> the head word of its speaker."""
    spans = quoted(doc)
    inside = {i for a, b in spans for i in range(a, b)}
    out: dict[int, Token] = {}
    previous: tuple[Token, int] | None = None  # the last speaker and where its quotation ended
    for span in spans:
        if span[0] >= span[1]:
            continue
        speaker = _reporter(doc, span, inside)
        if speaker is None and previous is not None and "\n" not in doc.text[previous[1] : doc[span[0]].idx]:
            speaker = previous[0]  # '"Q1," X said. "Q2."': the same paragraph, the same voice
        if speaker is None:
            continue
        previous = (speaker, doc[span[1] - 1].idx)
        for i in range(*span):
            out[i] = speaker
    return out


def first_person(doc: Doc, mentions_at: dict[int, Mention]) -> list[tuple[Token, Mention]]:
    """Each quoted "we"/"I" that names its speaker: the pronoun and a mention giving it the speaker's
    party (a person's own for "I"; for "we", the organisation the speaker speaks for)."""
    wanted = [t for t in doc if t.lower_ in FIRST_PERSON and t.pos_ == "PRON"]
    if not wanted:
        return []
    by_token = speakers(doc)
    out: list[tuple[Token, Mention]] = []
    for token in wanted:
        speaker = by_token.get(token.i)
        found = mentions_at.get(speaker.i) if speaker is not None else None
        if found is None or found.party is None:
            continue
        party = replace(found.party, text=token.text)
        label = found.label if token.lower_ in {"i", "me", "my"} else "ORG"
        out.append((token, Mention(token.idx, token.idx + len(token.text), token.text, label, party, "pronoun")))
    return out
