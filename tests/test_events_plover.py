"""The PLOVER gold-set reader and evaluation (markup stripping on a record written here)."""

from __future__ import annotations

from polemos.coder import Coder
from polemos.evaluation import SETS, default_data_path
from polemos.evaluation.plover import FILE, evaluate, strip_markup


def test_markup_is_stripped_and_event_offsets_kept():
    text, spans = strip_markup("(SRC: Chile) and (SRC/TAR: Peru) (EVT: signed) a (EVT: pact) in (LOC: Lima).")
    assert text == "Chile and Peru signed a pact in Lima."
    assert [text[a:b] for a, b in spans["EVT"]] == ["signed", "pact"]
    assert [text[a:b] for a, b in spans["SRC"]] == ["Chile"]


def test_plover_set_is_registered():
    assert SETS["plover"] == "polemos.evaluation.plover:evaluate"


def test_evaluation_on_a_few_records_reports_figures_or_skips():
    result = evaluate(default_data_path(), Coder(), limit=15)
    if result.skipped:
        assert str(FILE) in result.skipped or "not found" in result.skipped
        return
    root = result.figure("root_type_accuracy")
    assert root is not None and root.n == 15 and 0.0 <= root.value <= 1.0
