"""Floors sit at the measured value less a stated noise margin, and a figure below its floor is reported."""

from __future__ import annotations

import json

from polemos.evaluation.base import Figure, SetResult
from polemos.evaluation.floors import (
    MIN_ITEMS,
    MIN_MARGIN,
    Floor,
    Floors,
    check,
    load_floors,
    merge,
    noise_margin,
    propose,
    save_floors,
)


def _result(name: str = "demo", **figures: tuple[float, int]) -> SetResult:
    return SetResult(name, "/data", tuple(Figure(k, v, n) for k, (v, n) in figures.items()))


def test_the_margin_is_one_binomial_standard_error():
    assert noise_margin(Figure("root", 0.5, 100)) == 0.05


def test_the_margin_is_never_tighter_than_the_minimum():
    assert noise_margin(Figure("root", 0.99, 10_000)) == MIN_MARGIN


def test_figures_in_other_units_get_a_relative_margin():
    assert noise_margin(Figure("speed", 1000.0, 50, unit="words/s")) == 100.0


def test_a_proposed_floor_is_the_measured_value_less_its_margin():
    floors = propose([_result(root=(0.6, 400))], {"demo": 100}, "first pin")
    (floor,) = floors.floors
    assert floor.bound == round(0.6 - noise_margin(Figure("root", 0.6, 400)), 4)
    assert floor.measured == 0.6 and floor.note == "first pin"
    assert floors.limit("demo") == 100


def test_an_error_rate_gets_a_ceiling_above_the_measured_value():
    (floor,) = propose([_result(false_alarm_rate=(0.2, 100))], {}, "").floors
    assert floor.direction == "lower" and floor.bound > 0.2


def test_figures_on_too_few_items_are_not_pinned():
    assert propose([_result(rare=(1.0, MIN_ITEMS - 1))], {}, "").floors == ()


def test_skipped_sets_get_no_floors():
    assert propose([SetResult.skip("gone", "/nowhere")], {}, "").floors == ()


def test_a_figure_at_its_floor_passes_and_one_below_fails():
    floors = Floors((Floor("demo", "root", 0.5, 0.55, 0.05, 100),), {"demo": None})
    assert check([_result(root=(0.5, 100))], floors) == []
    (breach,) = check([_result(root=(0.49, 100))], floors)
    assert breach.value == 0.49 and "below floor" in str(breach)


def test_a_pinned_figure_missing_from_the_result_fails():
    floors = Floors((Floor("demo", "root", 0.5, 0.55, 0.05, 100),), {"demo": None})
    (breach,) = check([_result(other=(0.9, 100))], floors)
    assert breach.value is None and "missing" in str(breach)


def test_a_skipped_set_is_not_judged_here():
    floors = Floors((Floor("demo", "root", 0.5, 0.55, 0.05, 100),), {"demo": None})
    assert check([SetResult.skip("demo", "/nowhere")], floors) == []


def test_floors_survive_a_round_trip_through_the_file(tmp_path):
    floors = propose([_result(root=(0.6, 400), false_alarm_rate=(0.1, 50))], {"demo": 80}, "why")
    path = save_floors(floors, tmp_path / "floors.json")
    assert json.loads(path.read_text())["sets"]["demo"]["limit"] == 80
    assert load_floors(path).floors == tuple(sorted(floors.floors, key=lambda f: f.figure))


def test_re_pinning_one_set_keeps_the_floors_of_the_others():
    old = propose([_result("a", x=(0.5, 100)), _result("b", y=(0.5, 100))], {}, "old")
    new = propose([_result("a", x=(0.7, 100))], {}, "raised: better triggers")
    merged = merge(old, new)
    assert merged.find("a", "x").note == "raised: better triggers"
    assert merged.find("b", "y").note == "old"


def test_an_absent_floors_file_means_no_floors(tmp_path):
    assert load_floors(tmp_path / "none.json").floors == ()
