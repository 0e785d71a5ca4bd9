"""Date expressions as TimeML counts them: one test per class of TIMEX3 DATE (and of what is not
one), each with its TIMEX3 value and type, resolved against a Thursday paper. Sentences are written
for these tests."""

from __future__ import annotations

from datetime import date

import pytest

THURSDAY = date(2024, 3, 14)  # ISO week 2024-W11


@pytest.fixture(scope="module")
def nlp():
    from polemos.nlp import build_pipeline

    return build_pipeline()


def found(nlp, text: str, published: date | None = THURSDAY) -> dict[str, tuple]:
    """Each mention of `dates[]`: its text -> (TIMEX3 value, TIMEX3 type)."""
    doc = nlp.make_doc(text)
    doc._.published = published
    return {d.text: (d.timex, d.type) for d in nlp(doc)._.dates}


def mentions(nlp, text: str, published: date | None = THURSDAY):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.dates


# -- years ---------------------------------------------------------------------------------------


def test_a_year_after_a_preposition_is_that_year(nlp):
    assert found(nlp, "Turnout rose in 2019.")["2019"] == ("2019", "DATE")


def test_a_year_before_a_noun_is_that_year(nlp):
    assert found(nlp, "The 2019 election drew a record turnout.")["2019"] == ("2019", "DATE")


def test_a_year_in_brackets_is_that_year(nlp):
    assert found(nlp, "This year (2024) the talks resume.")["2024"] == ("2024", "DATE")


def test_a_written_span_of_years_is_one_range(nlp):
    (span,) = [m for m in mentions(nlp, "The rights for 2018-2023 were sold.") if m.text.startswith("2018")]
    assert (span.value, span.end_value) == ("2018", "2023")


def test_the_second_of_two_years_joined_by_or_is_a_year_too(nlp):
    assert set(found(nlp, "The bridge will be built in 2026 or 2027.")) >= {"2027"}


@pytest.mark.parametrize("text", [
    "Police deployed 2013 officers to the border.",
    "The family lives at 2017 Elm Street.",
    "Some 1987 homes were flooded.",
    "The convoy left at 1830 GMT.",
    "Resolution 2254 calls for talks.",
    "The army sent 2000 soldiers north.",
    "Prices rose by 2016% in a decade.",
])
def test_a_number_that_counts_or_names_is_no_year(nlp, text):
    assert not [m for m in mentions(nlp, text) if m.type == "DATE"]


# -- months and days -----------------------------------------------------------------------------


def test_a_month_after_the_before_a_noun_is_that_month(nlp):
    assert [m.timex for m in mentions(nlp, "The November election was close.")] == ["2023-11"]


def test_a_possessive_month_is_that_month(nlp):
    assert found(nlp, "February's figures were revised.")["February"] == ("2024-02", "DATE")


def test_may_after_the_is_a_name_not_the_month(nlp):
    assert not mentions(nlp, "Critics of the May government protested.")


def test_a_range_of_months_takes_the_year_written_after_it(nlp):
    (span,) = mentions(nlp, "The index last rose for four weeks between September and October of 2021.")
    assert (span.value, span.end_value) == ("2021-09", "2021-10")


@pytest.mark.parametrize("text", ["The deal was signed on 3/31/2023.", "The deal was signed on 31.03.2023.",
                                  "The deal was signed on Mar 31, 2023."])
def test_a_numeric_or_abbreviated_date_is_that_day(nlp, text):
    assert [m.timex for m in mentions(nlp, text)] == ["2023-03-31"]


# -- weekdays, weeks and weekends ----------------------------------------------------------------


def test_a_part_of_a_day_is_a_time(nlp):
    assert found(nlp, "Shelling resumed on Friday night.")["Friday night"] == ("2024-03-08TNI", "TIME")


def test_opening_days_are_no_date(nlp):
    assert not mentions(nlp, "The museum is open Monday-Saturday.")


def test_a_named_day_of_history_is_no_weekday(nlp):
    assert not mentions(nlp, "Markets tumbled on the Black Monday anniversary.")


def test_a_weekend_is_its_iso_week_with_we(nlp):
    assert found(nlp, "Rebels attacked the town over the weekend.")["over the weekend"] == ("2024-W10-WE", "DATE")


def test_a_numbered_week_is_that_iso_week(nlp):
    assert found(nlp, "From week 19, the packers start on the late harvest.")["week 19"] == ("2024-W19", "DATE")


# -- seasons, quarters, halves -------------------------------------------------------------------


def test_this_summer_is_the_publications_summer(nlp):
    (summer,) = mentions(nlp, "The offensive is expected this summer.")
    assert (summer.timex, summer.value, summer.end_value) == ("2024-SU", "2024-06", "2024-08")


def test_a_season_of_a_year_is_that_season(nlp):
    assert found(nlp, "The talks began in the fall of 2013.")["the fall of 2013"][0] == "2013-FA"


def test_the_fall_in_a_past_clause_is_the_last_one(nlp):
    assert found(nlp, "The investigation went public in the fall, officials said.")["the fall"][0] == "2023-FA"


