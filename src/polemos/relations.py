"""How claims relate: accounts that contradict, corroborate or revise one another.

A claim is compared with another on what it is about (shared content words, a topic from
data/says/topics.tsv), how it leans (stance words and negators, data/says/stance.tsv), the
casualty figures it gives (data/says/figures.tsv) and who makes it (same speaker, opposing
sides). Only records are read, never a spaCy Doc: the store relates claims across articles with
the same rules (`relate_analyses`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .attribution import attribution
from .records import Analysis, Claim, ClaimRelation, Speaker, replace

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d[\d,]*(?:\.\d+)?")
CONTENTIOUS = frozenset({"blame", "control", "target", "fire", "toll"})
SIDED = ("official", "anonymous official", "spokesperson", "armed group", "state media")


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure found in a claim: 31 killed (civilians)."""

    value: int
    kind: str  # killed | wounded
    victims: str | None


@dataclass(frozen=True, slots=True)
class Reading:
    """What the comparison needs to know about one claim's words."""

    stems: frozenset[str]
    names: frozenset[str]  # stems of capitalised words inside the claim (Afghanistan, Kabul)
    topic: str | None
    topics: frozenset[str]
    stance: int
    figures: tuple[Figure, ...]
    revised: bool


@dataclass(frozen=True, slots=True)
class CrossRelation:
    """A relation between claims of two different analyses (documents)."""

    document: str
    claim: str
    other_document: str
    other_claim: str
    kind: str
    score: float
    reason: str


_SUFFIXES = ("ing", "ed", "es", "s", "e")


