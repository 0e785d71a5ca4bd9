"""The place index and the geocoder, without spaCy: names in, GeoNames places out, chosen in context."""

from __future__ import annotations

import pytest

from polemos.geo import gazetteer
from polemos.geo.gazetteer import _Builder, _add_places, place_files
from polemos.geo.geocoder import Geocoder, Toponym, distance_km, listed_at, qualifier_at
from polemos.geo.names import normalise


@pytest.fixture(scope="module")
def coder() -> Geocoder:
    return Geocoder()


def country_of(coder: Geocoder, name: str, *context: str, **kw) -> str | None:
    place = coder.resolve_one(name, context=context, **kw)
    return place.country if place else None


def test_names_meet_on_one_key_whatever_the_accents_and_abbreviations():
    assert normalise("Türkiye") == normalise("TURKIYE") == "turkiye"
    assert normalise("St. Louis") == normalise("Saint Louis")
    assert normalise("the Gaza Strip") == "gaza strip"


def test_a_country_alias_resolves_to_the_country():
    place = gazetteer().lookup("Türkiye")[0]
    assert (place.kind, place.country, place.geonames_id) == ("country", "TUR", 298795)


def test_a_big_city_wins_without_context(coder):
    assert country_of(coder, "Paris") == "FRA"
    assert country_of(coder, "Hyderabad") == "IND"


def test_a_qualifier_after_a_comma_picks_the_place_it_names(coder):
    text = "a rally in Paris, Texas, on Friday"
    qualifier = qualifier_at(text, text.index("Paris") + len("Paris"))
    assert qualifier == "Texas"
    place = coder.resolve([Toponym("Paris", qualifier=qualifier)])[0].place
    assert (place.country, place.admin1) == ("USA", "US.TX")
    assert coder.resolve([Toponym("Hyderabad", qualifier="Pakistan")])[0].place.country == "PAK"


def test_the_articles_other_places_choose_between_namesakes(coder):
    assert country_of(coder, "Tripoli", "Benghazi", "Misrata") == "LBY"
    assert country_of(coder, "Tripoli", "Beirut", "Sidon") == "LBN"
    assert country_of(coder, "Hyderabad", "Karachi", "Sindh") == "PAK"


def test_the_datelines_country_frames_an_ambiguous_name(coder):
    assert country_of(coder, "Hyderabad", countries=["PAK"]) == "PAK"


def test_a_word_after_the_name_says_which_kind_of_place(coder):
    place = coder.resolve([Toponym("Kandahar province")])[0].place
    assert place.kind == "admin1" and place.country == "AFG"


def test_regions_the_city_lists_lack_come_from_polemos_files(coder):
    for name, country, kind in [("Khyber Pakhtunkhwa", "PAK", "admin1"), ("Donbas", "UKR", "region"),
                                ("Darfur", "SDN", "region"), ("Gaza Strip", "PSE", "admin1")]:
        place = coder.resolve([Toponym(name)])[0].place
        assert (place.country, place.kind) == (country, kind)
        assert place.lat is not None and place.lon is not None


def test_a_border_knows_both_its_countries():
    border = gazetteer().border({"AFG", "PAK"})
    assert border is not None and border.name == "Durand Line"


def test_one_name_keeps_one_meaning_in_one_article(coder):
    results = coder.resolve([Toponym("Tripoli"), Toponym("Beirut"), Toponym("Tripoli")])
    assert results[0].place.row == results[2].place.row


def test_demonyms_are_places_only_when_asked(coder):
    assert coder.resolve([Toponym("Iraqi")]) == [None]
    assert coder.resolve([Toponym("Iraqi")], demonyms=True)[0].place.country == "IRQ"


def test_an_unknown_name_gives_no_place(coder):
    assert coder.resolve([Toponym("Xqzzyville")]) == [None]


def test_distances_are_great_circle_kilometres():
    assert distance_km(34.53, 69.17, 33.69, 73.05) == pytest.approx(370, abs=15)  # Kabul - Islamabad


def test_a_user_file_is_read_after_the_shipped_ones(tmp_path, monkeypatch):
    extra = tmp_path / "mine.tsv"
    extra.write_text("name\taliases\tprecision\tcountry\tlat\tlon\tgeonames_id\n"
                     "Zomia Highlands\tZomia\tregion\tMMR\t22.0\t99.0\t\n", encoding="utf-8")
    monkeypatch.setenv("POLEMOS_PLACES", str(extra))
    assert place_files()[-1] == extra
    builder = _Builder()
    from polemos.geo.gazetteer import _read_tsv

    _add_places(builder, list(_read_tsv(extra)), {}, {})
    assert builder.names["zomia"] == [0] and builder.c["country"][0] == "MMR"


def test_a_province_outside_the_us_has_its_geonames_id(coder):
    place = coder.resolve([Toponym("Helmand province")])[0].place
    assert (place.kind, place.country, place.precision) == ("admin1", "AFG", "admin1")
    assert place.geonames_id and place.lat is not None


def test_a_county_is_indexed_with_its_id_and_the_towns_inside_it_know_it(coder):
    county, town, _ = (r.place for r in coder.resolve([Toponym("Franklin County"), Toponym("Columbus"), Toponym("Ohio")]))
    assert (county.kind, county.precision, county.admin1) == ("admin2", "admin2", "US.OH")
    assert county.geonames_id and town.admin2 == county.admin2


