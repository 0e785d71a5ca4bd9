"""`polemos eval [SET...]`: run the coder on the gold sets present and print its figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import EXIT_USAGE, ConfigurationError

EXIT_BELOW_FLOOR = 1


def _parse_limits(values: tuple[str, ...]) -> tuple[int | None, dict[str, int | None]]:
    """`--limit 50` for every set, `--limit plover=100` for one; 0 or 'all' means the whole set."""
    default: int | None = None
    per_set: dict[str, int | None] = {}
    for value in values:
        name, sep, number = value.rpartition("=")
        try:
            limit = None if number in ("0", "all") else int(number)
        except ValueError as err:
            raise click.BadParameter(f"{value!r}: use N or SET=N") from err
        if sep:
            per_set[name] = limit
        else:
            default = limit
    return default, per_set


@click.command("eval")
@click.argument("sets", nargs=-1)
@click.option("--data", type=click.Path(path_type=Path), help="Gold data folder (default: ../shared/data beside the repo).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON instead of a table.")
@click.option("--errors", is_flag=True, help="Print every miss with its sentence, the gold answer and ours, by kind.")
@click.option("--per-kind", type=int, default=None, help="With --errors: show at most N misses of each kind.")
@click.option("--limit", "limits", multiple=True, help="Read only the first N items: N for every set or SET=N.")
@click.option("--gate", is_flag=True, help="Run each set on the subsample its floors were pinned on.")
@click.option("--check", is_flag=True, help="Exit 1 when a figure falls below its floor.")
@click.option("--floors", "floors_path", type=click.Path(path_type=Path), help="Floors file (default: the shipped floors.json).")
@click.option("--propose-floors", is_flag=True, help="Print floors at the measured values less the noise margin.")
@click.option("--write-floors", is_flag=True, help="With --propose-floors: write them into the floors file.")
@click.option("--reason", default="", help="With --write-floors: why these floors (kept beside each floor).")
@click.option("--docs", "docs_path", type=click.Path(path_type=Path), help="Rewrite the figures table in this markdown file.")
def eval_command(
    sets: tuple[str, ...],
    data: Path | None,
    as_json: bool,
    errors: bool,
    per_kind: int | None,
    limits: tuple[str, ...],
    gate: bool,
    check: bool,
    floors_path: Path | None,
    propose_floors: bool,
    write_floors: bool,
    reason: str,
    docs_path: Path | None,
) -> None:
    """Measure polemos on the gold sets present (all registered sets when none is named).

    \b
    A set whose files are absent is listed as skipped with the path it looked for.
    Pin floors in one command:  polemos eval --gate --propose-floors --write-floors --reason "why"
    """
    from rich.console import Console

    from ..coder import Coder
    from ..evaluation import harness
    from ..evaluation.base import default_data_path
    from ..evaluation.floors import check as check_floors
    from ..evaluation.floors import load_floors, merge, propose, save_floors

    if write_floors and not (propose_floors and reason.strip()):
        click.echo("polemos: --write-floors needs --propose-floors and a --reason saying why the floors move.", err=True)
        sys.exit(EXIT_USAGE)
    try:
        names = harness.set_names(sets)
        default_limit, per_set = _parse_limits(limits)
    except (ConfigurationError, click.BadParameter) as err:
        click.echo(f"polemos: {err}", err=True)
        sys.exit(EXIT_USAGE)
    floors = load_floors(floors_path)
    chosen = dict(floors.limits or {}) if gate else {}
    chosen.update(per_set)
    data = data or default_data_path()
    console = Console(stderr=as_json)
    coder = Coder()
    results = []
    for name in names:
        limit = chosen.get(name, default_limit)
        with console.status(f"evaluating {name}" + (f" (first {limit})" if limit else "")):
            try:
                results.append(harness.run_set(name, coder, data, limit))
            except ConfigurationError as err:
                click.echo(f"polemos: {err}", err=True)
                sys.exit(EXIT_USAGE)
    used = {name: chosen.get(name, default_limit) for name in names}

    if as_json:
        payload = []
        for result in results:
            entry = result.to_dict()
            if errors:
                entry["misses"] = [m.to_dict() for m in result.misses]
            payload.append(entry)
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    elif errors:
        for result in results:
            harness.render_errors(result, per_kind, console)
    else:
        harness.render_results(results, floors, console)

    if propose_floors:
        proposed = propose(results, used, reason.strip() or "proposed by polemos eval --propose-floors")
        if write_floors:
            path = save_floors(merge(floors, proposed), floors_path)
            console.print(f"wrote {len(proposed.floors)} floors for {len(proposed.limits or {})} sets to {path}")
        else:
            proposal = {f"{f.set}/{f.figure}": f.to_dict() for f in proposed.floors}
            sys.stderr.write(json.dumps({"limits": proposed.limits, "floors": proposal}, indent=2) + "\n")
    if docs_path is not None:
        flags = [*sets, *("--limit " + v for v in limits), *(["--gate"] if gate else []), "--docs", str(docs_path)]
        command = "polemos eval " + " ".join(flags)
        harness.rewrite_between(
            docs_path, harness.FIGURES_START, harness.FIGURES_END, harness.figures_markdown(results, command.strip())
        )
        console.print(f"rewrote the figures table in {docs_path}")
    if check:
        breaches = check_floors(results, floors)
        for breach in breaches:
            click.echo(f"polemos: floor broken: {breach}", err=True)
        if breaches:
            sys.exit(EXIT_BELOW_FLOOR)
