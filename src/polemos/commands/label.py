"""`polemos label`: make label templates, check labels against the codebook, count them.

The labelled data live in labels/ (labels/README.md); the codebook is docs/event-codebook.md.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import click

from ..errors import ConfigurationError


def _data(path: Path | None) -> Path:
    from ..evaluation.base import default_data_path

    return path or default_data_path()


def _read_lines(path: Path) -> list[dict]:
    """Articles of a .jsonl file (one a line) or a .json file (one article, or a list of them)."""
    if path.suffix == ".json":
        loaded = json.loads(path.read_text(encoding="utf-8"))
        return loaded if isinstance(loaded, list) else [loaded]
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ConfigurationError(f"{path}:{number}: not JSON: {err}") from err
    return rows


def _files(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found.extend(sorted([*path.rglob("*.jsonl"), *path.rglob("*.json")]) if path.is_dir() else [path])
    return found


@click.group("label")
def label() -> None:
    """Labelled data: templates, checks and counts (docs/event-codebook.md)."""


_DATA = click.option("--data", type=click.Path(path_type=Path), help="Shared data folder (default ../shared/data).")
_PAGES = click.option("--pages", type=click.Path(path_type=Path), help="Folder of stored pages (KEY.json) for pages: keys.")


@label.command("list")
@click.argument("kind")
@click.option("--grep", default=None, help="Only articles whose text matches this regular expression (case-insensitive).")
@click.option("--min-hits", default=1, show_default=True, help="With --grep: at least this many matches.")
@_DATA
def list_command(kind: str, grep: str | None, min_hits: int, data: Path | None) -> None:
    """List the articles of a shared set (id, words, matches, title) to choose texts to label."""
    from ..labelling.texts import shared_articles

    pattern = re.compile(grep, re.IGNORECASE) if grep else None
    for ident, article in shared_articles(kind, _data(data)).items():
        hits = len(pattern.findall(article.text)) if pattern else 0
        if pattern and hits < min_hits:
            continue
        title = (article.title or article.text[:80]).replace("\n", " ")
        click.echo(f"{kind}:{ident}\t{len(article.text.split())}\t{hits}\t{title[:100]}")


@label.command("template")
@click.argument("keys", nargs=-1, required=True)
@click.option("--split", type=click.Choice(["train", "dev"]), required=True)
@click.option("--part", default=None, help="A name for the part of the set (e.g. A, B).")
@click.option("--labeller", default="polemos", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="JSONL file to append the templates to.")
@_DATA
@_PAGES
def template_command(keys: tuple[str, ...], split: str, part: str | None, labeller: str, out: Path,
                     data: Path | None, pages: Path | None) -> None:
    """Append one template per text KEY (gwn:12, lgl:40450848, ipe:11, pages:ID) to OUT."""
    from ..labelling.template import make_template
    from ..labelling.texts import read_source

    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as handle:
        for key in keys:
            source = read_source(key, _data(data), pages)
            handle.write(json.dumps(make_template(source, split, labeller, part), ensure_ascii=False) + "\n")
            click.echo(f"{key}: template written to {out}", err=True)


def _source_text(key: str, data: Path, pages: Path | None) -> str | None:
    from ..labelling.texts import read_source

    if key.startswith("own:") or (key.startswith("pages:") and pages is None):
        return None
    try:
        return read_source(key, data, pages).text
    except ConfigurationError:
        return None


@label.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_DATA
@_PAGES
def check_command(paths: tuple[Path, ...], data: Path | None, pages: Path | None) -> None:
    """Check label files against the codebook's schema; exit 1 when any problem is found."""
    from ..labelling.schema import check_article
    from ..labelling.template import locate_quotes

    problems = 0
    keys: Counter[str] = Counter()
    for path in _files(paths):
        for article in _read_lines(path):
            keys[str(article.get("key"))] += 1
            text = _source_text(str(article.get("key")), _data(data), pages)
            for problem in check_article(locate_quotes(article, text), text):
                problems += 1
                click.echo(f"{path}: {problem}")
    for key, count in keys.items():
        if count > 1:
            problems += 1
            click.echo(f"{key}: labelled {count} times")
    click.echo(f"{sum(keys.values())} articles, {problems} problems", err=True)
    sys.exit(1 if problems else 0)


@label.command("finalize")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="JSONL file to write (replaced).")
@_DATA
@_PAGES
def finalize_command(path: Path, out: Path, data: Path | None, pages: Path | None) -> None:
    """Check PATH and write it to OUT with shared texts taken out (offsets only)."""
    from ..labelling.schema import check_article
    from ..labelling.template import locate_quotes, strip_shared_text

    rows = [locate_quotes(a, _source_text(str(a.get("key")), _data(data), pages)) for a in _read_lines(path)]
    bad = [p for a in rows for p in check_article(a, _source_text(str(a.get("key")), _data(data), pages))]
    if bad:
        for problem in bad:
            click.echo(problem, err=True)
        raise click.ClickException(f"{len(bad)} problems: fix them first")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for article in rows:
            handle.write(json.dumps(strip_shared_text(article), ensure_ascii=False) + "\n")
    click.echo(f"{len(rows)} articles written to {out}", err=True)


@label.command("stats")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def stats_command(paths: tuple[Path, ...]) -> None:
    """Count articles, sentences, events by root, factuality and ACLED sub-type, per split."""
    counts: dict[str, Counter[str]] = {}
    for path in _files(paths):
        for article in _read_lines(path):
            c = counts.setdefault(str(article.get("split")), Counter())
            c["articles"] += 1
            c[f"source {str(article['key']).split(':')[0]}"] += 1
            for sentence in article["sentences"]:
                c["sentences"] += 1
                events = sentence.get("events", [])
                c["sentences with an event" if events else "sentences without"] += 1
                for event in events:
                    c["events"] += 1
                    c[f"root {event.get('type')}"] += 1
                    c[f"factuality {event.get('factuality')}"] += 1
                    c[f"acled {event.get('acled')}"] += 1
            c["quotes"] += len(article.get("quotes", []) or [])
    for split, c in sorted(counts.items()):
        click.echo(f"== {split}")
        for name, value in sorted(c.items()):
            click.echo(f"{value:6d}  {name}")
