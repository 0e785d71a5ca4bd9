#!/usr/bin/env python3
"""The server under load, written into docs/benchmarks.md under `## Server`.

1. Throughput and latency: a store of N events (default 1,000,000, built from synthetic rows by
   scripts/bench_store.py), `polemos serve` started as a user starts it, and a closed-loop load of
   keep-alive HTTP clients on loopback asking for the event list with two filters (a country and a
   PLOVER root, a page of 50) for a fixed time: requests per second, p50/p95/p99 latency, errors.
2. Page loads in Debian's chromium (Playwright): the timeline and the map, from navigation start to
   the view drawn (the page's own `polemosReadyMs`), on the big store and on the browser tests'
   corpus (tests/serve_corpus.py).

    python scripts/bench_serve.py                              # everything, figures into docs/benchmarks.md
    python scripts/bench_serve.py --events 200000 --seconds 10 --no-write
    python scripts/bench_serve.py --store /tmp/million.db      # reuse a store built before

The load loops are bounded in time and talk only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

import bench_store  # noqa: E402

CHROMIUM = os.environ.get("POLEMOS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "polemos.commands", "serve", "--db", db, "--port", str(port),
               "--workers", str(workers), "--log-level", "warning"]
    env = {k: v for k, v in os.environ.items() if k != "POLEMOS_TOKEN"}
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2):
                return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("polemos serve did not start: " + (process.stderr.read() or b"").decode()[-2000:])
            time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def paths(seed: int) -> list[str]:
    """Event-list requests with two filters: a country and a PLOVER root."""
    rng = random.Random(seed)
    return [f"/api/v1/events?country={rng.choice(bench_store.COUNTRIES)}&type={rng.choice(bench_store.TYPES)}&limit=50"
            for _ in range(500)]


def load(port: int, seconds: float, clients: int) -> dict[str, float]:
    """`clients` threads, each with one keep-alive connection, asking one request after another."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        mine: list[float] = []
        wrong = 0
        asks = paths(number)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", asks[index % len(asks)])
                reply = connection.getresponse()
                reply.read()
                if reply.status != 200:
                    wrong += 1
            except (OSError, http.client.HTTPException):
                wrong += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - started) * 1000)
            index += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += wrong

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))], 1)

    return {"requests": len(latencies), "seconds": round(elapsed, 1), "rps": round(len(latencies) / elapsed, 1),
            "p50": round(statistics.median(latencies), 1), "p95": pct(0.95), "p99": pct(0.99), "max": round(latencies[-1], 1),
            "errors": errors[0]}


