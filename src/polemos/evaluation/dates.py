"""Date expressions and event dates, measured on polemos' own gold set.

The set is tests/gold/dates/*.jsonl in the repository (invented wire-style articles with their
publication dates, written blind before any rule was tuned on them; conventions in
tests/gold/dates/README.md). Each sub-folder holding *.jsonl is a later part of the set, written
blind when the first part no longer was (`fresh/`): its figures are reported apart, named
`<part>_<figure>`, so the first part's figures stay comparable with their floors and a new part's
first run stays on record. Like the quotes set it does not live in the shared data folder:
`data` is accepted for the common signature and unused.

- expression recall: a gold expression is found when one of our `DateMention`s overlaps it;
- value, precision and range-end accuracy: over the found expressions (range end only where the
  gold has one);
- expression precision: our mentions that overlap some gold expression;
- event anchoring: for each gold event date, the events we coded at its trigger word; the share
  of gold events we coded at all (trigger recall) and, of those, the share whose date value is
  the gold value (anchoring accuracy).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import Figure, Miss, SetResult
from .gold import FOLDER, coded, locate, measured, overlap, sentence_around

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Analysis, DateMention, Event

GOLD = FOLDER / "dates"


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _ours(mention: "DateMention | None") -> str:
    if mention is None:
        return "-"
    tail = f"..{mention.end_value}" if mention.end_value else ""
    return f"{mention.text!r} {mention.value}{tail} ({mention.precision})"


def _covering(analysis: "Analysis", span: tuple[int, int]) -> "DateMention | None":
    best = max(analysis.dates, key=lambda d: overlap((d.start, d.end), span), default=None)
    return best if best is not None and overlap((best.start, best.end), span) else None


def _events_at(analysis: "Analysis", span: tuple[int, int]) -> list["Event"]:
    # an event's date is read whether or not the judge counts it live: this set measures the date
    return [e for e in (*analysis.events, *analysis.unasserted) if overlap((e.trigger.start, e.trigger.end), span)]


class _Tally:
    """Counts and misses of one run, so `evaluate` reads as the list of checks it makes."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = dict.fromkeys(
            ("gold", "found", "value", "precision", "ranges", "range_end", "ours", "ours_ok", "events", "coded", "anchored",
             "dateline"), 0
        )
        self.misses: list[Miss] = []

    def miss(self, kind: str, sentence: str, gold: str, ours: str, item: str) -> None:
        self.misses.append(Miss(kind, sentence, gold, ours, item))

    def expression(self, text: str, gold: dict[str, Any], analysis: "Analysis", item: str) -> None:
        self.counts["gold"] += 1
        wanted = f"{gold['text']!r} {gold['value']} ({gold['precision']})"
        span = locate(text, gold["text"], gold.get("occurrence", 0))
        if span is None and gold["text"] == analysis.document.dateline_date:
            self.counts["gold"] -= 1  # the dateline's date is the report's, kept apart from the body
            self.counts["dateline"] += 1
            return
        if span is None:
            self.miss("gold text not in document", text[:120], wanted, "-", item)
            return
        sentence = sentence_around(text, span)
        ours = _covering(analysis, span)
        if ours is None:
            self.miss("expression not found", sentence, wanted, "-", item)
            return
        self.counts["found"] += 1
        if ours.value == gold["value"]:
            self.counts["value"] += 1
        else:
            self.miss("wrong value", sentence, wanted, _ours(ours), item)
        if ours.precision == gold["precision"]:
            self.counts["precision"] += 1
        else:
            self.miss("wrong precision", sentence, wanted, _ours(ours), item)
        if gold.get("end_value"):
            self.counts["ranges"] += 1
            if ours.end_value == gold["end_value"]:
                self.counts["range_end"] += 1
            else:
                self.miss("wrong range end", sentence, f"{gold['text']!r} ..{gold['end_value']}", _ours(ours), item)

    def spurious(self, text: str, spans: list[tuple[int, int]], analysis: "Analysis", item: str) -> None:
        for mention in analysis.dates:
            self.counts["ours"] += 1
            if any(overlap((mention.start, mention.end), span) for span in spans):
                self.counts["ours_ok"] += 1
            else:
                self.miss("spurious expression", sentence_around(text, (mention.start, mention.end)), "-", _ours(mention), item)

    def event(self, text: str, gold: dict[str, Any], analysis: "Analysis", item: str) -> None:
        self.counts["events"] += 1
        wanted = f"{gold['trigger']} -> {gold['value']} ({gold['precision']})"
        span = locate(text, gold["trigger"], gold.get("occurrence", 0))
        if span is None:
            self.miss("gold text not in document", text[:120], wanted, "-", item)
            return
        sentence = sentence_around(text, span)
        events = _events_at(analysis, span)
        if not events:
            self.miss("event not coded", sentence, wanted, "-", item)
            return
        self.counts["coded"] += 1
        if any(e.date is not None and e.date.value == gold["value"] for e in events):
            self.counts["anchored"] += 1
            return
        dated = events[0].date
        ours = f"{events[0].trigger.text} -> {dated.value} ({dated.precision}, {dated.source}: {dated.text!r})" if dated else "no date"
        self.miss("wrong event date", sentence, wanted, ours, item)

    def figures(self) -> tuple[Figure, ...]:
        c = self.counts
        return (
            Figure("expression_recall", _share(c["found"], c["gold"]), c["gold"]),
            Figure("value_accuracy", _share(c["value"], c["found"]), c["found"]),
            Figure("precision_level_accuracy", _share(c["precision"], c["found"]), c["found"]),
            Figure("range_end_accuracy", _share(c["range_end"], c["ranges"]), c["ranges"]),
            Figure("expression_precision", _share(c["ours_ok"], c["ours"]), c["ours"]),
            Figure("event_trigger_recall", _share(c["coded"], c["events"]), c["events"]),
            Figure("event_anchoring_accuracy", _share(c["anchored"], c["coded"]), c["coded"]),
        )


def _measure(folder: Path, coder: "Coder", limit: int | None) -> tuple[_Tally, int]:
    tally = _Tally()
    articles = 0
    for item, analysis in coded(folder, coder, limit):
        articles += 1
        text = analysis.document.text
        spans = []
        for gold in item["dates"]:
            tally.expression(text, gold, analysis, item["id"])
            span = locate(text, gold["text"], gold.get("occurrence", 0))
            if span is not None:
                spans.append(span)
        tally.spurious(text, spans, analysis, item["id"])
        for gold in item.get("events", []):
            tally.event(text, gold, analysis, item["id"])
    return tally, articles


def evaluate(data: Path, coder: "Coder", limit: int | None = None, folder: Path = GOLD) -> SetResult:
    started = time.perf_counter()
    if not folder.is_dir() or not any(folder.glob("*.jsonl")):
        return SetResult.skip("dates", folder)
    return measured("dates", folder, lambda f: _measure(f, coder, limit), _describe, started)


def _describe(tally: _Tally, articles: int) -> str:
    c = tally.counts
    note = f"{articles} articles, {c['gold']} gold date expressions, {c['events']} gold event dates"
    if c["dateline"]:
        note += f"; {c['dateline']} dateline dates (the report's, outside the body) not counted"
    return note
