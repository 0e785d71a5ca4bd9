"""PETRARCH2's unit records ("petrarch2"): CAMEO event, source and target codes on stylised sentences.

The 284 records (../shared/data/external/petrarch2/PETR.UnitTest.records.xml) test coding *given*
PETRARCH's validation dictionaries: fictional actors (Arnor, Gondor, ...) that only
PETR.Validate.actors/agents know, and verbs and patterns of PETR.Validate.verbs (partly old WEIS
codes and test-only codes such as 903). So the pipeline used here reads those actor dictionaries
through polemos' CAMEO actor importer and, for the headline figures, the verb dictionary through
the CAMEO verb importer (knowledge/cameo_verbs.py) in place of polemos' trigger lexicon; the same
figures with polemos' own lexicon are reported beside them (`own_*`). Every other step is polemos'
own: argument rules, modality, content rules. `event_root` counts gold codes within CAMEO's 01-20
roots; `event_code` compares the whole code, test-only codes included.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..coder import Coder
from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from spacy.language import Language

    from ..records import Analysis, Event, Party

NAME = "petrarch2"
FOLDER = Path("external") / "petrarch2"
RECORDS = "PETR.UnitTest.records.xml"
PLOVER_TABLE = Path("external") / "plover" / "CAMEO2PLOVER-2021.txt"
ACTOR_FILES = ("PETR.Validate.actors.txt",)
AGENT_FILES = ("PETR.Validate.agents.txt",)
VERB_FILES = ("PETR.Validate.verbs.txt",)
UNMAPPED_ROOT = "CAMEO"  # root of the records' codes PLOVER has none for (01 statements, 02 appeals, 9xx)
ACTOR_CODE_CHARS = 6  # country (3) + first role (3): the level PETRARCH evaluations compare at
CAMEO_ROOTS = {f"{n:02d}" for n in range(1, 21)}
GAZETTEER = "polemos_gazetteer"


@dataclass(frozen=True, slots=True)
class Coding:
    """One expected event: CAMEO source, target and event codes."""

    source: str
    target: str
    event: str

    @property
    def root(self) -> str | None:
        """The CAMEO root ("064" -> "06", "1717" -> "17"), None for the test-only 9xx codes."""
        root = self.event[:2]
        return root if root in CAMEO_ROOTS else None

    def __str__(self) -> str:
        return f"{self.source or '?'} -> {self.target or '?'} {self.event}"


@dataclass(frozen=True, slots=True)
class UnitRecord:
    id: str
    category: str
    published: date | None
    text: str
    codings: tuple[Coding, ...]
    no_events: bool
    error: str | None  # PETRARCH's expected error ("storydiscard", "dateline", ...): not an event test


@dataclass(frozen=True, slots=True)
class Coded:
    """One of our events as CAMEO-style codes."""

    source: str | None
    target: str | None
    cameo: str | None
    plover: str
    trigger: str

    def __str__(self) -> str:
        return f"{self.source or '-'} -> {self.target or '-'} {self.cameo or '-'} {self.plover} ({self.trigger!r})"


def _published(value: str | None) -> date | None:
    if value and re.fullmatch(r"\d{8}", value):
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    return None


def read_records(path: Path) -> list[UnitRecord]:
    """Every <Sentence> of the validation file, in file order."""
    root = ET.parse(path).getroot()
    records = []
    for sentence in root.iter("Sentence"):
        codings, no_events, error = [], False, None
        for coding in sentence.findall("EventCoding"):
            if coding.get("noevents", "").strip().lower() == "true":
                no_events = True
            elif coding.get("error"):
                error = coding.get("error")
            else:
                codings.append(Coding(coding.get("sourcecode", ""), coding.get("targetcode", ""), coding.get("eventcode", "")))
        text = " ".join((sentence.findtext("Text") or "").split())
        records.append(
            UnitRecord(
                id=sentence.get("id", ""),
                category=sentence.get("category", ""),
                published=_published(sentence.get("date")),
                text=text,
                codings=tuple(codings),
                no_events=no_events or (not codings and error is None),
                error=error,
            )
        )
    return records


def read_plover_table(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER root, from the PLOVER manual's conversion table."""
    table: dict[str, str] = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(r"\s*(\d{2,4})\s*:\s*([A-Za-z_]+)", line)
        if match:
            table[match.group(1)] = match.group(2).upper()
    return table


