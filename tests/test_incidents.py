"""Incidents: reports of one real-world event in different articles become one incident with every
report as evidence; different events stay apart even on the same day in the same province."""

from __future__ import annotations

from datetime import date

import pytest
from test_store_backends import BACKENDS, store_url
from test_store_support import BLA, MILITANTS, POLICE, report

from polemos.errors import ConfigurationError
from polemos.incidents import Report, compare, load_rules
from polemos.query import EventQuery
from polemos.store import Coded, Store


@pytest.fixture
def sqlite_store(tmp_path):
    with Store(str(tmp_path / "incidents.db")) as store:
        yield store


def _ingest(store: Store, *coded: Coded) -> None:
    store.save(list(coded), store.start_run())
    store.update_incidents()


def _three_accounts_of_one_raid() -> list[Coded]:
    return [
        Coded("k1", report("a1", "TTP fighters stormed an army post in Quetta on Monday, killing four soldiers.",
                           killed=4, claimed_by="military officials", outlet="Frontier Post")),
        Coded("k2", report("a2", "Militants attacked troops near Mastung before dawn, officials said.",
                           actor=MILITANTS, killed=5, outlet="Daily Ledger")),
        Coded("k3", report("a3", "The Pakistani Taliban said they killed 12 soldiers in a raid in Balochistan.",
                           place="Balochistan", day="2026-03-03", killed=12, claimed_by="TTP", outlet="Capital Wire")),
    ]


@pytest.mark.parametrize("kind", BACKENDS)
def test_differently_worded_reports_of_one_raid_become_one_incident(kind, tmp_path):
    for url in store_url(kind, tmp_path):
        with Store(url) as store:
            _ingest(store, *_three_accounts_of_one_raid())
            (incident,) = store.incidents(EventQuery())
            assert incident["reports"] == 3 and incident["documents"] == 3


def test_an_incident_shows_fatalities_as_a_range_with_who_claims_each_figure(sqlite_store):
    _ingest(sqlite_store, *_three_accounts_of_one_raid())
    (summary,) = sqlite_store.incidents(EventQuery())
    detail = sqlite_store.incident(summary["id"])
    assert (detail["fatalities_low"], detail["fatalities_high"]) == (4, 12)
    claims = {(f["best"], f["claimed_by"], f["outlet"]) for f in detail["figures"]}
    assert claims == {(4, "military officials", "Frontier Post"), (5, None, "Daily Ledger"), (12, "TTP", "Capital Wire")}


def test_every_report_says_why_it_joined_the_incident(sqlite_store):
    _ingest(sqlite_store, *_three_accounts_of_one_raid())
    (summary,) = sqlite_store.incidents(EventQuery())
    reasons = [r["reason"] for r in sqlite_store.incident(summary["id"])["evidence"]]
    assert reasons[0] == "first report"
    assert all("type ASSAULT" in r and "dyad" in r and "apart" in r for r in reasons[1:])
    assert any("km apart" in r for r in reasons[1:])


def test_two_attacks_on_the_same_day_in_one_province_by_different_groups_stay_apart(sqlite_store):
    _ingest(
        sqlite_store,
        Coded("k1", report("b1", "TTP fighters stormed an army post in Quetta.", killed=4)),
        Coded("k2", report("b2", "BLA gunmen shot dead two policemen in Turbat.", actor=BLA, target=POLICE,
                           place="Turbat", killed=2)),
    )
    assert len(sqlite_store.incidents(EventQuery())) == 2


def test_the_same_dyad_fighting_in_two_distant_towns_on_one_day_is_two_incidents(sqlite_store):
    _ingest(
        sqlite_store,
        Coded("k1", report("c1", "Militants raided a checkpoint in Quetta.", killed=3)),
        Coded("k2", report("c2", "Militants ambushed a convoy outside Turbat.", place="Turbat", killed=6)),
    )
    assert sorted(i["reports"] for i in sqlite_store.incidents(EventQuery())) == [1, 1]


