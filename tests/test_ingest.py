"""`polemos ingest` end to end on a generated corpus: counts add up, re-running adds nothing,
two workers store what one does, and SIGKILL at random points loses and duplicates nothing."""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store_backends import BACKENDS, store_url

from polemos.batch import ingest, key_of
from polemos.feeds import read_sources
from polemos.store import Store

REPO = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("generate_corpus", REPO / "scripts" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    generator = _generator()
    generator.write(generator.generate(48, seed=11), path, "jsonl")
    return path


def _unique_inputs(corpus: Path) -> int:
    return len({key_of(item) for item in read_sources([str(corpus)])})


def _stored(store: Store) -> int:
    counts = store.counts()
    return counts["documents"] + counts["rejections"]


def _rows(store: Store) -> dict[str, int]:
    return {k: v for k, v in store.counts().items() if k != "runs"}


@pytest.mark.slow
@pytest.mark.parametrize("kind", BACKENDS)
def test_ingest_stores_every_unique_input_once_and_a_second_run_adds_no_row(kind, corpus, tmp_path):
    for url in store_url(kind, tmp_path):
        with Store(url) as store:
            first = ingest(read_sources([str(corpus)]), store, partition_size=8)
            assert first.read == 48
            assert first.coded + first.rejected == _unique_inputs(corpus) == _stored(store)
            assert first.duplicates == 48 - _unique_inputs(corpus) and first.duplicates > 0
            assert first.rejected > 0 and sum(first.reasons.values()) == first.rejected == store.counts()["rejections"]
            before = _rows(store)
            again = ingest(read_sources([str(corpus)]), store)
            assert (again.coded, again.rejected, again.duplicates) == (0, 0, 48)
            assert _rows(store) == before


@pytest.mark.slow
def test_two_workers_store_exactly_what_one_worker_stores(corpus, tmp_path):
    stores = {}
    for workers in (1, 2):
        with Store(str(tmp_path / f"w{workers}.db")) as store:
            ingest(read_sources([str(corpus)]), store, workers=workers, partition_size=8)
            stores[workers] = (
                store.db.query("SELECT id, pipeline FROM documents ORDER BY id"),
                store.db.query("SELECT uid, type FROM events ORDER BY uid"),
                store.db.query("SELECT id, reason FROM rejections ORDER BY id"),
            )
    assert stores[1] == stores[2]


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "polemos.commands", "ingest", str(corpus), "--db", str(db),
            "--partition-size", "4", "--no-progress"]


