"""The learned part of "who said what": logistic scores over parse features, from shipped weights.

Two small scorers, trained on PolNeAR (polemos.training.attribution; card in
src/polemos/models/attribution/card.md), decide where the rules of claims.py are unsure:
- `cue`: is this word a reporting cue ("tweeted", "argued", "in a statement"), given its lemma,
  its part of speech, its dependents and the words around it;
- `source`: which noun phrase of the sentence is the cue's speaker, given the dependency path from
  the cue to its head word, its part of speech and where it stands.
A scorer is a table of feature weights (feature names are parse labels and lemmas, never text), so
scoring is a sum of dictionary look-ups. The features are written here once, for run time and
training alike.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from ..attribution import Attribution

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "attribution"
WEIGHTS = MODEL_DIR / "weights.json"
CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADP", "ADJ"})
SOURCE_POS = frozenset({"PROPN", "NOUN", "PRON"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_TELLING = frozenset({"nsubj", "nsubjpass", "ccomp", "dobj", "xcomp", "prep", "dative", "agent", "acl"})
_QUOTE_CHARS = frozenset("\"\u201c\u201d")
MAX_PATH = 4


@dataclass(frozen=True, slots=True)
class Scorer:
    """A logistic regression: the probability is the sigmoid of the bias plus the weights present."""

    weights: dict[str, float]
    bias: float

    def logit(self, features: Iterable[str]) -> float:
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        return self.squash(self.logit(features))

    @staticmethod
    def squash(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@dataclass(frozen=True, slots=True)
class AttributionModel:
    cue: Scorer
    source: Scorer
    cue_threshold: float
    source_threshold: float
    cue_lemmas: frozenset[str]  # the lemmas worth scoring as cues: the run-time screen


def read_model(path: Path) -> AttributionModel:
    payload = json.loads(path.read_text(encoding="utf-8"))

    def scorer(name: str) -> Scorer:
        part = payload[name]
        return Scorer({k: float(v) for k, v in part["weights"].items()}, float(part["bias"]))

    return AttributionModel(
        scorer("cue"),
        scorer("source"),
        float(payload["cue_threshold"]),
        float(payload["source_threshold"]),
        frozenset(payload["cue_lemmas"]),
    )


@lru_cache(maxsize=2)
def shipped_model(path: Path = WEIGHTS) -> AttributionModel | None:
    """The shipped weights, or None when they are absent (the rules then work alone)."""
    return read_model(path) if path.is_file() else None


# -- features ---------------------------------------------------------------------------------------
def is_cue_candidate(token: Token) -> bool:
    return token.pos_ in CUE_POS and not token.is_punct


def _near_quote(token: Token, step: int) -> bool:
    doc = token.doc
    i = token.i
    for _ in range(3):
        i += step
        if i < 0 or i >= len(doc):
            return False
        if doc[i].text in _QUOTE_CHARS or doc[i].text in {"\u2019", "'"} and step < 0:
            return True
        if not doc[i].is_punct:
            return False
    return False


def near_quote(token: Token) -> bool:
    """A quotation mark within three words before or after, over punctuation only ("...," he said)."""
    return _near_quote(token, -1) or _near_quote(token, 1)


def cue_features(token: Token, kb: Attribution, quoted: bool) -> list[str]:
    """What tells a reporting cue from another word (all strings are parse labels or lemmas)."""
    lemma = token.lemma_.lower()
    kind = kb.cues.get(lemma, "-")
    head = token.head
    deps = {c.dep_ for c in token.children}
    subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    has_clause = "ccomp" in deps
    before, after = _near_quote(token, -1), _near_quote(token, 1)
    near = before or after
    features = [
        f"l={lemma}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"k={kind}",
        f"k|p={kind}|{token.pos_}",
        f"l|d={lemma}|{token.dep_}",
        f"l|cl={lemma}|{has_clause}",
        f"k|cl={kind}|{has_clause}",
        f"hd={head.dep_}|{token.dep_}",
        f"hl={head.lemma_.lower()}|{token.dep_}",
        f"q={quoted}",
        f"qb={before}",
        f"qa={after}",
        f"w-1={token.nbor(-1).lower_ if token.i > 0 else '<s>'}",
        f"w+1={token.nbor(1).lower_ if token.i + 1 < len(token.doc) else '</s>'}",
    ]
    features.extend(f"c={d}" for d in sorted(deps))
    features.extend(f"l|c={lemma}|{d}" for d in sorted(deps & _TELLING))
    for child in token.children:
        if child.dep_ in {"prep", "prt", "mark", "advmod"} and child.i > token.i:
            features.append(f"{child.dep_}={child.lower_}")
            features.append(f"l|{child.dep_}={lemma}|{child.lower_}")
        elif child.dep_ in {"ccomp", "xcomp"}:
            mark = next((g.lower_ for g in child.children if g.dep_ == "mark"), "-")
            features.append(f"{child.dep_}.mark={mark}")
    if near:
        features.append(f"l|near={lemma}")
    if subject is not None:
        role = kb.roles.get(subject.lower_)
        features.append(f"s={subject.pos_}")
        features.append(f"s|l={subject.pos_}|{lemma}")
        if role is not None:
            features.append(f"sr={role.kind}")
    else:
        features.append("s=none")
    return features


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 12:
        chain.append(chain[-1].head)
    return chain


def dependency_path(cue: Token, other: Token) -> str:
    """The labelled path from the cue up to the common head and down to the other word:
    "v:nsubj" is the cue's own subject, "^ccomp>v:nsubj" the subject of the clause above it."""
    up = _ancestors(cue)
    down = _ancestors(other)
    index = {t.i: n for n, t in enumerate(up)}
    for n, t in enumerate(down):
        if t.i in index:
            rise = index[t.i]
            if rise + n > MAX_PATH:
                return "far"
            ups = "".join(f"^{x.dep_}" for x in up[:rise])
            downs = ">".join(x.dep_ for x in reversed(down[:n]))
            return f"{ups}>v:{downs}"
    return "none"


