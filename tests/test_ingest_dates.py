"""`polemos ingest` dates every input it can, through the command in a process of its own: a date
given for all inputs (--published), or each input's own (a record's field, a page's metadata, a
dateline that gives its year, a date line under the headline, a day in the URL or the file name),
and an input with none is stored, counted as date_unknown and named in the summary, never silently.
The store is SQLite and PostgreSQL where the check is the store's."""

from __future__ import annotations

import json
import re

import pytest
from analyst_store import polemos
from test_store_backends import BACKENDS, store_url

SATURDAY = "Gunmen attacked a police post in Quetta on Saturday, killing three officers, police said.\n"


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    yield from store_url(request.param, tmp_path)


def ingest(*args: str, cwd=None):  # type: ignore[no-untyped-def]
    result = polemos("ingest", *args, "--no-progress", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stderr


def events(db: str, *args: str) -> list[dict]:
    result = polemos("query", "--db", db, "--format", "jsonl", "--limit", "1000", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_text_coded_with_published_is_found_by_the_day_its_relative_date_names(db, tmp_path):
    (tmp_path / "quetta.txt").write_text(SATURDAY, "utf-8")
    said = ingest(str(tmp_path / "quetta.txt"), "--db", db, "--published", "2025-11-02")
    assert "date_unknown 0" in said
    found = events(db, "--since", "2025-11-01")
    attack = next(e for e in found if e["type"] == "ASSAULT")
    assert attack["date_value"] == "2025-11-01" and attack["published"] == "2025-11-02"  # Saturday of a Sunday paper
    assert not [e for e in events(db, "--since", "2025-11-02") if e["uid"] == attack["uid"]]


def test_an_input_with_no_date_is_stored_counted_and_named_then_dated_by_a_later_published(db, tmp_path):
    (tmp_path / "quetta.txt").write_text(SATURDAY, "utf-8")
    said = ingest(str(tmp_path / "quetta.txt"), "--db", db)
    assert re.search(r"coded 1, .*date_unknown 1;", said) and "quetta.txt" in said and "--published" in said
    assert events(db) and all(e["published"] is None and e["date_value"] is None for e in events(db))
    said = ingest(str(tmp_path / "quetta.txt"), "--db", db, "--published", "2025-11-02")
    assert "re-coded 1" in said and "date_unknown 0" in said
    assert any(e["date_value"] == "2025-11-01" for e in events(db, "--since", "2025-11-01"))
    said = ingest(str(tmp_path / "quetta.txt"), "--db", db, "--published", "2025-11-02")
    assert "duplicates skipped 1" in said and "re-coded" not in said  # dated now: nothing to do


def test_each_kind_of_input_gives_its_own_date(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "Militants attacked an army convoy near Quetta, killing four soldiers, officials said."
    (corpus / "2025-10-30-convoy.txt").write_text(f"{body}\n", "utf-8")  # a day in the file name
    (corpus / "dateline.txt").write_text(f"QUETTA, Pakistan, Oct. 29, 2025 (Example Wire) - {body}\n", "utf-8")
    (corpus / "dateline-no-year.txt").write_text(f"QUETTA, Oct 29 (Example Wire) - {body} It was the second.\n", "utf-8")
    (corpus / "copied.txt").write_text(f"Convoy attacked near Quetta\nPublished: 28 October 2025\n\n{body}\n", "utf-8")
    (corpus / "page.html").write_text(
        '<html><head><title>Convoy attacked</title><meta property="article:published_time" content="2025-10-27T06:00:00Z">'
        f"</head><body><article><h1>Convoy attacked</h1><p>{body}</p><p>The attack was the worst since March 3, 2024."
        "</p></article></body></html>", "utf-8")
    records = [{"id": "rfc", "text": body + " One.", "published": "Sun, 26 Oct 2025 08:00:00 GMT"},
               {"id": "words", "text": body + " Two.", "date": "25 October 2025"},
               {"id": "url", "text": body + " Three.", "url": "https://news.example/2025/10/24/convoy"}]
    (corpus / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    (corpus / "dump.csv").write_text(f'headline,body,pubdate\nConvoy,"{body} Four.",10/23/2025\n', "utf-8")
    db = str(tmp_path / "events.db")
    said = ingest("corpus", "--db", db, cwd=tmp_path)
    assert "coded 9," in said and "date_unknown 1;" in said and "dateline-no-year.txt" in said
    published = {e["source_id"]: e["published"] for e in events(db)}
    assert published.pop(next(k for k, v in published.items() if v == "2025-10-23")) == "2025-10-23"  # the CSV row
    assert published == {
        "2025-10-30-convoy.txt": "2025-10-30", "dateline.txt": "2025-10-29", "dateline-no-year.txt": None,
        "copied.txt": "2025-10-28", "page.html": "2025-10-27", "rfc": "2025-10-26", "words": "2025-10-25",
        "url": "2025-10-24"}


def test_a_bad_published_value_is_a_usage_error_naming_the_format(tmp_path):
    (tmp_path / "quetta.txt").write_text(SATURDAY, "utf-8")
    result = polemos("ingest", str(tmp_path / "quetta.txt"), "--db", str(tmp_path / "e.db"), "--published", "02/11/2025")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr
