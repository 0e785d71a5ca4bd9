"""Casualty statements, measured on polemos' own gold set.

The set is tests/gold/casualties/*.jsonl in the repository (invented wire-style articles,
written blind before any rule was tuned on them; conventions in tests/gold/casualties/README.md).
Each sub-folder holding *.jsonl is a later blind part (`fresh/`), reported apart as
`<part>_<figure>` so the first part's figures stay comparable with their floors.
Like the quotes set it does not live in the shared data folder: `data` is accepted for the common
signature and unused.

A gold statement is found when one of our `CasualtyCount`s overlaps its words (the one of the
same kind first, then the widest overlap). Over the found statements: best, low/high (both),
kind, claimant, revision flag; party only where the gold states one; event tie where the gold
gives an event (our count's event has its trigger on one of the words naming the gold event).
Statement precision: our counts that overlap some gold statement.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import Figure, Miss, SetResult
from .gold import FOLDER, coded, locate, measured, overlap, sentence_around

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Analysis, CasualtyCount

GOLD = FOLDER / "casualties"

CHECKS = ("best", "bounds", "kind", "party", "claimant", "revision", "event")


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _gold_words(gold: dict[str, Any]) -> str:
    return f"{gold['kind']} {gold['low']}/{gold['best']}/{gold['high']} {gold['text']!r}"


def _our_words(count: "CasualtyCount") -> str:
    return f"{count.kind} {count.low}/{count.best}/{count.high} {count.text!r}"


def _matching(analysis: "Analysis", span: tuple[int, int], kind: str) -> "CasualtyCount | None":
    touching = [c for c in analysis.casualties if overlap((c.start, c.end), span)]
    if not touching:
        return None
    return max(touching, key=lambda c: (c.kind == kind, overlap((c.start, c.end), span)))


def _party_ok(count: "CasualtyCount", gold: dict[str, Any]) -> bool:
    party = count.party
    if party is None or party.sector != gold["sector"]:
        return False
    return gold["country"] is None or party.country == gold["country"]


def _claimant_ok(count: "CasualtyCount", gold: list[str] | None) -> bool:
    if gold is None:
        return count.claimed_by is None
    ours = (count.claimed_by or "").lower()
    return bool(ours) and any(words.lower() in ours for words in gold)


def _event_spans(text: str, mentions: list[dict[str, Any]]) -> list[tuple[int, int]]:
    spans = (locate(text, m["trigger"], m.get("occurrence", 0)) for m in mentions)
    return [s for s in spans if s is not None]


class _Tally:
    """Counts and misses of one run, so `evaluate` reads as the list of checks it makes."""

    def __init__(self) -> None:
        self.gold = self.found = self.ours = self.ours_ok = 0
        self.right = dict.fromkeys(CHECKS, 0)
        self.asked = dict.fromkeys(CHECKS, 0)
        self.misses: list[Miss] = []

    def check(self, name: str, ok: bool, miss: Miss) -> None:
        self.asked[name] += 1
        if ok:
            self.right[name] += 1
        else:
            self.misses.append(miss)

    def statement(self, text: str, gold: dict[str, Any], item: dict[str, Any], analysis: "Analysis") -> None:
        self.gold += 1
        span = locate(text, gold["text"], gold.get("occurrence", 0))
        if span is None:
            self.misses.append(Miss("gold text not in document", text[:120], _gold_words(gold), "-", item["id"]))
            return
        sentence = sentence_around(text, span)
        count = _matching(analysis, span, gold["kind"])
        if count is None:
            self.misses.append(Miss("statement not found", sentence, _gold_words(gold), "-", item["id"]))
            return
        self.found += 1
        ours = _our_words(count)

        def miss(kind: str, wanted: str, got: str) -> Miss:
            return Miss(kind, sentence, wanted, got, item["id"])

        self.check("best", count.best == gold["best"], miss("wrong best", _gold_words(gold), ours))
        bounds = (count.low, count.high) == (gold["low"], gold["high"])
        self.check("bounds", bounds, miss("wrong low/high", _gold_words(gold), ours))
        self.check("kind", count.kind == gold["kind"], miss("wrong kind", _gold_words(gold), ours))
        if gold["party"] is not None:
            party = count.party
            got = f"{party.country}/{party.sector} ({party.text!r})" if party else "none"
            wanted = f"{gold['party']['country'] or '*'}/{gold['party']['sector']}"
            self.check("party", _party_ok(count, gold["party"]), miss("wrong party", wanted, got))
        wanted = "/".join(gold["claimed_by"]) if gold["claimed_by"] else "none"
        self.check("claimant", _claimant_ok(count, gold["claimed_by"]), miss("wrong claimant", wanted, str(count.claimed_by)))
        self.check("revision", count.revision == gold["revision"], miss("wrong revision flag", str(gold["revision"]), str(count.revision)))
        if gold["event"] is not None:
            triggers = _event_spans(text, item["events"][gold["event"]])
            event = next((e for e in (*analysis.events, *analysis.unasserted) if e.id == count.event), None)  # live or not: the tie is measured
            tied = event is not None and any(overlap((event.trigger.start, event.trigger.end), t) for t in triggers)
            wanted = "/".join(m["trigger"] for m in item["events"][gold["event"]])
            got = f"{event.type}: {event.trigger.text!r}" if event else "no event"
            self.check("event", tied, miss("wrong event", wanted, got))

    def spurious(self, text: str, spans: list[tuple[int, int]], analysis: "Analysis", item: str) -> None:
        for count in analysis.casualties:
            self.ours += 1
            if any(overlap((count.start, count.end), span) for span in spans):
                self.ours_ok += 1
            else:
                sentence = sentence_around(text, (count.start, count.end))
                self.misses.append(Miss("spurious statement", sentence, "-", _our_words(count), item))

    def figures(self) -> tuple[Figure, ...]:
        def figure(name: str, check: str) -> Figure:
            return Figure(name, _share(self.right[check], self.asked[check]), self.asked[check])

        return (
            Figure("statement_recall", _share(self.found, self.gold), self.gold),
            Figure("statement_precision", _share(self.ours_ok, self.ours), self.ours),
            figure("best_accuracy", "best"),
            figure("low_high_accuracy", "bounds"),
            figure("kind_accuracy", "kind"),
            figure("party_accuracy", "party"),
            figure("claimant_accuracy", "claimant"),
            figure("revision_accuracy", "revision"),
            figure("event_tie_accuracy", "event"),
        )


def _measure(folder: Path, coder: "Coder", limit: int | None) -> tuple[_Tally, int]:
    tally = _Tally()
    articles = 0
    for item, analysis in coded(folder, coder, limit):
        articles += 1
        text = analysis.document.text
        spans = []
        for gold in item["statements"]:
            tally.statement(text, gold, item, analysis)
            span = locate(text, gold["text"], gold.get("occurrence", 0))
            if span is not None:
                spans.append(span)
        tally.spurious(text, spans, analysis, item["id"])
    return tally, articles


def evaluate(data: Path, coder: "Coder", limit: int | None = None, folder: Path = GOLD) -> SetResult:
    started = time.perf_counter()
    if not folder.is_dir() or not any(folder.glob("*.jsonl")):
        return SetResult.skip("casualties", folder)
    return measured("casualties", folder, lambda f: _measure(f, coder, limit),
                    lambda tally, n: f"{n} articles, {tally.gold} gold casualty statements", started)