def test_a_protest_and_an_attack_in_one_town_on_one_day_stay_apart(sqlite_store):
    _ingest(
        sqlite_store,
        Coded("k1", report("d1", "Gunmen attacked soldiers in Quetta.", killed=3)),
        Coded("k2", report("d2", "Traders protested in Quetta against the army.", type="PROTEST")),
    )
    assert len(sqlite_store.incidents(EventQuery())) == 2


def test_reports_a_week_apart_are_different_incidents(sqlite_store):
    _ingest(
        sqlite_store,
        Coded("k1", report("e1", "Militants raided a post in Quetta.", day="2026-03-02")),
        Coded("k2", report("e2", "Militants raided a post in Quetta again.", day="2026-03-09")),
    )
    assert len(sqlite_store.incidents(EventQuery())) == 2


def test_negated_events_are_never_evidence_of_an_incident(sqlite_store):
    _ingest(sqlite_store, Coded("k1", report("f1", "The army denied that any post in Quetta was attacked.", negated=True)))
    assert sqlite_store.incidents(EventQuery()) == []


def test_placing_reports_again_changes_nothing(sqlite_store):
    _ingest(sqlite_store, *_three_accounts_of_one_raid())
    before = sqlite_store.incidents(EventQuery())
    assert sqlite_store.update_incidents() == 0
    assert [i["id"] for i in sqlite_store.incidents(EventQuery())] == [i["id"] for i in before]


def test_a_report_arriving_later_joins_the_incident_already_stored(sqlite_store):
    first, second, third = _three_accounts_of_one_raid()
    _ingest(sqlite_store, first, second)
    _ingest(sqlite_store, third)
    (incident,) = sqlite_store.incidents(EventQuery())
    assert incident["reports"] == 3 and incident["fatalities_high"] == 12


def test_recoding_a_report_refreshes_its_incident(sqlite_store):
    _ingest(sqlite_store, *_three_accounts_of_one_raid())
    recoded = report("a3", "The Pakistani Taliban said they killed 12 soldiers in a raid in Balochistan.",
                     place="Balochistan", day="2026-03-03", killed=9, claimed_by="TTP", pipeline="polemos test-pipeline 2")
    _ingest(sqlite_store, Coded("k3", recoded))
    (incident,) = sqlite_store.incidents(EventQuery())
    assert incident["reports"] == 3 and incident["fatalities_high"] == 9


def _report(**changes) -> Report:
    base = dict(uid="x:e1", document_id="x", type="ASSAULT", actor="TTP", target="PAK-MIL", start=date(2026, 3, 2),
                end=date(2026, 3, 2), lat=30.18, lon=66.97, country="PAK", place="Quetta", precision="city")
    return Report(**{**base, **changes})


def test_two_events_of_one_article_are_never_merged():
    assert compare(_report(), _report(uid="x:e2"), load_rules()) is None


def test_an_unresolved_side_is_compatible_with_a_resolved_one_but_two_resolved_sides_must_agree():
    rules = load_rules()
    assert compare(_report(), _report(uid="y:e1", document_id="y", actor=None), rules) is not None
    assert compare(_report(), _report(uid="y:e1", document_id="y", actor="BLA"), rules) is None


def test_statements_merge_whatever_the_place_they_are_reported_from():
    rules = load_rules()
    a = _report(type="ACCUSE", place="Islamabad", lat=33.69, lon=73.05)
    b = _report(uid="y:e1", document_id="y", type="ACCUSE", place="Kabul", lat=34.53, lon=69.17, country="PAK")
    assert compare(a, b, rules) is not None


def test_a_malformed_rules_file_is_refused_with_the_line_number(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text("ASSAULT\tviolence\ttwo\t50\n", "utf-8")
    with pytest.raises(ConfigurationError, match="line 1"):
        load_rules(str(path))
