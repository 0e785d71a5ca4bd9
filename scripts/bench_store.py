#!/usr/bin/env python3
"""Benchmarks of the store, written into docs/benchmarks.md under `## Store`.

1. Acceptance: a generated corpus (default 1,000 articles) ingested into SQLite and into
   PostgreSQL; SIGKILL at random points five times, then a restart: lost and duplicated inputs
   counted; a re-ingest must add 0 rows.
2. Ingest throughput with 1 and 2 coding workers on the process pool, and 2 on a Dask
   LocalCluster (`--scheduler dask`) when dask[distributed] is installed.
3. Query latency: a store of N events (default 1,000,000) built directly from synthetic rows,
   then p50/p95 of filtered pages of 50 events.

    python scripts/bench_store.py                      # everything, figures into docs/benchmarks.md
    python scripts/bench_store.py --parts queries --events 200000 --no-write
    python scripts/bench_store.py --parts queries --backends postgresql
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

import generate_corpus  # noqa: E402

from polemos.batch import ingest, key_of  # noqa: E402
from polemos.feeds import read_sources  # noqa: E402
from polemos.query import EventQuery  # noqa: E402
from polemos.store import Store  # noqa: E402
from polemos.store.schema import TABLE  # noqa: E402

PG_URL = os.environ.get("POLEMOS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def _rows(store: Store) -> dict[str, int]:
    return {k: v for k, v in store.counts().items() if k != "runs"}


def _command(corpus: Path, db: str, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "polemos.commands", "ingest", str(corpus), "--db", db, "--no-progress",
            "--workers", str(workers)]


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM rejections)").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def acceptance(corpus: Path, work: Path, log: list[str]) -> dict[str, object]:
    unique = len({key_of(i) for i in read_sources([str(corpus)])})
    result: dict[str, object] = {"inputs": sum(1 for _ in corpus.open()), "unique": unique}
    for name, url in (("sqlite", str(work / "acceptance.db")), ("postgresql", f"{PG_URL}?schema=bench_{uuid.uuid4().hex[:8]}")):
        try:
            with Store(url) as store:
                started = time.perf_counter()
                summary = ingest(read_sources([str(corpus)]), store, partition_size=16)
                seconds = time.perf_counter() - started
                before = _rows(store)
                again = ingest(read_sources([str(corpus)]), store)
                added = sum(_rows(store).values()) - sum(before.values())
                result[name] = {"seconds": round(seconds, 1), "coded": summary.coded, "rejected": summary.rejected,
                                "duplicates": summary.duplicates, "events": before["events"],
                                "incidents": before["incidents"], "reingest_added_rows": added,
                                "reingest_coded": again.coded}
                if name == "postgresql":
                    store.db.execute(f"DROP SCHEMA {url.rsplit('=', 1)[1]} CASCADE")
        except Exception as err:  # PostgreSQL absent: say so in the figures
            result[name] = {"error": str(err)}
        log.append(f"acceptance {name}: {result[name]}")
    db = work / "killed.db"
    rng = random.Random(1000)
    kills = []
    for _ in range(5):
        already = _stored(db)
        process = subprocess.Popen(_command(corpus, str(db)), env=ENV, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while process.poll() is None and _stored(db) <= already and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 3.0))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        kills.append(_stored(db))
    subprocess.run(_command(corpus, str(db)), env=ENV, capture_output=True, timeout=1800)
    with Store(str(db)) as store:
        stored = store.counts()["documents"] + store.counts()["rejections"]
        distinct = store.db.query("SELECT COUNT(DISTINCT source_id) FROM documents")[0][0]
        before = _rows(store)
    subprocess.run(_command(corpus, str(db)), env=ENV, capture_output=True, timeout=1800)
    with Store(str(db)) as store:
        added = sum(_rows(store).values()) - sum(before.values())
    result["sigkill"] = {"stored_after_each_kill": kills, "lost": unique - stored,
                         "duplicated": before["documents"] - distinct,
                         "reingest_added_rows": added}
    log.append(f"sigkill: {result['sigkill']}")
    return result


def throughput(corpus: Path, work: Path, workers: int, scheduler: str = "pool") -> dict[str, float]:
    """Documents and words per second: overall (start-up included) and steady (after the first partition)."""
    words = sum(len(json.loads(line)["text"].split()) for line in corpus.open())
    stamps: list[tuple[float, int]] = []
    with ExitStack() as stack:
        started = time.perf_counter()  # a Dask LocalCluster's start and its workers' model loads count, as the pool's do
        runner = None
        if scheduler == "dask":
            from polemos.cluster import DaskRunner

            runner = stack.enter_context(DaskRunner(workers=workers))
        store = stack.enter_context(Store(str(work / f"throughput-{scheduler}-{workers}.db")))
        summary = ingest(read_sources([str(corpus)]), store, workers=workers, partition_size=16, runner=runner,
                         on_partition=lambda s: stamps.append((time.perf_counter(), s.coded + s.rejected)))
        seconds = time.perf_counter() - started
    (first_at, first_done), (last_at, last_done) = stamps[0], stamps[-1]
    return {"scheduler": scheduler, "workers": workers, "seconds": round(seconds, 1), "docs_per_s": round(summary.coded / seconds, 1),
            "words_per_s": round(words / seconds), "first_partition_s": round(first_at - started, 1),
            "steady_docs_per_s": round((last_done - first_done) / max(1e-9, last_at - first_at), 1)}


def _has_dask() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_headroom(n: int = 8_000_000) -> float:
    """How much faster two busy loops finish on two processes than one after the other: the most any
    2-worker ingest can gain on this machine right now (2.0 on two idle cores)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [10, 10])  # start both processes first
        started = time.perf_counter()
        _burn(n)
        one = time.perf_counter() - started
        started = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - started
    return round(2 * one / two, 2)


