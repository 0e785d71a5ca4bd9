"""`polemos export --format F`: the events a query selects, in a format other tools read."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import EXIT_OK, EXIT_USAGE, PolemosError
from ..exports import FORMATS
from .ingest import DB_OPTION
from .filters import build_query, query_options


@click.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output).")
@query_options
def export(db: str, fmt: str, out: Path | None, **filters: Any) -> None:
    """Export events: plover, acled, ucdp, cameo, csv, jsonl, parquet, geojson, graphml (actor
    network) or claimreview (claims as schema.org ClaimReview JSON-LD)."""
    from ..exports import export as run_export
    from ..store import Store

    try:
        with Store(db) as store:
            count = run_export(store, fmt, build_query(**filters, limit=None), out)
    except PolemosError as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"polemos: exported {count} {'claims' if fmt == 'claimreview' else 'edges' if fmt == 'graphml' else 'events'}"
               + (f" to {out}" if out else ""), err=True)
    sys.exit(EXIT_OK)
