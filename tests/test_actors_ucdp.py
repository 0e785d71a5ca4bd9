"""The UCDP actor-name figure: governments by name, groups by the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.coder import Coder
from polemos.evaluation.base import SETS, default_data_path
from polemos.evaluation.ucdp_actors import evaluate


def test_registered():
    assert SETS["ucdp-actors"] == "polemos.evaluation.ucdp_actors:evaluate"


def test_absent_data_is_a_plain_skip(tmp_path):
    result = evaluate(tmp_path, Coder())
    assert result.skipped and "not found" in result.skipped


def test_most_frequent_sides_resolve():
    data = default_data_path()
    if not (Path(data) / "external" / "ucdp_aec" / "test.jsonl").is_file():
        pytest.skip(f"UCDP-AEC gold not found under {data}")
    result = evaluate(data, Coder(), limit=12)
    assert result.figure("government_side_correct").value >= 0.9
    assert result.figure("nonstate_side_resolved").value >= 0.7
