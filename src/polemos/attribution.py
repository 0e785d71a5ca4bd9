"""The knowledge behind "who said what", read once from src/polemos/data/says/.

Cue verbs, speaker roles, anonymity phrases, media names, stance and topic words and casualty
figure words all live in TSV files an analyst can read. A user extends them by pointing the
environment variable POLEMOS_SAYS at one or more folders (os.pathsep separated) holding files of
the same names: their rows are read after the shipped ones and win on conflicts. This module holds
no spaCy code, so the store can relate claims without loading a pipeline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "says"
ENV = "POLEMOS_SAYS"


@dataclass(frozen=True, slots=True)
class Role:
    """What a role word tells about a speaker."""

    word: str
    kind: str  # spokesperson, official, source, witness, media, institution, armed, other
    person: bool
    gender: str | None  # "m", "f" or None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Every word list the quote and claim steps read."""

    cues: dict[str, str]  # lemma -> kind (say, report, claim, deny, confirm, accuse, want, ...)
    according: tuple[tuple[str, ...], ...]  # ("according", "to")
    relay: tuple[tuple[str, ...], ...]  # ("as", "saying")
    figure_objects: frozenset[str]  # toll, figure ... (objects that make "raise" a cue)
    roles: dict[str, Role]
    anonymity: tuple[str, ...]
    state_markers: frozenset[str]
    media_phrases: tuple[str, ...]
    outlets: dict[str, str]  # lower-case outlet name -> "state" | "independent"
    stance: dict[str, int]
    topics: dict[str, str]  # word -> topic
    casualty: dict[str, str]  # word -> killed | wounded | displaced
    revision: frozenset[str]
    numbers: dict[str, int]
    victims: dict[str, str]  # word -> victim class
    function: frozenset[str]  # words left out when comparing claims
    addressee: frozenset[str] = frozenset()  # speech verbs whose object is the one spoken to ("told reporters")


def _rows(name: str) -> list[list[str]]:
    """Rows of a shipped TSV file followed by the user's rows of the same file name."""
    paths = [DATA / name]
    for folder in filter(None, os.environ.get(ENV, "").split(os.pathsep)):
        extra = Path(folder) / name
        if extra.is_file():
            paths.append(extra)
    rows: list[list[str]] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def attribution() -> Attribution:
    """Load once per process (a few hundred rows: well under a millisecond to use afterwards)."""
    cues = {row[0].lower(): row[1] for row in _rows("cues.tsv")}
    phrases = _rows("phrases.tsv")
    roles = {
        row[0].lower(): Role(row[0].lower(), row[1], row[2] == "1", None if row[3] == "-" else row[3])
        for row in _rows("roles.tsv")
    }
    media = _rows("media.tsv")
    outlets = {row[1].lower(): row[0].split("-", 1)[1] for row in media if row[0].startswith("outlet-")}
    figures = _rows("figures.tsv")
    return Attribution(
        cues=cues,
        according=tuple(tuple(r[1].lower().split()) for r in phrases if r[0] == "according"),
        relay=tuple(tuple(r[1].lower().split()) for r in phrases if r[0] == "relay"),
        figure_objects=frozenset(r[1].lower() for r in phrases if r[0] == "figure"),
        roles=roles,
        anonymity=tuple(row[0].lower() for row in _rows("anonymity.tsv")),
        state_markers=frozenset(r[1].lower() for r in media if r[0] == "state"),
        media_phrases=tuple(r[1].lower() for r in media if r[0] == "news"),
        outlets=outlets,
        stance={row[0].lower(): int(row[1]) for row in _rows("stance.tsv")},
        topics={row[1].lower(): row[0] for row in _rows("topics.tsv")},
        casualty={r[1].lower(): r[0] for r in figures if r[0] in {"killed", "wounded", "displaced"}},
        revision=frozenset(r[1].lower() for r in figures if r[0] == "revision"),
        numbers={r[1].lower(): int(r[2]) for r in figures if r[0] == "number"},
        victims={r[2].lower(): r[1] for r in figures if r[0] == "victim"},
        function=frozenset(row[0].lower() for row in _rows("function.tsv")),
        addressee=frozenset(r[1].lower() for r in phrases if r[0] == "addressee"),
    )
