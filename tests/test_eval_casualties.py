"""The casualties set: polemos' own blind gold (tests/gold/casualties) read and scored by evaluation/casualties.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polemos.coder import Coder
from polemos.evaluation.base import SETS
from polemos.evaluation.casualties import GOLD, evaluate
from polemos.evaluation.gold import load, locate
from polemos.nlp import build_pipeline

LIMIT = 6  # articles for the broken-pipeline comparison: enough to show the drop, fast


@pytest.fixture(scope="module")
def result(coder):
    return evaluate(Path("unused"), coder)


def test_the_gold_set_has_the_promised_size():
    statements = [s for i in load(GOLD) for s in i["statements"]]
    assert len(statements) >= 60
    assert {s["kind"] for s in statements} == {"killed", "injured"}
    assert any(s["revision"] for s in statements)
    assert any(s["party"] for s in statements)


def test_every_gold_statement_and_event_word_is_in_its_article():
    for item in load(GOLD):
        for gold in item["statements"]:
            assert locate(item["text"], gold["text"], gold["occurrence"]), (item["id"], gold["text"])
            assert gold["event"] is None or gold["event"] in item["events"]
        for mentions in item["events"].values():
            for mention in mentions:
                assert locate(item["text"], mention["trigger"], mention["occurrence"]), (item["id"], mention)


def test_the_set_is_registered_for_polemos_eval():
    assert SETS["casualties"] == "polemos.evaluation.casualties:evaluate"


def test_the_evaluator_reports_every_figure_on_the_whole_set(result):
    gold = sum(len(i["statements"]) for i in load(GOLD))
    assert result.skipped is None
    assert result.figure("statement_recall").n == gold
    names = ("best_accuracy", "low_high_accuracy", "kind_accuracy", "party_accuracy", "claimant_accuracy", "event_tie_accuracy")
    for name in names:
        figure = result.figure(name)
        assert figure is not None and 0.0 <= figure.value <= 1.0, name


def test_a_wrong_gold_figure_is_counted_as_a_miss(tmp_path, coder):
    item = {
        "id": "fixture",
        "published": "2024-05-08",
        "text": "A car bomb killed 14 people in the market on Monday, police said.\n",
        "events": {"e1": [{"trigger": "bomb", "occurrence": 0}, {"trigger": "killed", "occurrence": 0}]},
        "statements": [
            {"text": "14 people", "occurrence": 0, "kind": "killed", "best": 41, "low": 41, "high": 41,
             "party": None, "claimed_by": ["police"], "revision": False, "event": "e1"}
        ],
    }
    (tmp_path / "fixture.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    result = evaluate(Path("unused"), coder, folder=tmp_path)
    assert result.figure("statement_recall").value == 1.0
    assert result.figure("best_accuracy").value == 0.0
    assert {"wrong best", "wrong low/high"} <= {m.kind for m in result.misses}


def test_the_pipeline_without_polemos_howmany_scores_lower(coder):
    whole = evaluate(Path("unused"), coder, limit=LIMIT)
    broken = evaluate(Path("unused"), Coder(nlp=build_pipeline(exclude=("polemos_howmany",))), limit=LIMIT)
    assert broken.figure("statement_recall").value < whole.figure("statement_recall").value
    assert any(m.kind == "statement not found" for m in broken.misses)
