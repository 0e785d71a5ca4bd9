"""A readable summary of analyses for a person at a terminal: per article, one line per live event
fitted to the terminal (the same layout as `polemos query`), then its quotes."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..records import Analysis
from ..store.rows import event_rows
from .views import event_table


def render_table(analyses: Sequence[Analysis], console: Console | None = None, *, wide: bool = False) -> None:
    console = console or Console(highlight=False)
    for analysis in analyses:
        doc = analysis.document
        head = f"[bold]{escape(doc.title or doc.id)}[/bold]  {escape(doc.outlet or '')} {doc.published or 'date unknown'}"
        if analysis.rejection:
            console.print(f"{head}\n  [red]rejected[/red] {analysis.rejection.reason}: {escape(analysis.rejection.message)}")
            continue
        console.print(head, overflow="ellipsis", no_wrap=True, crop=True)
        live = [row for row in event_rows(doc.id, analysis) if row["factuality"] in (None, "asserted")]
        for row in live:
            row["outlet"] = doc.outlet
        others = len(analysis.unasserted)
        event_table(live, console, wide=wide,
                    note=f" (and {others} unasserted: see the JSON)" if others else "")
        if analysis.quotes:
            rows = [(speaker.name or speaker.text if (speaker := q.speaker) else "?", speaker.source_type if speaker else "",
                     " ".join(q.text.split())) for q in analysis.quotes]
            who = min(28, max(len("speaker"), *(len(r[0]) for r in rows)))
            kind = min(18, max(len("source type"), *(len(r[1]) for r in rows)))
            quotes = Table(title=f"{len(rows)} quotes", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                           pad_edge=False, padding=(0, 1), collapse_padding=True)
            quotes.add_column("speaker", width=who, no_wrap=True, overflow="ellipsis")
            quotes.add_column("source type", width=kind, no_wrap=True, overflow="ellipsis")
            quotes.add_column("quote", width=max(20, console.width - who - kind - 4), no_wrap=True, overflow="ellipsis")
            for row in rows:
                quotes.add_row(*(escape(cell) for cell in row))
            console.print(quotes)
