"""Acceptance: the events of the reference article, found by trigger words at run time.

Reads ../shared/data/seed in place; no sentence of the article is copied here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polemos.coder import Coder

from event_coding import tellings, told

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seed"
FILE = SEED / "arabnews-2025-10-28-pakistan-afghanistan-talks.txt"


@pytest.fixture(scope="module")
def analysis():
    if not FILE.exists():
        pytest.skip(f"reference article not found: {FILE}")
    return Coder(published=date(2025, 10, 28)).code_text(FILE.read_text(encoding="utf-8"), id="seed")


def real(analysis, type_, trigger_word, sentence_word=None):
    """Events of this type whose trigger holds the word (and whose sentence holds another), told as
    having happened: live, or kept back by the judge as doubtful or background, but not negated,
    hypothetical or denied. Who, whom and how are the rules' and are checked on every such telling;
    whether the judge counts it live is measured by the last test."""
    return [
        e
        for e in told(analysis)
        if e.type == type_
        and (trigger_word.lower() in e.trigger.text.lower() or (e.mentions and trigger_word.lower() in tellings(e).lower()))
        and (sentence_word is None or sentence_word.lower() in tellings(e).lower())
        and not e.negated
        and not e.hypothetical
        and e.factuality not in ("negated", "hypothetical", "denied")
    ]


def countries(party):
    return party.country if party else None


def test_istanbul_talks_are_consult(analysis):
    assert real(analysis, "CONSULT", "talks", "Istanbul")


def test_doha_ceasefire_is_agree_mode_ceasefire(analysis):
    assert any(e.mode == "ceasefire" for e in real(analysis, "AGREE", "agree", "Doha"))


def test_airstrikes_near_kabul_are_pakistani_aerial_assault(analysis):
    hits = real(analysis, "ASSAULT", "airstrikes")
    assert any(e.mode == "aerial" and countries(e.actor) == "PAK" for e in hits)


def test_taliban_attacks_on_pakistani_posts(analysis):
    hits = real(analysis, "ASSAULT", "attacks", "posts")
    assert any(countries(e.actor) == "AFG" and countries(e.target) == "PAK" and e.target.sector == "MIL" for e in hits)


def test_pakistan_demands_assurances_from_afghanistan(analysis):
    hits = real(analysis, "REQUEST", "sought", "assurances")
    assert any(countries(e.actor) == "PAK" and countries(e.target) == "AFG" for e in hits)


def test_kabul_wants_islamabad_to_respect_sovereignty(analysis):
    hits = real(analysis, "REQUEST", "want", "sovereignty")
    assert any(countries(e.actor) == "AFG" and countries(e.target) == "PAK" for e in hits)


def test_official_blames_kabul_for_the_failure(analysis):
    hits = real(analysis, "ACCUSE", "responsible", "failure")
    assert any(countries(e.actor) == "PAK" and countries(e.target) == "AFG" for e in hits)


def test_state_broadcaster_calls_pakistan_unwilling(analysis):
    hits = real(analysis, "ACCUSE", "unwilling")
    assert any(countries(e.actor) == "AFG" and countries(e.target) == "PAK" for e in hits)


def test_weekend_clash_with_the_ttp(analysis):
    assert real(analysis, "ASSAULT", "clashes", "weekend")


def test_open_war_warning_is_a_pakistani_threat(analysis):
    hits = real(analysis, "THREATEN", "war")
    assert any(countries(e.actor) == "PAK" for e in hits)


# The acts the article reports as done (type, a word of the trigger, a word of its sentence).
DONE = [
    ("CONSULT", "talks", "Istanbul"), ("AGREE", "agree", "Doha"), ("ASSAULT", "airstrikes", None),
    ("ASSAULT", "attacks", "posts"), ("REQUEST", "sought", "assurances"), ("ACCUSE", "responsible", "failure"),
    ("ACCUSE", "unwilling", None), ("ASSAULT", "clashes", "weekend"), ("THREATEN", "war", "open war"),
]
# Pinned: how many of them the learned judge keeps live today (5 of 9, models/events; not live: the
# request for assurances, the two accusations and the "open war" warning, judged doubtful). The judge is
# measured on the blind dev set (docs/benchmarks.md); this floor only stops a retrain from quietly dropping more.
LIVE_FLOOR = 5


def test_the_judge_keeps_the_reported_acts_live(analysis):
    live = {e.id for e in analysis.events}
    missing = [act for act in DONE if not any(e.id in live for e in real(analysis, *act))]
    assert len(DONE) - len(missing) >= LIVE_FLOOR, f"not live: {missing}"
