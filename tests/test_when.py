"""Dates: each news idiom resolved against the publication date, and each event given the date that
governs it. Sentences are written for these tests; events are built by hand where the events step
is not what is under test."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.records import Event, Span

THURSDAY = date(2024, 3, 14)  # a Thursday paper
TUESDAY = date(2025, 10, 28)


@pytest.fixture(scope="module")
def nlp():
    from polemos.nlp import build_pipeline

    return build_pipeline()


def read(nlp, text: str, published: date | None = THURSDAY):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def dates(nlp, text: str, published: date | None = THURSDAY) -> dict[str, tuple]:
    return {d.text: (d.value, d.precision, d.end_value) for d in read(nlp, text, published)._.dates}


def event_date(nlp, text: str, trigger: str, *, type: str = "ASSAULT", published: date | None = THURSDAY):
    """Date an event built by hand on the word `trigger`, through the polemos_when component."""
    doc = read(nlp, text, published)
    start = text.index(trigger)
    event = Event(
        id="t:e0",
        type=type,
        mode=None,
        cameo=None,
        evidence=Span(0, len(text), text),
        trigger=Span(start, start + len(trigger), trigger),
    )
    doc._.events = [event]
    nlp.get_pipe("polemos_when")(doc)
    return doc._.event_dates.get("t:e0")


# -- weekdays ------------------------------------------------------------------------------------


def test_a_weekday_in_a_paper_of_that_weekday_is_that_day(nlp):
    assert dates(nlp, "The minister spoke on Thursday in the capital.")["Thursday"][:2] == ("2024-03-14", "day")


def test_a_past_weekday_is_the_most_recent_one_before_publication(nlp):
    assert dates(nlp, "Rebels attacked the town on Monday.")["Monday"][0] == "2024-03-11"


def test_a_future_weekday_is_the_next_one(nlp):
    assert dates(nlp, "The envoys will meet on Monday in Geneva.")["Monday"][0] == "2024-03-18"


def test_a_weekday_with_a_part_of_day_keeps_day_precision(nlp):
    assert dates(nlp, "Shelling resumed on Tuesday night.")["Tuesday night"][:2] == ("2024-03-12", "day")


def test_last_weekday_is_strictly_before_publication(nlp):
    assert dates(nlp, "The convoy was ambushed last Thursday.")["last Thursday"][0] == "2024-03-07"


def test_since_a_weekday_opens_a_range_up_to_publication(nlp):
    assert dates(nlp, "Negotiators have been meeting since Sunday.")["Sunday"] == ("2024-03-10", "day", "2024-03-14")


# -- days and months -------------------------------------------------------------------------------


def test_month_and_day_without_a_year_is_the_most_recent_one_in_a_past_clause(nlp):
    assert dates(nlp, "The truce was signed on Nov. 3.")["Nov. 3"][0] == "2023-11-03"


def test_month_and_day_in_a_future_clause_is_the_next_one(nlp):
    assert dates(nlp, "The parties will vote on Feb. 2.")["Feb. 2"][0] == "2025-02-02"


def test_a_full_date_keeps_its_year(nlp):
    found = dates(nlp, "Troops crossed the river on 19 October 2021 and again on March 2, 2022.")
    assert found["19 October 2021"][0] == "2021-10-19"
    assert found["March 2, 2022"][0] == "2022-03-02"


def test_an_iso_date_is_read_as_is(nlp):
    assert dates(nlp, "The report is dated 2023-07-01.")["2023-07-01"][:2] == ("2023-07-01", "day")


def test_a_day_range_within_a_month(nlp):
    assert dates(nlp, "Talks were held from Feb. 19 to 21.")["Feb. 19 to 21"] == ("2024-02-19", "day", "2024-02-21")


def test_a_month_alone_is_month_precision_in_the_right_year(nlp):
    assert dates(nlp, "The offensive began in December.")["December"][:2] == ("2023-12", "month")


def test_month_and_year(nlp):
    assert dates(nlp, "The ceasefire collapsed in August 2019.")["August 2019"][:2] == ("2019-08", "month")


# -- years and decades -----------------------------------------------------------------------------


def test_in_a_year_is_year_precision(nlp):
    assert dates(nlp, "The group was founded in 2007.")["2007"][:2] == ("2007", "year")


def test_between_two_years_is_a_range(nlp):
    assert dates(nlp, "Fighting raged between 2014 and 2016.")["2014 and 2016"] == ("2014", "year", "2016")


def test_a_decade(nlp):
    assert dates(nlp, "The insurgency began in the 1990s.")["the 1990s"] == ("1990", "decade", "1999")


def test_a_number_that_is_not_a_year_in_context_is_not_a_date(nlp):
    assert dates(nlp, "The border is 2400 km long and 1999 troops guard it.") == {}


# -- relative idioms -------------------------------------------------------------------------------


def test_yesterday_is_the_day_before_publication(nlp):
    assert dates(nlp, "Yesterday the army withdrew.")["Yesterday"][:2] == ("2024-03-13", "day")


def test_over_the_weekend_is_the_iso_week_of_the_last_weekend(nlp):
    # Saturday 9 and Sunday 10 March 2024 belong to ISO week 10
    assert dates(nlp, "Two villages were shelled over the weekend.")["over the weekend"][:2] == ("2024-W10", "week")


def test_over_the_weekend_in_a_future_clause_is_the_coming_weekend(nlp):
    assert dates(nlp, "The leaders will meet over the weekend.")["over the weekend"][0] == "2024-W11"


def test_last_week_is_the_iso_week_before_publication(nlp):
    assert dates(nlp, "Protesters marched last week.")["last week"][:2] == ("2024-W10", "week")


def test_earlier_this_month_is_the_publication_month(nlp):
    assert dates(nlp, "Dozens died earlier this month.")["earlier this month"][:2] == ("2024-03", "month")


def test_late_last_year_is_the_previous_year(nlp):
    assert dates(nlp, "The embassy reopened late last year.")["late last year"][:2] == ("2023", "year")


def test_weeks_ago(nlp):
    assert dates(nlp, "The camp was raided two weeks ago.")["two weeks ago"][:2] == ("2024-W09", "week")


def test_relative_dates_need_a_publication_date(nlp):
    assert dates(nlp, "Shelling resumed yesterday, in 2019 terms.", published=None) == {"2019": ("2019", "year", None)}


def test_the_nth_day_counts_from_the_start_of_what_began(nlp):
    text = "Negotiators have met in Oslo since Monday. On the third day, the talks stalled."
    assert dates(nlp, text)["the third day"][:2] == ("2024-03-13", "day")


# -- event dates -----------------------------------------------------------------------------------


def test_an_event_takes_the_date_of_its_own_clause(nlp):
    found = event_date(nlp, "Rebels shelled the airport on Monday.", "shelled")
    assert (found.value, found.source, found.text) == ("2024-03-11", "text", "Monday")


def test_a_speech_date_does_not_date_the_reported_event(nlp):
    found = event_date(nlp, "The army said on Tuesday that rebels had shelled the airport.", "shelled")
    assert (found.value, found.source) == ("2024-03-14", "published")


def test_a_reported_event_keeps_its_own_date_apart_from_the_speech_date(nlp):
    found = event_date(nlp, "The army said on Tuesday that rebels shelled the airport on Sunday.", "shelled")
    assert found.value == "2024-03-10"


def test_a_speech_act_takes_the_date_it_was_said(nlp):
    text = "On Monday, the defence minister said that any incursion would mean war."
    assert event_date(nlp, text, "war", type="THREATEN").value == "2024-03-11"


def test_coordinated_clauses_keep_their_own_dates(nlp):
    text = "The sides agreed to a truce in Cairo on Feb. 9 and agreed to hold talks in Oslo on Feb. 25."
    assert event_date(nlp, text, "truce", type="AGREE").value == "2024-02-09"
    assert event_date(nlp, text, "talks", type="CONSULT").value == "2024-02-25"


def test_an_event_with_no_date_in_its_sentence_takes_the_publication_date(nlp):
    found = event_date(nlp, "Rebels shelled the airport.", "shelled")
    assert (found.text, found.value, found.precision, found.source) == (None, "2024-03-14", "day", "published")


def test_without_a_publication_date_an_undated_event_has_no_date(nlp):
    assert event_date(nlp, "Rebels shelled the airport.", "shelled", published=None) is None


# -- gold-set classes: a month of a relative year, "would" as future from the speech time -------------


def test_a_month_of_last_year(nlp):
    assert dates(nlp, "The militia took the town in June last year.", TUESDAY)["June last year"][:2] == ("2024-06", "month")


def test_a_month_of_this_and_next_year(nlp):
    found = dates(nlp, "Talks held in May this year will resume in February next year.", TUESDAY)
    assert found["May this year"][:2] == ("2025-05", "month")
    assert found["February next year"][:2] == ("2026-02", "month")


def test_would_in_reported_speech_points_forward_from_publication(nlp):
    found = dates(nlp, "The envoys met in Doha and said the negotiations would restart on Friday.", TUESDAY)
    assert found["Friday"][0] == "2025-10-31"


def test_would_with_a_passive_points_forward(nlp):
    found = dates(nlp, "The governor said police would be sent to the border by Saturday.", TUESDAY)
    assert found["Saturday"][0] == "2025-11-01"


def test_would_counts_from_the_dated_saying(nlp):
    found = dates(nlp, "On Friday, the mediator said the talks would resume on Monday.", TUESDAY)
    assert found["Monday"][0] == "2025-10-27"  # the Monday after that Friday, not the one after publication


def test_would_have_is_not_future(nlp):
    found = dates(nlp, "He said the convoy would have arrived on Friday without the ambush.", TUESDAY)
    assert found["Friday"][0] == "2025-10-24"


# -- days the text counts from, named days, days of the month ------------------------------------


def test_the_previous_day_counts_from_the_day_just_given(nlp):
    text = "Rebels overran a checkpoint on March 4. The previous day, a mortar round hit the market."
    assert dates(nlp, text)["The previous day"][:2] == ("2024-03-03", "day")


def test_days_earlier_count_back_from_the_day_just_given(nlp):
    text = "Militia fighters burned a village on Friday, March 8. Three days earlier, they had raided a clinic."
    assert dates(nlp, text)["Three days earlier"][:2] == ("2024-03-05", "day")


def test_a_week_later_is_the_iso_week_after_the_day_just_given(nlp):
    text = "The convoy was ambushed on Feb. 20. A week later the road reopened."
    assert dates(nlp, text)["A week later"][:2] == ("2024-W09", "week")


def test_a_day_counted_from_nothing_the_text_gave_counts_from_publication(nlp):
    assert dates(nlp, "Two days earlier, a drone struck a fuel truck.")["Two days earlier"][0] == "2024-03-12"


def test_the_day_before_a_named_event_is_not_read_as_a_date(nlp):
    assert dates(nlp, "Troops deployed the day before the vote and a day after the funeral.") == {}


def test_an_event_told_days_earlier_takes_the_counted_day(nlp):
    text = "The army said on Tuesday that gunmen had killed four guards two days earlier."
    assert event_date(nlp, text, "killed").value == "2024-03-10"


def test_a_named_day_is_its_day_and_month_chosen_by_tense(nlp):
    found = dates(nlp, "Two villages were shelled on Christmas Day and again on New Year’s Day.", published=date(2025, 1, 3))
    assert found["Christmas Day"][:2] == ("2024-12-25", "day")
    assert found["New Year’s Day"][:2] == ("2025-01-01", "day")


def test_the_nth_of_the_month_is_in_the_publication_month_or_by_tense_the_one_before(nlp):
    assert dates(nlp, "Envoys will meet again on the 20th.")["the 20th"][:2] == ("2024-03-20", "day")
    assert dates(nlp, "A bomb exploded at the market on the 25th.")["the 25th"][:2] == ("2024-02-25", "day")


def test_a_units_ordinal_is_not_a_day_of_the_month(nlp):
    assert dates(nlp, "The 5th Brigade and the 12th Armoured Division pulled back.") == {}


def test_the_past_24_hours_is_the_publication_day(nlp):
    found = dates(nlp, "Eleven people were killed in the past 24 hours.")
    assert found["the past 24 hours"][:2] == ("2024-03-14", "day")


def test_since_the_start_of_the_year_runs_from_the_year_to_publication(nlp):
    found = dates(nlp, "More than 400 civilians have died since the start of the year.")
    assert found["the start of the year"] == ("2024", "year", "2024-03-14")


def test_this_week_on_new_years_eve_is_the_iso_week_of_the_next_year(nlp):
    found = dates(nlp, "Flooding displaced 3,000 people this week.", published=date(2025, 12, 31))
    assert found["this week"][:2] == ("2026-W01", "week")


def test_days_after_a_clause_count_from_that_event_not_from_a_date(nlp):
    text = "On May 3 the union struck, a day after the company cut 500 jobs, three days later than planned."
    assert set(dates(nlp, text)) == {"May 3"}


# -- reporting verbs and the event they report ---------------------------------------------------


def value_of(dated) -> tuple[str, str]:
    return dated.value, dated.precision


def test_a_passive_reporting_verb_dates_the_event_that_is_its_subject(nlp):
    text = "Shelling has been reported near the dam since early February, a local official said."
    assert value_of(event_date(nlp, text, "Shelling")) == ("2024-02", "month")


def test_an_active_reporting_verb_still_keeps_its_own_date(nlp):
    text = "Villagers reported on Monday that gunmen had burned the market."
    assert event_date(nlp, text, "burned").source == "published"


def test_a_date_after_said_and_before_its_clause_is_the_sayings(nlp):
    text = "The monitors said last week they had recorded the abduction of nine teachers in January."
    assert value_of(event_date(nlp, text, "abduction")) == ("2024-01", "month")


def test_a_date_before_a_noun_names_that_thing_and_dates_no_other_event(nlp):
    text = "The envoy urged both sides to honour the January 2023 truce."
    assert event_date(nlp, text, "urged", type="REQUEST").source == "published"


def test_the_noun_a_date_names_still_takes_it(nlp):
    text = "Survivors of the March 2022 massacre testified in the capital."
    assert value_of(event_date(nlp, text, "massacre")) == ("2022-03", "month")


def test_a_hyphenated_mid_month_is_that_month(nlp):
    assert dates(nlp, "Fighting has continued since mid-January.")["mid-January"][:2] == ("2024-01", "month")


def test_a_date_after_said_before_a_simple_past_clause_stays_the_clauses(nlp):
    text = "The rebels said on Monday they freed the hostages."
    assert value_of(event_date(nlp, text, "freed")) == ("2024-03-11", "day")


def test_a_leading_date_the_parse_hangs_on_a_name_still_dates_the_clause(nlp):
    text = "Since January Oxfam and Care have delivered 300 tonnes of food."
    assert value_of(event_date(nlp, text, "delivered", type="AID"))[1] == "month"


def _dated_events(nlp, text: str, *triggers: str, types: tuple[str, ...] = ()) -> dict:
    """Date several hand-built events of one text together (their order in the text matters)."""
    doc = read(nlp, text)
    events = []
    for n, trigger in enumerate(triggers):
        start = text.index(trigger)
        sentence = next(i for i, s in enumerate(doc.sents) if s.start_char <= start < s.end_char)
        events.append(Event(id=f"t:e{n}", type=(types[n] if types else "ASSAULT"), mode=None, cameo=None,
                            evidence=Span(0, len(text), text), trigger=Span(start, start + len(trigger), trigger),
                            sentence=sentence))
    doc._.events = events
    nlp.get_pipe("polemos_when")(doc)
    return {trigger: doc._.event_dates[f"t:e{n}"] for n, trigger in enumerate(triggers)}


def test_the_attack_claimed_later_happened_when_the_attack_told_before(nlp):
    text = "Militants ambushed a convoy on Monday. A jihadist group claimed the attack in a statement."
    dated = _dated_events(nlp, text, "ambushed", "attack")
    assert value_of(dated["attack"]) == ("2024-03-11", "day")


def test_an_indefinite_attack_is_a_new_event_and_keeps_its_own_default(nlp):
    text = "Militants ambushed a convoy on Monday. Officials fear an attack in the capital."
    dated = _dated_events(nlp, text, "ambushed", "attack")
    assert dated["attack"].source == "published"
