"""Reading inputs: files, folders, JSON Lines batches and standard input, as `Article` records.

A batch line that cannot be read becomes a `Rejection` and the batch goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError, RejectReason
from .publication import parse_date
from .records import Article, Rejection, content_id

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
BATCH_SUFFIXES = {".jsonl", ".ndjson"}


def sniff_kind(raw: bytes, suffix: str = "") -> str:
    """HTML by suffix, or by the first tag; text otherwise."""
    if suffix.lower() in HTML_SUFFIXES:
        return "html"
    head = raw[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


def article_from_bytes(
    raw: bytes,
    *,
    id: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    origin: str | None = None,
) -> Article:
    return Article(
        id=id or content_id(raw),
        raw=raw,
        kind="html" if (kind or sniff_kind(raw)) == "html" else "text",
        title=title,
        published=published,
        url=url,
        outlet=outlet,
        origin=origin,
    )


# The record fields a publication date is read from, in order: the contract's name, then what dumps often use.
PUBLISHED_FIELDS = ("published", "date", "published_at", "publish_date", "pubdate", "datetime")


def article_from_record(record: Any, origin: str) -> Article | Rejection:
    """One JSON Lines record: {"id", "text" | "html", "title", "published", "url", "outlet"}."""
    if not isinstance(record, dict):
        return Rejection(RejectReason.BAD_RECORD.value, "The line is JSON but not an object.", origin=origin)
    rid = record.get("id")
    rid = _field(str(rid)) if rid not in (None, "") else None
    body, kind = record.get("text"), "text"
    if not body and record.get("html"):
        body, kind = record.get("html"), "html"
    if body is None:
        return Rejection(
            RejectReason.BAD_RECORD.value,
            'The record has neither "text" nor "html": give the article body in one of them.',
            document_id=rid,
            origin=origin,
        )
    if not isinstance(body, str):
        return Rejection(RejectReason.BAD_RECORD.value, 'The "text"/"html" field must be a string.', rid, origin)
    try:
        raw = body.encode("utf-8")
    except UnicodeEncodeError:
        return Rejection(RejectReason.BAD_RECORD.value, 'The "text"/"html" field is not valid Unicode '
                         "(it holds a lone surrogate escape such as \\ud800).", rid, origin)
    return article_from_bytes(
        raw,
        id=rid,
        kind=kind,
        title=_field(record.get("title")),
        published=parse_date(next((record[k] for k in PUBLISHED_FIELDS if record.get(k) not in (None, "")), None)),
        url=_field(record.get("url")),
        outlet=_field(record.get("outlet")),
        origin=origin,
    )


def _field(value: Any) -> str | None:
    """A record's metadata string; anything else (a number, a list, text that is not valid Unicode) is None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def read_batch(lines: Iterable[bytes], name: str) -> Iterator[Article | Rejection]:
    for number, line in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            yield Rejection(RejectReason.BAD_RECORD.value, f"Line {number} is not valid JSON: {err}.", origin=origin)
            continue
        except RecursionError:  # arrays or objects nested thousands deep
            yield Rejection(RejectReason.BAD_RECORD.value, f"Line {number} nests JSON too deep to read.", origin=origin)
            continue
        yield article_from_record(record, origin)


def read_file(path: Path) -> Iterator[Article | Rejection]:
    suffix = path.suffix.lower()
    if suffix in BATCH_SUFFIXES:
        records = 0
        with path.open("rb") as handle:
            for records, item in enumerate(read_batch(handle, path.name), start=1):
                yield item
        if not records:  # said, never silently nothing
            yield Rejection(RejectReason.EMPTY.value, f"The batch {path.name} holds no records: every line is blank.",
                            path.name, str(path))
        return
    try:
        raw = path.read_bytes()
    except OSError as err:
        yield Rejection(RejectReason.UNREADABLE.value, f"Cannot read {path}: {err.strerror}.", path.name, str(path))
        return
    yield article_from_bytes(raw, id=path.name, kind=sniff_kind(raw, suffix), origin=str(path))


def read_stream(stream: BinaryIO, name: str = "-") -> Iterator[Article | Rejection]:
    """Standard input: a JSON Lines batch when the first line is an object, else one article."""
    raw = stream.read()
    first = raw.lstrip()[:1]
    if first == b"{":
        lines = raw.splitlines()
        try:
            json.loads(lines[0])
            yield from read_batch(lines, name)
            return
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            pass
    yield article_from_bytes(raw, id="stdin" if name == "-" else name, origin=name)


def read_paths(paths: Iterable[str]) -> Iterator[Article | Rejection]:
    """Every article under the given paths, in the order given (folders sorted by name)."""
    for given in paths:
        if given == "-":
            yield from read_stream(sys.stdin.buffer)
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from read_file(child)
        elif path.is_file():
            yield from read_file(path)
        else:
            raise InputError(f"No such file or folder: {given}. Give a file, a folder, a .jsonl batch or '-'.")


# Column names a CSV dump commonly uses for each Article field, tried in order when no mapping is given.
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "guid"),
    "text": ("text", "body", "content", "article", "full_text"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "published": PUBLISHED_FIELDS,
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "publisher", "site", "domain"),
}


def csv_mapping(header: Iterable[str], given: dict[str, str] | None = None) -> dict[str, str]:
    """Which column holds each Article field: the given mapping first, then the usual names."""
    columns = {name.strip().lower(): name for name in header}
    mapping: dict[str, str] = {}
    for field_name, candidates in CSV_COLUMNS.items():
        if given and field_name in given:
            wanted = given[field_name]
            if wanted.lower() not in columns:
                raise InputError(f"The CSV has no column {wanted!r} (mapped to {field_name}); it has: {', '.join(columns.values())}.")
            mapping[field_name] = columns[wanted.lower()]
            continue
        found = next((columns[c] for c in candidates if c in columns), None)
        if found is not None:
            mapping[field_name] = found
    if "text" not in mapping and "html" not in mapping:
        raise InputError(
            f"The CSV has no article body column (looked for {', '.join(CSV_COLUMNS['text'])}): "
            "name it with --csv-map text=COLUMN."
        )
    return mapping


def read_csv(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Article | Rejection]:
    """A CSV dump, one article a row; columns mapped to {id, text|html, title, published, url, outlet}."""
    import csv

    csv.field_size_limit(1 << 30)
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.DictReader(handle)
        columns = csv_mapping(reader.fieldnames or (), mapping)
        for number, row in enumerate(reader, start=2):
            record = {field_name: row.get(column) for field_name, column in columns.items()}
            yield article_from_record(record, f"{path.name}:{number}")
