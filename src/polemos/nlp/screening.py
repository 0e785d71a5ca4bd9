"""Whole-Doc screens: which tokens could matter to a step, found before any Token is built.

Most steps look for a few words (casualty words, trigger lemmas, reporting cues, capitalised
proper nouns) and then read the parse around them. Asking each Token ("is its lemma a cue?") costs a
Token object and a string lookup per token per step. A screen asks the question once per distinct
string instead (the Doc keeps strings as hashes, and a hash always spells the same string) and reads
the answers off the Doc's attribute columns, which are taken once per Doc (`Doc.to_array`) and shared
by every screen. Screens are exact: a token is passed over only when its answer is no.

Columns are read only by the steps that run after the tagger, parser and rule steps (polemos_ner and
later), when part of speech and lemma no longer change.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from operator import or_

from spacy.attrs import IDS, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

_COLUMNS_KEY = "polemos_columns"
_COLUMNS = (ORTH, LOWER, LEMMA, POS)
_MEMO_BOUND = 500_000  # distinct strings remembered per screen; forgotten past this (a long ingest)


def column(doc: Doc, attr: int) -> list[int]:
    """One attribute of every token (hashes, or part-of-speech ids), read once per Doc."""
    kept = doc.user_data.get(_COLUMNS_KEY)
    if kept is None or len(kept[0]) != len(doc):
        rows = doc.to_array(list(_COLUMNS)).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        kept = doc.user_data[_COLUMNS_KEY] = rows
    return kept[_COLUMNS.index(attr)]


class WordScreen:
    """A yes/no question about one string attribute of a token (its lemma, lower form, text)."""

    def __init__(self, attr: str, test: Callable[[str], bool]) -> None:
        self.attr = IDS[attr]
        if self.attr not in _COLUMNS:
            raise ValueError(f"no column for {attr}; screens read {_COLUMNS}")
        self.test = test
        self._answers: dict[int, bool] = {}

    def flags(self, doc: Doc) -> list[bool]:
        """One answer per token."""
        values = column(doc, self.attr)
        answers = self._answers
        try:
            return [answers[h] for h in values]
        except KeyError:
            if len(answers) > _MEMO_BOUND:
                answers.clear()
            strings = doc.vocab.strings
            for h in set(values).difference(answers):
                answers[h] = bool(self.test(strings[h] if h else ""))
            return [answers[h] for h in values]


def pos_flags(doc: Doc, *tags: str) -> list[bool]:
    """One answer per token: whether its coarse part of speech is one of these."""
    wanted = {POS_IDS[t] for t in tags}
    return [p in wanted for p in column(doc, POS)]


def either(first: list[bool], second: list[bool]) -> list[bool]:
    return list(map(or_, first, second))


def both(first: list[bool], second: list[bool]) -> list[bool]:
    return [a and b for a, b in zip(first, second)]


def positions(flags: list[bool]) -> list[int]:
    """The token indices the flags say yes to, in order."""
    return list(compress(range(len(flags)), flags))