@pytest.mark.parametrize("text", ["Residents recall the fall of Kabul.", "Unrest has spread since the Arab Spring.",
                                  "Oil prices fall in the summer months as demand eases."])
def test_a_fall_that_is_a_collapse_and_a_spring_that_is_a_name_are_no_seasons(nlp, text):
    assert not [m for m in mentions(nlp, text) if m.timex and m.timex[-2:] in ("FA", "SP")]


def test_a_season_that_is_its_clauses_subject_is_that_season(nlp):
    assert found(nlp, "Winter hit the mountain villages hard.")["Winter"][0] == "2023-WI"


@pytest.mark.parametrize("text, timex", [
    ("Profits fell in the second quarter of 2023.", "2023-Q2"),
    ("Profits fell in Q1 2024.", "2024-Q1"),
    ("Profits fell last quarter.", "2023-Q4"),
    ("Profits fell in the first half of 2023.", "2023-H1"),
])
def test_a_quarter_or_a_half_is_its_timex3_value(nlp, text, timex):
    assert [m.timex for m in mentions(nlp, text)] == [timex]


def test_a_half_with_no_year_is_no_date(nlp):
    assert not mentions(nlp, "The team scored twice in the first half.")


# -- decades and centuries -----------------------------------------------------------------------


@pytest.mark.parametrize("text, timex", [
    ("The war began in the 1990s.", "199"),
    ("The war began in the late 1990s.", "199"),
    ("The war began in the '90s.", "199"),
    ("The town was founded in the 1800s.", "18"),
    ("The town was founded in the 19th century.", "18"),
    ("The dam is the largest of this century.", "20"),
])
def test_decades_and_centuries_are_their_timex3_digits(nlp, text, timex):
    assert [m.timex for m in mentions(nlp, text)] == [timex]


# -- relative expressions and references ---------------------------------------------------------


@pytest.mark.parametrize("text, timex", [
    ("The ceasefire collapsed three years ago.", "2021"),
    ("The ceasefire collapsed a week ago.", "2024-W10"),
    ("The ceasefire collapsed years ago.", "PAST_REF"),
    ("The ceasefire collapsed a few months ago.", "PAST_REF"),
])
def test_a_time_ago_is_its_unit_counted_back_or_the_past(nlp, text, timex):
    assert [m.timex for m in mentions(nlp, text)] == [timex]


@pytest.mark.parametrize("text, timex", [
    ("Talks are now under way.", "PRESENT_REF"),
    ("The town is currently besieged.", "PRESENT_REF"),
    ("The rebels recently seized a bridge.", "PAST_REF"),
    ("The two sides have clashed in the past, officials said.", "PAST_REF"),
    ("Nobody knows the future of the region.", "FUTURE_REF"),
    ("Engineers are designing the tanks of tomorrow.", "FUTURE_REF"),
])
def test_vague_references_are_present_past_or_future(nlp, text, timex):
    assert [m.timex for m in mentions(nlp, text)] == [timex]


@pytest.mark.parametrize("text", ["Fighting has killed 300 people in the past three years.",
                                  "The plan protects future generations.",
                                  "Now that the road is open, aid can flow."])
def test_a_stretch_an_adjective_and_a_conjunction_are_no_reference(nlp, text):
    assert not [m for m in mentions(nlp, text) if m.timex and m.timex.endswith("_REF")]


def test_a_reference_dates_no_event_but_is_a_date(nlp):
    (now,) = mentions(nlp, "The bridge is now closed.")
    assert (now.value, now.precision, now.type) == ("2024-03-14", "day", "DATE")


# -- durations -----------------------------------------------------------------------------------


def test_the_past_24_hours_is_a_duration_that_dates_the_day(nlp):
    (span,) = mentions(nlp, "Eleven people were killed in the past 24 hours.")
    assert (span.type, span.timex, span.value) == ("DURATION", "PT24H", "2024-03-14")


def test_the_last_decade_is_a_duration(nlp):
    (span,) = mentions(nlp, "Output was the lowest in the last decade.")
    assert (span.type, span.timex) == ("DURATION", "P10Y")


def test_a_plain_duration_is_not_listed(nlp):
    assert not mentions(nlp, "The siege lasted for three years.")


# -- holidays ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, timex", [
    ("The families met at Christmas.", "2023-12-25"),
    ("The families will meet on Thanksgiving.", "2024-11-28"),
    ("The families met at Easter.", "2023-04-09"),
])
def test_a_holiday_is_its_day_fixed_or_moving(nlp, text, timex):
    assert [m.timex for m in mentions(nlp, text)] == [timex]


def test_easter_island_is_a_place(nlp):
    assert not mentions(nlp, "The ship reached Easter Island.")


# -- the article's own date line -----------------------------------------------------------------


def test_relative_dates_count_from_the_articles_own_date_line(nlp):
    text = "Markets rally\nMarch 1, 2024\nStocks rose on Thursday as banks gained."
    assert found(nlp, text)["Thursday"][0] == "2024-02-29"
