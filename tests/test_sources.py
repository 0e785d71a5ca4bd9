"""Reading files, folders and JSON Lines batches as Articles; bad lines become Rejections."""

from __future__ import annotations

import json
from datetime import date

import pytest

from polemos.errors import InputError
from polemos.records import Article, Rejection
from polemos.sources import read_paths


def test_a_text_file_is_one_article_named_after_the_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Some text about a clash.")
    [article] = list(read_paths([str(path)]))
    assert isinstance(article, Article)
    assert article.id == "report.txt" and article.kind == "text"


def test_html_is_recognised_by_suffix_and_by_content(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "b.txt").write_text("<!DOCTYPE html><html><body>x</body></html>")
    kinds = [a.kind for a in read_paths([str(tmp_path)])]
    assert kinds == ["html", "html"]


def test_batch_records_keep_their_ids_and_metadata(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "r1", "text": "First article.", "published": "2026-01-05", "outlet": "Daily"},
        {"id": "r2", "html": "<p>Second</p>", "url": "https://example.org/2"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines))
    first, second = read_paths([str(path)])
    assert first.id == "r1" and first.published == date(2026, 1, 5) and first.outlet == "Daily"
    assert second.id == "r2" and second.kind == "html"


def test_a_broken_batch_line_is_rejected_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "ok", "text": "fine"}\n{not json\n{"id": "no-body"}\n{"id": "ok2", "text": "x"}\n')
    items = list(read_paths([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Rejection", "Article"]
    assert items[1].reason == "bad_record" and items[1].origin == "batch.jsonl:2"
    assert items[2].document_id == "no-body"


def test_a_missing_path_raises_an_input_error_that_says_what_to_give():
    with pytest.raises(InputError, match="Give a file"):
        list(read_paths(["/nonexistent/file.txt"]))


def test_same_content_same_id_when_no_name_is_given():
    from polemos.sources import article_from_bytes

    assert article_from_bytes(b"abc").id == article_from_bytes(b"abc").id != article_from_bytes(b"abd").id
