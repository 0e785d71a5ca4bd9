"""Claim relations across articles in the store, on SQLite and on the real PostgreSQL server: found
when articles are stored, written with their partition, never twice, readable and exportable."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner
from crossclaims_articles import ARTICLES, DNIPRO_FIRST, DNIPRO_LATER, KIVU_LOCAL, KIVU_UN, PAIRS, TALKS_AF, TALKS_PK
from test_store_backends import BACKENDS, store_url

from polemos.commands import main
from polemos.records import content_id
from polemos.store import Coded, Store
from polemos.store.backend import connect
from polemos.store.schema import migrations


@pytest.fixture(scope="module")
def coded(coder):
    return [Coded(content_id(a.raw), analysis, origin=a.origin) for a, analysis in zip(ARTICLES, coder.code_many(ARTICLES))]


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    yield from store_url(request.param, tmp_path)


def _links(store: Store) -> set[tuple[str, str, str]]:
    """(document name, other document name, kind) of every relation across articles."""
    names = dict(store.db.query("SELECT id, source_id FROM documents"))
    rows = store.db.query("SELECT document_id, other_document_id, kind FROM claim_relations WHERE across = 1")
    return {(names[a], names[b], kind) for a, b, kind in rows}


def _stored(url: str, coded: list[Coded], partition: int = 16) -> Store:
    store = Store(url)
    for start in range(0, len(coded), partition):
        store.save(coded[start:start + partition], store.start_run())
    return store


def test_relations_across_articles_join_exactly_the_pairs_about_one_matter(url, coded):
    with _stored(url, coded) as store:
        links = _links(store)
    expected = {frozenset((a.id, b.id)): kind for a, b, kind in PAIRS if kind}
    assert links and all(expected.get(frozenset((a, b))) == kind for a, b, kind in links)
    assert {frozenset((a, b)) for a, b, _ in links} == set(expected)


def test_contradictions_and_corroborations_are_stored_from_both_sides_a_revision_on_the_later_report(url, coded):
    with _stored(url, coded) as store:
        links = _links(store)
    assert {(TALKS_AF.id, TALKS_PK.id, "contradicts"), (TALKS_PK.id, TALKS_AF.id, "contradicts")} <= links
    assert {(KIVU_UN.id, KIVU_LOCAL.id, "corroborates"), (KIVU_LOCAL.id, KIVU_UN.id, "corroborates")} <= links
    assert (DNIPRO_LATER.id, DNIPRO_FIRST.id, "revises") in links
    assert (DNIPRO_FIRST.id, DNIPRO_LATER.id, "revises") not in links


def test_the_order_articles_arrive_in_does_not_change_the_relations(url, coded):
    with _stored(url, coded) as together:
        expected = _links(together)
        together.db.execute("DELETE FROM claim_relations")
        together.db.execute("DELETE FROM claims")
        together.db.execute("DELETE FROM documents")
    one_by_one = list(reversed(coded))
    with _stored(url, one_by_one, partition=1) as store:
        assert _links(store) == expected


def test_storing_the_same_articles_again_adds_no_relation(url, coded):
    with _stored(url, coded) as store:
        before = store.counts()
        store.save(coded, store.start_run())
        assert {k: v for k, v in store.counts().items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}


def test_a_partition_that_fails_leaves_none_of_its_relations(url, coded):
    first, rest = coded[:1], coded[1:]
    with _stored(url, first) as store:
        broken = rest + [Coded("broken", replace(rest[0].analysis, document=replace(rest[0].analysis.document, text=None)))]
        with pytest.raises(Exception):
            store.save(broken, store.start_run())  # documents.text is NOT NULL: the whole partition rolls back
        assert _links(store) == set()
        assert store.counts()["documents"] == 1
        store.save(rest, store.start_run())
        assert {frozenset((a, b)) for a, b, _ in _links(store)} == {frozenset((a.id, b.id)) for a, b, k in PAIRS if k}


def test_recoding_an_article_replaces_its_relations_on_both_sides(url, coded):
    with _stored(url, coded) as store:
        expected = _links(store)
        newer = [replace(c, analysis=replace(c.analysis, pipeline="polemos newer")) for c in coded if c.origin == "dnipro-first.txt"]
        assert store.save(newer, store.start_run()).recoded == 1
        assert _links(store) == expected
        dangling = store.db.query("SELECT COUNT(*) FROM claim_relations r WHERE NOT EXISTS (SELECT 1 FROM claims c "
                                  "WHERE c.document_id = r.other_document_id AND c.claim_id = r.other_claim_id)")
        assert dangling[0][0] == 0


def test_claims_read_back_with_both_pieces_of_evidence(url, coded):
    from polemos.query import EventQuery

    with _stored(url, coded) as store:
        claims = store.claims(EventQuery(text="death toll", limit=None), related=True)
    (later,) = claims
    (rel,) = [r for r in later["relations"] if r["across"]]
    assert rel["kind"] == "revises" and "rose to 17" in later["text"] and "nine people" in rel["other_text"]
    assert rel["other_outlet"] == "Eastern Wire" and rel["other_published"] == DNIPRO_FIRST.published.isoformat()


def test_an_older_store_keeps_its_relations_within_articles_after_the_migration(tmp_path):
    path = str(tmp_path / "old.db")
    db = connect(path)
    db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for migration in migrations("sqlite")[:6]:
        for statement in migration.statements:
            db.execute(statement)
        db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (migration.version, migration.name, "2026-01-01"))
    db.execute("DROP TABLE claim_relations")  # the table as versions before migration 7 declared it
    db.execute("CREATE TABLE claim_relations (document_id TEXT NOT NULL, claim_id TEXT NOT NULL, other_claim_id TEXT "
               "NOT NULL, kind TEXT NOT NULL, score REAL, reason TEXT, PRIMARY KEY (document_id, claim_id, other_claim_id, kind))")
    db.execute("INSERT INTO claim_relations VALUES ('d1', 'c2', 'c1', 'contradicts', 0.7, 'opposite accounts')")
    db.close()
    with Store(path) as store:
        rows = store.db.query_dicts("SELECT * FROM claim_relations")
    assert rows == [{"document_id": "d1", "claim_id": "c2", "other_document_id": "d1", "other_claim_id": "c1",
                     "kind": "contradicts", "score": 0.7, "reason": "opposite accounts", "across": 0}]


@pytest.fixture(scope="module")
def db(tmp_path_factory, coded):
    path = str(tmp_path_factory.mktemp("claims") / "claims.db")
    _stored(path, coded).close()
    return path


def test_query_claims_lists_speakers_and_the_other_article_s_evidence(db):
    result = CliRunner().invoke(main, ["query", "--db", db, "--claims", "--related", "--text", "negotiations",
                                       "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["outlet"] for r in rows} == {"Islamabad Ledger", "Kabul Courier"}
    for row in rows:
        assert row["speaker_text"] and any(r["across"] and r["kind"] == "contradicts" and r["other_text"]
                                           for r in row["relations"])


def test_query_claims_filters_by_speaker_and_date(db):
    result = CliRunner().invoke(main, ["query", "--db", db, "--claims", "--actor", "RTA", "--since", "2026-04-11",
                                       "--until", "2026-04-11", "--format", "jsonl"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and all(r["outlet"] == "Kabul Courier" for r in rows)
    assert any(r["speaker_name"] == "RTA" for r in rows)


def test_query_claims_table_shows_a_relation_with_its_source(db):
    result = CliRunner().invoke(main, ["query", "--db", db, "--claims", "--related", "--text", "death toll"])
    assert result.exit_code == 0, result.output
    assert "revises" in result.output and "Eastern Wire" in result.output and "nine people" in result.output


def test_claimreview_cites_the_article_whose_claim_contradicts(db, tmp_path):
    out = tmp_path / "reviews.jsonld"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "claimreview", "--out", str(out)])
    assert result.exit_code == 0, result.output
    reviews = {r["claimReviewed"]: r for r in json.loads(out.read_text("utf-8"))}
    (earlier,) = [r for text, r in reviews.items() if text.startswith("nine people were killed")]
    assert earlier["reviewRating"]["alternateName"] == "Revised by a later account"
    assert "rose to 17" in earlier["reviewBody"]
    assert [c["url"] for c in earlier["citation"]] == [f"https://news.example/{DNIPRO_LATER.id}"]
