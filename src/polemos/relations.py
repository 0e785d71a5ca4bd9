"""How claims relate: accounts that contradict, corroborate or revise one another.

A claim is compared with another on what it is about (shared content words, a topic from
data/says/topics.tsv), how it leans (stance words and negators, data/says/stance.tsv), the
casualty figures it gives (data/says/figures.tsv) and who makes it (same speaker, opposing
sides). Only records are read, never a spaCy Doc: the store relates claims across articles with
the same rules (`relate_analyses`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .attribution import _rows, attribution
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
_FIGURE_LEADS = frozenset({"to", "at", "of"})  # "rose to 17", "stood at 17", "a toll of 17"


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
        except (ValueError, OverflowError):  # not a number, or hundreds of digits (infinity as a float)
            return None
    return attribution().numbers.get(word)


@lru_cache(maxsize=1)
def _topic_stems() -> dict[str, str]:
    return {_stem(word): topic for word, topic in attribution().topics.items()}


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[str]:
    """Stems that say what KIND of matter a claim is about (talks, a toll), never WHICH one."""
    kb = attribution()
    return frozenset(_topic_stems()) | frozenset(_stem(w) for w in (*kb.casualty, *kb.revision))


@lru_cache(maxsize=1)
def _opposites() -> dict[str, frozenset[str]]:
    """Predicates that cannot both hold of one matter, from data/says/opposites.tsv (both directions)."""
    pairs: dict[str, set[str]] = {}
    for row in _rows("opposites.tsv"):
        if len(row) >= 2:
            a, b = row[0].lower(), row[1].lower()
            pairs.setdefault(a, set()).add(b)
            pairs.setdefault(b, set()).add(a)
    return {word: frozenset(others) for word, others in pairs.items()}


def _opposite(a: str, b: str) -> tuple[str, str] | None:
    """A word of one claim whose opposite is in the other claim (and not in the first)."""
    table = _opposites()
    wa = {w.lower() for w in _WORD.findall(a)}
    wb = {w.lower() for w in _WORD.findall(b)}
    for word in sorted(wa - wb):
        for other in sorted(table.get(word, ())):
            if other in wb and other not in wa:
                return word, other
    return None


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
    toll_kind = next((kb.casualty[w] for w in words if w in kb.casualty), None)
    for i, word in enumerate(words):
        value = _number(word)
        if value is None:
            continue
        window = words[max(0, i - 5) : i + 6]
        kinds = [kb.casualty[w] for w in window if w in kb.casualty]
        if not kinds and toll_kind and i and (words[i - 1] in _FIGURE_LEADS or words[i - 1] in kb.revision):
            kinds = [toll_kind]  # "the death toll from Tuesday's strike rose to 17": the toll is far from its figure
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


def _one_incident(a: Reading, b: Reading, matter: frozenset[str]) -> bool:
    """Two figures are about one incident when the claims share something beyond casualty words, and
    do not each name something the other lacks (a strike on Kharkiv, another on Odesa)."""
    if not matter:
        return False
    return not (a.names - b.names and b.names - a.names)


def common_stems(claims: Sequence[Claim]) -> frozenset[str]:
    """Stems in more than half of the claims ("pakis", "afgha" in a Pakistan-Afghanistan story) say nothing about the matter."""
    counts = Counter(stem for c in claims for stem in read_claim(c.text).stems)
    limit = max(2, len(claims) // 2)
    return frozenset(stem for stem, n in counts.items() if n > limit)


def compare(a: Claim, b: Claim, common: frozenset[str] = frozenset(), *, across: bool = False,
            ) -> tuple[str, float, str] | None:
    """How the later claim `b` relates to the earlier claim `a`, or None when they are not about one matter.

    Inside one article two casualty figures are about the story's incident; `across` articles they
    must also share words beyond casualty words, and not each name a place the other lacks.
    """
    if a.speaker is None or b.speaker is None:
        return None
    ra, rb = read_claim(a.text), read_claim(b.text)
    same_speaker = speaker_key(a.speaker) == speaker_key(b.speaker)
    shared = (ra.stems & rb.stems) - common
    matter = shared - _generic_stems()  # what makes it one matter, beyond "a toll" or "talks"
    overlap = len(shared) / max(1, min(len(ra.stems - common), len(rb.stems - common)))
    toll = _toll(ra, rb)
    if toll is not None and (not across or _one_incident(ra, rb, matter)):
        fa, fb = toll
        if fa.value == fb.value:
            return ("corroborates", 0.8, f"same figure: {fa.value} {fa.kind}") if not same_speaker else None
        if same_speaker or (rb.revised and not opposing(a.speaker, b.speaker)):
            return "revises", 0.8, f"figure changed from {fa.value} to {fb.value} {fb.kind}"
        return "contradicts", 0.7, f"different figures: {fa.value} vs {fb.value} {fa.kind}"
    topics = ra.topics & rb.topics
    if same_speaker or not shared:
        return None
    score = min(1.0, 0.5 + overlap / 2)
    opposite = _opposite(a.text, b.text)
    if opposite is not None and (topics or matter) and a.polarity == b.polarity:
        topic = ra.topic if ra.topic in topics else (sorted(topics)[0] if topics else "one matter")
        return "contradicts", score, f"opposite predicates on {topic} ({opposite[0]} vs {opposite[1]})"
    if not topics or (len(shared) < 2 and shared <= ra.names | rb.names):
        return None  # one shared name ("Afghanistan") is not one matter
    topic = ra.topic if ra.topic in topics else sorted(topics)[0]
    about = f"{topic} ({', '.join(sorted(shared)[:4])})"
    if a.polarity != b.polarity:
        return "contradicts", score, f"opposite accounts of {about}"
    if opposing(a.speaker, b.speaker):
        if topic in CONTENTIOUS and matter:  # sides disagree about THIS matter, not merely both about "a toll"
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


@dataclass(frozen=True, slots=True)
class Account:
    """One document's claims, with when it was published and what it names (actors, places)."""

    document: str
    published: str  # ISO date, "" when unknown
    claims: tuple[Claim, ...]
    keys: frozenset[str]  # actor keys and place names: what places the story in the world
    places: frozenset[str] = frozenset()  # where its events happened (names)