def test_a_town_and_the_county_it_lies_in_pull_each_other_to_one_state(coder):
    town, county = (r.place for r in coder.resolve([Toponym("Paris"), Toponym("Lamar County")]))
    assert town.country == "USA" and town.admin2 == county.admin2


def test_a_compass_word_inside_a_longer_name_is_not_a_place(coder):
    assert coder.resolve([Toponym("South Florida")])[0].place.name == "Florida"
    assert coder.resolve([Toponym("University of Alberta")])[0].place.name == "Alberta"


def test_a_common_noun_is_not_a_place_name(coder):
    assert coder.resolve([Toponym("area"), Toponym("Kabul")])[0] is None


def test_the_nations_of_the_united_kingdom_are_its_first_level_regions():
    wales = [p for p in gazetteer().lookup("Wales") if p.country == "GBR"]
    assert {p.kind for p in wales} >= {"admin1"} and "country" not in {p.kind for p in wales}


def test_a_hand_written_abbreviation_outranks_a_city_that_lists_it_among_its_alternate_names(coder):
    # "Ind." is an alternate name of Indianapolis in the city list; the aliases file says Indiana.
    place = coder.resolve_one("Ind.", context=["Gary"])
    assert (place.kind, place.name) == ("admin1", "Indiana")
    assert coder.resolve_one("D.C.").name == "District of Columbia"
    assert coder.resolve_one("B.C.", context=["Vancouver"]).name == "British Columbia"


def test_an_ocean_outranks_a_small_town_named_after_it_even_in_that_towns_country(coder):
    place = coder.resolve_one("Atlantic", context=["Boston", "Maine"])
    assert (place.kind, place.geonames_id) == ("region", 3373405)


def test_a_province_listed_as_name_comma_kind_is_found_by_its_name():
    # GeoNames writes Russia's republics "Dagestan, Respublika".
    assert any(p.kind == "admin1" and p.country == "RUS" for p in gazetteer().lookup("Dagestan"))


def test_new_demonyms_resolve_only_when_asked(coder):
    place = coder.resolve([Toponym("Cypriot")], demonyms=True)[0].place
    assert place.country == "CYP"
    assert coder.resolve([Toponym("Cypriot")])[0] is None


def test_the_articles_main_country_wins_over_a_foreign_namesake_about_as_well_known(coder):
    # A story about British race tracks: "Kent" is the county, though Kent, Washington is a bigger town
    # and "Fife" and "Cheshire" have American namesakes that would agree with it.
    place = coder.resolve_one("Kent", context=["Fife", "Cheshire", "Britain", "UK", "Hampshire", "Norfolk",
                                               "Leicestershire"])
    assert (place.kind, place.country) == ("admin2", "GBR")


def test_the_articles_main_country_does_not_override_a_famous_foreign_place(coder):
    assert coder.resolve_one("London", context=["Texas", "Houston", "Dallas", "Austin"]).country == "GBR"
    assert coder.resolve_one("Lebanon", context=["Ohio", "Cincinnati", "Dayton"]).kind == "country"


def _listed(text: str, *names: str) -> list[Toponym]:
    return [Toponym(n, text.index(n), text.index(n) + len(n), listed=listed_at(text, text.index(n) + len(n)))
            for n in names]


def test_a_list_closed_by_counties_makes_every_name_in_it_a_county(coder):
    text = "Fire crews worked through the night in Lincoln and Logan counties."
    toponyms = _listed(text, "Lincoln", "Logan")
    assert [t.listed for t in toponyms] == ["counties", "counties"]
    assert [r.place.kind for r in coder.resolve(toponyms)] == ["admin2", "admin2"]
    text = "Hail fell on Grant, Lyon and Clay counties before noon."
    assert {r.place.kind for r in coder.resolve(_listed(text, "Grant", "Lyon", "Clay"))} == {"admin2"}


def test_a_list_without_a_lower_case_kind_word_says_nothing():
    for text, name in (("talks between Britain and United States officials", "Britain"),
                       ("flights from Paris and London resumed", "Paris"),
                       ("Kent, where counties meet", "Kent")):
        assert listed_at(text, text.index(name) + len(name)) is None


def test_an_abbreviated_county_is_the_county_and_one_name_with_its_full_spelling(coder):
    short, full = coder.resolve([Toponym("Lyon Co."), Toponym("Lyon County")])
    assert short.place.kind == "admin2" and short.place.row == full.place.row


def test_the_demonyms_of_the_uk_nations_name_the_nation_not_the_kingdom(coder):
    for demonym, nation in (("English", "England"), ("Scottish", "Scotland"), ("Welsh", "Wales"),
                            ("Northern Irish", "Northern Ireland")):
        place = coder.resolve([Toponym(demonym)], demonyms=True)[0].place
        assert (place.kind, place.name, place.country) == ("admin1", nation, "GBR")
    assert coder.resolve([Toponym("British")], demonyms=True)[0].place.kind == "country"


def test_a_spelling_the_lists_lack_is_read_as_the_known_transliteration(coder):
    hodeidah, yemen = coder.resolve([Toponym("Hodeidah"), Toponym("Yemen")])
    assert hodeidah is not None and hodeidah.place.country == "YEM"


def test_a_respelled_name_needs_a_country_the_article_is_about(coder):
    assert coder.resolve([Toponym("Hodeidah")]) == [None]
    assert coder.resolve([Toponym("Hodeidah"), Toponym("Peru")])[0] is None


def test_a_surname_is_no_respelled_place():
    index = gazetteer()
    assert index.variant("Haddad") is None and index.variant("Mohammed") is None
