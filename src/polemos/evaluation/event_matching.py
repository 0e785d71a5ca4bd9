"""Gold events and ours, matched the way an analyst's coding is compared with a coder's.

A gold *incident* is every mention of one act in one article (labels share an `incident` id); it
is live when one of its mentions is asserted. One of our live events matches a gold incident of
the same PLOVER root when its trigger lies in a sentence where the incident is told (any of its
asserted or restated mentions), or when one of the mentions polemos folded into it does. Each
incident and each of our events matches at most once: a second event for the same incident is a
false positive, as it is for an analyst who counts reports instead of events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..periods import dates_compatible

__all__ = ["GoldIncident", "GoldMention", "OurEvent", "dates_compatible", "incidents_of", "match", "prf", "weighted_f1"]


@dataclass(slots=True)
class GoldMention:
    sentence: int
    event: dict[str, Any]

    @property
    def factuality(self) -> str:
        return str(self.event.get("factuality"))


@dataclass(slots=True)
class GoldIncident:
    key: str
    type: str
    mentions: list[GoldMention] = field(default_factory=list)

    @property
    def live(self) -> bool:
        return any(m.factuality == "asserted" for m in self.mentions)

    @property
    def told_in(self) -> set[int]:
        return {m.sentence for m in self.mentions if m.factuality in ("asserted", "restated")}

    @property
    def first(self) -> GoldMention:
        asserted = [m for m in self.mentions if m.factuality == "asserted"]
        return (asserted or self.mentions)[0]


@dataclass(frozen=True, slots=True)
class OurEvent:
    """One of our events placed in the gold article's sentences."""

    type: str
    sentence: int | None  # gold sentence holding the trigger
    folded: frozenset[int]  # gold sentences of the mentions folded into it
    factuality: str
    record: Any  # the polemos Event

    @property
    def sentences(self) -> set[int]:
        return ({self.sentence} if self.sentence is not None else set()) | set(self.folded)


def incidents_of(sentences: Sequence[dict[str, Any]], key: str) -> list[GoldIncident]:
    found: dict[str, GoldIncident] = {}
    for index, sentence in enumerate(sentences):
        for event in sentence.get("events", []):
            incident = found.setdefault(str(event["incident"]), GoldIncident(key, str(event["type"])))
            incident.mentions.append(GoldMention(index, event))
    return list(found.values())


def match(ours: Sequence[OurEvent], gold: Sequence[GoldIncident], *, typed: bool = True) -> list[tuple[OurEvent, GoldIncident]]:
    """Greedy one-to-one matching: an event's own sentence first, then the sentences folded into it."""
    pairs: list[tuple[OurEvent, GoldIncident]] = []
    free = [g for g in gold if g.live]
    for event in ours:
        def fits(g: GoldIncident) -> bool:
            return (not typed or g.type == event.type) and bool(event.sentences & g.told_in)
        candidates = [g for g in free if fits(g)]
        if not candidates:
            continue
        best = min(candidates, key=lambda g: (event.sentence not in g.told_in, event.sentence != g.first.sentence))
        free.remove(best)
        pairs.append((event, best))
    return pairs


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def weighted_f1(pairs: Iterable[tuple[str, str | None]]) -> tuple[float, int]:
    """Support-weighted F1 over the gold classes (scikit-learn's 'weighted' average)."""
    pairs = list(pairs)
    support = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs if p is not None)
    right = Counter(g for g, p in pairs if g == p)
    total = sum(support.values())
    if not total:
        return 0.0, 0
    score = 0.0
    for label, n in support.items():
        precision = right[label] / predicted[label] if predicted[label] else 0.0
        recall = right[label] / n
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        score += f1 * n / total
    return score, total
