#!/usr/bin/env python3
"""Soak under faults: SIGKILL a Dask worker or the `polemos ingest` driver at random moments
(default 20 times per store), restarting the ingest after each driver kill, then check the store
against the input ids and against a clean reference run; on SQLite and on PostgreSQL.

What is checked once the last restart has finished:
- every distinct input (content hash) is stored exactly once, as a document or a rejection: lost 0,
  none unexpected; the corpus's duplicate inputs were skipped, never stored twice;
- no duplicate event: each document's events are the reference run's, uid for uid;
- no half-written article: each document's rows in every per-document table number what the
  reference wrote, and no row belongs to a document the store does not hold;
- every event is placed (or marked unplaceable) in incidents, and a further ingest adds no row.

The PostgreSQL store is a fresh schema of the test database, dropped at the end.
Figures go into docs/benchmarks.md between the soak markers.

    python scripts/soak.py                                   # 20 kills on each store, ~20 min
    python scripts/soak.py --stores sqlite --kills 5 --articles 120 --no-write
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import IO, Any

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

import build_corpus  # noqa: E402
from corpus_run import workers_of, write_section  # noqa: E402

from polemos.batch import ingest, key_of  # noqa: E402
from polemos.document import MAX_BYTES  # noqa: E402
from polemos.feeds import read_sources  # noqa: E402
from polemos.store import Store  # noqa: E402

PG_URL = os.environ.get("POLEMOS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}
START, END = "<!-- soak:start -->", "<!-- soak:end -->"
SECTION = "## Soak under faults (`scripts/soak.py`)"
# Per-document tables and what a clean run wrote into each (claim relations within the article only:
# those across articles depend on which other articles were stored first).
PER_DOCUMENT = {"events": "", "mentions": "", "place_mentions": "", "date_mentions": "", "quotes": "", "claims": "",
                "claim_relations": " AND across = 0"}


def stored_count(url: str) -> int:
    """Inputs the store holds, read on a connection of its own (read-only for SQLite)."""
    sql = "SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM rejections)"
    try:
        if url.startswith("postgresql://"):
            with Store(url, migrate=False) as store:
                return int(store.db.query(sql)[0][0])
        if not Path(url).exists():
            return 0
        with sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=5) as con:
            return int(con.execute(sql).fetchone()[0])
    except Exception:  # tables not created yet, or the database busy: nothing stored that we can see
        return 0


def profile(url: str) -> dict[str, Any]:
    """What a store holds, by input key: per-document row counts, event uids, orphans, unplaced events."""
    with Store(url, migrate=False) as store:
        q = store.db.query
        documents = {row[0] for row in q("SELECT id FROM documents")}
        rows: dict[str, dict[str, int]] = {d: {} for d in documents}
        for table, extra in PER_DOCUMENT.items():
            for doc, n in q(f"SELECT document_id, COUNT(*) FROM {table} WHERE 1 = 1{extra} GROUP BY document_id"):
                rows.setdefault(doc, {})[table] = int(n)
        orphans = int(q("SELECT COUNT(*) FROM incident_reports r WHERE NOT EXISTS "
                         "(SELECT 1 FROM events e WHERE e.uid = r.event_uid)")[0][0])
        events: dict[str, set[str]] = {}
        for doc, uid in q("SELECT document_id, uid FROM events"):
            events.setdefault(doc, set()).add(uid)
        return {"documents": documents, "document_rows": int(q("SELECT COUNT(*) FROM documents")[0][0]),
                "rejections": {row[0] for row in q("SELECT id FROM rejections")}, "rows": rows, "events": events,
                "orphans": orphans, "unplaced": int(q("SELECT COUNT(*) FROM events WHERE incident_id IS NULL")[0][0]),
                "counts": {k: v for k, v in store.counts().items() if k != "runs"}}


def verify(found: dict[str, Any], reference: dict[str, Any], expected: set[str]) -> dict[str, int]:
    stored = found["documents"] | found["rejections"]
    half = sum(1 for doc in found["documents"] if found["rows"].get(doc, {}) != reference["rows"].get(doc, {}))
    half += sum(1 for doc in found["rows"] if doc not in found["documents"])  # rows without their document
    extra_events = sum(len(found["events"].get(d, set()) - reference["events"].get(d, set())) for d in found["documents"])
    missing_events = sum(len(reference["events"].get(d, set()) - found["events"].get(d, set())) for d in found["documents"])
    return {"lost": len(expected - stored), "unexpected": len(stored - expected),
            "duplicated": found["document_rows"] - len(found["documents"]) + len(found["documents"] & found["rejections"])
            + extra_events, "half_written": half + found["orphans"] + missing_events,
            "coded_as_reference": int(found["documents"] == reference["documents"]
                                      and found["rejections"] == reference["rejections"]),
            "unplaced_events": found["unplaced"]}


def _command(corpus: Path, url: str, scheduler: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "polemos.commands", "ingest", str(corpus), "--db", url, "--no-progress",
            "--scheduler", scheduler, "--workers", str(workers), "--partition-size", "8"]


def _tail(handle: IO[str]) -> str:
    """The end of what a finished run wrote on stderr (a file, so a chatty run never blocks on a pipe)."""
    handle.seek(0)
    return handle.read().strip()[-300:]


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _end_group(process: subprocess.Popen) -> None:
    """The killed driver's session: its orphaned workers end with it (by its group id)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=60)