# --- a big store for query latency ------------------------------------------------------------
TYPES = ["ASSAULT"] * 6 + ["COERCE"] * 2 + ["PROTEST"] * 2 + ["CONSULT", "ACCUSE", "THREATEN", "AGREE", "MOBILIZE", "AID",
                                                               "REQUEST", "REJECT", "SANCTION"]
COUNTRIES = ["PAK", "AFG", "IND", "SOM", "COD", "SDN", "MLI", "NGA", "UKR", "SYR", "YEM", "MMR", "ETH", "IRQ", "LBY"]


def build_store(url: str, events: int, seed: int = 3) -> float:
    """N events in N/10 documents, inserted as rows (coding a million articles is not the point here)."""
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    actors = [(f"Group {i}", rng.choice(COUNTRIES), rng.choice(["REB", "MIL", "GOV", "COP", "CVL"])) for i in range(400)]
    doc_names, event_names = TABLE["documents"].names, TABLE["events"].names
    started = time.perf_counter()
    with Store(url) as store:
        doc_sql = f"INSERT INTO documents ({', '.join(doc_names)}) VALUES ({', '.join('?' * len(doc_names))})"
        event_sql = f"INSERT INTO events ({', '.join(event_names)}) VALUES ({', '.join('?' * len(event_names))})"
        batch = 20_000
        for offset in range(0, events, batch):
            docs, rows = [], []
            for n in range(offset, min(events, offset + batch)):
                doc = f"d{n // 10:08d}"
                if n % 10 == 0:
                    docs.append(tuple({"id": doc, "source_id": doc, "title": f"Report {n}", "text": "synthetic",
                                       "outlet": f"Outlet {n % 50}", "published": None}.get(c) for c in doc_names))
                day = (start + timedelta(days=rng.randrange(0, 5 * 365))).isoformat()
                actor, target = rng.choice(actors), rng.choice(actors)
                country = actor[1]
                lat, lon = rng.uniform(-35, 55), rng.uniform(-20, 100)
                values = {
                    "uid": f"{doc}:e{n % 10}", "document_id": doc, "event_id": f"e{n % 10}", "type": rng.choice(TYPES),
                    "actor_name": actor[0], "actor_country": actor[1], "actor_sector": actor[2], "actor_id": actor[0],
                    "target_name": target[0], "target_country": target[1], "target_sector": target[2],
                    "target_id": target[0], "place_name": f"Town {rng.randrange(5000)}", "country": country,
                    "lat": lat, "lon": lon, "geo_precision": "city", "date_value": day, "date_precision": "day",
                    "date_start": day, "date_end": day, "fatalities_best": rng.choice([None, 0, 1, 2, 5, 12]),
                    "evidence_start": 0, "evidence_end": 10,
                    "evidence_text": f"{actor[0]} and {target[0]} event number {n} near Town", "negated": 0,
                    "hypothetical": 0, "confidence": 0.5, "sentence": 0, "incident_id": "",
                }
                rows.append(tuple(values.get(c) for c in event_names))
            with store.db.transaction():
                store.db.executemany(doc_sql, docs)
                store.db.executemany(event_sql, rows)
        if store.dialect == "sqlite":
            store.db.execute("ANALYZE")
        else:
            store.db.execute("ANALYZE")
    return time.perf_counter() - started


