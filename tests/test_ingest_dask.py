"""`polemos ingest --scheduler dask`: partitions coded on a real Dask cluster (two worker
processes) end up in the store exactly as the process pool puts them there, a second run adds
nothing, each worker loads the pipeline once (when it joins, not per task), and a scheduler that cannot be reached is a
one-line error, not a traceback."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'polemos[cluster]')")

from distributed import Client, LocalCluster  # noqa: E402
from test_ingest import _generator  # noqa: E402

from polemos.batch import ingest  # noqa: E402
from polemos.cluster import CoderPlugin, DaskRunner, register  # noqa: E402
from polemos.feeds import read_sources  # noqa: E402
from polemos.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dask-corpus") / "corpus.jsonl"
    generator = _generator()
    generator.write(generator.generate(24, seed=5), path, "jsonl")
    return path


def _contents(db: Path) -> tuple:
    """What a store holds, by stable id: documents, events and rejections."""
    with Store(str(db)) as store:
        return (
            store.db.query("SELECT id, pipeline FROM documents ORDER BY id"),
            store.db.query("SELECT uid, type FROM events ORDER BY uid"),
            store.db.query("SELECT id, reason FROM rejections ORDER BY id"),
        )


@pytest.fixture(scope="module")
def pool_contents(corpus, tmp_path_factory) -> tuple:
    db = tmp_path_factory.mktemp("pool") / "pool.db"
    with Store(str(db)) as store:
        ingest(read_sources([str(corpus)]), store, workers=1, partition_size=4)
    return _contents(db)


def _ingest(corpus: Path, db: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "polemos.commands", "ingest", str(corpus), "--db", str(db),
               "--partition-size", "4", "--no-progress", *options]
    return subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=180)


@pytest.mark.slow
def test_a_local_dask_cluster_of_two_processes_stores_what_the_pool_stores(corpus, pool_contents, tmp_path):
    db = tmp_path / "dask.db"
    result = _ingest(corpus, db, "--scheduler", "dask", "--workers", "2")
    assert result.returncode in (0, 4), result.stderr
    assert "Traceback" not in result.stderr
    documents, events, rejections = stored = _contents(db)
    assert stored == pool_contents
    assert documents and rejections  # the corpus has articles to code and inputs to reject


def _coder_of_this_worker() -> tuple[int, int, bool]:
    """Run on a worker: which Coder object this process holds, and whether its pipeline is loaded."""
    from polemos import batch

    return os.getpid(), id(batch._CODER), batch._CODER is not None and batch._CODER._nlp is not None


@pytest.mark.slow
def test_an_existing_scheduler_codes_with_one_pipeline_per_worker_and_a_second_run_adds_nothing(
        corpus, pool_contents, tmp_path):
    db = tmp_path / "remote.db"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as observer:
        with DaskRunner(cluster.scheduler_address, options={}) as runner:
            joined = observer.run(_coder_of_this_worker)
            assert len(joined) == 2 and all(loaded for _, _, loaded in joined.values())
            with Store(str(db)) as store:
                first = ingest(read_sources([str(corpus)]), store, partition_size=4, runner=runner)
                assert observer.run(_coder_of_this_worker) == joined  # six partitions later, still one Coder each
                assert _contents(db) == pool_contents
                again = ingest(read_sources([str(corpus)]), store, partition_size=4, runner=runner)
    assert first.coded > 0 and first.rejected > 0
    assert (again.coded, again.rejected, again.duplicates) == (0, 0, 24)
    assert _contents(db) == pool_contents


class _DiesOnce(CoderPlugin):
    """The first worker to load it is SIGKILLed mid-setup, as an OOM kill or a pre-empted job would be."""

    def __init__(self, options: dict, marker: str) -> None:
        super().__init__(options)
        self.marker = marker

    async def setup(self, worker) -> None:  # type: ignore[no-untyped-def]
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            await super().setup(worker)
            return
        os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.slow
def test_a_worker_killed_while_loading_the_pipeline_does_not_end_the_ingest(tmp_path):
    # Found by scripts/soak.py: the plugin's broadcast raised CommClosedError and the ingest died.
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        register(client, _DiesOnce({}, str(tmp_path / "killed-one")))
        assert (tmp_path / "killed-one").exists()
        client.wait_for_workers(2, timeout=180)  # the nanny's replacement joins and gets the plugin
        loaded: dict = {}
        for _ in range(360):
            loaded = client.run(_coder_of_this_worker)
            if len(loaded) == 2 and all(ready for _, _, ready in loaded.values()):
                break
            time.sleep(0.5)
        assert len(loaded) == 2 and all(ready for _, _, ready in loaded.values())


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_scheduler_that_cannot_be_reached_is_a_clear_error_and_touches_no_store(corpus, tmp_path):
    address = f"tcp://127.0.0.1:{_unused_port()}"
    result = _ingest(corpus, tmp_path / "never.db", "--dask-address", address, "--dask-timeout", "1")
    assert result.returncode == 2
    assert f"polemos: cannot reach the Dask scheduler at {address}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "never.db").exists()


def test_an_address_with_the_pool_scheduler_is_a_usage_error(corpus, tmp_path):
    result = _ingest(corpus, tmp_path / "never.db", "--scheduler", "pool", "--dask-address", "tcp://127.0.0.1:8786")
    assert result.returncode == 2
    assert "--dask-address needs --scheduler dask" in result.stderr
