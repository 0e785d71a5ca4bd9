"""`polemos code PATH...`: code articles and print one Analysis per input."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

import click

from ..coder import Coder
from ..document import MAX_BYTES
from ..errors import EXIT_OK, EXIT_PARTIAL, EXIT_REJECTED, EXIT_USAGE, PolemosError
from ..limits import TIME_LIMIT
from ..records import Analysis, Article, Rejection
from ..sources import read_paths
from .table import render_table

if TYPE_CHECKING:
    from spacy.language import Language


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD.") from err


def _with_progress(items: list[Article | Rejection], enabled: bool) -> Iterator[Article | Rejection]:
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True
    ) as progress:
        task = progress.add_task("coding", total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def _with_verbs(paths: tuple[str, ...]) -> "Language | None":
    """A pipeline of its own whose event step also knows these CAMEO verb dictionaries (None: the default)."""
    if not paths:
        return None
    from ..knowledge.cameo_verbs import use_cameo_verbs
    from ..nlp.pipeline import build_pipeline

    try:
        return use_cameo_verbs(build_pipeline.__wrapped__(), paths)  # type: ignore[attr-defined]
    except FileNotFoundError as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD; overrides the articles' own dates.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True,
    help="json: one object (an array for several inputs); jsonl: one Analysis a line, in input order; table: for a person.",
)
@click.option("--wide", is_flag=True, help="With --format table: every column at full length.")
@click.option("--max-bytes", type=int, default=MAX_BYTES, show_default=True, help="Inputs larger than this are rejected.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--time-limit", type=click.FloatRange(0), default=TIME_LIMIT, show_default=True,
              help="Seconds to code one article (in proportion above 200 kB); over it: rejected as time_limit. 0: none.")
@click.option(
    "--cameo-verbs", "cameo_verbs", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="A CAMEO/PETRARCH verb dictionary whose verbs and patterns are added to the trigger lexicon (repeatable).",
)
def code(
    paths: tuple[str, ...], published: str | None, fmt: str, wide: bool, max_bytes: int, progress: bool | None,
    cameo_verbs: tuple[str, ...], time_limit: float,
) -> None:
    """Code news articles into PLOVER events, quotes and claims.

    PATH is a text or HTML file, a folder, a .jsonl batch ({"id", "text"|"html", "title",
    "published", "url", "outlet"} a line) or '-' for standard input.
    """
    try:
        items = list(read_paths(paths))
    except PolemosError as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)
    if not items:
        click.echo("polemos: no inputs found under the given paths.", err=True)
        sys.exit(EXIT_USAGE)
    coder = Coder(published=_parse_published(published), max_bytes=max_bytes, nlp=_with_verbs(cameo_verbs),
                  time_limit=time_limit or None)
    show = progress if progress is not None else (len(items) > 1 and sys.stderr.isatty())
    rejected: Counter[str] = Counter()
    analyses: list[Analysis] = []
    out = sys.stdout
    undated: list[str] = []  # coded with no publication date: said on stderr, never silently
    for analysis in coder.code_many(_with_progress(items, show)):
        if analysis.rejection is None and analysis.document.published is None:
            undated.append(analysis.document.id)
        if analysis.rejection is not None:
            rejected[analysis.rejection.reason] += 1
            click.echo(
                f"polemos: rejected {analysis.document.id}: {analysis.rejection.reason}: {analysis.rejection.message}",
                err=True,
            )
        if fmt == "jsonl":
            out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        else:
            analyses.append(analysis)
    if fmt == "json":
        payload = analyses[0].to_dict() if len(analyses) == 1 else [a.to_dict() for a in analyses]
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        render_table(analyses, wide=wide)
    if undated:
        shown = ", ".join(undated[:3]) + (", ..." if len(undated) > 3 else "")
        click.echo(f"polemos: date_unknown: {len(undated)} input{'s' if len(undated) > 1 else ''} with no publication "
                   f"date ({shown}): relative dates stay unresolved; give --published YYYY-MM-DD.", err=True)
    total, bad = len(items), sum(rejected.values())
    if total > 1:
        detail = ", ".join(f"{reason} {n}" for reason, n in sorted(rejected.items()))
        click.echo(f"polemos: coded {total - bad}, rejected {bad}" + (f" ({detail})" if detail else ""), err=True)
    if bad == 0:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_REJECTED if bad == total else EXIT_PARTIAL)
