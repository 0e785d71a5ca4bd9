"""Reading polemos' own gold sets (tests/gold/<set>/*.jsonl): the files and where their words sit.

The gold files name a stretch of text by its words and which whole-word occurrence it is, not by
offsets, so they stay readable and survive the document cleaning (datelines taken off the top):
`locate` finds the stretch again in the text the coder actually read.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Analysis

FOLDER = Path(__file__).resolve().parents[3] / "tests" / "gold"


def load(folder: Path) -> list[dict[str, Any]]:
    """Every gold item of a set, file by file in name order."""
    items: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def parts(folder: Path) -> list[Path]:
    """The later parts of a set: its sub-folders holding gold files, in name order."""
    return sorted(sub for sub in folder.iterdir() if sub.is_dir() and any(sub.glob("*.jsonl")))


class Tally(Protocol):
    """What one pass over a set's files leaves: its figures and its misses."""

    misses: list[Miss]

    def figures(self) -> tuple[Figure, ...]: ...


T = TypeVar("T", bound=Tally)


def measured(name: str, folder: Path, measure: Callable[[Path], tuple[T, int]],
             describe: Callable[[T, int], str], started: float) -> SetResult:
    """A set's result: its main files, then each later part (a sub-folder such as fresh/) measured
    apart and reported as <part>_<figure>, so the main figures stay comparable with their floors."""
    tally, count = measure(folder)
    figures, misses, notes = list(tally.figures()), list(tally.misses), [describe(tally, count)]
    for part in parts(folder):
        extra, count = measure(part)
        figures += [replace(f, name=f"{part.name}_{f.name}") for f in extra.figures()]
        misses += [replace(m, kind=f"{part.name}: {m.kind}") for m in extra.misses]
        notes.append(f"part {part.name}: {describe(extra, count)}")
    return SetResult(set=name, path=str(folder), figures=tuple(figures), misses=tuple(misses),
                     seconds=time.perf_counter() - started, notes=tuple(notes))


def coded(folder: Path, coder: "Coder", limit: int | None = None) -> Iterator[tuple[dict[str, Any], "Analysis"]]:
    """Each gold item (the first `limit`) with the coder's analysis of its text."""
    items = load(folder)
    for item in items[:limit] if limit else items:
        yield item, coder.code_text(item["text"], published=date.fromisoformat(item["published"]), id=item["id"])


def locate(text: str, words: str, occurrence: int = 0) -> tuple[int, int] | None:
    """(start, end) of the n-th whole-word occurrence of `words` in `text`, or None."""
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    for index, match in enumerate(pattern.finditer(text)):
        if index == occurrence:
            return match.start(), match.end()
    return None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two spans share (0 when they are apart)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def sentence_around(text: str, span: tuple[int, int]) -> str:
    """The sentence holding a span, for a miss a person can read without opening the file.

    A full stop ends a sentence only before a capital or a quote and not after a lone capital
    ("U.S. President") or a month abbreviation, which in these sets is followed by a digit anyway.
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    start = max([e for e in ends if e <= span[0]], default=0)
    end = min([e for e in ends if e >= span[1]], default=len(text))
    return text[start:end].strip()


_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?][\"\u201d]?\s+(?=[A-Z\"\u201c])|\n")
