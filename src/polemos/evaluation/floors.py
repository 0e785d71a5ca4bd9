"""Floors: the figures polemos promises not to lose, pinned in floors.json and checked by CI.

A floor is the measured value less a noise margin. The margin is one binomial standard error of
the measured share (an item-level flip rate a harmless change can cause), never less than
`MIN_MARGIN`; a figure where lower is better (an error rate, a distance) gets a ceiling instead.
Every floor carries a note saying why it sits where it does: raising one is a commit that says why.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .base import Figure, SetResult

FLOORS_PATH = Path(__file__).with_name("floors.json")
MIN_MARGIN = 0.01  # a share never gets a tighter margin than one point
MIN_ITEMS = 10  # figures measured on fewer items are reported but not pinned
RELATIVE_MARGIN = 0.10  # for counts, rates and times: 10% of the measured value
LOWER_IS_BETTER = ("error", "false_", "wrong", "_km", "seconds", "miss")

Direction = Literal["higher", "lower"]


@dataclass(frozen=True, slots=True)
class Floor:
    """One pinned figure: `bound` is a floor (direction higher) or a ceiling (direction lower)."""

    set: str
    figure: str
    bound: float
    measured: float
    margin: float
    n: int
    direction: Direction = "higher"
    note: str = ""

    def holds(self, value: float) -> bool:
        # Rounding keeps a figure that equals its bound from failing on float noise.
        if self.direction == "higher":
            return round(value, 6) >= round(self.bound, 6)
        return round(value, 6) <= round(self.bound, 6)

    def to_dict(self) -> dict[str, Any]:
        return {
            "bound": self.bound,
            "measured": self.measured,
            "margin": self.margin,
            "n": self.n,
            "direction": self.direction,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Floors:
    """All pinned floors plus, per set, the subsample (`limit`) they were measured on."""

    floors: tuple[Floor, ...] = ()
    limits: Mapping[str, int | None] | None = None
    rule: str = ""

    def sets(self) -> list[str]:
        return sorted({f.set for f in self.floors} | set(self.limits or {}))

    def limit(self, name: str) -> int | None:
        return (self.limits or {}).get(name)

    def of(self, name: str) -> list[Floor]:
        return [f for f in self.floors if f.set == name]

    def find(self, name: str, figure: str) -> Floor | None:
        return next((f for f in self.floors if f.set == name and f.figure == figure), None)


@dataclass(frozen=True, slots=True)
class Breach:
    """A figure below its floor (or missing): what CI reports."""

    floor: Floor
    value: float | None

    def __str__(self) -> str:
        f = self.floor
        if self.value is None:
            return f"{f.set}/{f.figure}: figure missing from the result (floor {f.bound:.4f})"
        word = "below floor" if f.direction == "higher" else "above ceiling"
        return f"{f.set}/{f.figure}: {self.value:.4f} {word} {f.bound:.4f} (pinned at {f.measured:.4f}; {f.note})"


RULE = (
    f"bound = measured - max({MIN_MARGIN}, one binomial standard error sqrt(p(1-p)/n)) for shares, "
    f"measured * (1 -/+ {RELATIVE_MARGIN}) for other units; figures on fewer than {MIN_ITEMS} items are not pinned"
)


def direction_of(figure: Figure) -> Direction:
    """Shares of right answers go up; error rates, distances and times go down."""
    return "lower" if any(marker in figure.name for marker in LOWER_IS_BETTER) else "higher"


def noise_margin(figure: Figure) -> float:
    if figure.unit == "share":
        p = min(max(figure.value, 0.0), 1.0)
        spread = math.sqrt(p * (1 - p) / figure.n) if figure.n else 1.0
        return round(max(MIN_MARGIN, spread), 4)
    return round(abs(figure.value) * RELATIVE_MARGIN, 4)


def propose(results: Iterable[SetResult], limits: Mapping[str, int | None], note: str) -> Floors:
    """Floors at the measured values less the noise margin, for every set that ran."""
    floors: list[Floor] = []
    used: dict[str, int | None] = {}
    for result in results:
        if result.skipped:
            continue
        used[result.set] = limits.get(result.set)
        for figure in result.figures:
            if figure.n < MIN_ITEMS:
                continue
            margin, direction = noise_margin(figure), direction_of(figure)
            bound = figure.value - margin if direction == "higher" else figure.value + margin
            if figure.unit == "share":
                bound = min(max(bound, 0.0), 1.0)
            floors.append(
                Floor(result.set, figure.name, round(bound, 4), round(figure.value, 4), margin, figure.n, direction, note)
            )
    return Floors(tuple(floors), used, RULE)


def check(results: Iterable[SetResult], floors: Floors) -> list[Breach]:
    """Every pinned figure of every set that ran must hold; skipped sets are not judged here."""
    breaches: list[Breach] = []
    for result in results:
        if result.skipped:
            continue
        for floor in floors.of(result.set):
            figure = result.figure(floor.figure)
            if figure is None:
                breaches.append(Breach(floor, None))
            elif not floor.holds(figure.value):
                breaches.append(Breach(floor, figure.value))
    return breaches


def merge(old: Floors, new: Floors) -> Floors:
    """New floors replace the old ones of the sets they cover; other sets keep theirs."""
    covered = set(new.limits or {})
    kept = tuple(f for f in old.floors if f.set not in covered)
    limits = {k: v for k, v in (old.limits or {}).items() if k not in covered} | dict(new.limits or {})
    return Floors(kept + new.floors, limits, new.rule or old.rule)


def load_floors(path: Path | None = None) -> Floors:
    path = path or FLOORS_PATH
    if not path.exists():
        return Floors((), {}, RULE)
    payload = json.loads(path.read_text(encoding="utf-8"))
    floors: list[Floor] = []
    limits: dict[str, int | None] = {}
    for name, entry in payload.get("sets", {}).items():
        limits[name] = entry.get("limit")
        for figure, spec in entry.get("figures", {}).items():
            floors.append(
                Floor(
                    set=name,
                    figure=figure,
                    bound=float(spec["bound"]),
                    measured=float(spec.get("measured", spec["bound"])),
                    margin=float(spec.get("margin", 0.0)),
                    n=int(spec.get("n", 0)),
                    direction=spec.get("direction", "higher"),
                    note=spec.get("note", ""),
                )
            )
    return Floors(tuple(floors), limits, payload.get("rule", RULE))


def save_floors(floors: Floors, path: Path | None = None) -> Path:
    path = path or FLOORS_PATH
    sets: dict[str, Any] = {}
    for name in floors.sets():
        sets[name] = {
            "limit": floors.limit(name),
            "figures": {f.figure: f.to_dict() for f in sorted(floors.of(name), key=lambda f: f.figure)},
        }
    payload = {"rule": floors.rule or RULE, "sets": sets}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
