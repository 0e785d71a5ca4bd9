#!/usr/bin/env python3
"""The corpus-scale run: `polemos ingest --scheduler dask` on the corpus of scripts/build_corpus.py
with a LocalCluster of 1 and then 2 workers; articles/s, peak RSS per worker, scaling and the
projection to articles/day, written into docs/benchmarks.md between the corpus-run markers.

Coding 100k articles takes most of an hour per worker on two shared cores, so --limit runs a
prefix (the corpus is shuffled: a prefix is a fair sample) and the figures say which was run.
Rates are steady-state (from the first stored partition to the last, after the workers loaded the
model); the machine's parallel headroom is measured before and after beside them.

    python scripts/corpus_run.py --limit 3000                # a 3,000-input prefix of the 100k corpus
    python scripts/corpus_run.py --limit 0                   # all of it
    python scripts/corpus_run.py --dask-address tcp://HOST:8786 --limit 0 --no-write   # an HPC cluster (docs/cluster.md)
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import build_corpus  # noqa: E402
from bench_store import _stored, parallel_headroom  # noqa: E402

from polemos.batch import key_of  # noqa: E402
from polemos.feeds import read_sources  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}
START, END = "<!-- corpus-run:start -->", "<!-- corpus-run:end -->"
SECTION = "## Corpus-scale run (`scripts/corpus_run.py`)"


def _peak_kb(pid: int) -> int:
    """The process's high-water mark of resident memory (VmHWM), in kB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def workers_of(driver: psutil.Process) -> list[psutil.Process]:
    """The LocalCluster's worker processes: the driver's spawned children (its nannies run in it)."""
    found = []
    for child in driver.children(recursive=True):
        try:
            if any("spawn_main" in part for part in child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def run(corpus: Path, db: Path, workers: int, partition_size: int, address: str | None) -> dict[str, object]:
    """One `polemos ingest` run, sampled twice a second: stored inputs over time, each worker's peak RSS."""
    command = [sys.executable, "-m", "polemos.commands", "ingest", str(corpus), "--db", str(db), "--no-progress",
               "--scheduler", "dask", "--workers", str(workers), "--partition-size", str(partition_size)]
    if address:
        command += ["--dask-address", address]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    driver = psutil.Process(process.pid)
    samples: list[tuple[float, int]] = []
    peaks: dict[int, int] = {}
    driver_peak = 0
    while process.poll() is None:
        for worker in workers_of(driver):
            peaks[worker.pid] = max(peaks.get(worker.pid, 0), _peak_kb(worker.pid))
        driver_peak = max(driver_peak, _peak_kb(process.pid))
        samples.append((time.perf_counter() - started, _stored(db)))
        time.sleep(0.5)
    stderr = process.stderr.read() if process.stderr else ""
    seconds = time.perf_counter() - started
    final = _stored(db)
    samples.append((seconds, final))
    first = next(((t, n) for t, n in samples if n > 0), (seconds, 0))
    last = next(((t, n) for t, n in samples if n == final), (seconds, final))
    window = last[0] - first[0]
    return {"workers": workers, "returncode": process.returncode, "seconds": round(seconds, 1), "stored": final,
            "first_partition_s": round(first[0], 1), "steady_window_s": round(window, 1),
            "articles_per_s": round(final / seconds, 2),
            "steady_articles_per_s": round((last[1] - first[1]) / window, 2) if window > 0 else 0.0,
            "worker_peak_rss_mb": sorted(round(kb / 1024) for kb in peaks.values()),
            "driver_peak_rss_mb": round(driver_peak / 1024),
            "summary": next((line for line in stderr.splitlines() if "ingested" in line), stderr.strip()[-400:])}


def render(runs: list[dict], made: dict, limit: int, inputs: int, headroom: tuple[float, float], command: str) -> str:
    one = next((r for r in runs if r["workers"] == 1), runs[0])
    best = max(runs, key=lambda r: r["workers"])
    scaling = best["steady_articles_per_s"] / one["steady_articles_per_s"] if one["steady_articles_per_s"] else 0.0
    peak = max((mb for r in runs for mb in r["worker_peak_rss_mb"]), default=0)
    full = made["distinct"]
    per_day = best["steady_articles_per_s"] * 86400
    sample = f"the first {inputs:,} inputs" if limit else f"all {inputs:,} inputs"
    kinds = ", ".join(f"{k} {v:,}" for k, v in made["kinds"].items())
    real = ", ".join(f"{k} {v:,}" for k, v in made["real_texts"].items())
    out = [START, "", f"Measured on {date.today().isoformat()} with `{command}`: {sample} of the "
           f"{made['inputs']:,}-input corpus of `scripts/build_corpus.py` ({made['distinct']:,} distinct; {kinds}; distinct real texts read in place: "
           f"{real}), ingested into a fresh SQLite store each time.", "",
           "| Dask workers | seconds | inputs stored | articles/s overall | first partition after s "
           "| steady articles/s | steady scaling | peak RSS per worker (MB) | driver peak RSS (MB) |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        ratio = r["steady_articles_per_s"] / one["steady_articles_per_s"] if one["steady_articles_per_s"] else 0.0
        out.append(f"| {r['workers']} | {r['seconds']} | {r['stored']:,} | {r['articles_per_s']} | "
                   f"{r['first_partition_s']} | {r['steady_articles_per_s']} | {ratio:.2f}x | "
                   f"{', '.join(map(str, r['worker_peak_rss_mb'])) or 'n/a'} | {r['driver_peak_rss_mb']} |")
    meets = (f"**{scaling:.2f}x** steady with {best['workers']} workers against 1 (goal >= 1.8x: "
             f"{'met' if scaling >= 1.8 else 'not met'}); peak RSS per worker **{peak} MB** (goal <= 800 MB: "
             f"{'met' if 0 < peak <= 800 else 'not met'}).")
    out += ["", meets + f" Parallel headroom of the machine (two CPU-bound loops on two processes against one after "
            f"the other; 2.00x on two idle cores): {headroom[0]:.2f}x before, {headroom[1]:.2f}x after; other jobs "
            "shared the cores.", "",
            f"Projection: at the steady {best['steady_articles_per_s']} stored articles/s of {best['workers']} workers, "
            f"**{per_day:,.0f} articles/day** ({one['steady_articles_per_s'] * 86400:,.0f} per day per worker); "
            f"this corpus's {full:,.0f} distinct inputs (its duplicates are skipped before coding) would take "
            f"{full / best['steady_articles_per_s'] / 60:.0f} min with {best['workers']} workers." if
            best["steady_articles_per_s"] else "No steady rate was measured.", "",
            "Each run's own line: " + "; ".join(f"{r['workers']} worker(s): `{r['summary']}`" for r in runs), "", END]
    return "\n".join(out)


def write_section(text: str, start: str, end: str, section: str, path: Path = REPO / "docs" / "benchmarks.md") -> None:
    """Replace what lies between a script's markers; the first time, add its section before `## Server`."""
    doc = path.read_text("utf-8")
    if start in doc and end in doc:
        doc = doc[:doc.index(start)] + text + doc[doc.index(end) + len(end):]
    else:
        at = doc.find("\n## Server")
        block = f"\n{section}\n\n{text}\n"
        doc = doc[:at] + block + doc[at:] if at >= 0 else doc.rstrip("\n") + "\n" + block
    path.write_text(doc, "utf-8")


def write_figures(text: str, path: Path = REPO / "docs" / "benchmarks.md") -> None:
    write_section(text, START, END, SECTION, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="A corpus built before (default: build or reuse "
                        "var/corpus/corpus-COUNT.jsonl).")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--limit", type=int, default=3000, help="Ingest only the first N inputs (0: all).")
    parser.add_argument("--workers", default="1,2", help="LocalCluster sizes to run, comma-separated.")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--dask-address", default=None, help="An existing scheduler instead of a LocalCluster.")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    corpus = args.corpus or REPO / "var" / "corpus" / f"corpus-{args.count}.jsonl"
    if args.corpus is None or not corpus.exists():
        lines, made = build_corpus.build(args.count)
        build_corpus.write(lines, corpus)
    else:
        made = {"inputs": sum(1 for _ in corpus.open("rb")), "kinds": {}, "real_texts": {}}
    made["distinct"] = len({key_of(item) for item in read_sources([str(corpus)])})
    with tempfile.TemporaryDirectory(prefix="polemos-corpus-run-") as tmp:
        work = Path(tmp)
        sample = corpus
        inputs = made["inputs"]
        if args.limit:
            sample = work / "sample.jsonl"
            with corpus.open("rb") as source, sample.open("wb") as target:
                for number, line in enumerate(source):
                    if number >= args.limit:
                        break
                    target.write(line)
            inputs = min(args.limit, made["inputs"])
        before = parallel_headroom()
        runs = []
        for workers in (int(w) for w in args.workers.split(",")):
            result = run(sample, work / f"run-{workers}.db", workers, args.partition_size, args.dask_address)
            print(json.dumps(result), flush=True)
            runs.append(result)
        headroom = (before, parallel_headroom())
    command = "python scripts/corpus_run.py " + " ".join(sys.argv[1:])
    text = render(runs, made, args.limit, inputs, headroom, command.strip())
    print(text)
    if not args.no_write:
        write_figures(text)


if __name__ == "__main__":
    main()
