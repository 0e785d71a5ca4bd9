"""What every evaluation returns, so `polemos eval`, the floors gate and the docs read one shape.

Each gold set has one module in this package exposing `evaluate(data: Path, coder: Coder,
limit: int | None = None) -> SetResult`, registered in `SETS` below. `data` is the shared data
folder (default ../shared/data); a module that finds its files absent returns `SetResult.skip`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure: a share in [0, 1] unless `unit` says otherwise."""

    name: str  # e.g. "root_type_accuracy"
    value: float
    n: int  # how many items it was measured on
    unit: str = "share"  # share | count | words/s | seconds | MB
    anchor: str | None = None  # a published figure to compare with, e.g. "Mordecai 3: 90.1%"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "n": self.n, "unit": self.unit, "anchor": self.anchor}


@dataclass(frozen=True, slots=True)
class Miss:
    """One item we got wrong, with enough context to see why."""

    kind: str  # a short group name: "wrong root", "no event", "wrong target country", ...
    sentence: str
    gold: str
    ours: str
    item: str | None = None  # the gold item's id

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "sentence": self.sentence, "gold": self.gold, "ours": self.ours, "item": self.item}


@dataclass(frozen=True, slots=True)
class SetResult:
    set: str  # the set's name, e.g. "plover"
    path: str  # the file or folder that was read (or looked for)
    figures: tuple[Figure, ...] = ()
    misses: tuple[Miss, ...] = ()
    skipped: str | None = None  # why the set was not run (absent file), else None
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def skip(cls, name: str, path: Path, why: str | None = None) -> "SetResult":
        return cls(set=name, path=str(path), skipped=why or f"not found: {path}")

    def figure(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.set,
            "path": self.path,
            "figures": [f.to_dict() for f in self.figures],
            "misses": len(self.misses),
            "skipped": self.skipped,
            "seconds": round(self.seconds, 2),
            "notes": list(self.notes),
        }


def default_data_path() -> Path:
    """../shared/data beside the repository root (the layout CI and developers share)."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


# set name -> "module:function"; each helper registers its own set here.
SETS: dict[str, str] = {
    "petrarch2": "polemos.evaluation.petrarch:evaluate",
    "plover": "polemos.evaluation.plover:evaluate",
    "timeml": "polemos.evaluation.timeml:evaluate",
    "ucdp-actors": "polemos.evaluation.ucdp_actors:evaluate",
    "quotes": "polemos.evaluation.quotes:evaluate",
    "dates": "polemos.evaluation.dates:evaluate",
    "timex": "polemos.evaluation.timex:evaluate",
    "casualties": "polemos.evaluation.casualties:evaluate",
    "geowebnews": "polemos.evaluation.geo:evaluate_geowebnews",
    "lgl": "polemos.evaluation.geo:evaluate_lgl",
    "ucdp-places": "polemos.evaluation.ucdp_places:evaluate",
    "polnear": "polemos.evaluation.polnear:evaluate",
    "events-dev": "polemos.evaluation.events_dev:evaluate",
    "events-train": "polemos.evaluation.events_dev:evaluate_train",
}
