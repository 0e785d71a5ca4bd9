"""A readable summary of analyses for a person at a terminal."""

from __future__ import annotations

from collections.abc import Sequence

import sys

from rich.console import Console
from rich.table import Table

from ..records import Analysis, Party


def _party(party: Party | None) -> str:
    if party is None:
        return "-"
    extra = "/".join(x for x in (party.country, party.sector) if x)
    return f"{party.name} ({extra})" if extra else party.name


def _snippet(text: str, start: int, end: int, width: int = 70) -> str:
    """The trigger in the middle of a short window of its sentence."""
    left = max(0, start - width // 2)
    right = min(len(text), end + width // 2)
    return ("…" if left else "") + text[left:right].replace("\n", " ") + ("…" if right < len(text) else "")


def render_table(analyses: Sequence[Analysis], console: Console | None = None) -> None:
    console = console or Console(width=None if sys.stdout.isatty() else 200)
    for analysis in analyses:
        doc = analysis.document
        head = f"[bold]{doc.title or doc.id}[/bold]  {doc.outlet or ''} {doc.published or ''}"
        if analysis.rejection:
            console.print(f"{head}\n  [red]rejected[/red] {analysis.rejection.reason}: {analysis.rejection.message}")
            continue
        table = Table(title=head, title_justify="left", show_lines=False)
        for column in ("type", "mode", "actor", "target", "where", "when", "killed", "flags"):
            table.add_column(column, overflow="fold", no_wrap=column in ("type", "when"))
        table.add_column("evidence", overflow="fold", min_width=40)
        for event in analysis.events:
            flags = ",".join(f for f, on in (("negated", event.negated), ("hypothetical", event.hypothetical)) if on)
            table.add_row(
                event.type,
                event.mode or "",
                _party(event.actor),
                _party(event.target),
                event.location.name if event.location else "",
                event.date.value if event.date else "",
                str(event.fatalities.best) if event.fatalities and event.fatalities.best is not None else "",
                flags,
                _snippet(
                    event.evidence.text,
                    event.trigger.start - event.evidence.start,
                    event.trigger.end - event.evidence.start,
                ),
            )
        console.print(table)
        if analysis.quotes:
            quotes = Table(title="quotes", title_justify="left")
            for column in ("speaker", "source type", "quote"):
                quotes.add_column(column, overflow="fold")
            for quote in analysis.quotes:
                speaker = quote.speaker
                quotes.add_row(
                    speaker.name or speaker.text if speaker else "?",
                    speaker.source_type if speaker else "",
                    quote.text[:100],
                )
            console.print(quotes)
