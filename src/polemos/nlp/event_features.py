"""What the learned event steps see of one candidate event: meaning, grammar and the rules' view.

A candidate is an event the trigger rules proposed. Its features are the same at training and at
run time (this module is the only place they are made):

- meaning: static MiniLM vectors (nlp/embedding.py) of the trigger, of a window around it, of its
  sentence, and of the sentence before (context for "restated" and background);
- grammar: hashed indicator features of the trigger's lemma, tag, its auxiliaries, negations,
  markers and modifiers, the lemmas and relations of its governors up to three steps (so "denied
  attacking", "plans to visit", "if ... attacked" are visible), and the sentence's own words;
- the rules' view: PLOVER root, mode, negated/hypothetical flags, actor and target found and
  their sectors, the position of the sentence, whether an earlier candidate had the same root.

Hashing uses crc32, so features are identical across processes and machines.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..ontology import ROOTS
from ..records import Event
from .embedding import Embedder

HASH_BITS = 12
HASHED = 1 << HASH_BITS
WINDOW = 4
_ROOT_INDEX = {root: i for i, root in enumerate(ROOTS)}
SECTOR_GROUPS = ("GOV", "MIL", "COP", "REB", "INS", "CVL", "IGO", "MED", "OPP")
_FLAGS = (
    "negated", "hypothetical", "has_actor", "has_target", "verb", "noun", "first_sentence", "early_sentence",
    "headline", "in_quotes", "same_root_before", "definite", "possessive_date", "said_in_sentence", "question",
    "number_in_sentence", "no_actor_no_target", "short_sentence", "long_sentence", "last_token_colon",
)
N_FLAGS = len(_FLAGS) + len(ROOTS) + 2 * len(SECTOR_GROUPS) + 1
_QUOTES = set("\u201c\u201d\"\u2018\u2019")
_HEADLINE_END = re.compile(r"[.!?:\"\u201d\u2019]$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed event and where it sits in the Doc."""

    event: Event
    anchor: Token  # the head token of the trigger
    sentence: Span
    sentence_index: int


def feature_size(dim: int) -> int:
    return 4 * dim + HASHED + N_FLAGS


def anchor_of(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def candidates_of(doc: Doc, events: Sequence[Event]) -> list[Candidate]:
    sentences = list(doc.sents)
    starts = [s.start for s in sentences]
    found = []
    for event in events:
        anchor = anchor_of(doc, event)
        if anchor is None:
            continue
        index = max(0, np.searchsorted(starts, anchor.i, side="right") - 1)
        found.append(Candidate(event, anchor, sentences[index], int(index)))
    return found


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (HASHED - 1)


def grammar_features(candidate: Candidate) -> list[str]:
    anchor = candidate.anchor
    names = [f"lemma={anchor.lemma_.lower()}", f"tag={anchor.tag_}", f"dep={anchor.dep_}",
             f"root={candidate.event.type}|lemma={anchor.lemma_.lower()}"]
    for child in anchor.children:
        if child.dep_ in {"aux", "auxpass", "neg", "mark", "advmod", "prt", "det", "poss", "amod", "compound", "nsubj",
                          "nsubjpass", "dobj", "prep", "agent", "advcl", "xcomp", "ccomp", "npadvmod", "nummod"}:
            names.append(f"child:{child.dep_}={child.lemma_.lower()}")
            names.append(f"childdep={child.dep_}")
    token, path = anchor, "up"
    for _ in range(3):
        if token.head is token:
            break
        path += f">{token.dep_}"
        token = token.head
        names.append(f"{path}={token.lemma_.lower()}")
        names.append(f"gov={token.lemma_.lower()}")
        for child in token.children:
            if child.dep_ in {"aux", "neg", "mark", "advmod"}:
                names.append(f"govchild:{child.dep_}={child.lemma_.lower()}")
    for word in candidate.sentence:
        if not word.is_punct and not word.like_num:
            names.append(f"s={word.lemma_.lower()}")
    return names


def _in_quotes(candidate: Candidate) -> bool:
    sent, anchor = candidate.sentence, candidate.anchor
    opened = False
    for token in sent:
        if token.i >= anchor.i:
            break
        if token.text in {"\u201c", "\u2018"} or (token.text == '"' and not opened):
            opened = True
        elif token.text in {"\u201d", "\u2019"} or token.text == '"':
            opened = False
    return opened


def flag_vector(candidate: Candidate, previous_roots: set[str]) -> np.ndarray:
    event, anchor, sent = candidate.event, candidate.anchor, candidate.sentence
    text = sent.text.strip()
    lemmas = {t.lemma_.lower() for t in sent}
    flags = {
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "has_actor": event.actor is not None,
        "has_target": event.target is not None,
        "verb": anchor.pos_ in {"VERB", "AUX"},
        "noun": anchor.pos_ in {"NOUN", "PROPN"},
        "first_sentence": candidate.sentence_index == 0,
        "early_sentence": candidate.sentence_index < 4,
        "headline": len(sent) <= 20 and not _HEADLINE_END.search(text),
        "in_quotes": _in_quotes(candidate),
        "same_root_before": event.type in previous_roots,
        "definite": any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in anchor.children),
        "possessive_date": any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in anchor.children),
        "said_in_sentence": bool(lemmas & {"say", "tell", "according", "state"}),
        "question": text.endswith("?"),
        "number_in_sentence": any(t.like_num for t in sent),
        "no_actor_no_target": event.actor is None and event.target is None,
        "short_sentence": len(sent) < 8,
        "long_sentence": len(sent) > 40,
        "last_token_colon": text.endswith(":"),
    }
    vector = np.zeros(N_FLAGS, dtype=np.float32)
    for i, name in enumerate(_FLAGS):
        vector[i] = float(flags[name])
    base = len(_FLAGS)
    if event.type in _ROOT_INDEX:
        vector[base + _ROOT_INDEX[event.type]] = 1.0
    base += len(ROOTS)
    for offset, party in ((0, event.actor), (len(SECTOR_GROUPS), event.target)):
        if party is not None and party.sector in SECTOR_GROUPS:
            vector[base + offset + SECTOR_GROUPS.index(party.sector)] = 1.0
    vector[-1] = float(event.mode is not None)
    return vector


