"""The date of an event whose clause the parse ties no date to: the one day its sentence tells,
unless that day belongs to a clause of its own ("since…", "after…"); weekdays written in lower case.
Whole texts through the Coder, written for these tests."""

from __future__ import annotations

from datetime import date

MONDAY = date(2023, 10, 30)


def dated(coder, text: str, trigger: str, published: date = MONDAY):
    analysis = coder.code_text(text, published=published)
    events = [e for e in (*analysis.events, *analysis.unasserted) if e.trigger.text == trigger]
    assert events, f"no event on {trigger!r}: {[e.trigger.text for e in analysis.events]}"
    return events[0].date


def test_the_one_day_of_a_sentence_dates_its_event_when_the_parse_hangs_it_lower(coder):
    # the small model hangs "on Saturday" on the participle "harvesting"
    when = dated(coder, "Settlers attacked Palestinian farmers harvesting olives near Nablus on Saturday, "
                        "the Red Crescent said.", "attacked")
    assert when is not None and when.value == "2023-10-28" and when.source == "text"


def test_a_day_inside_a_since_clause_is_that_clauses_not_the_events(coder):
    text = ("Rebels and militias clashed near Masisi on Friday, local officials said.\n"
            "The fighting has displaced thousands of people since the rebels seized the town of Rubaya on 2 October.")
    when = dated(coder, text, "fighting")
    assert when is None or when.value != "2023-10-02"


def test_two_days_in_a_sentence_leave_the_event_to_its_own_clause(coder):
    when = dated(coder, "Police detained 12 protesters who had marched on Friday, before releasing them on Sunday.", "detained")
    assert when is None or when.value not in ("2023-10-27",)


def test_a_weekday_in_lower_case_is_a_weekday(coder):
    when = dated(coder, "police opened fire on rioters in the old city on wednesday, killing two.", "opened fire",
                 published=date(2002, 3, 22))
    assert when is not None and when.value == "2002-03-20" and when.text == "wednesday"
