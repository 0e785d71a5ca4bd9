"""Whole-Doc screens: which tokens could matter to a step, found on arrays before any Token is built.

Most steps look for a few words (casualty words, trigger lemmas, reporting cues, capitalised
proper nouns) and then read the parse around them. Asking each Token ("is its lemma a cue?") costs a
Token object and a string lookup per token per step. A screen asks the question once per distinct
string instead (strings are hashes in the Doc's arrays, and a hash always spells the same string)
and answers for the whole Doc with numpy, so a step visits only the tokens it may use. Screens are
exact: a token is passed over only when the question's answer for it is no.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import IDS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

_MEMO_BOUND = 500_000  # distinct strings remembered per screen; forgotten past this (a long ingest)


class WordScreen:
    """A yes/no question about a string attribute of a token (its lemma, lower form, text)."""

    def __init__(self, attr: str, test: Callable[[str], bool]) -> None:
        self.attr = IDS[attr]
        self.test = test
        self._yes: set[int] = set()
        self._no: set[int] = set()

    def mask(self, doc: Doc) -> numpy.ndarray:
        """One boolean per token: whether the token's string answers yes."""
        if not len(doc):
            return numpy.zeros(0, dtype=bool)
        values = doc.to_array(self.attr)
        distinct = numpy.unique(values).tolist()
        yes, no = self._yes, self._no
        new = [h for h in distinct if h not in yes and h not in no]
        if new:
            if len(yes) + len(no) > _MEMO_BOUND:
                yes.clear()
                no.clear()
            strings = doc.vocab.strings
            for h in new:
                (yes if self.test(strings[h] if h else "") else no).add(h)
        hits = [h for h in distinct if h in yes]
        if not hits:
            return numpy.zeros(len(doc), dtype=bool)
        return numpy.isin(values, numpy.array(hits, dtype=values.dtype))


def pos_mask(doc: Doc, *tags: str) -> numpy.ndarray:
    """One boolean per token: whether its coarse part of speech is one of these."""
    if not len(doc):
        return numpy.zeros(0, dtype=bool)
    return numpy.isin(doc.to_array("POS"), numpy.array([POS_IDS[t] for t in tags], dtype="uint64"))


def positions(mask: numpy.ndarray) -> list[int]:
    """The token indices a mask says yes to, in order."""
    return numpy.flatnonzero(mask).tolist()
