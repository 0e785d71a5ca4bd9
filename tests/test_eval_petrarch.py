"""PETRARCH2's unit records: read by category, our events turned into CAMEO codes, scored per coding."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polemos.evaluation import petrarch
from polemos.evaluation.petrarch import Coded, Coding, actor_matches, align, party_code, plover_of, read_records
from polemos.records import Party

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# Records in the unit-test layout, with sentences written for this test.
RECORDS_XML = """<Validation><Sentences>
<Sentence date="20010203" id="DEMO-01" category="DEMO" sentence="true">
<EventCoding sourcecode="FRE" targetcode="SYLGOV" eventcode="042"></EventCoding>
<EventCoding sourcecode="SYLGOV" targetcode="FRE" eventcode="043"></EventCoding>
<Text>
Freedonia's envoy flew to
Sylvania for talks with its cabinet.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="20010204" id="DEMO-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>The weather in Freedonia was mild.</Text>
</Sentence>
<Sentence date="20010205" id="ERROR-01" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>Freedonia won the football final.</Text>
</Sentence>
</Sentences></Validation>"""


@pytest.fixture()
def records(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(RECORDS_XML)
    return read_records(path)


def test_records_keep_their_id_category_date_and_one_line_text(records):
    first = records[0]
    assert (first.id, first.category, first.published) == ("DEMO-01", "DEMO", date(2001, 2, 3))
    assert first.text == "Freedonia's envoy flew to Sylvania for talks with its cabinet."


def test_paired_codings_are_all_kept(records):
    assert records[0].codings == (Coding("FRE", "SYLGOV", "042"), Coding("SYLGOV", "FRE", "043"))


def test_a_no_event_record_and_an_expected_error_are_told_apart(records):
    assert records[1].no_events and not records[1].codings and records[1].error is None
    assert records[2].error == "storydiscard"


def test_the_cameo_root_is_the_first_two_digits_within_01_to_20():
    assert Coding("A", "B", "064").root == "06"
    assert Coding("A", "B", "1717").root == "17"
    assert Coding("A", "B", "903").root is None  # a test-only code of PETRARCH's validation verbs


def test_a_party_becomes_country_plus_sector():
    assert party_code(Party("the cabinet", "Sylvania", country="SYL", sector="GOV")) == "SYLGOV"
    assert party_code(Party("officials", "officials", sector="GOV")) == "---GOV"
    assert party_code(None) is None


def test_actors_agree_on_country_and_first_role():
    assert actor_matches("SYLGOV", "SYLGOVFRM")
    assert not actor_matches("SYL", "SYLGOV")
    assert not actor_matches("SYLGOV", None)


def test_a_stateless_kind_written_before_its_country_matches_country_first():
    assert actor_matches("NGOSYL", "SYLNGO")
    assert actor_matches("IGOUNO", "IGOUNO")


def test_an_uncoded_gold_actor_accepts_no_actor_or_an_uncoded_one():
    assert actor_matches("---", None) and actor_matches("---", "---GOV")
    assert not actor_matches("---", "FRE")


def test_each_gold_coding_takes_its_own_best_event():
    visit = Coded("FRE", "SYLGOV", "04", "CONSULT", "flew")
    host = Coded("SYLGOV", "FRE", "04", "CONSULT", "talks")
    pairs = align([Coding("SYLGOV", "FRE", "043"), Coding("FRE", "SYLGOV", "042")], [visit, host])
    assert pairs == [(Coding("SYLGOV", "FRE", "043"), host), (Coding("FRE", "SYLGOV", "042"), visit)]


def test_a_coding_without_an_event_left_is_aligned_with_none():
    assert align([Coding("A", "B", "042")], []) == [(Coding("A", "B", "042"), None)]


def test_cameo_codes_map_to_plover_through_their_nearest_listed_parent():
    table = {"04": "CONSULT", "042": "CONSULT", "19": "ASSAULT"}
    assert plover_of("042", table) == "CONSULT"
    assert plover_of("195", table) == "ASSAULT"
    assert plover_of("99", table) is None


def test_absent_records_are_skipped_with_the_path_looked_for(tmp_path):
    result = petrarch.evaluate(tmp_path, coder=None)
    assert result.skipped and "PETR.UnitTest.records.xml" in result.skipped


@pytest.mark.slow
def test_the_unit_records_report_every_figure():
    if not (DATA / petrarch.FOLDER / petrarch.RECORDS).exists():
        pytest.skip(f"PETRARCH2 unit records absent: {DATA / petrarch.FOLDER}")
    from polemos.coder import Coder

    result = petrarch.evaluate(DATA, Coder(), limit=30)
    names = {f.name for f in result.figures}
    assert {"event_root", "source", "target", "triple", "plover_type"} <= names
    assert result.figure("source").n >= 30
    assert any(note.startswith("DEMO:") for note in result.notes)
