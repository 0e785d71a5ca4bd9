"""`polemos query` as an analyst uses it: filters, incidents, and what re-coding changed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_store_support import BLA, POLICE, rejected, report

from polemos.commands import main
from polemos.store import Coded, Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "events.db"
    with Store(str(path)) as store:
        store.save([
            Coded("k1", report("a", "Gunmen stormed an army post in Quetta.", killed=4)),
            Coded("k2", report("b", "Militants said they killed nine soldiers in Quetta.", killed=9, outlet="Daily Ledger")),
            Coded("k3", report("c", "Separatists shot dead two policemen in Turbat.", actor=BLA, target=POLICE,
                               place="Turbat", killed=2)),
            Coded("k4", rejected("d")),
        ], store.start_run())
        store.update_incidents()
        store.save([Coded("k3", report("c", "Separatists shot dead two policemen in Turbat.", actor=BLA, target=POLICE,
                                       place="Turbat", killed=3, pipeline="polemos test-pipeline 2"))], store.start_run())
    return str(path)


def _jsonl(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["query", *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_query_filters_by_actor_and_place_radius(db):
    assert [r["document_id"] for r in _jsonl("--db", db, "--actor", "BLA")] == ["k3"]
    assert {r["document_id"] for r in _jsonl("--db", db, "--near", "30.18,66.97", "--radius", "10")} == {"k1", "k2"}


def test_query_lists_incidents_with_their_evidence(db):
    incidents = _jsonl("--db", db, "--incidents", "--place", "Quetta")
    assert len(incidents) == 1 and len(incidents[0]["evidence"]) == 2
    assert (incidents[0]["fatalities_low"], incidents[0]["fatalities_high"]) == (4, 9)


def test_query_says_what_changed_since_a_date(db):
    (revision,) = _jsonl("--db", db, "--changes-since", "2000-01-01")
    assert revision["document_id"] == "k3" and revision["detail"]["changed"][0]["fields"]["fatalities_best"] == [2, 3]


def test_a_bad_point_is_a_usage_error_not_a_traceback(db):
    result = CliRunner().invoke(main, ["query", "--db", db, "--near", "north"])
    assert result.exit_code == 2 and "LAT,LON" in result.output


def test_query_lists_rejected_inputs_with_their_reason(db):
    (row,) = _jsonl("--db", db, "--rejections")
    assert row["reason"] == "not_english" and row["origin"] == "d.txt"
