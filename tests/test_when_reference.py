"""Acceptance on the reference article (read in place from ../shared/data/seed; skipped if absent):
dates and the casualty toll of the events the issue names. Events are located by words found in the
text at run time, never by copied sentences."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="module")
def analysis(coder, seed_text):
    return coder.code_text(seed_text, published=date(2025, 10, 28))


def event(analysis, trigger: str, type: str, near: str):
    """The event of `type` (live or not: the date is measured, not the judge) whose trigger contains
    `trigger` in the sentence that holds `near`."""
    text = analysis.document.text
    for e in [*analysis.events, *analysis.unasserted]:
        sentence = text[e.evidence.start : e.evidence.end]
        if e.type == type and trigger in e.trigger.text and near in sentence:
            return e
    raise AssertionError(f"no {type} event on {trigger!r} near {near!r}")


def test_the_istanbul_talks_are_dated_to_the_saturday_they_began(analysis):
    assert event(analysis, "talks", "CONSULT", "since").date.value == "2025-10-25"


def test_the_doha_ceasefire_is_dated_to_its_day(analysis):
    assert event(analysis, "agreed", "AGREE", "Doha").date.value == "2025-10-19"


def test_the_defence_ministers_warning_is_dated_to_when_he_said_it(analysis):
    assert event(analysis, "war", "THREATEN", "open war").date.value == "2025-10-25"


def test_the_weekend_clash_is_dated_to_the_weekends_iso_week(analysis):
    clash = event(analysis, "Clashes", "ASSAULT", "weekend")
    assert (clash.date.value, clash.date.precision) == ("2025-W43", "week")


def test_the_weekend_clash_killed_thirty_by_party_as_the_military_claims(analysis):
    toll = event(analysis, "Clashes", "ASSAULT", "weekend").fatalities
    assert (toll.best, toll.claimed_by) == (30, "the military")
    by = {(p.party.country, p.party.sector): p.count for p in toll.by}
    assert by[("PAK", "MIL")] == 5
    assert sum(by.values()) == 30