def _stem(word: str) -> str:
    """A crude stem, enough to meet "fire"/"fired"/"firing" or "negotiation"/"negotiations"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:5]


def _number(word: str) -> int | None:
    if word[0].isdigit():
        try:
            return int(float(word.replace(",", "")))
        except ValueError:
            return None
    return attribution().numbers.get(word)


@lru_cache(maxsize=1)
def _topic_stems() -> dict[str, str]:
    return {_stem(word): topic for word, topic in attribution().topics.items()}


@lru_cache(maxsize=4096)
def read_claim(text: str) -> Reading:
    """The words of a claim, reduced to what comparison needs (cached by text)."""
    kb = attribution()
    raw = _WORD.findall(text)
    words = [w.lower() for w in raw]
    names = frozenset(_stem(w.lower()) for w in raw[1:] if w[0].isupper() and w.lower() not in kb.function)
    stems = frozenset(
        _stem(w)
        for w in words
        if w not in kb.function and w not in kb.stance and w not in kb.cues and len(w) > 2 and not w[0].isdigit()
    )
    topic_counts = Counter(_topic_stems().get(_stem(w)) or kb.topics[w] for w in words if w in kb.topics or _stem(w) in _topic_stems())
    topic = max(topic_counts, key=lambda t: (topic_counts[t], t)) if topic_counts else None
    stance = sum(kb.stance.get(w, 0) for w in words)
    figures = []
    for i, word in enumerate(words):
        value = _number(word)
        if value is None:
            continue
        window = words[max(0, i - 5) : i + 6]
        kinds = [kb.casualty[w] for w in window if w in kb.casualty]
        if not kinds:
            continue
        after = words[i + 1 : i + 4]
        victims = next((kb.victims[w] for w in after if w in kb.victims), None)
        figures.append(Figure(value, kinds[0], victims))
    return Reading(
        stems=stems,
        names=names,
        topic=topic,
        topics=frozenset(topic_counts),
        stance=-1 if stance < 0 else (1 if stance > 0 else 0),
        figures=tuple(figures),
        revised=any(w in kb.revision for w in words),
    )


def topic_of(text: str) -> str | None:
    return read_claim(text).topic


def polarity_of(text: str, denial: bool = False) -> int:
    """-1 for a negative account (a denial, a failure, something that did not happen), else 1."""
    if denial:
        return -1
    return -1 if read_claim(text).stance < 0 else 1


def speaker_key(speaker: Speaker | None) -> str | None:
    if speaker is None:
        return None
    return (speaker.name or speaker.text).lower()


def _side(speaker: Speaker | None) -> tuple[str, str] | None:
    """Whose side a speaker speaks for: (country, government or armed group)."""
    if speaker is None or speaker.source_type not in SIDED:
        return None
    camp = "armed" if speaker.source_type == "armed group" else "state"
    if speaker.country is None and camp == "state":
        return None
    return (speaker.country or speaker.affiliation or "?", camp)


def opposing(a: Speaker | None, b: Speaker | None) -> bool:
    """Speakers for different countries, or an armed group against a state voice."""
    if a is None or b is None:
        return False
    armed = {a.source_type == "armed group", b.source_type == "armed group"}
    if armed == {True, False} and {a.source_type, b.source_type} & set(SIDED[:3] + ("state media",)):
        return True
    sa, sb = _side(a), _side(b)
    return sa is not None and sb is not None and sa != sb


def _toll(a: Reading, b: Reading) -> tuple[Figure, Figure] | None:
    for fa in a.figures:
        for fb in b.figures:
            if fa.kind == fb.kind and (fa.victims is None or fb.victims is None or fa.victims == fb.victims):
                return fa, fb
    return None


def common_stems(claims: Sequence[Claim]) -> frozenset[str]:
    """Stems in more than half of the claims ("pakis", "afgha" in a Pakistan-Afghanistan story) say nothing about the matter."""
    counts = Counter(stem for c in claims for stem in read_claim(c.text).stems)
    limit = max(2, len(claims) // 2)
    return frozenset(stem for stem, n in counts.items() if n > limit)


def compare(a: Claim, b: Claim, common: frozenset[str] = frozenset()) -> tuple[str, float, str] | None:
    """How the later claim `b` relates to the earlier claim `a`, or None when they are not about one matter."""
    if a.speaker is None or b.speaker is None:
        return None
    ra, rb = read_claim(a.text), read_claim(b.text)
    same_speaker = speaker_key(a.speaker) == speaker_key(b.speaker)
    shared = (ra.stems & rb.stems) - common
    overlap = len(shared) / max(1, min(len(ra.stems - common), len(rb.stems - common)))
    toll = _toll(ra, rb)
    if toll is not None:
        fa, fb = toll
        if fa.value == fb.value:
            return ("corroborates", 0.8, f"same figure: {fa.value} {fa.kind}") if not same_speaker else None
        if same_speaker or (rb.revised and not opposing(a.speaker, b.speaker)):
            return "revises", 0.8, f"figure changed from {fa.value} to {fb.value} {fb.kind}"
        return "contradicts", 0.7, f"different figures: {fa.value} vs {fb.value} {fa.kind}"
    topics = ra.topics & rb.topics
    if same_speaker or not topics or not shared or (len(shared) < 2 and shared <= ra.names | rb.names):
        return None  # one shared name ("Afghanistan") is not one matter
    topic = ra.topic if ra.topic in topics else sorted(topics)[0]
    about = f"{topic} ({', '.join(sorted(shared)[:4])})"
    score = min(1.0, 0.5 + overlap / 2)
    if a.polarity != b.polarity:
        return "contradicts", score, f"opposite accounts of {about}"
    if opposing(a.speaker, b.speaker):
        if topic in CONTENTIOUS:
            return "contradicts", score * 0.8, f"opposing sides on {about}"
        return None
    if len(shared - ra.names - rb.names) >= 2 or (ra.stance < 0 and rb.stance < 0 and shared & set(_topic_stems())):
        return "corroborates", score * 0.8, f"same account of {about}"
    return None


def relate(claims: Sequence[Claim]) -> list[Claim]:
    """The claims with their relations filled in; symmetric kinds on both, `revises` on the later claim."""
    found: dict[str, list[ClaimRelation]] = {c.id: [] for c in claims}
    ordered = sorted(claims, key=lambda c: (c.start, c.id))
    common = common_stems(claims)
    for j, later in enumerate(ordered):
        for earlier in ordered[:j]:
            if earlier.start < later.end and later.start < earlier.end:
                continue  # one report relayed inside another ("X said Y said ...") is one account, not two
            verdict = compare(earlier, later, common)
            if verdict is None:
                continue
            kind, score, reason = verdict
            found[later.id].append(ClaimRelation(earlier.id, kind, score, reason))  # type: ignore[arg-type]
            if kind != "revises":
                found[earlier.id].append(ClaimRelation(later.id, kind, score, reason))  # type: ignore[arg-type]
    return [replace(c, relations=tuple(found[c.id])) for c in claims]


def _keys(claim: Claim) -> set[str]:
    """What a claim could be compared on: its topics and the kinds of figures it gives."""
    reading = read_claim(claim.text)
    return set(reading.topics) | {f"figure:{f.kind}" for f in reading.figures}


def relate_analyses(analyses: Iterable[Analysis]) -> list[CrossRelation]:
    """Relations between claims of different articles (for the store); the later article's claim revises.

    Claims are bucketed by topic and figure kind first, so a large set is not compared pair by pair.
    """
    items = sorted(
        ((a.document.published.isoformat() if a.document.published else "", a.document.id, c) for a in analyses for c in a.claims),
        key=lambda t: (t[0], t[1], t[2].start),
    )
    common = common_stems([c for _, _, c in items])
    buckets: dict[str, list[int]] = {}
    for index, (_, _, claim) in enumerate(items):
        for key in _keys(claim):
            buckets.setdefault(key, []).append(index)
    pairs = sorted({(i, j) for members in buckets.values() for n, j in enumerate(members) for i in members[:n]})
    out: list[CrossRelation] = []
    for i, j in pairs:
        _, doc_a, earlier = items[i]
        _, doc_b, later = items[j]
        if doc_a == doc_b:
            continue
        verdict = compare(earlier, later, common)
        if verdict is not None:
            kind, score, reason = verdict
            out.append(CrossRelation(doc_b, later.id, doc_a, earlier.id, kind, score, reason))
    return out