def source_features(cue: Token, candidate: Token, kb: Attribution, quoted: bool, path: str | None = None) -> list[str]:
    """What tells the speaker of a cue from the other noun phrases of its sentence."""
    path = path or dependency_path(cue, candidate)
    lemma = cue.lemma_.lower()
    distance = candidate.i - cue.i
    side = "before" if distance < 0 else "after"
    gap = abs(distance)
    bucket = "1" if gap == 1 else "2-3" if gap <= 3 else "4-7" if gap <= 7 else "8-15" if gap <= 15 else "16+"
    role = kb.roles.get(candidate.lower_) or kb.roles.get(candidate.lemma_.lower())
    features = [
        f"path={path}",
        f"path|p={path}|{candidate.pos_}",
        f"path|cue={path}|{kb.cues.get(lemma, '-')}",
        f"path|l={path}|{lemma}",
        f"p={candidate.pos_}",
        f"t={candidate.tag_}",
        f"d={candidate.dep_}",
        f"side={side}",
        f"gap={bucket}",
        f"side|gap={side}|{bucket}",
        f"q={quoted}",
        f"cp={cue.pos_}",
        f"cp|path={cue.pos_}|{path}",
    ]
    if candidate.pos_ == "PRON":
        features.append(f"pron={candidate.lower_}")
    if role is not None:
        features.append(f"role={role.kind}")
        features.append(f"role|path={role.kind}|{path}")
    if candidate.ent_type_:
        features.append(f"ent={candidate.ent_type_}")
    if candidate.is_title:
        features.append("title")
    return features


def source_candidates(cue: Token) -> Sequence[Token]:
    """The noun phrase heads of the cue's sentence (a compound's head stands for it)."""
    sentence = cue.sent
    return [t for t in sentence if t.pos_ in SOURCE_POS and t.dep_ not in {"compound", "poss"} and t.i != cue.i]
