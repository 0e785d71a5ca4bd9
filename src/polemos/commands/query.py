"""`polemos query`: read events (or incidents, or what changed) from the store through `EventQuery`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from ..errors import EXIT_OK, EXIT_USAGE, PolemosError
from ..query import EventQuery, parse_near
from .ingest import DB_OPTION


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD.") from err


def query_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters `query` and `export` share, declared once."""
    options = [
        click.option("--actor", "actors", multiple=True, help="Actor name or id, on either side; repeatable."),
        click.option("--country", "countries", multiple=True, help="ISO3 code of the place or a side; repeatable."),
        click.option("--type", "types", multiple=True, help="PLOVER root such as ASSAULT; repeatable."),
        click.option("--place", help="Place name as stored (with --radius: around that place)."),
        click.option("--near", help="Point LAT,LON; with --radius (default 25 km)."),
        click.option("--radius", type=float, help="Radius in km around --near or --place."),
        click.option("--since", help="Events on or after YYYY-MM-DD."),
        click.option("--until", help="Events on or before YYYY-MM-DD."),
        click.option("--text", help="Words in the evidence sentence."),
        click.option("--incident", help="Only the reports of this incident id."),
        click.option("--factual", is_flag=True, help="Leave out negated and hypothetical events."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_query(*, actors: tuple[str, ...] = (), countries: tuple[str, ...] = (), types: tuple[str, ...] = (),
                place: str | None = None, near: str | None = None, radius: float | None = None,
                since: str | None = None, until: str | None = None, text: str | None = None,
                incident: str | None = None, factual: bool = False, limit: int | None = 100,
                offset: int = 0) -> EventQuery:
    return EventQuery(
        actors=actors, countries=countries, types=types, place=place, near=parse_near(near) if near else None,
        radius_km=radius if radius is not None else (25.0 if near else None), since=_date(since), until=_date(until),
        text=text, incident=incident, factual=factual, limit=limit, offset=offset,
    )


@click.command()
@DB_OPTION
@query_options
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--incidents", "show_incidents", is_flag=True, help="List incidents instead of single reports.")
@click.option("--changes-since", help="List what re-coding changed since this date (YYYY-MM-DD) instead.")
@click.option("--rejections", "show_rejections", is_flag=True, help="List rejected inputs and why, instead.")
@click.option("--claims", "show_claims", is_flag=True,
              help="List claims (who said what) with their relations within and across articles, instead.")
@click.option("--related", is_flag=True, help="With --claims: only claims related to a claim of another article.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def query(db: str, limit: int, offset: int, show_incidents: bool, changes_since: str | None, show_rejections: bool,
          show_claims: bool, related: bool, fmt: str, **filters: Any) -> None:
    """Find stored events by actor, country, type, place and radius, dates and words."""
    from ..store import Store

    try:
        selection = build_query(**filters, limit=limit, offset=offset)
        with Store(db) as store:
            if show_claims or related:
                rows = store.claims(selection, related=related)
            elif show_rejections:
                rows = store.rejections(limit=limit, offset=offset)
            elif changes_since:
                rows = store.revisions(since=_date(changes_since).isoformat())  # type: ignore[union-attr]
            elif show_incidents:
                rows = [store.incident(i["id"]) or i for i in store.incidents(selection)]
            else:
                rows = store.events(selection)
    except PolemosError as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        kind = "claims" if show_claims or related else "rejections" if show_rejections else "revisions" if changes_since else "incidents" if show_incidents else "events"
        _table(rows, kind)
    sys.exit(EXIT_OK)


def _table(rows: list[dict[str, Any]], kind: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} {kind}", title_justify="left")
    if kind == "events":
        columns = ("date_value", "type", "actor_name", "target_name", "place_name", "fatalities_best", "outlet", "evidence_text")
    elif kind == "incidents":
        columns = ("id", "type", "date_first", "place_name", "actor_key", "target_key", "fatalities_low",
                   "fatalities_high", "reports")
    elif kind == "claims":
        _claims(rows)
        return
    elif kind == "rejections":
        columns = ("at", "reason", "origin", "message")
    else:
        columns = ("at", "document_id", "old_pipeline", "new_pipeline", "added", "removed", "changed")
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c))[:100] for c in columns))
    Console().print(table)


def _claims(rows: list[dict[str, Any]]) -> None:
    """Each claim under its speaker and article, then each related claim with its own evidence."""
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    console.print(f"{len(rows)} claims")
    for row in rows:
        speaker = row.get("speaker_name") or row.get("speaker_text") or "unattributed"
        console.print(f"\n[bold]{escape(str(row.get('published') or ''))} {escape(str(row.get('outlet') or ''))}[/bold] "
                      f"{escape(speaker)} ({escape(str(row.get('source_type') or '?'))}): {escape(row['text'])}")
        for rel in row["relations"]:
            where = f"{rel.get('other_published') or ''} {rel.get('other_outlet') or ''}".strip() if rel["across"] else "same article"
            other = rel.get("other_speaker_name") or rel.get("other_speaker_text") or "?"
            console.print(f"  {rel['kind'].replace('_', ' ')} [{escape(where)}] {escape(other)}: "
                          f"{escape(rel.get('other_text') or rel['other_claim_id'])}  ({escape(rel.get('reason') or '')})")
