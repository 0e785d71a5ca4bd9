"""Finding event triggers: the words that name an event, looked up in polemos' trigger lexicon.

The lexicon (data/triggers.tsv) is knowledge; this module only holds the mechanism. A trigger is one
lemma or a phrase of several; a phrase matches when its words stand together ("peace talks") or
are linked in the parse ("reach ... agreement", "an agreement was reached", "called the talks off").
Users may add entries by pointing POLEMOS_TRIGGERS at an extra TSV of the same shape.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..records import Acled
from .screening import WordScreen, either

_MAY_START = "polemos_trigger_starts"  # doc.user_data: (lexicon, per-token flag) of the last lexicon that read the Doc

DATA = Path(__file__).resolve().parent.parent / "data"
FLAGS = frozenset({"content", "speaker", "consequence"})
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
POS_OK = {
    "VERB": frozenset({"VERB"}),
    "NOUN": frozenset({"NOUN", "PROPN"}),
    "ADJ": frozenset({"ADJ", "VERB"}),
    "ANY": frozenset({"VERB", "NOUN", "PROPN", "ADJ"}),
}


@dataclass(frozen=True, slots=True)
class Condition:
    """One `needs` item of a lexicon entry."""

    kind: str  # prep, obj, xcomp, objweapon, mod, !obj, noprep
    words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the trigger lexicon."""

    lemma: str
    words: tuple[str, ...]
    pos: str
    root: str
    mode: str | None
    cameo: str
    acled: Acled | None
    any_of: tuple[Condition, ...] = ()  # at least one must hold (when any)
    all_of: tuple[Condition, ...] = ()  # every one must hold (negative conditions)
    content: bool = False  # an event only when it governs another trigger
    speaker: bool = False  # attribution: the speaker accuses the grammatical subject
    consequence: bool = False  # a result of violence, folded into another violent event of its sentence
    learned: bool = False  # proposed by the trigger finder (a word the lexicon does not hold), not a lexicon line


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger found in a sentence: its entry, its tokens and the token that heads them."""

    entry: Entry
    tokens: tuple[int, ...]  # token indices in the Doc, sorted
    anchor: int

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


def _parse_needs(text: str) -> tuple[tuple[Condition, ...], tuple[Condition, ...], set[str]]:
    any_of: list[Condition] = []
    all_of: list[Condition] = []
    flags: set[str] = set()
    for item in filter(None, (part.strip() for part in text.split(";"))):
        if item == "-":
            continue
        if item in FLAGS:
            flags.add(item)
            continue
        kind, _, words = item.partition(":")
        condition = Condition(kind, frozenset(w.strip() for w in words.split(",") if w.strip()))
        (all_of if kind.startswith(("!", "no")) else any_of).append(condition)
    return tuple(any_of), tuple(all_of), flags


def read_entries(path: Path | str, text: str | None = None) -> list[Entry]:
    """Entries of one lexicon file; '#' lines are comments."""
    body = text if text is not None else Path(path).read_text(encoding="utf-8")
    entries = []
    for number, line in enumerate(body.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 6:
            raise ValueError(f"{path}:{number}: expected at least 6 tab-separated cells")
        lemma, pos, root, mode, cameo, acled = (c.strip() for c in cells[:6])
        needs = cells[6].strip() if len(cells) > 6 else "-"
        event_type, _, sub = acled.partition("|")
        any_of, all_of, flags = _parse_needs(needs)
        entries.append(
            Entry(
                lemma=lemma.lower(),
                words=tuple(lemma.lower().split()),
                pos=pos.upper(),
                root=root.upper(),
                mode=None if mode in {"", "-"} else mode,
                cameo=cameo,
                acled=Acled(event_type, sub) if acled not in {"", "-"} else None,
                any_of=any_of,
                all_of=all_of,
                content="content" in flags,
                speaker="speaker" in flags,
                consequence="consequence" in flags,
            )
        )
    return entries


def read_cues(name: str) -> list[list[str]]:
    """Rows of a small TSV under polemos/data (comments skipped)."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


