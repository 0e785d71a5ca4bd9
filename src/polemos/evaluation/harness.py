"""Run gold sets by name, time them, and show their figures, misses and floors.

The evaluators live one module per set and are imported only when their set runs, so a missing
optional dependency of one set never stops the others. Everything here works on `SetResult`.
"""

from __future__ import annotations

import importlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigurationError
from .base import SETS, Miss, SetResult, default_data_path
from .floors import Floors

if TYPE_CHECKING:
    from rich.console import Console

    from ..coder import Coder

Evaluator = Callable[..., SetResult]
FIGURES_START, FIGURES_END = "<!-- figures:start -->", "<!-- figures:end -->"

# Published figures of the sets' own papers, shown beside a set's figures when the figure names none.
SET_ANCHORS: dict[str, str] = {
    "geowebnews": "Mordecai 3: 90.1% exact GeoNames match; correct country 96.8-99.1%",
    "lgl": "Mordecai 3: 79.4% exact GeoNames match; correct country 96.8-99.1%",
    "petrarch2": "PETRARCH2 codes its own unit records 100% (they are its regression suite)",
    "plover": "CASE 2021 best fine-grained classifier: 0.839 weighted F1 on 25 ACLED sub-types (a different task)",
}


def set_names(requested: Sequence[str] = (), registry: Mapping[str, str] | None = None) -> list[str]:
    """The sets to run: those asked for (checked against the registry), else all registered."""
    registry = SETS if registry is None else registry
    unknown = [name for name in requested if name not in registry]
    if unknown:
        known = ", ".join(sorted(registry)) or "(none registered)"
        raise ConfigurationError(f"unknown gold set(s): {', '.join(unknown)}; known sets: {known}")
    return list(requested) if requested else sorted(registry)


def load_evaluator(name: str, registry: Mapping[str, str] | None = None) -> Evaluator:
    """Import "module:function" for one set, only now."""
    registry = SETS if registry is None else registry
    target = registry[name]
    module_name, _, function = target.partition(":")
    try:
        module = importlib.import_module(module_name)
        return getattr(module, function or "evaluate")
    except (ImportError, AttributeError) as err:
        raise ConfigurationError(f"gold set {name!r}: cannot load {target!r}: {err}") from err


def run_set(
    name: str,
    coder: "Coder",
    data: Path | None = None,
    limit: int | None = None,
    registry: Mapping[str, str] | None = None,
) -> SetResult:
    """One set, timed; the wall time replaces whatever the evaluator measured itself."""
    evaluate = load_evaluator(name, registry)
    started = time.perf_counter()
    result = evaluate(data or default_data_path(), coder, limit=limit)
    seconds = time.perf_counter() - started
    return SetResult(
        set=result.set or name,
        path=result.path,
        figures=result.figures,
        misses=result.misses,
        skipped=result.skipped,
        seconds=seconds,
        notes=result.notes,
    )


def group_misses(misses: Iterable[Miss]) -> dict[str, list[Miss]]:
    """Misses by kind, largest group first."""
    groups: dict[str, list[Miss]] = defaultdict(list)
    for miss in misses:
        groups[miss.kind].append(miss)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def format_value(value: float, unit: str) -> str:
    if unit == "share":
        return f"{100 * value:.1f}%"
    if unit == "count":
        return f"{value:.0f}"
    return f"{value:,.2f} {unit}" if unit not in ("", "number") else f"{value:,.3f}"


def render_results(results: Sequence[SetResult], floors: Floors | None = None, console: "Console | None" = None) -> None:
    """One table: every figure of every set, with its floor and anchor; skipped sets say what was looked for."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    table = Table(title="polemos eval", title_justify="left")
    for column in ("set", "figure", "value", "n", "floor", "anchor", "seconds"):
        table.add_column(
            column,
            overflow="fold",
            no_wrap=column in ("set", "figure", "value", "n", "floor"),
            justify="right" if column in ("value", "n", "seconds") else "left",
        )
    for result in results:
        if result.skipped:
            table.add_row(result.set, "[yellow]skipped[/yellow]", "", "", "", escape(result.skipped), "")
            continue
        if not result.figures:
            table.add_row(result.set, "[red]no figures[/red]", "", "", "", result.path, f"{result.seconds:.1f}")
        for index, figure in enumerate(result.figures):
            floor = floors.find(result.set, figure.name) if floors else None
            floor_text = ""
            if floor is not None:
                ok = floor.holds(figure.value)
                mark = "[green]ok[/green]" if ok else "[red]BELOW[/red]"
                floor_text = f"{format_value(floor.bound, figure.unit)} {mark}"
            table.add_row(
                result.set if index == 0 else "",
                figure.name,
                format_value(figure.value, figure.unit),
                str(figure.n),
                floor_text,
                figure.anchor or (SET_ANCHORS.get(result.set, "") if index == 0 else ""),
                f"{result.seconds:.1f}" if index == 0 else "",
            )
    console.print(table)
    for result in results:
        if not result.skipped:
            console.print(f"[dim]{result.set}: read {result.path}[/dim]")
        for note in result.notes:
            console.print(f"[dim]{result.set}: {note}[/dim]")


def render_errors(result: SetResult, per_kind: int | None = None, console: "Console | None" = None) -> None:
    """Every miss with its sentence, the gold answer and ours, grouped by kind."""
    from rich.console import Console
    from rich.markup import escape

    console = console or Console()
    if result.skipped:
        console.print(f"{result.set}: skipped: {result.skipped}")
        return
    groups = group_misses(result.misses)
    console.print(f"[bold]{result.set}[/bold]: {len(result.misses)} misses in {len(groups)} kinds ({result.path})")
    for kind, misses in groups.items():
        console.print(f"\n[bold]{escape(kind)}[/bold] ({len(misses)})")
        for miss in misses[:per_kind] if per_kind else misses:
            item = f"[{escape(miss.item)}] " if miss.item else ""
            console.print(f"  {item}{escape(miss.sentence.strip())}")
            console.print(f"    gold: {escape(miss.gold)}")
            console.print(f"    ours: {escape(miss.ours)}")
        if per_kind and len(misses) > per_kind:
            console.print(f"  ... {len(misses) - per_kind} more")


def figures_markdown(results: Sequence[SetResult], command: str) -> str:
    """The summary table of docs/benchmarks.md: each figure beside its anchor and the command."""
    total = sum(r.seconds for r in results)
    lines = [
        f"Produced by `{command}`; the sets took {total:.0f} s of wall time together.",
        "",
        "| set | figure | polemos | n | published anchor |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        if result.skipped:
            lines.append(f"| {result.set} | (skipped: {result.skipped}) | | | |")
            continue
        for index, figure in enumerate(result.figures):
            value = format_value(figure.value, figure.unit)
            anchor = figure.anchor or (SET_ANCHORS.get(result.set, "") if index == 0 else "")
            lines.append(f"| {result.set} | {figure.name} | {value} | {figure.n} | {anchor} |")
    return "\n".join(lines)


def rewrite_between(path: Path, start: str, end: str, body: str) -> None:
    """Replace the text between two marker lines (appending both if absent); the rest is left alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = head + block + tail
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")
