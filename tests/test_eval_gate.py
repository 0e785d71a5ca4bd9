"""The gate itself: floors pinned on a working pipeline catch a deliberately broken component.

Each case pins floors from the intact pipeline on the tests' own gold set, then removes one polemos
step from the pipeline and checks that the figure that step earns falls below its floor, which is
exactly what makes `make test` (tests/test_floors.py) and `polemos eval --check` fail in CI.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from eval_fixture_set import DATA
from polemos.coder import Coder
from polemos.commands import main
from polemos.evaluation import harness
from polemos.evaluation.base import SETS, SetResult
from polemos.evaluation.floors import Floor, Floors, check, propose, save_floors
from polemos.nlp import STEPS, build_pipeline

REGISTRY = {"fixture": "eval_fixture_set:evaluate"}
STEP_NAMES = {step.factory for step in STEPS}
CASES = [
    ("polemos_events", "event_type"),
    ("polemos_when", "date_value"),
    ("polemos_where", "place_country"),
]


class PipelineCoder(Coder):
    """A Coder running a given pipeline: here, one with a step taken out."""

    def __init__(self, nlp) -> None:
        super().__init__()
        self._nlp = nlp


@pytest.fixture(scope="module")
def intact() -> SetResult:
    return harness.run_set("fixture", Coder(), DATA, registry=REGISTRY)


@pytest.mark.parametrize(("step", "figure"), CASES, ids=[c[0] for c in CASES])
def test_removing_a_step_drops_its_figure_below_the_floor(intact, step, figure):
    if step not in STEP_NAMES:
        pytest.skip(f"{step} is not in this tree's pipeline yet (nlp/pipeline.py STEPS)")
    assert intact.figure(figure).value > 0, f"the intact pipeline should earn some {figure}"
    floors = propose([intact], {"fixture": None}, "pinned by the gate test")
    assert check([intact], floors) == []
    broken_coder = PipelineCoder(build_pipeline(exclude=(step,)))
    broken = harness.run_set("fixture", broken_coder, DATA, registry=REGISTRY)
    assert figure in {breach.floor.figure for breach in check([broken], floors)}


def test_the_eval_command_exits_1_when_a_figure_is_below_its_floor(intact, tmp_path, monkeypatch):
    monkeypatch.setitem(SETS, "fixture", REGISTRY["fixture"])
    measured = intact.figure("event_type").value
    unreachable = Floors((Floor("fixture", "event_type", measured + 0.01, measured, 0.0, 12, note="test"),), {"fixture": None})
    floors_path = save_floors(unreachable, tmp_path / "floors.json")
    args = ["eval", "fixture", "--data", str(DATA), "--floors", str(floors_path), "--check"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "floor broken: fixture/event_type" in result.output


def test_the_eval_command_exits_0_when_every_floor_holds(intact, tmp_path, monkeypatch):
    monkeypatch.setitem(SETS, "fixture", REGISTRY["fixture"])
    floors_path = save_floors(propose([intact], {"fixture": None}, "test"), tmp_path / "floors.json")
    args = ["eval", "fixture", "--data", str(DATA), "--floors", str(floors_path), "--check", "--gate"]
    assert CliRunner().invoke(main, args).exit_code == 0


def test_propose_and_write_floors_pins_in_one_command(tmp_path, monkeypatch):
    monkeypatch.setitem(SETS, "fixture", REGISTRY["fixture"])
    floors_path = tmp_path / "floors.json"
    args = ["eval", "fixture", "--data", str(DATA), "--floors", str(floors_path), "--limit", "fixture=10",
            "--propose-floors", "--write-floors", "--reason", "first pin"]
    assert CliRunner().invoke(main, args).exit_code == 0
    text = floors_path.read_text()
    assert '"limit": 10' in text and "first pin" in text


def test_writing_floors_without_a_reason_is_refused(tmp_path):
    args = ["eval", "--floors", str(tmp_path / "floors.json"), "--propose-floors", "--write-floors"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "--reason" in result.output
    assert not (tmp_path / "floors.json").exists()
