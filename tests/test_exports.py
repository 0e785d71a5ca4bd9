"""Every export format is produced from the store and read back with the tools its users have."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from test_store_support import ARMY, BLA, POLICE, rejected, report

from polemos.commands import main
from polemos.exports import FORMATS, export
from polemos.exports.acled import COLUMNS as ACLED_COLUMNS
from polemos.exports.ucdp import COLUMNS as GED_COLUMNS
from polemos.query import EventQuery
from polemos.records import Event
from polemos.store import Coded, Store

PLOVER_ROOTS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "events.db"
    with Store(str(path)) as store:
        store.save([
            Coded("k1", report("a", "Gunmen stormed an army post in Quetta, killing four soldiers.", killed=4,
                               quote="We lost four men in the raid.")),
            Coded("k2", report("b", "Militants said they killed nine soldiers in Quetta.", killed=9, claimed_by="TTP",
                               outlet="Daily Ledger")),
            Coded("k3", report("c", "Separatists shot dead two policemen in Turbat.", actor=BLA, target=POLICE,
                               place="Turbat", killed=2)),
            Coded("k4", report("d", "Envoys met for talks, the foreign office said.", type="CONSULT", actor=ARMY,
                               target=None, place=None, day="2026-02")),
            Coded("k5", rejected("e")),
        ], store.start_run())
        store.update_incidents()
    return path


def _export(store_path, tmp_path, name: str, query: EventQuery = EventQuery(limit=None)):
    out = tmp_path / f"out.{name}"
    with Store(str(store_path)) as store:
        count = export(store, name, query, out)
    return out, count


def test_acled_export_has_acled_columns_in_order_one_row_per_incident(store_path, tmp_path):
    out, count = _export(store_path, tmp_path, "acled")
    with out.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == ACLED_COLUMNS and len(rows) == count == 2  # the talks are no ACLED event
    quetta = next(r for r in rows if r["location"] == "Quetta")
    assert quetta["iso"] == "586" and quetta["country"] == "Pakistan" and quetta["event_type"] == "Battles"
    assert quetta["inter1"] == "2" and quetta["inter2"] == "1" and quetta["interaction"] == "12"
    assert quetta["source"] == "Example Times; Daily Ledger" and quetta["fatalities"] == "4"  # the lower report
    assert quetta["event_id_cnty"].startswith("PAK") and quetta["event_id_cnty"][3:].isdigit()


def test_ucdp_export_has_ged_columns_and_valid_points(store_path, tmp_path):
    out, _ = _export(store_path, tmp_path, "ucdp", EventQuery(types=("ASSAULT",), limit=None))
    with out.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == GED_COLUMNS and len(rows) == 2
    turbat = next(r for r in rows if r["where_coordinates"] == "Turbat")
    assert turbat["geom_wkt"] == "POINT (63.044 26.0023)" and turbat["type_of_violence"] == "1"
    assert turbat["best"] == "2" and turbat["deaths_b"] == "2" and int(turbat["priogrid_gid"]) > 0
    assert turbat["side_a"] == "Balochistan Liberation Army"
    quetta = next(r for r in rows if r["where_coordinates"] == "Quetta")
    assert (quetta["low"], quetta["high"], quetta["number_of_sources"]) == ("4", "9", "2")


def test_plover_export_uses_the_manuals_field_names(store_path, tmp_path):
    out, count = _export(store_path, tmp_path, "plover")
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == count == 3  # the two Quetta reports are one incident
    for record in records:
        assert {"id", "date", "actor", "recipient", "event", "mode", "event_loc", "event_text", "cite_info"} <= set(record)
        assert set(record["event"]) <= PLOVER_ROOTS and len(record["date"]) == 10
        assert all({"code", "sector", "entity_text", "identifier_id", "identifier_text"} <= set(a) for a in record["actor"])


def test_cameo_export_writes_one_line_per_coded_incident(store_path, tmp_path):
    out, count = _export(store_path, tmp_path, "cameo")
    lines = out.read_text("utf-8").splitlines()
    header, rows = lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    assert header[:4] == ["date", "source", "target", "code"] and len(rows) == count == 2  # talks carry no CAMEO code
    assert {r[1] for r in rows} == {"PAKREB"} and {r[5] for r in rows} == {"4"} and all(len(r[0]) == 8 for r in rows)


def test_csv_and_jsonl_exports_read_back_with_every_event(store_path, tmp_path):
    out, _ = _export(store_path, tmp_path, "csv")
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["uid"] for r in rows} == {"k1:e1", "k2:e1", "k3:e1", "k4:e1"}
    out, _ = _export(store_path, tmp_path, "jsonl")
    events = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    contract = set(Event.__dataclass_fields__) - {"sentence"}
    assert all(contract <= set(e) for e in events)
    assert {e["document"]["outlet"] for e in events} == {"Example Times", "Daily Ledger"}


def test_parquet_export_reads_back_in_duckdb(store_path, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out, _ = _export(store_path, tmp_path, "parquet")
    con = duckdb.connect()
    total, killed, lat_type = con.execute(
        f"SELECT COUNT(*), SUM(fatalities_best), typeof(ANY_VALUE(lat)) FROM read_parquet('{out}')").fetchone()
    assert (total, killed, lat_type) == (4, 15, "DOUBLE")


def test_geojson_export_is_a_valid_feature_collection_of_points(store_path, tmp_path):
    out, count = _export(store_path, tmp_path, "geojson")
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == count == 3  # the talks have no place
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and lon > lat  # [lon, lat] order in South Asia
        assert isinstance(feature["properties"], dict)


def test_graphml_export_reads_back_in_networkx(store_path, tmp_path):
    networkx = pytest.importorskip("networkx")
    out, count = _export(store_path, tmp_path, "graphml")
    graph = networkx.read_graphml(out)
    assert graph.is_directed() and graph.number_of_edges() == count == 2
    assert graph.edges["TTP", "PAK-MIL"]["weight"] == 2 and graph.edges["TTP", "PAK-MIL"]["fatalities"] == 13
    assert graph.nodes["BLA"]["name"] == "Balochistan Liberation Army"


def test_claimreview_export_is_schema_org_json_ld(store_path, tmp_path):
    out, count = _export(store_path, tmp_path, "claimreview")
    reviews = json.loads(out.read_text("utf-8"))
    assert len(reviews) == count == 2
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] and review["reviewRating"]["@type"] == "Rating"
        assert review["itemReviewed"]["@type"] == "Claim" and review["author"]["name"] == "polemos"
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {"Contradicted by another source", "Unverified"}


def test_export_command_filters_through_the_query_layer(store_path, tmp_path):
    out = tmp_path / "talks.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", "jsonl", "--type", "CONSULT",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["type"] for line in out.read_text("utf-8").splitlines()] == ["CONSULT"]


def test_every_format_is_listed_in_the_export_command_help():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert all(name in result.output for name in FORMATS)