WINDOW_DAYS = 14  # reports of one matter are compared only when published this close together


def context_keys(analysis: Analysis) -> frozenset[str]:
    """Actors (by the store's actor key) and event places an article names."""
    from .store.rows import actor_key

    # Sides without a country ("civilians", "the military" unresolved) name no particular story.
    actors = {actor_key(m.party) for m in analysis.mentions if m.party is not None and m.party.country}
    return frozenset(k for k in actors | _places(analysis) if k)


def _places(analysis: Analysis) -> frozenset[str]:
    return frozenset(e.location.name for e in (*analysis.events, *analysis.unasserted) if e.location is not None and e.location.name)


def account_of(analysis: Analysis) -> Account:
    published = analysis.document.published.isoformat() if analysis.document.published else ""
    return Account(analysis.document.id, published, analysis.claims, context_keys(analysis), _places(analysis))


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _place_stems(places: frozenset[str]) -> frozenset[str]:
    return frozenset(_stem(_plain(w).lower()) for place in places for w in _WORD.findall(place))


def same_story(a: Claim, b: Claim, story_a: Account, story_b: Account, common: frozenset[str] = frozenset()) -> bool:
    """Claims of two articles can be about one matter only if they share a name (a place, a party, a
    venue), counting the places where each article's events happened: "the Istanbul negotiations"
    meets an article whose events are in Istanbul, while two articles' "the strikes" never meet."""
    names_a = {_plain(n) for n in read_claim(a.text).names} | _place_stems(story_a.places)
    names_b = {_plain(n) for n in read_claim(b.text).names} | _place_stems(story_b.places)
    return bool((names_a & names_b) - _generic_stems() - common)


def _order(a: Account, b: Account) -> tuple[Account, Account]:
    return (a, b) if (a.published, a.document) <= (b.published, b.document) else (b, a)


def relate_accounts(accounts: Sequence[Account], pairs: Iterable[tuple[int, int]]) -> list[CrossRelation]:
    """Relations between the claims of the given pairs of accounts (indexes into `accounts`).

    The later-published claim is `claim`, the earlier `other_claim`: a `revises` reads "claim revises
    other_claim". Words found in more than half of all these claims say nothing about one matter.
    """
    common = common_stems([c for account in accounts for c in account.claims])
    out: list[CrossRelation] = []
    for i, j in sorted({(min(p), max(p)) for p in pairs if p[0] != p[1]}):
        earlier, later = _order(accounts[i], accounts[j])
        if earlier.document == later.document:
            continue
        for old in earlier.claims:
            for new in later.claims:
                if not same_story(old, new, earlier, later, common):
                    continue
                verdict = compare(old, new, common, across=True)
                if verdict is not None:
                    kind, score, reason = verdict
                    out.append(CrossRelation(later.document, new.id, earlier.document, old.id, kind, score, reason))
    return out


def _close(a: Account, b: Account, window_days: int) -> bool:
    if not a.published or not b.published:
        return True
    from datetime import date

    return abs(date.fromisoformat(a.published[:10]).toordinal() - date.fromisoformat(b.published[:10]).toordinal()) <= window_days


def relate_analyses(analyses: Iterable[Analysis], window_days: int = WINDOW_DAYS) -> list[CrossRelation]:
    """Relations between claims of different articles; the later article's claim revises.

    Only articles that name a common actor or place and were published within `window_days` of
    each other are compared (the store selects its candidates the same way, through indexes).
    """
    accounts = [account_of(a) for a in analyses if a.claims]
    by_key: dict[str, list[int]] = {}
    for index, account in enumerate(accounts):
        for key in account.keys:
            by_key.setdefault(key, []).append(index)
    pairs = {(i, j) for members in by_key.values() for n, j in enumerate(members) for i in members[:n]
             if _close(accounts[i], accounts[j], window_days)}
    return relate_accounts(accounts, pairs)
