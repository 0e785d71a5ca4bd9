"""An input's own publication date, read the ways inputs write it, and never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.document import build_document
from polemos.publication import date_in_name, date_line, parse_date
from polemos.sources import article_from_bytes, article_from_record

DAY = date(2025, 11, 2)


@pytest.mark.parametrize("written", [
    "2025-11-02", "2025-11-02T08:30:00Z", "2025-11-02 08:30", "20251102", "2025/11/02",  # ISO and its kin
    "Sun, 02 Nov 2025 08:30:00 GMT", "Sun, 2 Nov 2025 08:30:00 +0000",  # RFC 2822, as feeds write it
    "November 2, 2025", "Nov. 2, 2025", "Sunday, November 2, 2025", "2 November 2025", "2nd of November 2025",
    "02 Nov 2025 10:45 GMT", "Published: 2 Nov 2025", "Updated Nov. 2, 2025 at 10:45 a.m. EST",
])
def test_a_written_date_is_read_as_its_day(written):
    assert parse_date(written) == DAY


@pytest.mark.parametrize("written, day", [("22/11/2025", date(2025, 11, 22)), ("11/22/2025", date(2025, 11, 22)),
                                          ("5/5/2025", date(2025, 5, 5))])
def test_day_and_month_numbers_are_read_only_when_their_order_shows(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize("written", ["03/04/2025", "Nov 2", "last Tuesday", "2025-13-01", "yesterday", "2025", "", None])
def test_what_cannot_be_read_for_sure_is_no_date(written):
    assert parse_date(written) is None


@pytest.mark.parametrize("name, day", [
    ("2025-11-02-el-fasher.txt", DAY), ("sudan_20251102.html", DAY), ("corpus/2025/11/02/story.txt", DAY),
    ("archive/2025-11-02/story.txt", DAY), ("https://news.example/2025/11/02/story", DAY),
    ("https://news.example/world/2025/nov/02/story", DAY), ("dump_2025-11-02.jsonl:3", DAY),
    ("report-123456789.txt", None), ("https://2025-11-02.example/story", None), ("story.txt", None),
    ("2025-02-30-story.txt", None),
])
def test_a_day_in_a_file_name_or_a_urls_path(name, day):
    assert date_in_name(name) == day


def test_a_date_line_under_the_headline_is_the_articles_date_but_a_sentence_is_not():
    assert date_line(["Convoy attacked", "November 2, 2025", "Militants attacked a convoy."]) == DAY
    assert date_line(["Convoy attacked", "Militants attacked a convoy on November 1, 2025."]) is None


def _document(raw: str, **meta):  # type: ignore[no-untyped-def]
    return build_document(article_from_bytes(raw.encode("utf-8"), **meta))


BODY = "Militants attacked an army convoy near Quetta, killing four soldiers, officials said."


def test_the_inputs_own_date_wins_over_weaker_signs_in_order():
    named = {"origin": "corpus/2025-10-30-convoy.txt", "id": "2025-10-30-convoy.txt"}
    assert _document(BODY, published=DAY, **named).published == DAY  # a record's field or --published
    assert _document(f"QUETTA, Pakistan, Nov. 1, 2025 (Example Wire) - {BODY}", **named).published == date(2025, 11, 1)
    assert _document(f"Convoy attacked\nOctober 31, 2025\n{BODY}", **named).published == date(2025, 10, 31)
    assert _document(BODY, url="https://news.example/2025/10/29/convoy", **named).published == date(2025, 10, 29)
    assert _document(BODY, **named).published == date(2025, 10, 30)
    assert _document(BODY, origin="corpus/convoy.txt", id="convoy.txt").published is None


def test_a_pages_date_comes_from_its_metadata_never_from_a_date_its_text_tells():
    page = ("<html><head><title>Convoy attacked</title></head><body><article><h1>Convoy attacked</h1>"
            f"<p>{BODY}</p><p>It was the deadliest attack since March 3, 2024, the army said.</p></article></body></html>")
    assert _document(page, kind="html").published is None
    dated = page.replace("</title>", '</title><meta property="article:published_time" content="2025-11-02T06:00:00Z">')
    assert _document(dated, kind="html").published == DAY


def test_a_datelines_agency_is_the_outlet_and_a_text_files_first_line_its_title():
    document = _document(f"Convoy attacked near Quetta\n\nQUETTA, Nov 2 (Example Wire) - {BODY}")
    assert (document.outlet, document.title) == ("Example Wire", "Convoy attacked near Quetta")
    assert _document(BODY, outlet="Daily Ledger").outlet == "Daily Ledger"


def test_a_batch_record_names_its_date_under_the_usual_field_names():
    for field in ("published", "date", "published_at", "pubdate"):
        record = article_from_record({"id": "a", "text": BODY, field: "2 November 2025"}, "batch.jsonl:1")
        assert record.published == DAY, field
