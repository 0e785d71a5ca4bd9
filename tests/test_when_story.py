"""Event dates beyond the event's own clause: which dates of its sentence are not its own, and what
an event with none takes — the lead's day for a headline, the day the story has reached, else the
publication date. Sentences are written for these tests; events are built by hand on one word."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.records import Event, Span

THURSDAY = date(2024, 3, 14)


@pytest.fixture(scope="module")
def nlp():
    from polemos.nlp import build_pipeline

    return build_pipeline()


def dated(nlp, text: str, trigger: str, *, published: date = THURSDAY, occurrence: int = 0) -> tuple[str, str]:
    """(value, source) of an event built by hand on the `occurrence`-th `trigger` of `text`."""
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    sentence = next(i for i, s in enumerate(doc.sents) if s.start_char <= start < s.end_char)
    doc._.events = [Event(id="t:e0", type="ASSAULT", mode=None, cameo=None, evidence=Span(0, len(text), text),
                          trigger=Span(start, start + len(trigger), trigger), sentence=sentence)]
    nlp.get_pipe("polemos_when")(doc)
    found = doc._.event_dates["t:e0"]
    return found.value, found.source


# -- the day the story has reached ---------------------------------------------------------------


def test_an_untimed_past_event_takes_the_day_the_story_last_named(nlp):
    text = "Militants stormed a checkpoint on Monday. Two soldiers died in the exchange of fire."
    assert dated(nlp, text, "died") == ("2024-03-11", "text")


def test_an_event_told_in_the_present_keeps_the_publication_date(nlp):
    text = "Militants stormed a checkpoint on Monday. The army controls the road to the north."
    assert dated(nlp, text, "controls") == ("2024-03-14", "published")


def test_an_event_told_as_future_keeps_the_publication_date(nlp):
    text = "Militants stormed a checkpoint on Monday. The army will retake the road."
    assert dated(nlp, text, "retake")[1] == "published"


def test_an_event_told_in_the_present_perfect_is_todays_news(nlp):
    text = "Militants stormed a checkpoint on Monday. The army has retaken the road."
    assert dated(nlp, text, "retaken") == ("2024-03-14", "published")


def test_the_story_keeps_the_day_of_a_sentences_main_event_not_of_its_relative_clause(nlp):
    text = ("On Tuesday the army retook the town, which the rebels had held since Sunday. "
            "Hundreds of civilians fled.")
    assert dated(nlp, text, "fled") == ("2024-03-12", "text")


def test_a_saying_goes_on_the_day_of_the_last_saying(nlp):
    text = ("The ministry said on Tuesday that troops killed 20 militants on Sunday. "
            "It added that the operation was over.")
    assert dated(nlp, text, "added") == ("2024-03-12", "text")


def test_a_headline_takes_the_day_of_its_lead(nlp):
    text = "Rebels seize border town\nRebels seized the border town of Kilo on Monday, officials said."
    assert dated(nlp, text, "seize") == ("2024-03-11", "text")


def test_a_lead_with_no_day_takes_the_day_the_next_sentences_give(nlp):
    text = ("Rebels seize border town\nMarch 14, 2024\nRebels seized the border town of Kilo. "
            "The assault began on Tuesday after a week of shelling.")
    assert dated(nlp, text, "seized") == ("2024-03-12", "text")


# -- dates of the sentence that are not the event's ----------------------------------------------


def test_a_verb_takes_no_date_from_an_infinitive_of_planning(nlp):
    assert dated(nlp, "The army plans to withdraw its troops on Friday.", "plans")[1] == "published"


def test_a_when_clause_gives_its_time_to_the_main_clause(nlp):
    text = "When rebels entered the town on Monday, residents fled to the hills."
    assert dated(nlp, text, "fled") == ("2024-03-11", "text")


def test_a_verb_takes_no_date_from_a_relative_clause_under_it(nlp):
    text = "The governor visited the bridge that engineers had repaired in 2021."
    assert dated(nlp, text, "visited")[1] == "published"


def test_a_date_that_bounds_a_comparison_dates_nothing(nlp):
    assert dated(nlp, "The currency fell to its lowest level since 2009.", "fell")[1] == "published"


def test_a_date_compared_with_dates_nothing(nlp):
    assert dated(nlp, "Exports rose 5 % compared to 2022.", "rose")[1] == "published"


def test_a_date_on_after_x_is_the_date_of_x(nlp):
    text = "The currency gained 2 %, but after a steep fall yesterday."
    assert dated(nlp, text, "gained")[1] == "published"


def test_a_clause_that_says_recently_of_itself_takes_no_other_date(nlp):
    text = "In 2019 the group lost its leader, and recently it seized two towns."
    assert dated(nlp, text, "seized")[1] == "published"


def test_a_year_a_clause_speaks_of_dates_no_other_clause(nlp):
    text = "While the army still faces attacks, 2023 was a quieter year for the valley."
    assert dated(nlp, text, "faces")[1] == "published"


def test_a_present_when_clause_under_an_expectation_is_future(nlp):
    text = "Further losses are expected when the markets reopen on Tuesday."
    assert dated(nlp, text, "reopen") == ("2024-03-19", "text")
