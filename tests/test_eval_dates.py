"""The dates set: polemos' own blind gold (tests/gold/dates) read and scored by evaluation/dates.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polemos.coder import Coder
from polemos.evaluation.base import SETS
from polemos.evaluation.dates import GOLD, evaluate
from polemos.evaluation.gold import load, locate
from polemos.nlp import build_pipeline

LIMIT = 8  # articles for the broken-pipeline comparison: enough to show the drop, fast


@pytest.fixture(scope="module")
def result(coder):
    return evaluate(Path("unused"), coder)


def test_the_gold_set_has_the_promised_size():
    items = load(GOLD)
    assert len(items) >= 25
    assert sum(len(i["dates"]) for i in items) >= 120
    assert sum(len(i["events"]) for i in items) >= 40


def test_every_gold_expression_and_trigger_is_in_its_article():
    for item in load(GOLD):
        for gold in item["dates"]:
            assert locate(item["text"], gold["text"], gold["occurrence"]), (item["id"], gold["text"])
        for gold in item["events"]:
            assert locate(item["text"], gold["trigger"], gold["occurrence"]), (item["id"], gold["trigger"])


def test_the_set_is_registered_for_polemos_eval():
    assert SETS["dates"] == "polemos.evaluation.dates:evaluate"


def test_the_evaluator_reports_every_figure_on_the_whole_set(result):
    gold = sum(len(i["dates"]) for i in load(GOLD))
    assert result.skipped is None
    assert result.figure("expression_recall").n == gold
    for name in ("value_accuracy", "precision_level_accuracy", "range_end_accuracy", "event_anchoring_accuracy"):
        figure = result.figure(name)
        assert figure is not None and 0.0 <= figure.value <= 1.0, name


def test_a_wrong_gold_value_is_counted_as_a_miss(tmp_path, coder):
    item = {
        "id": "fixture",
        "published": "2024-05-08",
        "text": "Rebels shelled the town on Monday, the army said.\n",
        "dates": [{"text": "on Monday", "occurrence": 0, "value": "2024-05-07", "precision": "day"}],
        "events": [],
    }
    (tmp_path / "fixture.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    result = evaluate(Path("unused"), coder, folder=tmp_path)
    assert result.figure("expression_recall").value == 1.0
    assert result.figure("value_accuracy").value == 0.0
    assert [m.kind for m in result.misses] == ["wrong value"]


def test_an_absent_gold_folder_is_skipped_with_its_path(tmp_path, coder):
    result = evaluate(Path("unused"), coder, folder=tmp_path / "nowhere")
    assert result.skipped and "nowhere" in result.skipped


def test_the_pipeline_without_polemos_when_scores_lower(coder):
    whole = evaluate(Path("unused"), coder, limit=LIMIT)
    broken = evaluate(Path("unused"), Coder(nlp=build_pipeline(exclude=("polemos_when",))), limit=LIMIT)
    assert broken.figure("expression_recall").value < whole.figure("expression_recall").value
    assert broken.figure("event_anchoring_accuracy").value < whole.figure("event_anchoring_accuracy").value
    assert any(m.kind == "expression not found" for m in broken.misses)
