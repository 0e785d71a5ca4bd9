"""`polemos eval timex`: how the TIMEX gold is read and scored, on texts written for these tests (the
gold set itself lives in tests/gold/timex/ as offsets into the shared corpora)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from polemos.evaluation import timex
from polemos.records import DateMention


def test_a_url_names_the_day_of_its_article():
    assert timex.url_date("https://example.org/news/2018/04/05/some-story/") == date(2018, 4, 5)
    assert timex.url_date("http://example.org/article/20090320/NEWS01/1") == date(2009, 3, 20)
    assert timex.url_date("https://example.org/2018-04-06-story") == date(2018, 4, 6)
    assert timex.url_date("https://example.org/story") is None


def test_a_download_stamp_names_its_day_in_each_corpus_spelling():
    assert timex.stamp_date("2009-03-20 12:24:52.002364-05") == date(2009, 3, 20)
    assert timex.stamp_date("7:58 AM ET, Sat January 3, 2015") == date(2015, 1, 3)
    assert timex.stamp_date("Dec 15, 2016 9:07 AM ET") == date(2016, 12, 15)
    assert timex.stamp_date("15 December 2016") == date(2016, 12, 15)
    assert timex.stamp_date("") is None


def test_offsets_of_the_clean_text_are_found_again_in_the_source():
    source = "Title line\n\n  The   council met on Monday.\nCaption: a photo\n"
    clean = "Title line\nThe council met on Monday."
    where = timex.aligned(clean, source)
    start = clean.index("Monday")
    assert source[where(start): where(start + len("Monday") - 1) + 1] == "Monday"


def _mention(text: str, start: int, value: str, timex_value: str, **kw) -> DateMention:
    return DateMention(text, start, start + len(text), value, kw.pop("precision", "year"), timex=timex_value, **kw)


def test_a_range_is_compared_with_its_end_for_the_gold_of_its_second_half():
    span = _mention("2018-2023", 10, "2018", "2018", end_value="2023")
    assert timex._value_at(10, 19, span, (15, 19)) == "2023"
    assert timex._value_at(10, 19, span, (10, 14)) == "2018"


def test_the_tally_counts_found_right_and_precision():
    text = "In 2016 the plan failed; it was revived last year and again now, said a 2000 report."
    item = {"source": "own", "id": "1", "dct": "2018-04-05", "dates": [
        {"start": text.index("2016"), "end": text.index("2016") + 4, "timex": "2016"},
        {"start": text.index("last year"), "end": text.index("last year") + 9, "timex": "2017"},
        {"start": text.index("now"), "end": text.index("now") + 3, "timex": "PRESENT_REF"},
    ]}
    ours = [_mention("2016", text.index("2016"), "2016", "2016"),
            _mention("last year", text.index("last year"), "2016", "2016"),
            _mention("2000", text.index("2000"), "2000", "2000")]
    tally = timex._Tally()
    tally.article(item, text, [(m.start, m.end, m) for m in ours])
    figures = {f.name: f.value for f in tally.figures()}
    assert figures == {"found": 2 / 3, "value_right_of_found": 1 / 2, "found_and_right": 1 / 3, "precision": 2 / 3}


def test_a_time_of_day_is_left_out_of_precision():
    text = "Shelling resumed on Friday night."
    night = _mention("Friday night", text.index("Friday"), "2018-03-30", "2018-03-30TNI", type="TIME", precision="day")
    tally = timex._Tally()
    tally.article({"source": "own", "id": "2", "dct": "2018-04-05", "dates": []}, text, [(night.start, night.end, night)])
    assert tally.ours == 0


def test_the_set_is_skipped_when_the_shared_corpora_are_absent(tmp_path: Path):
    result = timex.evaluate(tmp_path, coder=None, limit=None)  # type: ignore[arg-type]
    assert result.skipped
