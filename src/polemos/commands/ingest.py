"""`polemos ingest SOURCE...`: code a corpus into a durable, queryable event store."""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from datetime import date

import click

from ..document import MAX_BYTES
from ..errors import EXIT_OK, EXIT_PARTIAL, EXIT_REJECTED, EXIT_USAGE, PolemosError
from ..limits import TIME_LIMIT
from ..store import DEFAULT_URL

CONNECT_TIMEOUT = 10.0  # seconds; a scheduler queued on a busy HPC login node may answer slowly

DB_OPTION = click.option(
    "--db", "db", default=lambda: os.environ.get("POLEMOS_DB", DEFAULT_URL), show_default="$POLEMOS_DB or polemos.db",
    help="The store: a SQLite file path (sqlite:///path) or postgresql://user@host/db[?schema=NAME].",
)


def _day(value: str | None) -> date | None:
    """A YYYY-MM-DD option value, or a usage error that says how to write it."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD, such as 2025-11-02.") from err


def _csv_map(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            raise click.BadParameter(f"{pair!r}: write FIELD=COLUMN, such as text=body or published=date.")
        mapping[field.strip()] = column.strip()
    return mapping


@click.command()
@click.argument("sources", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Coding processes (of the pool, or of the LocalCluster started by --scheduler dask).")
@click.option("--scheduler", type=click.Choice(["pool", "dask"]), default=None,
              help="Where partitions are coded: a local process pool, or Dask [default: pool; dask with --dask-address].")
@click.option("--dask-address", metavar="tcp://HOST:PORT", default=None,
              help="An existing Dask scheduler (e.g. one started by dask-jobqueue); without it, "
                   "--scheduler dask starts a LocalCluster of --workers processes.")
@click.option("--dask-timeout", type=click.FloatRange(0.1), default=CONNECT_TIMEOUT, show_default=True,
              help="Seconds to wait for the Dask scheduler to answer.")
@click.option("--partition-size", type=click.IntRange(1, 10_000), default=16, show_default=True,
              help="Articles per partition: the unit of work and of one database transaction.")
@click.option("--csv-map", multiple=True, metavar="FIELD=COLUMN",
              help="CSV column for an article field (id, text, html, title, published, url, outlet); repeatable.")
@click.option("--published", metavar="YYYY-MM-DD", callback=lambda _c, _p, v: _day(v),
              help="Publication date of every input, over the inputs' own dates (as `polemos code --published`). "
                   "Without it each input's own date is read: a record's published field, the page's metadata, "
                   "a dateline with its year, a date line under the headline, a day in the URL or file name.")
@click.option("--recode", is_flag=True, help="Code again documents stored by another pipeline version (logs revisions).")
@click.option("--allow-private", is_flag=True, help="Allow fetching from loopback and private network addresses.")
@click.option("--ignore-robots", is_flag=True, help="Fetch pages even where robots.txt disallows it.")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds to wait for one page.")
@click.option("--max-bytes", type=int, default=MAX_BYTES, show_default=True, help="Inputs larger than this are rejected.")
@click.option("--time-limit", type=click.FloatRange(0), default=TIME_LIMIT, show_default=True,
              help="Seconds to code one article (in proportion above 200 kB); over it: rejected as time_limit. 0: none.")
@click.option("--no-incidents", is_flag=True, help="Skip grouping reports into incidents (do it in a later run).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
def ingest(sources: tuple[str, ...], db: str, workers: int, scheduler: str | None, dask_address: str | None,
           dask_timeout: float,
           partition_size: int, csv_map: tuple[str, ...], published: date | None,
           recode: bool, allow_private: bool, ignore_robots: bool, timeout: float, max_bytes: int,
           time_limit: float, no_incidents: bool, progress: bool | None) -> None:
    """Code a corpus into the event store; re-running adds only what is new.

    SOURCE is a file, a folder, a .jsonl or .csv dump, an RSS/Atom feed (.rss, .atom, .xml or a
    feed URL), a list of URLs (.urls, one a line), a page URL, or '-' for standard input.
    An interrupted ingest resumes where it stopped when run again with the same sources.
    With --scheduler dask the coding runs on Dask workers and this command still writes the store.
    """
    from ..batch import ingest as run_ingest
    from ..feeds import read_sources
    from ..fetch import Fetcher, FetchPolicy
    from ..store import Store

    fetcher = Fetcher(policy=FetchPolicy(timeout=timeout, allow_private=allow_private, obey_robots=not ignore_robots))
    show = progress if progress is not None else sys.stderr.isatty()
    if scheduler == "pool" and dask_address:
        raise click.UsageError("--dask-address needs --scheduler dask (or no --scheduler).")
    options: dict[str, object] = {"max_bytes": max_bytes, "time_limit": time_limit or None}
    if published is not None:
        options["published"] = published
    try:
        items = read_sources(sources, fetcher=fetcher, csv_map=_csv_map(csv_map))
        with ExitStack() as stack:
            runner = None
            if scheduler == "dask" or dask_address:
                from ..cluster import DaskRunner

                runner = stack.enter_context(DaskRunner(dask_address, workers=workers, options=options,
                                                                timeout=dask_timeout))
            store = stack.enter_context(Store(db))
            on_partition = stack.enter_context(_progress(show))
            summary = run_ingest(items, store, workers=workers, partition_size=partition_size, recode=recode,
                                 coder_options=options, sources=sources, incidents=not no_incidents,
                                 on_partition=on_partition, runner=runner)
    except PolemosError as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"polemos: {summary.line()}", err=True)
    advice = summary.date_advice()
    if advice:
        click.echo(f"polemos: {advice}", err=True)
    if summary.rejected and not (summary.coded or summary.recoded):
        sys.exit(EXIT_REJECTED)
    sys.exit(EXIT_PARTIAL if summary.rejected else EXIT_OK)


class _progress:
    """A rich progress line on stderr, advanced once per stored partition."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                  console=Console(stderr=True), transient=True)
        self._progress.__enter__()
        task = self._progress.add_task("ingesting")

        def advance(summary) -> None:  # type: ignore[no-untyped-def]
            self._progress.update(task, description=(  # type: ignore[union-attr]
                f"read {summary.read}  coded {summary.coded}  rejected {summary.rejected}  "
                f"duplicates {summary.duplicates}  events {summary.events}"))

        return advance

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