def _count_stored(db: Path) -> int:
    """Documents plus rejections, read without taking any lock the writer needs."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM rejections)").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing_and_duplicates_nothing(corpus, tmp_path):
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    rng = random.Random(2026)
    total, partial = _unique_inputs(corpus), []
    for _ in range(5):
        already = _count_stored(db)
        process = subprocess.Popen(_ingest_command(corpus, db), env=env, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while process.poll() is None and _count_stored(db) <= already and time.monotonic() < deadline:
            time.sleep(0.05)  # wait until this run is writing...
        time.sleep(rng.uniform(0.0, 0.5))  # ...then kill it at a random point of its work
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the whole group, as a crashed machine would
        process.wait(timeout=30)
        partial.append(_count_stored(db))
    assert any(0 < n < total for n in partial), partial  # the kills did land in the middle of the ingest
    finished = subprocess.run(_ingest_command(corpus, db), env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode in (0, 4), finished.stderr
    with Store(str(db)) as store:
        assert _stored(store) == _unique_inputs(corpus)  # nothing lost
        assert store.db.query("SELECT COUNT(*), COUNT(DISTINCT source_id) FROM documents")[0] == (
            store.counts()["documents"],) * 2  # nothing twice
        events_per_document = store.db.query(
            "SELECT COUNT(*) FROM events e LEFT JOIN documents d ON d.id = e.document_id WHERE d.id IS NULL")
        assert events_per_document[0][0] == 0  # no event outlived a rolled-back document
        before = _rows(store)
    again = subprocess.run(_ingest_command(corpus, db), env=env, capture_output=True, text=True, timeout=300)
    assert "coded 0, rejected 0" in again.stderr
    with Store(str(db)) as store:
        assert _rows(store) == before


def test_the_ingest_command_prints_a_closing_summary_with_rejections_by_reason(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "one.txt").write_text("PESHAWAR: Police said two suspects were arrested after a raid on a "
                                      "warehouse on the edge of the city on Friday night.\n", "utf-8")
    (articles / "two.txt").write_text("Les autorités ont annoncé la réouverture des routes après les inondations "
                                      "qui ont touché la région pendant la semaine.\n", "utf-8")
    (articles / "copy.txt").write_text((articles / "one.txt").read_text("utf-8"), "utf-8")
    result = subprocess.run(_ingest_command(articles, tmp_path / "cli.db"), capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO / "src")}, timeout=300)
    assert result.returncode == 4, result.stderr  # some inputs rejected
    assert "coded 1, rejected 1 (not_english 1), duplicates skipped 1" in result.stderr


@pytest.mark.slow
def test_a_pool_worker_killed_mid_ingest_breaks_no_run_and_loses_nothing(corpus, tmp_path):
    # Found by scripts/soak.py --scheduler pool: one dead worker broke the pool and ended the ingest.
    import psutil

    def kill_a_worker_once(summary) -> None:  # type: ignore[no-untyped-def]
        if not killed:
            workers = [p for p in psutil.Process().children() if any("spawn_main" in a for a in p.cmdline())]
            os.kill(workers[0].pid, signal.SIGKILL)
            killed.append(workers[0].pid)

    killed: list[int] = []
    with Store(str(tmp_path / "one.db")) as store:
        ingest(read_sources([str(corpus)]), store, workers=1, partition_size=4)
        clean = (store.db.query("SELECT id FROM documents ORDER BY id"), store.db.query("SELECT uid FROM events ORDER BY uid"),
                 store.db.query("SELECT id FROM rejections ORDER BY id"))
    with Store(str(tmp_path / "killed.db")) as store:
        summary = ingest(read_sources([str(corpus)]), store, workers=2, partition_size=4, on_partition=kill_a_worker_once)
        assert killed and summary.coded + summary.rejected == _unique_inputs(corpus) == _stored(store)
        assert (store.db.query("SELECT id FROM documents ORDER BY id"), store.db.query("SELECT uid FROM events ORDER BY uid"),
                store.db.query("SELECT id FROM rejections ORDER BY id")) == clean


def test_partitions_hold_at_most_their_size_and_their_byte_budget_and_every_input_once_in_order():
    # Found by scripts/corpus_run.py: 16 long reports coded as one spaCy batch took a worker past 900 MB.
    from polemos.batch import Item, partitions
    from polemos.records import Rejection
    from polemos.sources import article_from_bytes

    lengths = [10, 30_000, 30_000, 30_000, 100_000, 5, 5, 5, 5]
    items = [Item(f"k{n}", article_from_bytes(b"x" * length)) for n, length in enumerate(lengths)]
    items.insert(3, Item("rejected", Rejection("empty", "Nothing to read.")))
    parts = list(partitions(items, 3, max_bytes=64_000))
    assert [[i.key for i in p.items] for p in parts] == [
        ["k0", "k1", "k2"], ["rejected", "k3"], ["k4"], ["k5", "k6", "k7"], ["k8"]]  # a long one goes alone
    assert [p.id for p in partitions(items, 3, max_bytes=64_000)] == [p.id for p in parts]  # stable ids


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads resident memory from /proc")
def test_release_memory_hands_freed_heap_pages_back_to_the_system():
    # Found by scripts/corpus_run.py: a worker's resident memory grew with the articles it had coded.
    script = (
        "from polemos.batch import release_memory\n"
        "def rss():\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS'))\n"
        "blocks = [bytes(4000) for _ in range(50_000)]\n"  # ~200 MB through malloc, not pymalloc
        "kept = blocks[::50]\n"  # a few survivors pin the heap, as a worker's lasting objects do
        "del blocks\n"
        "before = rss()\n"
        "release_memory()\n"
        "print(before, rss())\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    before, after = map(int, result.stdout.split())
    import platform

    if platform.libc_ver()[0] == "glibc":
        assert after < before - 100_000  # kB: most of the 200 MB freed went back
    else:
        assert after <= before * 1.1  # elsewhere a no-op that breaks nothing
