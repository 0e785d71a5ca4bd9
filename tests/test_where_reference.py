"""Acceptance on the reference article (read in place from ../shared/data/seed; skipped when absent).

The events are the event coder's; this checks the places they get: the talks in Istanbul, the
ceasefire in Doha, the airstrikes near Kabul and the weekend clash at the border, Pakistani side.
Events are found by their trigger words at run time; no sentence of the article is copied here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polemos.coder import Coder

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seed" / "arabnews-2025-10-28-pakistan-afghanistan-talks.txt"


@pytest.fixture(scope="module")
def analysis():
    if not SEED.exists():
        pytest.skip(f"reference article not found: {SEED}")
    return Coder(published=date(2025, 10, 28)).code_text(SEED.read_text(encoding="utf-8"), published=date(2025, 10, 28))


def located(analysis, trigger_word: str, event_type: str) -> list:
    """Places of the events (live or not: the place is measured here, not the judge) of a type and word."""
    return [e.location for e in [*analysis.events, *analysis.unasserted]
            if trigger_word in e.trigger.text.lower() and e.type == event_type and e.location is not None]


def test_the_talks_are_placed_in_istanbul(analysis):
    assert any(loc.name == "Istanbul" and loc.country == "TUR" for loc in located(analysis, "talks", "CONSULT"))


def test_the_ceasefire_is_placed_in_doha(analysis):
    agreements = [e for e in analysis.events if e.type == "AGREE" and e.location is not None
                  and "ceasefire" in e.evidence.text.lower()]
    assert any(e.location.name == "Doha" and e.location.country == "QAT" for e in agreements)


def test_the_airstrikes_are_placed_near_kabul(analysis):
    assert [(loc.name, loc.country) for loc in located(analysis, "airstrike", "ASSAULT")] == [("Kabul", "AFG")]


def test_the_weekend_clash_is_at_the_border_on_the_pakistani_side(analysis):
    borders = [loc for loc in located(analysis, "clash", "ASSAULT") if "border" in loc.text]
    assert borders and all(loc.country == "PAK" and loc.precision == "country" for loc in borders)


def test_every_place_of_the_article_is_in_the_region_it_is_about(analysis):
    countries = {p.country for p in analysis.places}
    assert countries <= {"PAK", "AFG", "TUR", "QAT"}