class Lexicon:
    """Trigger entries indexed by their first word, longest phrases first."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_first: dict[str, list[Entry]] = {}
        for entry in entries:
            self.by_first.setdefault(entry.words[0], []).append(entry)
        for bucket in self.by_first.values():
            bucket.sort(key=lambda e: -len(e.words))
        self.weapons = {row[0].strip(): row for row in read_cues("weapons.tsv")}
        self._screens: tuple[int, WordScreen, WordScreen] | None = None

    def add_irregular_forms(self, tables: tuple[dict, object]) -> None:
        """Entries found by their irregular forms as written ("retook", "overran"), unless the form
        is a base verb of its own ("wound", "found"). Idempotent."""
        forms, bases = tables
        base_set = set(bases) if not isinstance(bases, set) else bases
        for form, lemmas in forms.items():
            if form in self.by_first or form in base_set or not isinstance(lemmas, list):
                continue
            bucket = [e for lemma in lemmas for e in self.by_first.get(lemma, ()) if e.pos in ("VERB", "ANY")]
            if bucket:
                self.by_first[form] = bucket

    def find(self, sent: Span) -> list[Match]:
        """Every trigger in the sentence; a token belongs to at most one trigger, longer phrases win."""
        doc = sent.doc
        found: list[Match] = []
        may_start = self._may_start(doc)
        for i in range(sent.start, sent.end):
            if not may_start[i]:
                continue
            token = doc[i]
            bucket = self.by_first.get(token.lemma_.lower()) or self.by_first.get(token.lower_)
            if not bucket or _is_month(token):
                continue
            for entry in bucket:
                tokens = self._phrase(token, entry, sent)
                if tokens is None:
                    continue
                anchor = _head_of(doc, tokens)
                if len(tokens) == 1 and doc[anchor].pos_ not in POS_OK.get(entry.pos, POS_OK["ANY"]):
                    continue
                if not self.satisfied(doc[anchor], entry):
                    continue
                found.append(Match(entry, tokens, anchor))
        found.sort(key=lambda m: (-len(m.tokens), m.start))
        taken: set[int] = set()
        chosen = []
        for match in found:
            if taken.intersection(match.tokens):
                continue
            taken.update(match.tokens)
            chosen.append(match)
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _may_start(self, doc: Doc) -> list[bool]:
        """Per token: whether its lemma or word is the first word of some entry (screened once per Doc)."""
        kept = doc.user_data.get(_MAY_START)
        if kept is not None and kept[0] is self:
            return kept[1]
        if self._screens is None or self._screens[0] != len(self.by_first):
            firsts = self.by_first
            self._screens = (len(firsts), WordScreen("LEMMA", lambda lemma: lemma.lower() in firsts),
                             WordScreen("LOWER", firsts.__contains__))
        _, by_lemma, by_word = self._screens
        mask = either(by_lemma.flags(doc), by_word.flags(doc))
        doc.user_data[_MAY_START] = (self, mask)
        return mask

    @staticmethod
    def _phrase(token: Token, entry: Entry, sent: Span) -> tuple[int, ...] | None:
        """The tokens of a phrase entry starting at `token`, by adjacency or by parse links."""
        if len(entry.words) == 1:
            return (token.i,)
        matched = [token]
        for word in entry.words[1:]:
            nxt = matched[-1].i + 1
            candidates = []
            if nxt < sent.end:
                candidates.append(sent.doc[nxt])
            for t in matched:
                candidates.extend(t.children)
                candidates.append(t.head)
            hit = next(
                (c for c in candidates if c not in matched and (c.lemma_.lower() == word or c.lower_ == word)
                 and sent.start <= c.i < sent.end),
                None,
            )
            if hit is None:
                return None
            matched.append(hit)
        return tuple(sorted(t.i for t in matched))

    def satisfied(self, anchor: Token, entry: Entry) -> bool:
        """Whether the context meets the entry's `needs`."""
        if entry.any_of and not any(self._holds(anchor, c) for c in entry.any_of):
            return False
        return all(self._holds(anchor, c) for c in entry.all_of)

    def _holds(self, anchor: Token, condition: Condition) -> bool:
        kind, words = condition.kind, condition.words
        children = list(anchor.children)
        if kind == "prep":
            return any(c.dep_ in {"prep", "prt", "agent", "dative"} and c.lemma_.lower() in words for c in children)
        if kind == "obj":
            return any(c.dep_ in OBJECT_DEPS or c.dep_ in {"attr", "dative"} for c in children)
        if kind == "xcomp":
            return any(c.dep_ in COMPLEMENT_DEPS for c in children)
        if kind == "objclause":
            if any(c.dep_ in OBJECT_DEPS for c in children) and any(c.dep_ == "xcomp" for c in children):
                return True
            return any(
                c.dep_ in COMPLEMENT_DEPS and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children) for c in children
            )
        if kind == "objweapon":
            return any(c.dep_ in OBJECT_DEPS and c.lemma_.lower() in self.weapons for c in children)
        if kind == "mod":
            return any(c.dep_ in MODIFIER_DEPS and c.lemma_.lower() in words for c in children)
        if kind == "!obj":
            # the object of a passive is its subject ("a statement was released") or the noun its
            # participle describes ("a statement released by the group")
            objects = [c for c in children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
            if anchor.dep_ == "acl" and anchor.tag_ == "VBN":
                objects.append(anchor.head)
            return not any(o.lemma_.lower() in words for o in objects)
        if kind == "noprep":
            for c in children:
                if c.lemma_.lower() in words:
                    return False
                if c.dep_ in COMPLEMENT_DEPS and any(g.dep_ == "mark" and g.lemma_.lower() in words for g in c.children):
                    return False
            return True
        return True


MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


def _is_month(token: Token) -> bool:
    """A capitalised month name is a date, not an event: "KYIV, March 4", "collapsed in March"
    ("march" the protest is lower case, except first in a sentence, where no number follows it)."""
    if token.lower_ not in MONTHS or not token.text[:1].isupper():
        return False
    if not token.is_sent_start:
        return True
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].like_num


def _head_of(doc, tokens: tuple[int, ...]) -> int:
    """The token of a phrase whose head lies outside the phrase (the syntactic head)."""
    inside = set(tokens)
    for i in tokens:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return i
    return tokens[0]


def _extra_paths() -> tuple[str, ...]:
    value = os.environ.get("POLEMOS_TRIGGERS", "")
    return tuple(p for p in value.split(os.pathsep) if p)


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> Lexicon:
    entries = read_entries(DATA / "triggers.tsv")
    for path in extra:
        entries.extend(read_entries(path))
    return Lexicon(entries)


def load_lexicon() -> Lexicon:
    """The trigger lexicon, read once per process (plus any files named in POLEMOS_TRIGGERS)."""
    return _load(_extra_paths())
