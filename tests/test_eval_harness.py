"""`polemos eval` runs gold sets by name, times them, shows figures, skips absent sets and groups misses."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rich.console import Console

from eval_fixture_set import DATA
from polemos.coder import Coder
from polemos.commands import main
from polemos.errors import ConfigurationError
from polemos.evaluation import harness
from polemos.evaluation.base import SETS, Miss, SetResult

REGISTRY = {"fixture": "eval_fixture_set:evaluate"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.fixture(scope="module")
def fixture_result(coder) -> SetResult:
    return harness.run_set("fixture", coder, DATA, registry=REGISTRY)


def test_every_registered_set_names_an_importable_evaluator():
    for name in SETS:
        assert callable(harness.load_evaluator(name))


def test_an_unknown_set_name_is_refused_with_the_known_names():
    with pytest.raises(ConfigurationError, match="known sets: fixture"):
        harness.set_names(["nonesuch"], REGISTRY)


def test_no_names_means_every_registered_set():
    assert harness.set_names((), {"b": "x:y", "a": "x:y"}) == ["a", "b"]


def test_a_set_reports_its_figures_and_the_wall_time_it_took(fixture_result):
    assert {f.name for f in fixture_result.figures} == {"event_type", "date_value", "place_country"}
    assert all(f.n == 12 for f in fixture_result.figures)
    assert fixture_result.seconds > 0


def test_limit_reads_only_the_first_items(coder):
    result = harness.run_set("fixture", coder, DATA, limit=3, registry=REGISTRY)
    assert all(f.n == 3 for f in result.figures)


def test_an_absent_set_is_skipped_with_the_path_it_looked_for(coder, tmp_path):
    result = harness.run_set("fixture", coder, tmp_path, registry=REGISTRY)
    assert result.skipped and str(tmp_path) in result.skipped
    console = Console(record=True, width=200)
    harness.render_results([result], console=console)
    text = console.export_text()
    assert "skipped" in text and str(tmp_path) in text


def test_the_table_shows_each_figure_with_its_value(fixture_result):
    console = Console(record=True, width=200)
    harness.render_results([fixture_result], console=console)
    text = console.export_text()
    for figure in fixture_result.figures:
        assert figure.name in text and harness.format_value(figure.value, figure.unit) in text


def test_misses_are_grouped_by_kind_largest_group_first():
    misses = [Miss("wrong root", "s1", "a", "b"), Miss("no event", "s2", "a", "-"), Miss("no event", "s3", "a", "-")]
    groups = harness.group_misses(misses)
    assert list(groups) == ["no event", "wrong root"]
    assert [m.sentence for m in groups["no event"]] == ["s2", "s3"]


def test_errors_view_prints_sentence_gold_and_ours_under_each_kind():
    result = SetResult("demo", "/d", misses=(Miss("wrong date", "They met on Monday.", "2026-03-16", "2026-03-09", "i1"),))
    console = Console(record=True, width=200)
    harness.render_errors(result, console=console)
    text = console.export_text()
    assert "wrong date (1)" in text
    assert "They met on Monday." in text and "gold: 2026-03-16" in text and "ours: 2026-03-09" in text


def test_the_figures_table_in_the_docs_is_rewritten_between_its_markers_only(tmp_path, fixture_result):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Intro\n\n{harness.FIGURES_START}\nold\n{harness.FIGURES_END}\n\n## Geocoding\nkept\n")
    harness.rewrite_between(doc, harness.FIGURES_START, harness.FIGURES_END, harness.figures_markdown([fixture_result], "cmd"))
    text = doc.read_text()
    assert "old" not in text and "| fixture | event_type |" in text
    assert text.startswith("# Intro") and text.rstrip().endswith("## Geocoding\nkept")


def test_the_command_prints_json_with_misses_when_asked(monkeypatch):
    monkeypatch.setitem(SETS, "fixture", REGISTRY["fixture"])
    result = CliRunner().invoke(main, ["eval", "fixture", "--data", str(DATA), "--json", "--errors", "--limit", "4"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload[0]["set"] == "fixture" and isinstance(payload[0]["misses"], list)
    assert {f["n"] for f in payload[0]["figures"]} == {4}


def test_the_command_refuses_an_unknown_set_with_exit_code_2():
    result = CliRunner().invoke(main, ["eval", "nonesuch"])
    assert result.exit_code == 2 and "unknown gold set" in result.output
