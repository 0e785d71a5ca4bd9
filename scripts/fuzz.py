#!/usr/bin/env python3
"""Fuzz the coder with hostile inputs; the figures go into docs/benchmarks.md under `## Fuzzing`.

Hypothesis draws the inputs (tests/hostile.py: binary, 10 MB, empty, deeply nested or broken
HTML, mixed scripts, RTL, zero-width and control characters, huge numbers, enormous sentences,
broken JSON Lines), seeded so a run can be repeated. Each is written as a .txt, .html or .jsonl
file and read the way `polemos ingest` reads it, then coded in a worker process with the default
per-article time limit. A worker that does not answer within a wall guard well past that limit is
killed and its input counted as hung; an exception is counted as a crash, with its input saved.

    python scripts/fuzz.py --count 10000 --seed 14 --write
    python scripts/fuzz.py --count 300 --save var/fuzz
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from hostile import Hostile, hostile  # noqa: E402

START, END = "<!-- fuzz:start -->", "<!-- fuzz:end -->"
GUARD_SLACK = 60.0  # seconds past three time limits (a batch, then the article alone, then margin)


def work(conn: Connection) -> None:
    """A worker: one Coder, one input at a time, outcomes or the crash sent back."""
    from polemos import Coder
    from polemos.errors import RejectReason
    from polemos.feeds import read_sources

    known = {reason.value for reason in RejectReason}
    coder = Coder()
    coder.code_text("Gunmen killed five soldiers in Quetta on Monday, police said.")  # loads the pipeline
    folder = Path(tempfile.mkdtemp(prefix="polemos-fuzz-"))
    conn.send("ready")
    while True:
        job = conn.recv()
        if job is None:
            return
        index, case = job
        path = folder / f"input{case.suffix}"
        path.write_bytes(case.data())
        outcomes: list[str] = []
        crash = None
        began = time.perf_counter()
        try:
            for analysis in coder.code_many(read_sources([str(path)])):
                reason = analysis.rejection.reason if analysis.rejection else "coded"
                outcomes.append(reason if reason in known or reason == "coded" else f"unknown reason {reason}")
        except Exception as err:  # what the fuzz is looking for: reported, never raised here
            frame = traceback.extract_tb(err.__traceback__)[-1]
            crash = f"{type(err).__name__} at {Path(frame.filename).name}:{frame.lineno}: {str(err)[:120]}"
        path.unlink(missing_ok=True)
        conn.send((index, outcomes, crash, time.perf_counter() - began))


@dataclass
class Worker:
    process: Any
    conn: Connection
    job: tuple[int, Hostile] | None = None
    since: float = 0.0
    guard: float = 0.0


@dataclass
class Tally:
    inputs: int = 0
    analyses: Counter[str] = field(default_factory=Counter)
    crashed: int = 0
    hung: int = 0
    silent: int = 0  # inputs that gave neither an article nor a rejection
    by_class: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[str] = field(default_factory=list)
    largest: int = 0
    seconds: Counter[str] = field(default_factory=Counter)  # coding time by class, in the workers
    slowest: list[tuple[float, int, str, str, int, str]] = field(default_factory=list)


class Pool:
    """Worker processes this script starts, each killed and replaced when it overruns its guard."""

    def __init__(self, size: int, save: Path | None) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.save = save
        self.tally = Tally()
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=work, args=(theirs,), daemon=True)
        process.start()
        if ours.recv() != "ready":
            raise RuntimeError("a fuzz worker did not start")
        return Worker(process, ours)

    def submit(self, index: int, case: Hostile) -> None:
        while not (idle := [w for w in self.workers if w.job is None]):
            self._collect()
        worker = idle[0]
        worker.job, worker.since, worker.guard = (index, case), time.monotonic(), self._guard(case)
        worker.conn.send((index, case))

    def drain(self) -> None:
        while any(w.job is not None for w in self.workers):
            self._collect()
        for worker in self.workers:
            worker.conn.send(None)
            worker.process.join(10)

    def _collect(self) -> None:
        busy = [w for w in self.workers if w.job is not None]
        wait([w.conn for w in busy], timeout=1.0)
        for worker in busy:
            if worker.conn.poll():
                _, outcomes, crash, seconds = worker.conn.recv()
                self._record(worker.job, outcomes, crash, seconds)
                worker.job = None
            elif time.monotonic() - worker.since > worker.guard:
                self._record(worker.job, [], None, time.monotonic() - worker.since, hung=True)
                worker.process.kill()  # the worker this pool started, by its own handle
                worker.process.join()
                self.workers[self.workers.index(worker)] = self._start()

    def _record(self, job: tuple[int, Hostile] | None, outcomes: list[str], crash: str | None, seconds: float,
                hung: bool = False) -> None:
        assert job is not None
        index, case = job
        tally = self.tally
        tally.inputs += 1
        tally.largest = max(tally.largest, case.size)
        row = tally.by_class[case.kind]
        row["inputs"] += 1
        tally.seconds[case.kind] += seconds
        tally.slowest = sorted([*tally.slowest, (seconds, index, case.kind, case.suffix, case.size,
                                                 ", ".join(sorted(set(outcomes))) or "-")], reverse=True)[:5]
        if hung or crash or not outcomes:
            what = "hung" if hung else "crashed" if crash else "silent"
            setattr(tally, what, getattr(tally, what) + 1)
            row[what] += 1
            tally.failures.append(f"input {index} ({case.kind}, {case.suffix or 'no suffix'}, {case.size:,} bytes): "
                                  + (crash or (f"no answer within {self._guard(case):.0f} s" if hung
                                               else "read as no article and no rejection")))
            print(f"  {what}: {tally.failures[-1]}", file=sys.stderr, flush=True)
            if self.save is not None:
                self.save.mkdir(parents=True, exist_ok=True)
                (self.save / f"{what}-{index}{case.suffix}").write_bytes(case.data())
            return
        for outcome in outcomes:
            tally.analyses[outcome] += 1
            row["coded" if outcome == "coded" else "rejected"] += 1

    @staticmethod
    def _guard(case: Hostile) -> float:
        from polemos.limits import article_limit

        return 3 * (article_limit(case.size) or 0) + GUARD_SLACK


def run(count: int, seed: int, workers: int, save: Path | None) -> tuple[Tally, float]:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as seeded

    pool = Pool(workers, save)
    counter = iter(range(count))
    started = time.perf_counter()

    @seeded(seed)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(hostile())
    def feed(case: Hostile) -> None:
        index = next(counter)
        pool.submit(index, case)
        if (index + 1) % 500 == 0:
            print(f"  {index + 1} inputs sent, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    feed()
    pool.drain()
    return pool.tally, time.perf_counter() - started


def report(tally: Tally, seconds: float, command: str) -> str:
    rejected = {k: v for k, v in tally.analyses.items() if k != "coded"}
    lines = [
        f"Measured on {date.today().isoformat()} with `{command}`, on 2 cores shared with other jobs.",
        "",
        f"{tally.inputs:,} hostile inputs (tests/hostile.py, drawn by Hypothesis), each written as a file and read "
        f"the way `polemos ingest` reads it, coded in worker processes under the default time limit; "
        f"{seconds:.0f} s in all, largest input {tally.largest:,} bytes.",
        "",
        f"**Crashed {tally.crashed}, hung {tally.hung}, silent {tally.silent}** (read as neither an article nor a "
        f"rejection). The {sum(tally.analyses.values()):,} articles read from "
        f"them (a JSON Lines input may hold several): coded {tally.analyses['coded']:,}, rejected "
        f"{sum(rejected.values()):,} ("
        + ", ".join(f"{reason} {n:,}" for reason, n in sorted(rejected.items(), key=lambda kv: (-kv[1], kv[0])))
        + ").",
        "",
        "| hostile class | inputs | articles coded | articles rejected | crashed | hung | silent | worker seconds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, row in sorted(tally.by_class.items()):
        lines.append(f"| {kind} | {row['inputs']:,} | {row['coded']:,} | {row['rejected']:,} | {row['crashed']} | "
                     f"{row['hung']} | {row['silent']} | {tally.seconds[kind]:.0f} |")
    lines += ["", "The slowest inputs:", "", "| input | class | file | bytes | seconds | outcome |", "|---|---|---|---|---|---|"]
    lines += [f"| {index} | {kind} | {suffix or '(none)'} | {size:,} | {seconds:.1f} | {outcome} |"
              for seconds, index, kind, suffix, size, outcome in tally.slowest]
    if tally.failures:
        lines += ["", "Failures:", "", *(f"- {failure}" for failure in tally.failures[:20])]
    return "\n".join(lines)


def write_section(text: str, path: Path = REPO / "docs" / "benchmarks.md") -> None:
    """Replace what lies between the fuzz markers; add the section at the end the first time."""
    existing = path.read_text("utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in existing and END in existing:
        head, rest = existing.split(START, 1)
        existing = head + block + rest.split(END, 1)[1]
    else:
        existing = existing.rstrip("\n") + (
            "\n\n## Fuzzing\n\nFigures from `python scripts/fuzz.py`: every hostile input must be coded or "
            "rejected with a reason code (the README's limits: `time_limit`, `too_large`); a crash or a hang "
            "is a bug, fixed with a unit test of its own. A seeded fuzz of 200 inputs runs with the tests (tests/test_fuzz.py).\n\n" + block + "\n")
    path.write_text(existing, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--save", type=Path, help="Write the inputs that crashed or hung into this folder.")
    parser.add_argument("--write", action="store_true", help="Write the figures into docs/benchmarks.md.")
    args = parser.parse_args()
    command = "python scripts/fuzz.py " + " ".join(sys.argv[1:])
    tally, seconds = run(args.count, args.seed, args.workers, args.save)
    text = report(tally, seconds, command.strip())
    print(text)
    if args.write:
        write_section(text)
    sys.exit(1 if tally.crashed or tally.hung or tally.silent else 0)


if __name__ == "__main__":
    main()
