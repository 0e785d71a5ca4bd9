"""Ingest at scale: inputs keyed by content hash, cut into partitions with stable ids, coded on a
process pool (or on Dask: `cluster.DaskRunner`), written to the store by this process one
partition per transaction.

A restart after a crash reads the same sources, finds what the store already holds by hash,
and codes only the rest: nothing lost, nothing twice. The same per-article function
(`Coder.code_many`) runs here, in the CLI and on any other scheduler.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeAlias

from .errors import SchedulerError
from .records import Article, Rejection, content_id
from .store import Coded, Store


@dataclass(frozen=True, slots=True)
class Item:
    key: str  # hash of the input bytes: the idempotency key
    input: Article | Rejection


@dataclass(frozen=True, slots=True)
class Partition:
    id: str  # hash of its items' keys: the same inputs always make the same partition
    items: tuple[Item, ...]


@dataclass(slots=True)
class IngestSummary:
    run_id: str = ""
    read: int = 0
    coded: int = 0
    recoded: int = 0
    rejected: int = 0
    duplicates: int = 0
    events: int = 0
    incidents_placed: int = 0
    seconds: float = 0.0
    pipeline: str | None = None
    reasons: Counter[str] = field(default_factory=Counter)
    date_unknown: int = 0  # coded inputs with no publication date: their relative dates stay unresolved
    undated: list[str] = field(default_factory=list)  # the first few of them, by origin

    def line(self) -> str:
        detail = ", ".join(f"{reason} {n}" for reason, n in sorted(self.reasons.items()))
        return (f"ingested {self.read} input{'' if self.read == 1 else 's'} in {self.seconds:.1f} s: coded {self.coded}"
                + (f", re-coded {self.recoded}" if self.recoded else "")
                + f", rejected {self.rejected}" + (f" ({detail})" if detail else "")
                + f", duplicates skipped {self.duplicates}, date_unknown {self.date_unknown}; {self.events} events, "
                f"{self.incidents_placed} placed in incidents")

    def date_advice(self) -> str | None:
        """What to do about inputs stored without a date; None when every input had one."""
        if not self.date_unknown:
            return None
        shown = ", ".join(self.undated) + (", ..." if self.date_unknown > len(self.undated) else "")
        return (f"date_unknown: {self.date_unknown} input{'s' if self.date_unknown > 1 else ''} with no publication date "
                f"({shown}) stored undated, so relative dates (\"on Thursday\") stay unresolved. Ingest "
                f"{'them' if self.date_unknown > 1 else 'it'} again with --published YYYY-MM-DD, or give the date in "
                "the input: a record's published field, the page's metadata, a dateline with its year, a date line "
                "under the headline, or a file name such as 2025-11-02-story.txt.")


def key_of(item: Article | Rejection) -> str:
    """The idempotency key: the hash of an article's bytes, or of where and why an input was unusable."""
    if isinstance(item, Article):
        return content_id(item.raw)
    return content_id(f"{item.origin}\n{item.reason}".encode("utf-8"))


PARTITION_BYTES = 64_000
"""Input bytes per partition (an article longer than this goes alone). A worker codes a partition
as one spaCy batch, so the longest articles that land together set its peak memory: 16 long
reports in one batch took a worker past 900 MB in the corpus-scale run (scripts/corpus_run.py)."""


def partitions(items: Iterable[Item], size: int, max_bytes: int = PARTITION_BYTES) -> Iterator[Partition]:
    """Partitions of at most `size` inputs and, past the first, at most `max_bytes` of input."""
    chunk: list[Item] = []
    held = 0
    for item in items:
        length = len(item.input.raw) if isinstance(item.input, Article) else 0
        if chunk and (len(chunk) >= size or held + length > max_bytes):
            yield _partition(chunk)
            chunk, held = [], 0
        chunk.append(item)
        held += length
    if chunk:
        yield _partition(chunk)


def _partition(chunk: list[Item]) -> Partition:
    return Partition(content_id("\n".join(i.key for i in chunk).encode("ascii")), tuple(chunk))


# --- coding, in this process or in a pool worker -------------------------------------------------
_CODER: Any = None
_OPTIONS: dict[str, Any] = {}


def prepare_coder(options: dict[str, Any], load: bool = True) -> None:
    """This process's Coder for `options`, built once (a pool initialiser, a Dask worker plugin)."""
    global _CODER, _OPTIONS
    from .coder import Coder

    if _CODER is None or options != _OPTIONS:
        _CODER, _OPTIONS = Coder(**options), dict(options)
    if load:
        _CODER.nlp  # a pool worker loads the pipeline before its first partition arrives


def code_partition(partition: Partition) -> list[Coded]:
    """Code one partition with this process's Coder; results in input order."""
    if _CODER is None:
        prepare_coder({})
    analyses = _CODER.code_many(item.input for item in partition.items)
    return [
        Coded(item.key, analysis, origin=getattr(item.input, "origin", None), partition_id=partition.id)
        for item, analysis in zip(partition.items, analyses)
    ]


def release_memory() -> None:
    """Hand the heap's free pages back to the system after a partition (glibc only; elsewhere a no-op).

    Freed spaCy docs leave glibc's arenas fragmented, so a worker's resident memory kept growing
    with the articles it had coded (135 MB more held after 1,000 articles than with a trim after
    each partition); a trim takes a few milliseconds.
    """
    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC:
        _LIBC(0)


