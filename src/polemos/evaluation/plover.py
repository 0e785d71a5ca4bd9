"""PLOVER gold records: event root, mode and the countries of source and target.

Reads ../shared/data/external/plover/PLOVER_GSR_CAMEO.txt in place (one JSON array of records from
the CAMEO manual, re-coded in PLOVER). Each record's `textInfo.markup` marks the source, target,
event and location inline: "(SRC: Hungarian) officials (EVT: agreed) ...". We strip the markup
(keeping the offsets of the gold event words), code the plain sentence, and choose our event for
the gold one: the event whose trigger overlaps a gold event span, else the most confident one.
The gold set predates PLOVER's current names: DEMAND→REQUEST, DISAPPROVE→ACCUSE, FIGHT→ASSAULT,
INVESTIGATE→ACCUSE; old mode names are mapped the same way (below).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Event, Party

FILE = Path("external") / "plover" / "PLOVER_GSR_CAMEO.txt"
OLD_ROOTS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
# Mode names of the 2016 gold set -> the names of the current PLOVER manual.
OLD_MODES = {
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "host": "visit",
    "assassinate": "targeted",
    "detain": "arrest",
    "confiscate": "seize",
    "ban": "ban",
}
# CAMEO puts a transnational actor's type where a country code would stand ("IGO" for the UN).
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC"})
MARK = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC):\s*")


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    root: str
    mode: str | None
    sources: frozenset[str]
    targets: frozenset[str]
    events: tuple[tuple[int, int], ...]  # character spans of the gold event words in `text`


def strip_markup(markup: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """Plain text and, per label, the spans the markup gave (offsets into the plain text)."""
    out: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    i = 0
    stack: list[tuple[str, int]] = []
    length = 0
    while i < len(markup):
        m = MARK.match(markup, i)
        if m:
            stack.append((m.group(1), length))
            i = m.end()
            continue
        ch = markup[i]
        if ch == ")" and stack:
            label, start = stack.pop()
            spans.setdefault(label, []).append((start, length))
            i += 1
            continue
        out.append(ch)
        length += 1
        i += 1
    return "".join(out), spans


def _codes(value: object) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(str(a.get("code", "")).strip()[:3].upper() for a in value if isinstance(a, dict) and a.get("code"))


def read_gold(path: Path) -> list[GoldRecord]:
    records = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        root = OLD_ROOTS.get(item.get("event", ""), item.get("event", ""))
        info = item.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else None
        markup = markup or item.get("text")
        if root in {"", "DOCUMENT"} or not markup:
            continue
        text, spans = strip_markup(markup)
        mode = (item.get("mode") or "").strip() or None
        records.append(
            GoldRecord(
                id=item.get("id", ""),
                text=text,
                root=root,
                mode=OLD_MODES.get(mode, mode) if mode else None,
                sources=_codes(item.get("source")),
                targets=_codes(item.get("target")),
                events=tuple(spans.get("EVT", [])),
            )
        )
    return records


def choose(events: Iterable["Event"], gold: GoldRecord) -> "Event | None":
    """Our event for the gold one: trigger overlapping a gold event span, else the most confident."""
    events = list(events)
    if not events:
        return None
    overlapping = [
        e for e in events if any(e.trigger.start < end and start < e.trigger.end for start, end in gold.events)
    ]
    pool = overlapping or events
    return max(pool, key=lambda e: (not e.negated, e.confidence))


def code_of(party: "Party | None") -> str | None:
    """The CAMEO code a gold record would give this party: its country, else a transnational type."""
    if party is None:
        return None
    if party.country:
        return party.country
    sector = (party.sector or "")[:3]
    return sector if sector in TRANSNATIONAL else None


def _describe(event: "Event | None") -> str:
    if event is None:
        return "no event"
    actor, target = code_of(event.actor), code_of(event.target)
    return f"{event.type}/{event.mode} [{event.trigger.text}] {actor}->{target}"


def evaluate(data: Path, coder: "Coder", limit: int | None = None) -> SetResult:
    path = Path(data) / FILE
    if not path.exists():
        return SetResult.skip("plover", path)
    began = time.perf_counter()
    gold = read_gold(path)[: limit or None]
    # PLOVER's records code each sentence's event as proposed, whether or not it happened: no folding,
    # and the unasserted events count too
    from ..coder import Coder as _Coder

    per_trigger = _Coder(nlp=coder.nlp, published=coder.published, fold=False)
    analyses = per_trigger.code_many(
        _article(record.text, f"plover-{n}") for n, record in enumerate(gold)
    )
    covered = root_ok = mode_n = mode_ok = src_n = src_ok = tar_n = tar_ok = 0
    misses: list[Miss] = []
    for record, analysis in zip(gold, analyses):
        event = choose([*analysis.events, *analysis.unasserted], record)
        if event is None:
            misses.append(Miss("no event", record.text, record.root, "no event", record.id))
            continue
        covered += 1
        if event.type == record.root:
            root_ok += 1
        else:
            misses.append(Miss("wrong root", record.text, record.root, _describe(event), record.id))
        if record.mode:
            mode_n += 1
            if event.mode == record.mode:
                mode_ok += 1
            else:
                misses.append(Miss("wrong mode", record.text, f"{record.root}/{record.mode}", _describe(event), record.id))
        if record.sources:
            src_n += 1
            if code_of(event.actor) in record.sources:
                src_ok += 1
            else:
                misses.append(Miss("wrong source country", record.text, ",".join(sorted(record.sources)), _describe(event), record.id))
        if record.targets:
            tar_n += 1
            if code_of(event.target) in record.targets:
                tar_ok += 1
            else:
                misses.append(Miss("wrong target country", record.text, ",".join(sorted(record.targets)), _describe(event), record.id))
    n = len(gold)
    figures = (
        Figure("root_type_accuracy", root_ok / n if n else 0.0, n),
        Figure("coverage", covered / n if n else 0.0, n),
        Figure("mode_accuracy", mode_ok / mode_n if mode_n else 0.0, mode_n),
        Figure("source_country_accuracy", src_ok / src_n if src_n else 0.0, src_n),
        Figure("target_country_accuracy", tar_ok / tar_n if tar_n else 0.0, tar_n),
    )
    return SetResult(
        set="plover",
        path=str(path),
        figures=figures,
        misses=tuple(misses),
        seconds=time.perf_counter() - began,
        notes=("root accuracy counts records without any event as wrong; mode over records with a gold mode",),
    )


def _article(text: str, id: str):
    from ..sources import article_from_bytes

    return article_from_bytes(text.encode("utf-8"), id=id, kind="text")
