"""The map's basemap and the UI's code, checked without a browser: TopoJSON decoding (on a tiny
topology of our own), a ring across the antimeridian, and the rule that the UI never parses text
as HTML."""

from __future__ import annotations

import re
from pathlib import Path

from polemos.serve import basemap

STATIC = Path(basemap.__file__).parent / "static"


def test_arcs_are_un_delta_encoded_un_quantised_and_joined_into_rings():
    topology = {
        "type": "Topology", "transform": {"scale": [0.5, 0.25], "translate": [10.0, 20.0]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "004", "properties": {"name": "Squareland"}},
            {"type": "MultiPolygon", "arcs": [[[~1]]], "id": "-99", "properties": {"name": "Reversed"}},
        ]}},
    }
    square, reversed_ = basemap.decode(topology)
    assert square["name"] == "Squareland"
    assert square["rings"] == [[[10.0, 20.0], [12.0, 20.0], [12.0, 21.0], [10.0, 21.0], [10.0, 20.0]]]
    assert reversed_["rings"] == [[[10.0, 20.0], [10.0, 21.0], [12.0, 21.0]]]


def test_a_ring_across_the_antimeridian_becomes_continuous_with_a_shifted_copy():
    ring = [[179.0, 60.0], [-179.0, 60.0], [-179.0, 62.0], [179.0, 62.0], [179.0, 60.0]]
    first, copy = basemap.unwrapped(ring)
    assert [p[0] for p in first] == [179.0, 181.0, 181.0, 179.0, 179.0]
    assert [p[0] for p in copy] == [-181.0, -179.0, -179.0, -181.0, -181.0]
    assert basemap.unwrapped([[1.0, 1.0], [2.0, 1.0], [2.0, 2.0]]) == [[[1.0, 1.0], [2.0, 1.0], [2.0, 2.0]]]


def test_the_shipped_boundaries_are_found_and_name_countries_by_iso3():
    found = basemap.countries()
    if found["source"] is None:
        assert "make install" in found["missing"]
        return
    codes = {c["iso3"] for c in found["countries"]}
    assert {"AFG", "PAK", "SDN", "UKR"} <= codes and len(found["countries"]) > 150


def test_the_ui_never_parses_text_as_html_nor_evaluates_strings():
    forbidden = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['\"]on")
    for script in STATIC.glob("*.js"):
        assert not forbidden.search(script.read_text("utf-8")), script.name


def test_pages_load_nothing_from_another_origin():
    for page in list(STATIC.glob("*.html")) + list(STATIC.glob("*.js")) + list(STATIC.glob("*.css")):
        text = page.read_text("utf-8")
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", text), page.name
        assert "@import" not in text and "url(http" not in text, page.name
