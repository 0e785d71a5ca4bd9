"""What `polemos query` shows a person at a terminal: one line per event that fits the terminal,
every column with `--wide`, or a summary per article.

A table narrower than its columns drops the least useful ones first (the outlet before the
actors, the mode before the date) and cuts long cells with an ellipsis, so an event is always one
line; `--wide` keeps every column at full length, for `less -S` or a wide window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    least: int  # narrowest useful width
    most: int  # widest it needs to be
    right: bool = False


# The columns of one event line, in the order they are shown. CORE columns are always there (cut
# to fit); the others are added, most useful first, while the evidence keeps a readable width.
EVENT_COLUMNS = (
    Column("date_value", "date", 10, 10),
    Column("type", "type", 7, 9),
    Column("mode", "mode", 6, 14),
    Column("actor_name", "actor", 8, 24),
    Column("target_name", "target", 8, 24),
    Column("place_name", "place", 7, 22),
    Column("fatalities_best", "killed", 6, 6, right=True),
    Column("factuality", "factuality", 12, 12),
    Column("outlet", "outlet", 6, 20),
    Column("evidence_text", "evidence", 20, 400),
)
CORE = ("date_value", "type", "actor_name", "target_name", "place_name", "fatalities_best", "evidence_text")
EXTRAS = ("mode", "outlet")  # added in this order while the evidence keeps READABLE columns
DROPPED_FIRST = ("fatalities_best", "place_name", "target_name")  # when even the core does not fit
READABLE = 40
WIDE_COLUMNS = (
    "uid", "incident_id", "date_value", "date_precision", "date_source", "type", "mode", "cameo", "acled_event_type",
    "acled_sub_event_type", "actor_name", "actor_country", "actor_sector", "actor_id", "target_name", "target_country",
    "target_sector", "target_id", "place_name", "country", "lat", "lon", "geo_precision", "fatalities_best",
    "fatalities_low", "fatalities_high", "injured", "fatalities_claimed_by", "factuality", "confidence", "claimed_by",
    "trigger_text", "evidence_text", "outlet", "published", "title", "url",
)
_GAP = 2  # the space between two columns


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None or value == "":
        return ""
    return " ".join(str(value).split())


def fit(columns: Sequence[Column], rows: Sequence[dict[str, Any]], width: int) -> list[tuple[Column, int]]:
    """Which columns fit in `width` and how wide each is, in display order; the evidence takes what is left."""
    by_key = {c.key: c for c in columns}
    mixed = any(_cell(r, "factuality") not in ("", "asserted") for r in rows)
    natural = {c.key: min(c.most, max([len(c.header), *(len(_cell(r, c.key)) for r in rows)])) for c in columns}
    # A column no row fills says nothing: it gives its room to the evidence.
    chosen = [k for k in CORE if k in by_key and (k in ("date_value", "type", "evidence_text") or any(_cell(r, k) for r in rows))]
    if mixed:  # live and unasserted events side by side: which is which is not optional
        chosen.append("factuality")

    def used(keys: list[str]) -> int:  # the width of every column but the evidence, with the gaps
        return sum(natural[k] for k in keys if k != "evidence_text") + _GAP * (len(keys) - 1)

    evidence = by_key["evidence_text"]
    while used(chosen) + evidence.least > width:
        shrinkable = [k for k in chosen if k != "evidence_text" and natural[k] > by_key[k].least]
        if shrinkable:
            natural[max(shrinkable, key=lambda k: natural[k])] -= 1
        elif any(k in chosen for k in DROPPED_FIRST):
            chosen.remove(next(k for k in DROPPED_FIRST if k in chosen))
        else:
            break
    for key in EXTRAS:
        if key in by_key and any(_cell(r, key) for r in rows) \
                and used([*chosen, key]) + READABLE <= width:
            chosen.append(key)
    natural["evidence_text"] = max(evidence.least, min(natural["evidence_text"], width - used(chosen)))
    return [(c, natural[c.key]) for c in columns if c.key in chosen]


def event_table(rows: Sequence[dict[str, Any]], console: Console, *, wide: bool = False, more: int = 0,
                note: str = "") -> None:
    """One line per event: the columns that fit the console, or every column with `wide`; `more`
    events match beyond this page."""
    heading = f"{len(rows)} events" + note
    table = Table(title=heading, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  padding=(0, 1), collapse_padding=True)
    if wide:
        keys = [k for k in WIDE_COLUMNS if any(_cell(r, k) for r in rows) or k in ("date_value", "type")]
        for key in keys:
            table.add_column(key.replace("_", " "), no_wrap=True, overflow="ignore")
        for row in rows:
            table.add_row(*(escape(_cell(row, k)) for k in keys))
        width = sum(max([len(k), *(len(_cell(r, k)) for r in rows)]) + _GAP for k in keys)
        Console(file=console.file, width=max(width, console.width), no_color=console.no_color,
                force_terminal=console.is_terminal, legacy_windows=False).print(table, crop=False, soft_wrap=True)
    else:
        for column, size in fit(EVENT_COLUMNS, rows, console.width):
            table.add_column(column.header, width=size, no_wrap=True, overflow="ellipsis",
                             justify="right" if column.right else "left")
        fitted = fit(EVENT_COLUMNS, rows, console.width)
        for row in rows:
            table.add_row(*(escape(_cell(row, c.key)) for c, _ in fitted))
        console.print(table)
    if more > 0:
        console.print(f"{more} more (--limit, --offset)")


def summaries(items: Sequence[dict[str, Any]], console: Console) -> None:
    """Per article: events by type, actors, places, tolls and contradictions, for a quick read."""
    if not items:
        console.print("0 articles")
        return

    def line(label: str, text: str) -> None:  # one fact a line, cut to the terminal rather than wrapped
        console.print(f"  {label:<12}{text}", overflow="ellipsis", no_wrap=True, crop=True)

    for item in items:
        doc = item["document"]
        head = " · ".join(x for x in (doc.get("outlet"), doc.get("published") or "date unknown") if x)
        console.print(f"[bold]{escape(doc.get('title') or doc.get('source_id') or doc['id'])}[/bold]  {escape(head)}",
                      overflow="ellipsis", no_wrap=True, crop=True)
        line("article", escape(doc["id"]) + (f"  {escape(doc['url'])}" if doc.get("url") else ""))
        types = ", ".join(f"{n} {t}" for t, n in item["types"].items())
        hidden = item["unasserted_not_shown"]
        line("events", f"{item['events']}" + (f": {types}" if types else "")
             + (f" (and {hidden} unasserted: --include-unasserted)" if hidden else ""))
        for label in ("actors", "places"):
            line(label, escape(", ".join(f"{name} ({n})" for name, n in list(item[label].items())[:6])) or "-")
        for n, toll in enumerate(item["tolls"][:5] or [None]):
            if toll is None:
                line("tolls", "-")
                continue
            facts = [toll["type"], " on ".join(x for x in (toll["actor"], toll["target"]) if x), toll["place"]]
            said = f" (says {toll['claimed_by']})" if toll["claimed_by"] else ""
            line("tolls" if n == 0 else "", escape(f"{toll['killed']} killed {toll['date'] or '(undated)'}: "
                                                   + ", ".join(f for f in facts if f) + said))
        for n, pair in enumerate(item["contradictions"][:5] or [None]):
            if pair is None:
                line("contradicts", "-")
                continue
            where = ", ".join(x for x in (pair["other_outlet"], pair["other_published"]) if x)
            line("contradicts" if n == 0 else "", escape(f"{_said(pair['speaker'], pair['claim'])} <> "
                                                         f"{_said(pair['other_speaker'], pair['other'] or '?')}"
                                                         + (f" [{where}]" if where else "")))
        console.print()


def _said(speaker: str | None, text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"{speaker or 'unattributed'}: \u201c{text}\u201d"


# Incidents, rejections and revisions: columns in the order they are kept, the last one taking what is left.
OTHER_COLUMNS = {
    "incidents": (Column("id", "incident", 20, 20), Column("date_first", "first day", 10, 10), Column("type", "type", 7, 9),
                  Column("reports", "reports", 7, 7, right=True), Column("killed", "killed", 6, 9, right=True),
                  Column("actor_key", "actor", 6, 24), Column("target_key", "target", 6, 24),
                  Column("place_name", "place", 6, 24)),
    "rejections": (Column("reason", "reason", 8, 12), Column("at", "at", 10, 25), Column("origin", "origin", 10, 40),
                   Column("message", "message", 20, 300)),
    "revisions": (Column("document_id", "document", 10, 20), Column("at", "at", 10, 25), Column("added", "added", 5, 5),
                  Column("removed", "removed", 7, 7), Column("changed", "changed", 7, 7),
                  Column("old_pipeline", "old pipeline", 12, 40), Column("new_pipeline", "new pipeline", 12, 40)),
}


def fit_in_order(columns: Sequence[Column], rows: Sequence[dict[str, Any]], width: int) -> list[tuple[Column, int]]:
    """The first columns that fit at their least width; the last kept one takes what is left."""
    natural = {c.key: min(c.most, max([len(c.header), *(len(_cell(r, c.key)) for r in rows)])) for c in columns}
    chosen = list(columns)
    while len(chosen) > 1 and sum(c.least for c in chosen) + _GAP * (len(chosen) - 1) > width:
        chosen.pop()
    while sum(natural[c.key] for c in chosen) + _GAP * (len(chosen) - 1) > width:
        widest = max((c for c in chosen if natural[c.key] > c.least), key=lambda c: natural[c.key], default=None)
        if widest is None:
            break
        natural[widest.key] -= 1
    return [(c, natural[c.key]) for c in chosen]


def plain_table(rows: Sequence[dict[str, Any]], kind: str, console: Console) -> None:
    """Incidents, rejections and revisions, one line each, fitted to the console."""
    if kind == "incidents":
        rows = [{**r, "killed": "" if r.get("fatalities_low") is None else str(r["fatalities_low"])
                 if r["fatalities_low"] == r.get("fatalities_high") else f"{r['fatalities_low']}-{r['fatalities_high']}"}
                for r in rows]
    table = Table(title=f"{len(rows)} {kind}", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, 1), collapse_padding=True)
    fitted = fit_in_order(OTHER_COLUMNS[kind], rows, console.width)
    for column, size in fitted:
        table.add_column(column.header, width=size, no_wrap=True, overflow="ellipsis",
                         justify="right" if column.right else "left")
    for row in rows:
        table.add_row(*(escape(_cell(row, c.key)) for c, _ in fitted))
    console.print(table)


def claims(rows: Sequence[dict[str, Any]], console: Console) -> None:
    """Each claim under its speaker and article, then each related claim with its own evidence."""
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
