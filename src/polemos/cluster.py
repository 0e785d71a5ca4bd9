"""Coding partitions on Dask: a LocalCluster of worker processes, or an existing scheduler
(one started by dask-jobqueue on an HPC cluster, by `dask scheduler`, by Kubernetes...).

Only the coding moves: workers run the same `batch.code_partition` the process pool runs and send
the coded partitions back; the driver writes them to the store exactly as on the pool path, one
partition per transaction, so kill/restart semantics do not depend on the scheduler. Each worker
process builds its Coder (and loads the spaCy pipeline) once, when it joins, through a worker
plugin: a worker that joins later (an adaptive HPC cluster scaling up) gets it too.

dask[distributed] is optional (`pip install 'polemos[cluster]'`); only this module imports it,
and polemos imports this module only for `--scheduler dask`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from .batch import Partition, code_partition, prepare_coder, release_memory
from .errors import SchedulerError
from .store import Coded

try:
    from distributed import Client, LocalCluster, WorkerPlugin, as_completed
    from distributed.scheduler import KilledWorker
except ImportError:  # the optional extra is absent: DaskRunner says how to install it
    Client = LocalCluster = as_completed = None
    WorkerPlugin, KilledWorker = object, RuntimeError

CONNECT_TIMEOUT = 10.0  # seconds to reach an existing scheduler before giving up with a clear message
_CODING = threading.Lock()  # one Coder per worker process: its threads take turns using it


class CoderPlugin(WorkerPlugin):  # type: ignore[misc, valid-type]
    """Builds this worker process's Coder when the worker starts: once per process, never per task."""

    name = "polemos-coder"  # registering it again (another ingest, other options) replaces it

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = dict(options)

    async def setup(self, worker: Any) -> None:
        # Off the worker's event loop, so heartbeats go on while a slow shared disk serves the model.
        await asyncio.to_thread(_prepare, self.options, True)


def _prepare(options: dict[str, Any], load: bool) -> None:
    with _CODING:
        prepare_coder(options, load=load)  # a no-op when this process already holds a Coder for these options


def _code_on_worker(partition: Partition, options: dict[str, Any]) -> list[Coded]:
    """The task: the pool's per-partition function, serialised where a worker runs several threads.

    It carries the options too, so a task that reaches a worker before the plugin has run there
    still codes with the right Coder.
    """
    _prepare(options, False)
    with _CODING:
        coded = code_partition(partition)
        release_memory()
        return coded


class DaskRunner:
    """A connection to a Dask cluster that codes partitions; use it as a context manager.

    With no address it starts a LocalCluster of `workers` single-threaded processes and shuts it
    down on exit; with an address it connects to that scheduler and leaves the cluster running.
    """

    def __init__(self, address: str | None = None, *, workers: int = 2, options: dict[str, Any] | None = None,
                 timeout: float = CONNECT_TIMEOUT) -> None:
        self.address = address
        self.workers = workers
        self.options = dict(options or {})
        self.timeout = timeout
        self.client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskRunner:
        if Client is None:
            raise SchedulerError("--scheduler dask needs dask[distributed]: pip install 'polemos[cluster]'")
        if self.address is None:
            try:  # its logs stay quiet: failures reach us as task errors
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.CRITICAL)
            except (OSError, TimeoutError, RuntimeError) as err:
                raise SchedulerError(f"cannot start a local Dask cluster of {self.workers} processes: "
                                     f"{_first_line(err)}") from err
            self.client = Client(self._cluster)
        else:
            try:
                self.client = Client(self.address, timeout=self.timeout)
            except (OSError, TimeoutError, ValueError) as err:
                raise SchedulerError(f"cannot reach the Dask scheduler at {self.address} within "
                                     f"{self.timeout:g} s ({type(err).__name__}: {_first_line(err)}); "
                                     "is it running, and is the address tcp://HOST:PORT?") from err
        try:
            register(self.client, CoderPlugin(self.options))
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def in_flight(self) -> int:
        """Partitions to keep submitted: two per worker thread, so none idles, memory stays flat."""
        threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info().get("workers", {}).values())
        return max(2, 2 * threads)

    def __call__(self, parts: Iterable[Partition]) -> Iterator[list[Coded]]:
        """Coded partitions as they finish (any order, like the pool); the driver stores each."""
        if self.client is None:
            raise SchedulerError("DaskRunner used outside its `with` block")
        iterator = iter(parts)
        first = [self._submit(part) for part in islice(iterator, self.in_flight())]
        if not first:
            return
        running = as_completed(first)
        for future in running:
            try:
                coded = future.result()
            except (OSError, KilledWorker) as err:  # the scheduler went away, or workers kept dying on one partition
                raise SchedulerError(f"Dask could not code partition {future.key}: {_first_line(err)}") from err
            future.release()
            yield coded
            # Refill up to the current bound: workers an adaptive cluster adds meanwhile get work too.
            for following in islice(iterator, max(1, self.in_flight() - running.count())):
                running.add(self._submit(following))

    def _submit(self, part: Partition) -> Any:
        # The key is the partition's stable id: the dashboard and the logs name the same unit the store does.
        return self.client.submit(_code_on_worker, part, self.options, key=f"polemos-partition-{part.id}", pure=False)


def register(client: Any, plugin: CoderPlugin) -> None:
    """Give every worker, present and future, its Coder, even when a worker dies meanwhile.

    The scheduler records the plugin before it sends it to the workers, so a worker killed while
    loading the model (an OOM kill, a pre-empted job) only breaks that one send: its replacement
    gets the plugin when it joins, and each task prepares its Coder anyway. Found by scripts/soak.py,
    where such a kill ended the whole ingest.
    """
    try:
        client.register_plugin(plugin)
    except OSError as err:  # CommClosedError: the connection to the dying worker
        logging.getLogger(__name__).warning("a worker went away while loading the pipeline: %s", _first_line(err))


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