def featurize(doc: Doc, candidates: Sequence[Candidate], embedder: Embedder) -> np.ndarray:
    """One row per candidate, in order; earlier candidates' roots feed `same_root_before`."""
    dim = embedder.dim
    rows = np.zeros((len(candidates), feature_size(dim)), dtype=np.float32)
    sentences = list(doc.sents)
    seen: set[str] = set()
    for row, candidate in enumerate(candidates):
        anchor, sent = candidate.anchor, candidate.sentence
        trigger = doc.char_span(candidate.event.trigger.start, candidate.event.trigger.end, alignment_mode="expand")
        t_start, t_end = (trigger.start, trigger.end) if trigger is not None else (anchor.i, anchor.i + 1)
        before = sentences[candidate.sentence_index - 1] if candidate.sentence_index > 0 else None
        parts = (
            embedder.span_vector(doc, t_start, t_end),
            embedder.span_vector(doc, max(sent.start, anchor.i - WINDOW), min(sent.end, anchor.i + WINDOW + 1)),
            embedder.span_vector(doc, sent.start, sent.end),
            embedder.span_vector(doc, before.start, before.end) if before is not None else np.zeros(dim, np.float32),
        )
        for k, part in enumerate(parts):
            rows[row, k * dim:(k + 1) * dim] = part
        hashed = np.zeros(HASHED, dtype=np.float32)
        for name in grammar_features(candidate):
            hashed[_hash(name)] = 1.0
        rows[row, 4 * dim:4 * dim + HASHED] = hashed
        rows[row, 4 * dim + HASHED:] = flag_vector(candidate, seen)
        seen.add(candidate.event.type)
    return rows


# --- words the trigger lexicon does not know: features of one token as a possible trigger -----------
TOKEN_POS = frozenset({"VERB", "NOUN"})
_NEVER = frozenset({"be", "have", "do", "say", "tell", "add", "also", "year", "day", "time", "people", "week",
                    "month", "government", "official", "minister", "country", "statement", "report"})


def possible_triggers(doc: Doc) -> list[Token]:
    """Verbs and nouns that could name an act (not auxiliaries, reporting verbs or time words)."""
    return [t for t in doc if t.pos_ in TOKEN_POS and t.lemma_.lower() not in _NEVER and t.is_alpha and len(t) > 2]


def token_feature_size(dim: int) -> int:
    return 3 * dim + HASHED


def token_features(doc: Doc, tokens: Sequence[Token], embedder: Embedder) -> np.ndarray:
    dim = embedder.dim
    rows = np.zeros((len(tokens), token_feature_size(dim)), dtype=np.float32)
    for row, token in enumerate(tokens):
        sent = token.sent
        rows[row, :dim] = embedder.span_vector(doc, token.i, token.i + 1)
        rows[row, dim:2 * dim] = embedder.span_vector(doc, max(sent.start, token.i - WINDOW), min(sent.end, token.i + WINDOW + 1))
        rows[row, 2 * dim:3 * dim] = embedder.span_vector(doc, sent.start, sent.end)
        names = [f"lemma={token.lemma_.lower()}", f"tag={token.tag_}", f"dep={token.dep_}",
                 f"head={token.head.lemma_.lower()}", f"headdep={token.dep_}>{token.head.pos_}"]
        names += [f"child:{c.dep_}={c.lemma_.lower()}" for c in token.children if c.dep_ in
                  {"aux", "auxpass", "neg", "dobj", "nsubj", "nsubjpass", "prep", "amod", "compound", "det", "prt"}]
        names += [f"childdep={c.dep_}" for c in token.children]
        hashed = rows[row, 3 * dim:]
        for name in names:
            hashed[_hash(name)] = 1.0
    return rows