def query_latency(url: str, rounds: int = 40, seed: int = 5) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    kinds = {
        "type + date range": lambda: EventQuery(types=(rng.choice(TYPES),), since=date(2021, 1, 1) + timedelta(days=rng.randrange(900)),
                                                until=date(2023, 6, 1) + timedelta(days=rng.randrange(300)), limit=50),
        "country + type": lambda: EventQuery(countries=(rng.choice(COUNTRIES),), types=("ASSAULT",), limit=50),
        "actor": lambda: EventQuery(actors=(f"Group {rng.randrange(400)}",), limit=50),
        "point + 50 km radius": lambda: EventQuery(near=(rng.uniform(-30, 50), rng.uniform(-15, 95)), radius_km=50, limit=50),
        "date range only, page 5": lambda: EventQuery(since=date(2022, 1, 1), until=date(2022, 12, 31), limit=50, offset=200),
        "text in evidence": lambda: EventQuery(text=f"number {rng.randrange(10**6)} ", limit=50),
    }
    results = {}
    with Store(url) as store:
        for name, make in kinds.items():
            store.events(make())  # warm the cache once
            times = []
            for _ in range(rounds if name != "text in evidence" else 8):
                query = make()
                started = time.perf_counter()
                store.events(query)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            results[name] = {"p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1)}
    return results


def write_section(blocks: dict[str, str], path: Path = REPO / "docs" / "benchmarks.md") -> None:
    """Replace this run's `### ` blocks in the `## Store` section; other blocks and sections stay."""
    existing = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    lines = existing.rstrip("\n").splitlines()
    if "## Store" in lines:
        begin = lines.index("## Store")
        end = next((i for i in range(begin + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    else:
        lines += ["", "## Store"]
        begin, end = len(lines) - 1, len(lines)
    current: dict[str, list[str]] = {}
    title = ""
    for line in lines[begin + 1:end]:
        if line.startswith("### "):
            title = line
        current.setdefault(title, []).append(line)
    for name, text in blocks.items():
        current[f"### {name}"] = text.rstrip("\n").splitlines()
    intro = [line for line in current.pop("", []) if line.strip()] or [
        "Figures from `python scripts/bench_store.py` on 2 cores shared with other jobs: they vary with the load."]
    order = ["### Acceptance", "### Ingest throughput", "### Query latency, sqlite", "### Query latency, postgresql"]
    titles = sorted(current, key=lambda t: (order.index(t) if t in order else len(order), t))
    body = ["## Store", "", *intro, ""]
    for name in titles:
        body += current[name]
        if body[-1].strip():
            body.append("")
    lines[begin:end] = body
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip("\n") + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="acceptance,throughput,queries",
                        help="Which measurements to run: acceptance, throughput, queries (comma-separated).")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite", help="Where to build the big store: sqlite, postgresql or both.")
    parser.add_argument("--no-write", action="store_true", help="Print the figures only.")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    command = "python scripts/bench_store.py " + " ".join(sys.argv[1:])
    stamp = f"Measured on {date.today().isoformat()} with `{command.strip()}`."
    log: list[str] = []
    blocks: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="polemos-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        generate_corpus.write(generate_corpus.generate(args.articles), corpus, "jsonl")
        if "acceptance" in parts:
            blocks["Acceptance"] = render_acceptance(acceptance(corpus, work, log), stamp)
        if "throughput" in parts:
            before = parallel_headroom()
            runs = [("pool", 1), ("pool", 2)] + ([("dask", 2)] if _has_dask() else [])
            speeds = [throughput(corpus, work, w, scheduler) for scheduler, w in runs]
            headroom = (before, parallel_headroom())
            log += [f"throughput: {speed}" for speed in speeds] + [f"parallel headroom before/after: {headroom}"]
            blocks["Ingest throughput"] = render_throughput(speeds, args.articles, stamp, headroom)
        if "queries" in parts:
            for backend in args.backends.split(","):
                schema = f"bench_{uuid.uuid4().hex[:8]}"
                url = str(work / "million.db") if backend == "sqlite" else f"{PG_URL}?schema={schema}"
                built = build_store(url, args.events)
                log.append(f"built {args.events} events in {backend} in {built:.0f} s")
                latency = query_latency(url)
                log.append(f"{backend}: {json.dumps(latency)}")
                blocks[f"Query latency, {backend}"] = render_latency(backend, args.events, built, latency, stamp)
                if backend == "postgresql":
                    with Store(url) as store:
                        store.db.execute(f"DROP SCHEMA {schema} CASCADE")
    print("\n".join(log))
    if not args.no_write:
        write_section(blocks)


def render_acceptance(accepted: dict, stamp: str) -> str:
    out = ["### Acceptance", "", stamp, "",
           f"{accepted['inputs']} generated articles ({accepted['unique']} unique inputs; `scripts/generate_corpus.py`):", "",
           "| store | seconds | coded | rejected | duplicates skipped | events | incidents | rows added by re-ingest |",
           "|---|---|---|---|---|---|---|---|"]
    for name in ("sqlite", "postgresql"):
        r = accepted[name]
        if "error" in r:
            out.append(f"| {name} | error: {r['error']} | | | | | | |")
        else:
            out.append(f"| {name} | {r['seconds']} | {r['coded']} | {r['rejected']} | {r['duplicates']} | "
                       f"{r['events']} | {r['incidents']} | {r['reingest_added_rows']} |")
    kill = accepted["sigkill"]
    out += ["", f"SIGKILL five times at random points of `polemos ingest`, then a restart: inputs stored after each "
            f"kill {kill['stored_after_each_kill']}; **lost {kill['lost']}, duplicated {kill['duplicated']}**; "
            f"a further re-ingest added {kill['reingest_added_rows']} rows."]
    return "\n".join(out)


def render_throughput(speeds: list[dict], articles: int, stamp: str, headroom: tuple[float, float]) -> str:
    base = speeds[0]["seconds"]
    out = ["### Ingest throughput", "", stamp, "",
           f"`batch.ingest` of {articles} generated articles into SQLite. Overall includes starting the workers "
           "(for dask: a LocalCluster of single-threaded processes) and loading the model in each; steady is the "
           "rate from the first stored partition to the last; speed-ups are against the pool's 1 worker:", "",
           "| scheduler | workers | seconds | documents/s | words/s | speed-up | first partition after s "
           "| steady documents/s | steady speed-up |",
           "|---|---|---|---|---|---|---|---|---|"]
    steady = speeds[0]["steady_docs_per_s"]
    out += [f"| {s.get('scheduler', 'pool')} | {s['workers']} | {s['seconds']} | {s['docs_per_s']} | {s['words_per_s']} | {base / s['seconds']:.2f}x | "
            f"{s['first_partition_s']} | {s['steady_docs_per_s']} | {s['steady_docs_per_s'] / steady:.2f}x |"
            for s in speeds]
    out += ["", f"Parallel headroom of the machine during the run (two CPU-bound loops on two processes versus one "
            f"after the other; 2.00x on two idle cores): {headroom[0]:.2f}x before, {headroom[1]:.2f}x after. "
            "The workers' speed-up cannot exceed it; other jobs were sharing the two cores."]
    return "\n".join(out)


def render_latency(backend: str, events: int, built: float, results: dict, stamp: str) -> str:
    out = [f"### Query latency, {backend}", "", stamp, "",
           f"{events:,} events in {events // 10:,} documents (built in {built:.0f} s), a page of 50 through "
           "`Store.events(EventQuery(...))`:", "", "| filter | p50 ms | p95 ms |", "|---|---|---|"]
    out += [f"| {k} | {v['p50_ms']} | {v['p95_ms']} |" for k, v in results.items()]
    return "\n".join(out)


if __name__ == "__main__":
    main()
