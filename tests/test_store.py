"""The store: schema and migrations, idempotent writes, rejections, re-coding and queries, on
SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest
from test_store_backends import BACKENDS, store_url
from test_store_support import ARMY, BLA, POLICE, TTP, rejected, report

from polemos.query import EventQuery
from polemos.records import Analysis, Document, Rejection
from polemos.store import Coded, Store
from polemos.store.schema import TABLES, migrations


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    for url in store_url(request.param, tmp_path):
        with Store(url) as opened:
            yield opened


def _corpus() -> list[Coded]:
    return [
        Coded("k-quetta", report("a", "Gunmen stormed an army post in Quetta, killing four soldiers.", killed=4,
                                 quote="We lost four men.")),
        Coded("k-turbat", report("b", "Separatists killed two policemen in Turbat.", actor=BLA, target=POLICE,
                                 place="Turbat", killed=2, day="2026-03-05")),
        Coded("k-talks", report("c", "Envoys of the two governments met in Doha for talks.", type="CONSULT",
                                actor=ARMY, target=None, place="Doha", day="2026-02-20")),
        Coded("k-kabul", report("d", "A rocket hit a district of Kabul, no casualties were reported.", actor=TTP,
                                target=None, place="Kabul", day="2026-01-10", negated=True)),
        Coded("k-bad", rejected("e")),
    ]


def test_a_new_store_records_every_migration_it_applied(store):
    assert store.schema_version() == len(migrations(store.dialect))
    names = [row[0] for row in store.db.query("SELECT name FROM migrations ORDER BY version")]
    assert len(names) == len(migrations(store.dialect)) and all(names)


def test_opening_a_migrated_store_again_applies_nothing(store):
    assert store.migrate() == []


def test_every_declared_table_exists(store):
    for table in TABLES:
        assert store.db.query(f"SELECT COUNT(*) FROM {table.name}")[0][0] == 0


def test_saving_stores_documents_events_and_the_rejection_with_its_reason(store):
    run = store.start_run()
    summary = store.save(_corpus(), run)
    assert (summary.coded, summary.rejected) == (4, 1)
    counts = store.counts()
    assert counts["documents"] == 4 and counts["events"] == 4 and counts["rejections"] == 1
    assert counts["quotes"] == 1 and counts["claims"] == 2
    assert store.rejection_reasons() == {"not_english": 1}


def test_saving_the_same_inputs_again_adds_no_row(store):
    run = store.start_run()
    store.save(_corpus(), run)
    before = store.counts()
    summary = store.save(_corpus(), store.start_run())
    assert summary.coded == 0 and summary.skipped == 5
    assert {k: v for k, v in store.counts().items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}


def test_a_run_records_which_pipeline_coded_what(store):
    run = store.start_run(sources=["x.jsonl"], workers=2)
    store.save(_corpus(), run)
    store.finish_run(run, pipeline="polemos test-pipeline 1", coded=4, rejected=1, duplicates=0)
    row = store.db.query_dicts("SELECT * FROM runs WHERE id = ?", (run,))[0]
    assert row["status"] == "done" and row["pipeline"] == "polemos test-pipeline 1" and row["workers"] == 2
    assert store.db.query("SELECT COUNT(*) FROM documents WHERE run_id = ?", (run,))[0][0] == 4


def test_recoding_with_a_newer_pipeline_replaces_events_and_logs_what_changed(store):
    store.save(_corpus(), store.start_run())
    store.update_incidents()
    newer = report("a", "Gunmen stormed an army post in Quetta, killing four soldiers.", killed=6,
                   pipeline="polemos test-pipeline 2")
    summary = store.save([Coded("k-quetta", newer)], store.start_run())
    assert summary.recoded == 1
    assert store.counts()["events"] == 4
    (revision,) = store.revisions()
    assert revision["old_pipeline"] == "polemos test-pipeline 1" and revision["new_pipeline"] == "polemos test-pipeline 2"
    assert revision["changed"] == 1
    assert revision["detail"]["changed"][0]["fields"]["fatalities_best"] == [4, 6]


def test_queries_filter_by_type_actor_country_dates_and_words(store):
    store.save(_corpus(), store.start_run())
    assert {e["document_id"] for e in store.events(EventQuery(types=("assault",)))} == {"k-quetta", "k-turbat", "k-kabul"}
    assert {e["document_id"] for e in store.events(EventQuery(actors=("BLA",)))} == {"k-turbat"}
    assert {e["document_id"] for e in store.events(EventQuery(actors=("Pakistan Army",)))} == {"k-quetta", "k-talks"}
    assert {e["document_id"] for e in store.events(EventQuery(countries=("QAT",)))} == {"k-talks"}
    assert {e["document_id"] for e in store.events(EventQuery(since=date(2026, 3, 1)))} == {"k-quetta", "k-turbat"}
    assert {e["document_id"] for e in store.events(EventQuery(until=date(2026, 1, 31)))} == {"k-kabul"}
    assert {e["document_id"] for e in store.events(EventQuery(text="POLICEMEN"))} == {"k-turbat"}
    assert {e["document_id"] for e in store.events(EventQuery(text="army post"))} == {"k-quetta"}
    assert store.events(EventQuery(text="post army")) == []  # a phrase, in order
    assert {e["document_id"] for e in store.events(EventQuery(factual=True, types=("ASSAULT",)))} == {"k-quetta", "k-turbat"}


def test_a_radius_query_keeps_events_within_that_distance(store):
    store.save(_corpus(), store.start_run())
    near_quetta = store.events(EventQuery(near=(30.2, 66.99), radius_km=20))
    assert [e["document_id"] for e in near_quetta] == ["k-quetta"]
    wide = store.events(EventQuery(near=(30.2, 66.99), radius_km=550))  # Kabul ~525 km, Turbat ~590 km
    assert {e["document_id"] for e in wide} == {"k-quetta", "k-kabul"}
    by_name = store.events(EventQuery(place="Turbat", radius_km=5))
    assert [e["document_id"] for e in by_name] == ["k-turbat"]


def test_pages_are_ordered_by_date_and_do_not_overlap(store):
    store.save(_corpus(), store.start_run())
    first = store.events(EventQuery(limit=2, offset=0))
    second = store.events(EventQuery(limit=2, offset=2))
    assert [e["date_start"] for e in first] == ["2026-03-05", "2026-03-02"]
    assert {e["uid"] for e in first}.isdisjoint({e["uid"] for e in second}) and len(second) == 2
    assert store.count_events(EventQuery()) == 4


def test_a_failed_fetch_is_not_known_so_the_next_run_tries_it_again(store):
    failed = rejected("https://news.example/slow", reason="fetch_failed")
    store.save([Coded("k-fetch", failed), Coded("k-bad", rejected("e"))], store.start_run())
    assert store.known(["k-fetch", "k-bad"]) == {"k-bad": None}
    again = store.save([Coded("k-fetch", failed)], store.start_run())
    assert again.rejected == 1 and store.counts()["rejections"] == 2


def test_a_page_fetched_after_an_earlier_failure_clears_that_failure(store):
    failed = Analysis.rejected(Document(id="page", text=""), Rejection("fetch_failed", "HTTP 503", None,
                                                                      "https://news.example/page"), "p")
    store.save([Coded("k-fail", failed)], store.start_run())
    later = report("page", "Gunmen attacked a checkpoint near the town on Sunday night.")
    store.save([Coded("k-page", later, origin="https://news.example/page")], store.start_run())
    assert store.counts()["rejections"] == 0 and store.counts()["documents"] == 1


def test_an_older_store_is_brought_up_to_date_and_its_rows_become_searchable(tmp_path):
    from polemos.store.backend import connect
    from polemos.store.schema import MIGRATIONS_TABLE

    path = str(tmp_path / "old.db")
    db = connect(path)  # a store written by a version that knew only the first two migrations
    db.execute(MIGRATIONS_TABLE.create_sql("sqlite"))
    for migration in migrations("sqlite")[:2]:
        for statement in migration.statements:
            db.execute(statement)
        db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (migration.version, migration.name, "2026-01-01"))
    from polemos.store.rows import event_rows
    from polemos.store.schema import _EVENTS_V1, _cols

    v1 = [c.name for c in _cols(_EVENTS_V1)]
    for coded in _corpus():  # the rows that version wrote: the first events columns only
        db.execute("INSERT INTO documents (id, text) VALUES (?, ?)", (coded.key, coded.analysis.document.text))
        for row in event_rows(coded.key, coded.analysis):
            db.execute(f"INSERT INTO events ({', '.join(v1)}) VALUES ({', '.join('?' for _ in v1)})", [row[n] for n in v1])
    db.close()
    with Store(path) as store:
        assert store.schema_version() == len(migrations("sqlite"))
        found = list(store.events(EventQuery(text="policemen")))
        assert [(e["document_id"], e["factuality"]) for e in found] == [("k-turbat", "asserted")]


@pytest.mark.parametrize(
    ("value", "bounds"),
    [("2026-03-02", ("2026-03-02", "2026-03-02")), ("2026-W10", ("2026-03-02", "2026-03-08")),
     ("2026-02", ("2026-02-01", "2026-02-28")), ("2024-02", ("2024-02-01", "2024-02-29")),
     ("2026", ("2026-01-01", "2026-12-31")), ("199X", ("1990-01-01", "1999-12-31")), ("soon", (None, None))],
)
def test_a_date_value_is_stored_as_the_days_it_covers(value, bounds):
    from polemos.store.rows import date_bounds

    assert date_bounds(value) == bounds


def test_a_week_long_event_is_found_by_a_query_for_any_of_its_days(tmp_path):
    with Store(str(tmp_path / "week.db")) as store:
        store.save([Coded("k-week", report("w", "Clashes went on all week near the town.", day="2026-W10"))],
                   store.start_run())
        assert len(store.events(EventQuery(since=date(2026, 3, 8), until=date(2026, 3, 8)))) == 1
        assert store.events(EventQuery(since=date(2026, 3, 9))) == []