def soak(corpus: Path, url: str, total: int, kills: int, rng: random.Random, scheduler: str, workers: int,
         log: list[str]) -> dict[str, Any]:
    """Kill at random moments until `kills` SIGKILLs are done; then one run to the end, and one more."""
    done: list[dict[str, Any]] = []
    failures: list[str] = []
    process: subprocess.Popen | None = None
    errors: IO[str] = tempfile.TemporaryFile("w+")
    killed = False  # whether this process's driver was killed by us (its exit is no failure)
    gone: set[int] = set()  # pids already killed: a dead worker the nanny has not reaped yet is no target
    round_start, started, last_run = 0, 0.0, 20.0
    while len(done) < kills:
        if process is None or process.poll() is not None:
            if process is not None and not killed and process.returncode not in (0, 3, 4):
                failures.append(f"exit {process.returncode}: {_tail(errors)}")
            elif process is not None and not killed:
                last_run = time.monotonic() - started  # a run that finished: kill the next one within its length
            errors = tempfile.TemporaryFile("w+")
            process = subprocess.Popen(_command(corpus, url, scheduler, workers), env=ENV, start_new_session=True,
                                       stdout=subprocess.DEVNULL, stderr=errors, text=True)
            killed, started, round_start = False, time.monotonic(), stored_count(url)
        if round_start >= total:  # nothing left to code: a moment of a run that only reads and checks
            deadline = started + rng.uniform(0.1, 0.9) * last_run
        elif rng.random() < 0.25:  # any moment of the run: cluster start, model load, first writes
            deadline = time.monotonic() + rng.uniform(0.5, 15.0)
        else:  # once this run has stored something, a few seconds into the writing
            wait_until = time.monotonic() + 180
            while process.poll() is None and stored_count(url) <= round_start and time.monotonic() < wait_until:
                time.sleep(0.1)
            deadline = time.monotonic() + rng.uniform(0.0, 3.0)
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is not None:
            continue  # it finished first: restart, and kill that run instead
        workers_now = [w for w in workers_of(psutil.Process(process.pid)) if w.pid not in gone and _alive(w)]
        target = "worker" if workers_now and rng.random() < 0.5 else "driver"
        victim = rng.choice(workers_now).pid if target == "worker" else process.pid
        try:
            os.kill(victim, signal.SIGKILL)
        except ProcessLookupError:
            continue
        gone.add(victim)
        if target == "driver":
            killed = True
            process.wait(timeout=60)
            _end_group(process)
        stored = stored_count(url)
        done.append({"target": target, "stored": stored})
        log.append(f"  kill {len(done)}: {target} pid {victim}, {stored} inputs stored")
        print(log[-1], flush=True)
    if process is not None and process.poll() is None:  # the run the last worker kill left going
        try:
            process.wait(timeout=900)
        except subprocess.TimeoutExpired:
            _end_group(process)
    if process is not None and not killed and process.returncode not in (0, 3, 4):
        failures.append(f"exit {process.returncode}: {_tail(errors)}")
    final = subprocess.run(_command(corpus, url, scheduler, workers), env=ENV, capture_output=True, text=True,
                           timeout=1800)
    if final.returncode not in (0, 3, 4):
        failures.append(f"final run exit {final.returncode}: {final.stderr.strip()[-300:]}")
    return {"kills": done, "failures": failures,
            "final": [line for line in final.stderr.splitlines() if "ingested" in line][-1:]}


def _reference(corpus: Path, work: Path) -> dict[str, Any]:
    """A clean run, in this process: what every document's rows must be."""
    url = str(work / "reference.db")
    with Store(url) as store:
        ingest(read_sources([str(corpus)]), store, partition_size=8, coder_options={"max_bytes": MAX_BYTES})
    return profile(url)


