"""The geocoding evaluation reports its offline ceiling: how many gold ids the index holds at all."""

from __future__ import annotations

from pathlib import Path

from polemos.evaluation.geo import GWN, evaluate_geowebnews

PARIS = 2988507  # GeoNames' Paris, France: in the index
ABSENT = 999999999  # no such GeoNames id: stands for a stadium or a street the index lacks

ARTICLE = """<?xml version="1.0" encoding="utf-8"?>
<articles><article file="1"><text>{text}</text><toponyms>
<toponym><extractedName>Paris</extractedName><start>{p0}</start><end>{p1}</end>
<geonamesID>{paris}</geonamesID><latitude>48.85</latitude><longitude>2.35</longitude><type>Literal</type></toponym>
<toponym><extractedName>Lutece Arena</extractedName><start>{a0}</start><end>{a1}</end>
<geonamesID>{absent}</geonamesID><latitude>48.84</latitude><longitude>2.36</longitude><type>Literal</type></toponym>
</toponyms></article></articles>"""


def test_in_index_is_the_share_of_gold_ids_the_index_holds_and_exact_in_index_the_hits_among_them(tmp_path: Path):
    text = "Fans in Paris filled the Lutece Arena on Sunday."
    xml = ARTICLE.format(text=text, p0=text.index("Paris"), p1=text.index("Paris") + 5, paris=PARIS,
                         a0=text.index("Lutece"), a1=text.index("Lutece") + len("Lutece Arena"), absent=ABSENT)
    path = tmp_path / GWN
    path.parent.mkdir(parents=True)
    path.write_text(xml, encoding="utf-8")
    result = evaluate_geowebnews(tmp_path)
    assert result.figure("in_index").value == 0.5
    assert (result.figure("exact_in_index").value, result.figure("exact_in_index").n) == (1.0, 1)
    assert result.figure("geonames_exact").value == 0.5
    assert any("in_index" in note for note in result.notes)
