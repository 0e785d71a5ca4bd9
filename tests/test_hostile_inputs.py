"""What the fuzz (scripts/fuzz.py) found, each pinned on a hand-written input: the input is coded
or rejected with a reason code, never an exception."""

from __future__ import annotations

from datetime import date

from polemos.document import MAX_CHARS, build_document
from polemos.nlp.numerals import MAX_COUNT, numerals
from polemos.records import Rejection
from polemos.relations import read_claim
from polemos.sources import article_from_bytes, read_batch

PUBLISHED = date(2025, 3, 14)


def test_a_figure_of_hundreds_of_digits_is_no_count():
    assert numerals().value("9" * 400) is None


def test_a_figure_larger_than_any_count_of_people_is_no_count():
    assert numerals().value(str(MAX_COUNT * 10)) is None
    assert numerals().value("3 million") == 3_000_000


def test_a_report_of_an_impossible_death_toll_is_coded_without_it(coder):
    analysis = coder.code_text(f"At least {'9' * 400} soldiers were killed in Quetta on Monday, officials said.",
                               published=PUBLISHED)
    assert analysis.rejection is None
    assert all(c.best is None or c.best <= MAX_COUNT for c in analysis.casualties)


def test_a_claim_holding_hundreds_of_digits_still_has_a_topic():
    assert read_claim(f"The army said {'9' * 400} rebels had surrendered.") is not None


def test_a_date_counted_past_the_calendar_is_left_unresolved(coder):
    analysis = coder.code_text("The talks began on March 3. 99999999 days later the rebels attacked the town, "
                               "the army said.", published=PUBLISHED)
    assert analysis.rejection is None
    assert all(not d.text.startswith("99999999") for d in analysis.dates)


def test_a_date_counted_in_thousands_of_digits_is_left_unresolved(coder):
    analysis = coder.code_text(f"The talks began on March 3. {'9' * 5000} weeks later the rebels attacked the town.",
                               published=PUBLISHED)
    assert analysis.rejection is None


def test_a_batch_line_nested_thousands_deep_is_a_bad_record():
    line = b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    (item,) = read_batch([line], "deep.jsonl")
    assert isinstance(item, Rejection) and item.reason == "bad_record"


def test_a_text_longer_than_spacy_reads_is_too_large():
    words = "Troops fired on the convoy near the border on Monday.\n"
    result = build_document(article_from_bytes(words.encode() * (MAX_CHARS // len(words) + 1)))
    assert isinstance(result, Rejection) and result.reason == "too_large"


def test_a_run_of_words_without_a_full_stop_is_cut_into_sentences_of_at_most_250_tokens(coder):
    doc = coder.nlp(" ".join(["rebels", "attacked", "the", "town", "and"] * 300))
    assert max(len(sentence) for sentence in doc.sents) <= 250


def test_a_batch_file_of_blank_lines_is_rejected_as_empty(tmp_path):
    from polemos.sources import read_file

    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n  \n\t\n")
    (item,) = read_file(path)
    assert isinstance(item, Rejection) and item.reason == "empty"
