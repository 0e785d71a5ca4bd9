"""`polemos query`: read events (or incidents, claims, rejections, what changed) from the store
through `EventQuery`, as a table that fits the terminal, a summary per article, or JSON Lines."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from typing import Any

import click

from ..errors import EXIT_OK, EXIT_USAGE, PolemosError
from .filters import _day, build_query, check_modes, query_options
from .ingest import DB_OPTION

FORMATS = ("table", "summary", "jsonl")


@click.command()
@DB_OPTION
@query_options
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True,
              help="At most this many rows (with --format summary: articles).")
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--incidents", "show_incidents", is_flag=True, help="List incidents instead of single reports.")
@click.option("--changes-since", callback=_day, metavar="YYYY-MM-DD",
              help="List what re-coding changed since this date instead.")
@click.option("--rejections", "show_rejections", is_flag=True, help="List rejected inputs and why, instead.")
@click.option("--claims", "show_claims", is_flag=True,
              help="List claims (who said what) with their relations within and across articles, instead.")
@click.option("--related", is_flag=True, help="With --claims: only claims related to a claim of another article.")
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="table", show_default=True,
              help="table: one line per event, fitted to the terminal; summary: per article (events by type, "
                   "actors, places, tolls, contradictions); jsonl: every stored field, one row a line.")
@click.option("--wide", is_flag=True, help="With --format table: every column at full length (one long line per event).")
def query(db: str, limit: int, offset: int, show_incidents: bool, changes_since: date | None, show_rejections: bool,
          show_claims: bool, related: bool, fmt: str, wide: bool, **filters: Any) -> None:
    """Find stored events by actor, country, type and mode, place and radius, dates and words.

    Only live events (reported as having happened) unless --include-unasserted.
    """
    from rich.console import Console

    from ..store import Store

    fmt = fmt.lower()
    kind = ("claims" if show_claims or related else "rejections" if show_rejections else "revisions" if changes_since
            else "incidents" if show_incidents else "events")
    more = 0
    try:
        selection = build_query(**filters, limit=limit, offset=offset)
        with Store(db) as store:
            if selection.modes:
                selection = replace(selection, modes=check_modes(selection.modes, selection.types, store.modes()))
            if kind == "claims":  # claims are chosen by what was said, not by whether an event happened
                rows = store.claims(replace(selection, factual=False), related=related)
            elif kind == "rejections":
                rows = store.rejections(limit=limit, offset=offset)
            elif kind == "revisions":
                rows = store.revisions(since=changes_since.isoformat())  # type: ignore[union-attr]
            elif kind == "incidents":
                rows = [store.incident(i["id"]) or i for i in store.incidents(selection)]
            elif fmt == "summary":
                rows = store.article_summaries(selection)
            else:
                rows = store.events(selection)
                if fmt == "table" and len(rows) == limit:
                    more = store.count_events(replace(selection, limit=None, offset=0)) - offset - len(rows)
    except PolemosError as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        sys.exit(EXIT_OK)
    from . import views

    console = Console(highlight=False)
    if kind == "claims":
        views.claims(rows, console)
    elif kind != "events":
        views.plain_table(rows, kind, console)
    elif fmt == "summary":
        views.summaries(rows, console)
    else:
        note = "" if not selection.factual else " (live only: --include-unasserted for the others)"
        views.event_table(rows, console, wide=wide, more=more, note=note)
    sys.exit(EXIT_OK)
