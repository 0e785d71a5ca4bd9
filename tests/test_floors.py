"""The CI gate: every gold set present is measured on its pinned subsample and must hold its floors.

Floors live in src/polemos/evaluation/floors.json (set -> limit + figure -> bound, margin, note).
A set whose data is absent is skipped with the path it looked for. The whole gate must stay within
GATE_BUDGET_SECONDS on 2 cores: when it does not, lower the set's `limit` and re-pin its floors
(`polemos eval SET --limit SET=N --propose-floors --write-floors --reason WHY`).
"""

from __future__ import annotations

import pytest

from polemos.coder import Coder
from polemos.evaluation import harness
from polemos.evaluation.base import SETS, default_data_path
from polemos.evaluation.floors import check, load_floors

FLOORS = load_floors()
GATE_BUDGET_SECONDS = 360.0
_spent: list[float] = []


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def test_every_set_with_floors_is_registered():
    assert set(FLOORS.sets()) <= set(SETS), f"floors.json names unregistered sets: {set(FLOORS.sets()) - set(SETS)}"


def test_every_floor_says_why_it_sits_where_it_does():
    assert all(floor.note.strip() for floor in FLOORS.floors)


@pytest.mark.slow
@pytest.mark.parametrize("name", FLOORS.sets())
def test_the_set_holds_its_floors(coder, name):
    result = harness.run_set(name, coder, default_data_path(), FLOORS.limit(name))
    _spent.append(result.seconds)
    if result.skipped:
        pytest.skip(f"{name}: {result.skipped}")
    breaches = check([result], FLOORS)
    assert not breaches, "\n".join(str(b) for b in breaches)
    if sum(_spent) > GATE_BUDGET_SECONDS:  # speed is watched by `make bench`, never failed on in a test
        print(f"note: the gate has taken {sum(_spent):.0f}s, over its {GATE_BUDGET_SECONDS:.0f}s budget: lower {name}'s limit")