def run_store(name: str, corpus: Path, work: Path, reference: dict[str, Any], expected: set[str], args: Any,
              log: list[str]) -> dict[str, Any]:
    schema = f"polemos_soak_{uuid.uuid4().hex[:10]}"
    url = str(work / "soak.db") if name == "sqlite" else f"{PG_URL}?schema={schema}"
    rng = random.Random(args.seed + (0 if name == "sqlite" else 1))
    log.append(f"{name}: {url}")
    print(log[-1], flush=True)
    started = time.perf_counter()
    try:
        outcome = soak(corpus, url, len(expected), args.kills, rng, args.scheduler, args.workers, log)
        found = profile(url)
        result = {**verify(found, reference, expected), **outcome, "seconds": round(time.perf_counter() - started)}
        before = found["counts"]
        again = subprocess.run(_command(corpus, url, args.scheduler, args.workers), env=ENV, capture_output=True,
                               text=True, timeout=1800)
        with Store(url, migrate=False) as store:
            after = {k: v for k, v in store.counts().items() if k != "runs"}
        result["reingest_added_rows"] = sum(after.values()) - sum(before.values())
        result["reingest_exit"] = again.returncode
        result["counts"] = before
    finally:
        if name == "postgresql":
            with Store(PG_URL, migrate=False) as admin:
                admin.db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    log.append(f"{name}: " + json.dumps({k: v for k, v in result.items() if k != "kills"}))
    print(log[-1], flush=True)
    return result


def render(results: dict[str, dict[str, Any]], inputs: int, unique: int, made: dict[str, Any], args: Any,
           command: str) -> str:
    kinds = ", ".join(f"{k} {v}" for k, v in made["kinds"].items())
    out = [START, "", f"Measured on {date.today().isoformat()} with `{command}`.", "",
           f"{inputs} inputs from `scripts/build_corpus.py --count {args.articles} --seed {args.seed}` ({kinds}): "
           f"{unique} distinct, {inputs - unique} duplicate inputs. `polemos ingest --scheduler {args.scheduler} "
           f"--workers {args.workers} --partition-size 8`, SIGKILL of a random worker process or of the driver at "
           "random moments (a quarter of them at any instant of a run's first 15 s, including cluster start and model "
           "load; the rest 0-3 s after that run's first stored partition; once all is stored, at a random moment of a re-run), the ingest restarted after each driver kill (Dask's "
           "nanny restarts a killed worker), then one run to the end and the checks against the input ids and a "
           "clean reference run:", "",
           "| store | kills (worker / driver) | lost | duplicated | half-written | unexpected | unplaced events "
           "| same inputs as reference | rows added by a further ingest | runs that failed | minutes |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        if "error" in r:
            out.append(f"| {name} | error: {r['error']} | | | | | | | | | |")
            continue
        targets = [k["target"] for k in r["kills"]]
        out.append(f"| {name} | {len(targets)} ({targets.count('worker')} / {targets.count('driver')}) | "
                   f"**{r['lost']}** | **{r['duplicated']}** | **{r['half_written']}** | {r['unexpected']} | "
                   f"{r['unplaced_events']} | {'yes' if r['coded_as_reference'] else 'no'} | "
                   f"{r['reingest_added_rows']} | {len(r['failures'])} | {r['seconds'] / 60:.1f} |")
    for name, r in results.items():
        if "kills" in r:
            out += ["", f"{name}: inputs stored after each kill " + ", ".join(
                f"{k['stored']}{'w' if k['target'] == 'worker' else 'd'}" for k in r["kills"])
                + " (w: a worker killed, d: the driver)" + (f"; failed runs: {r['failures']}" if r["failures"] else "")]
    return "\n".join(out + ["", END])


def write_figures(text: str, path: Path = REPO / "docs" / "benchmarks.md") -> None:
    write_section(text, START, END, SECTION, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--scheduler", choices=["dask", "pool"], default="dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    log: list[str] = []
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="polemos-soak-") as tmp:
        work = Path(tmp)
        corpus = work / "soak.jsonl"
        lines, made = build_corpus.build(args.articles, args.seed)
        build_corpus.write(lines, corpus)
        inputs = [key_of(item) for item in read_sources([str(corpus)])]
        expected = set(inputs)
        reference = _reference(corpus, work)
        print(f"reference: {len(reference['documents'])} documents, {len(reference['rejections'])} rejections", flush=True)
        for name in args.stores.split(","):
            try:
                results[name] = run_store(name, corpus, work, reference, expected, args, log)
            except Exception as err:  # PostgreSQL absent: say so in the figures
                results[name] = {"error": f"{type(err).__name__}: {err}"}
                print(f"{name}: {results[name]}", flush=True)
    command = "python scripts/soak.py " + " ".join(sys.argv[1:])
    text = render(results, len(inputs), len(expected), made, args, command.strip())
    print(text)
    if not args.no_write:
        write_figures(text)


if __name__ == "__main__":
    main()
