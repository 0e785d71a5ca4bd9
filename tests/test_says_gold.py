"""Floors on polemos' own quotes gold set (tests/gold/says): quality may not silently drop."""

from pathlib import Path

import pytest

from polemos.coder import Coder
from polemos.evaluation.quotes import GOLD, evaluate

FLOORS = {
    "quote_recall": 0.9,
    "speaker_accuracy": 0.85,
    "anonymity_accuracy": 0.85,
    "source_type_accuracy": 0.8,
    "relation_precision": 0.6,
    "relation_recall": 0.4,
}


@pytest.fixture(scope="module")
def result():
    return evaluate(Path("unused"), Coder())


def test_the_gold_set_has_enough_quotes_and_relations():
    from polemos.evaluation.gold import load

    items = load(GOLD)
    assert sum(len(i["quotes"]) for i in items) >= 40
    assert sum(len(i["relations"]) for i in items) >= 20


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_stays_above_its_floor(result, name):
    figure = result.figure(name)
    assert figure is not None and figure.value >= FLOORS[name], (name, figure)