def page_loads(base: str, rounds: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    found: dict[str, list[float]] = {"timeline": [], "map": []}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for view in found:  # one page load first, so the figures are of a running server
            warm = browser.new_context()
            warm.new_page().goto(f"{base}/ui/{view}")
            warm.close()
        for _ in range(rounds):
            for view in found:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.goto(f"{base}/ui/{view}")
                page.wait_for_selector(f'body[data-ready="{view}"]', timeout=60000)
                found[view].append(round(float(page.evaluate("window.polemosReadyMs")), 0))
                context.close()
        browser.close()
    return found


def afresh(db: str) -> dict[str, float]:
    """What the landing views cost when counted anew (after a write), in the store itself: the server
    keeps these answers (serve/views.py), so a page load sees them counted once, at the start."""
    from polemos.query import EventQuery
    from polemos.serve.views import MAP_LIMIT, WORLD_CELL
    from polemos.store import Store

    with Store(db) as store:
        started = time.perf_counter()
        store.daily_counts(EventQuery(limit=None))
        timeline = time.perf_counter()
        store.map_cells(EventQuery(limit=None), WORLD_CELL, MAP_LIMIT)
        done = time.perf_counter()
    return {"timeline": round((timeline - started) * 1000), "map": round((done - timeline) * 1000)}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render(stamp: str, events: int, built: float | None, workers: int, clients: int, result: dict[str, float],
           loads: dict[str, dict[str, list[float]]], fresh: dict[str, float]) -> str:
    goal_rps = "meets" if result["rps"] >= 200 else "misses"
    goal_p99 = "meets" if result["p99"] < 100 else "misses"
    lines = ["### Event list under load", "", stamp, "",
             f"{events:,} events in {events // 10:,} documents (SQLite{f', built in {built:.0f} s' if built else ''}), "
             f"`polemos serve --workers {workers}`, {clients} keep-alive clients on loopback in the same machine's "
             "2 cores, each asking `GET /api/v1/events?country=C&type=T&limit=50` (two filters, a page of 50, C and T "
             "drawn at random) one after another:", "",
             "| requests | seconds | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors |", "|---|---|---|---|---|---|---|---|",
             f"| {result['requests']:,} | {result['seconds']} | {result['rps']} | {result['p50']} | {result['p95']} | "
             f"{result['p99']} | {result['max']} | {result['errors']} |", "",
             f"Goal ≥ 200 requests/s: {goal_rps} it; goal p99 < 100 ms: {goal_p99} it. The clients share the two cores "
             "with the server, so the server alone does better than this. Load average of the machine (1 min) "
             f"before and after the run: {result['load_before']} and {result['load_after']} (2 cores: above 2, other "
             "jobs were taking turns with this one).", "",
             "### Page loads in chromium", "", stamp, "",
             "From navigation start to the view drawn (`window.polemosReadyMs`, set when the view's data is in the "
             "page), Debian's chromium through Playwright, a fresh browser context each time, after one warm-up load:", "",
             "| store | view | loads | median ms | max ms |", "|---|---|---|---|---|"]
    for store, views in loads.items():
        for view, times in views.items():
            lines.append(f"| {store} | {view} | {len(times)} | {statistics.median(times):.0f} | {max(times):.0f} |")
    worst = max(max(t) for views in loads.values() for t in views.values())
    lines += ["", f"Goal < 1,000 ms: {'met by every load' if worst < 1000 else f'missed (slowest {worst:.0f} ms)'}. "
              "Each worker keeps the timeline's and the map's counts until the store changes and counts the "
              "landing views when it starts (serve/views.py); counted afresh, as after a write, they took "
              f"{fresh['timeline']:,} ms (daily counts) and {fresh['map']:,} ms (whole-world map cells) in the "
              f"{events:,}-event store itself."]
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path = REPO / "docs" / "benchmarks.md") -> None:
    """Replace the `## Server` section (added at the end the first time)."""
    lines = path.read_text("utf-8").rstrip("\n").splitlines()
    block = ["## Server", "", "Figures from `python scripts/bench_serve.py` (`make bench-serve`) on 2 cores shared "
             "with other jobs: they vary with the load.", "", *text.rstrip("\n").splitlines()]
    if "## Server" in lines:
        begin = lines.index("## Server")
        end = next((i for i in range(begin + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[begin:end] = block + ([""] if end < len(lines) else [])
    else:
        lines += ["", *block]
    path.write_text("\n".join(lines).rstrip("\n") + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", help="A SQLite store built before (by this script or bench_store.build_store).")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="Page loads of each view on each store.")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    command = "python scripts/bench_serve.py " + " ".join(sys.argv[1:])
    stamp = f"Measured on {date.today().isoformat()} with `{command.strip()}`."
    with tempfile.TemporaryDirectory(prefix="polemos-serve-bench-") as tmp:
        built = None
        db = args.store
        if not db:
            db = str(Path(tmp) / "million.db")
            built = bench_store.build_store(db, args.events)
        fresh = afresh(db)  # before the server starts, so that nothing else runs beside it
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            load(port, 3, args.clients)  # warm the page cache and the workers
            before = round(os.getloadavg()[0], 1)
            result = load(port, args.seconds, args.clients)
            result.update(load_before=before, load_after=round(os.getloadavg()[0], 1))
            print(f"load: {result}")
            loads = {f"{args.events:,} events": page_loads(f"http://127.0.0.1:{port}", args.rounds)}
        finally:
            stop(server)
        from serve_corpus import build

        small = str(Path(tmp) / "corpus.db")
        build(small)
        port = free_port()
        server = start_server(small, port, 1)
        try:
            loads["browser tests' corpus"] = page_loads(f"http://127.0.0.1:{port}", args.rounds)
        finally:
            stop(server)
    print(f"page loads: {loads}")
    print(f"counted afresh: {fresh}")
    text = render(stamp, args.events, built, args.workers, args.clients, result, loads, fresh)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
