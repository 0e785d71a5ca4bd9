"""`polemos export --format F`: the events a query selects, in a format other tools read."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from ..errors import EXIT_OK, EXIT_USAGE, PolemosError
from ..exports import FORMATS
from .filters import build_query, check_modes, query_options
from .ingest import DB_OPTION


@click.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), required=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output).")
@click.option("--per-incident/--per-report", "per_incident", default=None,
              help="One row per incident (the reports of one real-world event folded: sources joined, tolls as a "
                   "range) or one per report. Default: per incident for acled, ucdp, plover and cameo; per report "
                   "for csv, jsonl, parquet, geojson and graphml, which keep each report's incident id.")
@query_options
def export(db: str, fmt: str, out: Path | None, per_incident: bool | None, **filters: Any) -> None:
    """Export events: plover, acled, ucdp, cameo, csv, jsonl, parquet, geojson, graphml (actor
    network) or claimreview (claims as schema.org ClaimReview JSON-LD).

    Only live events (reported as having happened) unless --include-unasserted. A row a format
    cannot hold (ACLED and UCDP need a date and a country, GeoJSON a point) is left out and counted
    on standard error.
    """
    from dataclasses import replace

    from ..exports import export as run_export
    from ..store import Store

    fmt = fmt.lower()
    unit = None if per_incident is None else "incident" if per_incident else "report"
    left_out: Counter[str] = Counter()
    try:
        selection = build_query(**filters, limit=None)
        with Store(db) as store:
            if selection.modes:
                selection = replace(selection, modes=check_modes(selection.modes, selection.types, store.modes()))
            if fmt == "claimreview":
                selection = replace(selection, factual=False)  # claims are chosen by what was said
            count = run_export(store, fmt, selection, out, unit=unit, left_out=left_out)
    except PolemosError as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)
    what = "claims" if fmt == "claimreview" else "edges" if fmt == "graphml" else "rows"
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(left_out.items()))
    click.echo(f"polemos: exported {count} {what}" + (f" to {out}" if out else "")
               + (f"; left out {sum(left_out.values())} the {fmt} format cannot hold ({skipped})" if left_out else ""),
               err=True)
    sys.exit(EXIT_OK)