def plover_of(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER root of a CAMEO code, trying the full code, then its 3- and 2-digit parents."""
    for length in (len(code), 3, 2):
        if code[:length] in table:
            return table[code[:length]]
    return None


def party_code(party: "Party | None") -> str | None:
    """A Party as a CAMEO actor code: country (or ---) then sector."""
    if party is None:
        return None
    if party.id and re.fullmatch(r"[A-Z-]{3,}", party.id) and not party.country:
        return party.id
    country = party.country or "---"
    return country + (party.sector or "")


def code_event(event: "Event") -> Coded:
    return Coded(party_code(event.actor), party_code(event.target), event.cameo, event.type, event.trigger.text)


def country_first(code: str) -> str:
    """'NGOARN' (an NGO of Arnor, CAMEO's order for stateless kinds) -> 'ARNNGO', the order polemos' parties give."""
    from ..knowledge.cameo import STATELESS

    head, rest = code[:3], code[3:6]
    if head in STATELESS and len(rest) == 3 and rest.isalpha() and rest not in STATELESS:
        return rest + head + code[6:]
    return code


def actor_matches(gold: str, ours: str | None) -> bool:
    """Codes agree on country and first role; a gold '---' (uncoded actor) accepts no actor or an uncoded one."""
    if gold.strip("-") == "":
        return ours is None or ours.startswith("---")
    if ours is None:
        return False
    return country_first(ours)[:ACTOR_CODE_CHARS] == country_first(gold)[:ACTOR_CODE_CHARS]


def root_matches(gold: Coding, ours: Coded) -> bool:
    return gold.root is not None and bool(ours.cameo) and ours.cameo[:2] == gold.root


def code_matches(gold: Coding, ours: Coded) -> bool:
    """The whole CAMEO code, as written in the records ("064", "1717", "174K", "903")."""
    return bool(ours.cameo) and ours.cameo == gold.event


def _score(gold: Coding, ours: Coded) -> int:
    return 8 * code_matches(gold, ours) + 4 * root_matches(gold, ours) + 2 * actor_matches(gold.source, ours.source) + actor_matches(gold.target, ours.target)


def align(codings: Sequence[Coding], events: Sequence[Coded]) -> list[tuple[Coding, Coded | None]]:
    """Each gold coding with the best of our events not yet taken (paired events need two of ours)."""
    free = list(events)
    pairs: list[tuple[Coding, Coded | None]] = []
    for gold in codings:
        if not free:
            pairs.append((gold, None))
            continue
        best = max(free, key=lambda coded: _score(gold, coded))
        free.remove(best)
        pairs.append((gold, best))
    return pairs


@dataclass
class _Tally:
    """Counts toward one share (mutable while scoring, turned into a Figure at the end)."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok

    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def petrarch_pipeline(files: tuple[str, ...], verbs: tuple[str, ...] = (), plover_table: str = "") -> "Language":
    """polemos' pipeline with a gazetteer that knows only the given CAMEO actor dictionaries and,
    when `verbs` are given, an event step that knows only those CAMEO verb dictionaries.

    The unit records are defined against PETR.Validate's dictionaries alone, so the shipped
    knowledge base, the user's POLEMOS_ACTORS and (with `verbs`) polemos' trigger lexicon stay out.
    """
    return _pipeline(files, verbs, plover_table)


@lru_cache(maxsize=2)
def _pipeline(files: tuple[str, ...], verbs: tuple[str, ...], plover_table: str) -> "Language":
    from ..knowledge.cameo_verbs import use_cameo_verbs
    from ..nlp.gazetteer import build_pipeline_with

    nlp = build_pipeline_with(files, shipped=False, use_env=False)
    if verbs:
        use_cameo_verbs(nlp, verbs, shipped=False, plover_table=Path(plover_table), unmapped_root=UNMAPPED_ROOT)
        # only the records' verbs name events here: polemos' own learned triggers stay out too
        for learned in ("polemos_trigger_finder", "polemos_factuality"):
            if learned in nlp.pipe_names:
                nlp.remove_pipe(learned)
    return nlp


def petrarch_coder(folder: Path, fallback: Coder, verbs: bool = False, plover_table: Path | None = None) -> tuple[Coder, str]:
    """A Coder whose gazetteer reads PETR.Validate's actors and agents through the CAMEO importer
    (and, with `verbs`, whose event step reads PETR.Validate's verbs through the verb importer)."""
    from ..nlp.pipeline import STEPS

    files = tuple(str(folder / name) for name in ACTOR_FILES + AGENT_FILES)
    verb_files = tuple(str(folder / name) for name in VERB_FILES) if verbs else ()
    needed = files + verb_files
    if GAZETTEER not in {step.factory for step in STEPS} or not all(Path(f).exists() for f in needed):
        return Coder(nlp=fallback.nlp, fold=False), "actors resolved with polemos' own knowledge base (no gazetteer step or no PETR.Validate files)"
    if verb_files and (plover_table is None or not plover_table.exists()):
        return Coder(nlp=fallback.nlp, fold=False), f"records' verbs not used: no CAMEO2PLOVER table at {plover_table}"
    names = ", ".join(Path(f).name for f in files)
    how = f"actors resolved only through {names} (CAMEO-dictionary importer)"
    if verb_files:
        how += f"; events only from {', '.join(Path(f).name for f in verb_files)} (CAMEO verb importer)"
    else:
        how += "; events from polemos' own trigger lexicon"
    return Coder(nlp=petrarch_pipeline(files, verb_files, str(plover_table or "")), fold=False), how


FIGURES = ("event_root", "event_code", "plover_type", "source", "target", "triple", "no_event_correct")
OWN_FIGURES = ("event_root", "event_code", "plover_type", "triple")


@dataclass
class _Run:
    """Tallies of one pass over the records with one coder."""

    tallies: dict[str, _Tally]
    by_category: dict[str, dict[str, _Tally]]
    misses: list[Miss]


def _run(records: Sequence[UnitRecord], coder: Coder, plover: dict[str, str]) -> _Run:
    from ..sources import article_from_bytes

    articles = [
        article_from_bytes(r.text.encode("utf-8"), id=r.id, kind="text", published=r.published) for r in records
    ]
    analyses: list[Analysis] = list(coder.code_many(articles))
    run = _Run(defaultdict(_Tally), defaultdict(lambda: defaultdict(_Tally)), [])
    for record, analysis in zip(records, analyses):
        # the records code every proposal, per pair of sides, whether it happened or not (but negated)
        coded = [code_event(e) for e in (*analysis.events, *analysis.unasserted) if e.factuality != "negated"]
        ours_text = "; ".join(str(c) for c in coded) or "no event"
        if record.no_events:
            ok = not coded
            run.tallies["no_event_correct"].add(ok)
            run.by_category[record.category]["quiet"].add(ok)
            if not ok:
                run.misses.append(Miss("event on a no-event sentence", record.text, "no event", ours_text, record.id))
        for gold, ours in align(record.codings, coded):
            _score_pair(record, gold, ours, plover, run.tallies, run.by_category[record.category], run.misses, ours_text)
    return run


def evaluate(data: Path, coder: Coder, limit: int | None = None) -> SetResult:
    """Headline figures with the records' own verb dictionary; `own_*` with polemos' trigger lexicon."""
    folder = data / FOLDER
    path = folder / RECORDS
    if not path.exists():
        return SetResult.skip(NAME, path)
    every = read_records(path)
    records = [r for r in every if r.error is None]
    errors_skipped = len(every) - len(records)
    if limit:
        records = records[:limit]
    plover = read_plover_table(data / PLOVER_TABLE)
    verbs_coder, how = petrarch_coder(folder, coder, verbs=True, plover_table=data / PLOVER_TABLE)
    own_coder, own_how = petrarch_coder(folder, coder)
    with_verbs = "verb importer" in how
    main = _run(records, verbs_coder if with_verbs else own_coder, plover)
    figures = [Figure(name, main.tallies[name].share(), main.tallies[name].total) for name in FIGURES]
    notes = [how if with_verbs else f"{how}; {own_how}"]
    if with_verbs:
        own = _run(records, own_coder, plover)
        figures += [Figure(f"own_{name}", own.tallies[name].share(), own.tallies[name].total) for name in OWN_FIGURES]
        notes.append(f"own_* figures: {own_how}")
    notes.append(
        f"{len(records)} records scored; {errors_skipped} records that expect a PETRARCH error/discard left out; "
        f"actor codes compared on their first {ACTOR_CODE_CHARS} characters (country + first role); "
        f"event_root counts gold codes within CAMEO's 01-20 roots, event_code every gold code"
    )
    for category in sorted(main.by_category):
        tallied = main.by_category[category]
        parts = ", ".join(
            f"{name} {100 * tallied[name].share():.0f}% of {tallied[name].total}"
            for name in ("root", "code", "source", "target", "quiet")
            if name in tallied and tallied[name].total
        )
        notes.append(f"{category}: {parts}")
    return SetResult(NAME, str(path), tuple(figures), tuple(main.misses), notes=tuple(notes))


def _score_pair(
    record: UnitRecord,
    gold: Coding,
    ours: Coded | None,
    plover: dict[str, str],
    tallies: dict[str, _Tally],
    category: dict[str, _Tally],
    misses: list[Miss],
    ours_text: str,
) -> None:
    """Tally one gold coding against the event it was aligned with, and record what went wrong."""

    def miss(kind: str) -> None:
        misses.append(Miss(kind, record.text, str(gold), ours_text, record.id))

    if ours is None:
        miss("no event")
    coded_actors = not gold.source.startswith('"') and not gold.target.startswith('"')
    root_ok = ours is not None and root_matches(gold, ours)
    code_ok = ours is not None and code_matches(gold, ours)
    source_ok = ours is not None and actor_matches(gold.source, ours.source)
    target_ok = ours is not None and actor_matches(gold.target, ours.target)
    if gold.event:
        tallies["event_code"].add(code_ok)
        category["code"].add(code_ok)
        if ours is not None and gold.root is None and not code_ok:
            miss("wrong CAMEO code (test-only code)")
    if gold.root is not None:
        tallies["event_root"].add(root_ok)
        category["root"].add(root_ok)
        if ours is not None and not root_ok:
            miss("wrong CAMEO root")
        expected = plover_of(gold.event, plover)
        if expected is not None:
            tallies["plover_type"].add(ours is not None and ours.plover == expected)
    if coded_actors:
        tallies["source"].add(source_ok)
        tallies["target"].add(target_ok)
        category["source"].add(source_ok)
        category["target"].add(target_ok)
        if ours is not None and not source_ok:
            miss("wrong source")
        if ours is not None and not target_ok:
            miss("wrong target")
        if gold.root is not None:
            tallies["triple"].add(root_ok and source_ok and target_ok)
