"""Training the event judge is reproducible: the same labelled texts and seed give the same examples
and the same weights. The texts are our own sentences (tests/data/labels/own-train.jsonl)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from polemos.labelling.corpus import read_labelled  # noqa: E402
from polemos.training.event_examples import NONE, build_examples  # noqa: E402
from polemos.training.events import fit_heads  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "labels" / "own-train.jsonl"


@pytest.fixture(scope="module")
def examples():
    return build_examples(read_labelled([FIXTURE], Path("/nonexistent")))


def test_examples_label_every_proposal_with_its_gold_answer(examples):
    assert len(examples.root) == len(examples.rows) > 10
    assert "ASSAULT" in examples.root and NONE in examples.root or len(set(examples.root)) > 3
    assert set(examples.factuality) - {""} <= {"asserted", "negated", "hypothetical", "habitual", "denied", "restated"}


def test_building_examples_twice_gives_the_same_rows(examples):
    again = build_examples(read_labelled([FIXTURE], Path("/nonexistent")))
    assert np.array_equal(examples.matrix(), again.matrix()) and examples.root == again.root


def test_the_same_seed_gives_the_same_weights(examples):
    first, meta_one = fit_heads(examples, seed=0)
    second, meta_two = fit_heads(examples, seed=0)
    for name in first:
        assert np.array_equal(first[name].weights, second[name].weights)
        assert np.array_equal(first[name].bias, second[name].bias)
    assert meta_one["keep_threshold"] == meta_two["keep_threshold"]