_LIBC: Any = None


def _code_in_pool(partition: Partition) -> list[Coded]:
    coded = code_partition(partition)
    release_memory()
    return coded


PartitionRunner: TypeAlias = Callable[[Iterable[Partition]], Iterator[list[Coded]]]
"""Codes partitions somewhere (this process, a pool, a Dask cluster) and yields them as they finish."""


POOL_STRIKES = 3  # a partition in flight when the pool broke this often is given up on (as Dask's allowed-failures)


def run_partitions(parts: Iterable[Partition], workers: int, options: dict[str, Any]) -> Iterator[list[Coded]]:
    """Coded partitions as they finish; a bounded number in flight so memory stays flat.

    A pool worker that dies (SIGKILL, the OOM killer) breaks the whole pool: a fresh pool codes the
    partitions that were in flight, so the ingest goes on; one that keeps killing workers ends it.
    """
    if workers <= 1:
        prepare_coder(options, load=False)  # the pipeline loads with the first partition, if one comes
        for part in parts:
            yield code_partition(part)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a parent holding threads or connections
    iterator = iter(parts)
    again: list[Partition] = []  # partitions a broken pool held
    strikes: Counter[str] = Counter()
    while True:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=prepare_coder, initargs=(options,)) as pool:
            pending: dict[Future[list[Coded]], Partition] = {}
            for part in again + list(islice(iterator, max(0, workers * 2 - len(again)))):
                pending[pool.submit(_code_in_pool, part)] = part
            try:
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        coded = future.result()
                        pending.pop(future)
                        yield coded
                        following = next(iterator, None)
                        if following is not None:
                            pending[pool.submit(_code_in_pool, following)] = following
                return
            except BrokenProcessPool:
                again = list(pending.values())
                strikes.update(part.id for part in again)
                worst = max(again, key=lambda part: strikes[part.id])
                if strikes[worst.id] >= POOL_STRIKES:
                    raise SchedulerError(f"coding processes died {strikes[worst.id]} times while partition "
                                         f"{worst.id} was in flight; giving up (what was stored stays)") from None


# --- the ingest --------------------------------------------------------------------------------
def _fresh(items: Iterable[Article | Rejection], store: Store, summary: IngestSummary, recode: bool,
           chunk: int = 256, dating: bool = False) -> Iterator[Item]:
    """Inputs the store does not hold yet (all coded ones again with `recode`; with `dating`, those
    stored without a publication date, which this run gives one), each once."""
    seen: set[str] = set()
    iterator = iter(items)
    while batch := [Item(key_of(i), i) for i in islice(iterator, chunk)]:
        summary.read += len(batch)
        stored = store.known([i.key for i in batch])
        undated = store.undated([k for k, pipeline in stored.items() if pipeline is not None]) if dating else set()
        for item in batch:
            already = item.key in stored
            again = stored.get(item.key) is not None and (recode or item.key in undated)
            if item.key in seen or (already and not again):
                summary.duplicates += 1
                continue
            seen.add(item.key)
            yield item


def ingest(
    items: Iterable[Article | Rejection],
    store: Store,
    *,
    workers: int = 1,
    partition_size: int = 16,
    recode: bool = False,
    coder_options: dict[str, Any] | None = None,
    sources: Iterable[str] = (),
    incidents: bool = True,
    on_partition: Callable[[IngestSummary], None] | None = None,
    runner: PartitionRunner | None = None,
) -> IngestSummary:
    """Code every new input into the store; safe to interrupt and to run again.

    `runner` codes the partitions elsewhere (`cluster.DaskRunner`); by default the process pool of
    `workers`. Either way this process writes every result, so restarts behave the same.
    """
    options = coder_options or {}
    code = runner or (lambda parts: run_partitions(parts, workers, options))
    started = time.perf_counter()
    summary = IngestSummary(run_id=store.start_run(sources=list(sources), workers=workers))
    if incidents:
        summary.incidents_placed += store.update_incidents()  # events a killed run left unplaced
    status = "interrupted"
    try:
        fresh = _fresh(items, store, summary, recode, dating=options.get("published") is not None)
        for coded in code(partitions(fresh, partition_size)):
            saved = store.save(coded, summary.run_id)
            summary.coded += saved.coded
            summary.recoded += saved.recoded
            summary.rejected += saved.rejected
            summary.duplicates += saved.skipped
            summary.reasons.update(saved.reasons)
            summary.events += sum(len(c.analysis.events) for c in coded if c.analysis.rejection is None)
            for c in coded:
                if c.analysis.rejection is None and c.analysis.document.published is None:
                    summary.date_unknown += 1
                    if len(summary.undated) < 3:
                        summary.undated.append(c.origin or c.analysis.document.id)
            summary.pipeline = summary.pipeline or next((c.analysis.pipeline for c in coded if c.analysis.pipeline), None)
            if on_partition is not None:
                on_partition(summary)
        if incidents:
            summary.incidents_placed += store.update_incidents()
        status = "done"
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, pipeline=summary.pipeline, coded=summary.coded, rejected=summary.rejected,
                         duplicates=summary.duplicates, recoded=summary.recoded, status=status)
    return summary
