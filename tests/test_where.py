"""polemos_where on sentences written for these tests: which names are places, and where each event is.

Events are built by hand here (trigger word + optional actor) so that these tests document the
attachment rules on their own, whatever the event coder finds.
"""

from __future__ import annotations

import pytest

from polemos.nlp import build_pipeline
from polemos.records import Event, Party, Span


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(exclude=("polemos_events",))


def read(nlp, text: str, dateline: str | None = None):
    doc = nlp.make_doc(text)
    doc._.dateline = dateline
    return nlp(doc)


def event(doc, trigger: str, actor: Party | None = None, id: str = "e1") -> Event:
    start = doc.text.index(trigger)
    sentence = next(i for i, s in enumerate(doc.sents) if s.start_char <= start < s.end_char)
    return Event(id=id, type="ASSAULT", mode=None, cameo=None, evidence=Span(0, len(doc.text), doc.text),
                 trigger=Span(start, start + len(trigger), trigger), actor=actor, sentence=sentence)


def place_events(nlp, doc, *events: Event) -> dict:
    doc._.events = list(events)
    nlp.get_pipe("polemos_where")(doc)
    return doc._.event_locations


def places(doc) -> dict[str, str | None]:
    return {p.text: p.country for p in doc._.places}


INDIA = Party(text="Indian troops", name="India", country="IND", sector="MIL")


def test_every_place_mention_is_resolved_with_its_country_and_precision(nlp):
    doc = read(nlp, "Officials from Kenya met their counterparts in Addis Ababa and later flew to Khartoum.")
    assert places(doc) == {"Kenya": "KEN", "Addis Ababa": "ETH", "Khartoum": "SDN"}
    precision = {p.text: p.precision for p in doc._.places}
    assert precision["Kenya"] == "country" and precision["Khartoum"] == "city"


def test_a_capital_as_subject_of_a_clause_is_an_actor_not_a_place(nlp):
    doc = read(nlp, "Moscow rejected the proposal on Friday.")
    assert "Moscow" not in places(doc)


def test_the_same_capital_after_a_locative_preposition_is_a_place(nlp):
    doc = read(nlp, "Officials in Moscow rejected the proposal on Friday.")
    assert places(doc).get("Moscow") == "RUS"


def test_a_demonym_is_not_a_place(nlp):
    doc = read(nlp, "Iraqi forces entered the town after Syrian troops withdrew.")
    assert doc._.places == []


def test_an_ambiguous_city_takes_the_country_of_the_articles_other_places(nlp):
    libya = read(nlp, "Militias clashed in Tripoli on Sunday. Fighting also spread to Misrata and Benghazi.")
    lebanon = read(nlp, "Protesters gathered in Tripoli on Sunday. Others marched in Beirut and Sidon.")
    assert places(libya)["Tripoli"] == "LBY"
    assert places(lebanon)["Tripoli"] == "LBN"


def test_a_qualifier_after_the_name_decides(nlp):
    doc = read(nlp, "The festival was held in Paris, Texas, last week.")
    assert places(doc)["Paris"] == "USA"


def test_the_datelines_country_frames_the_names(nlp):
    doc = read(nlp, "Police said two men were arrested in Hyderabad on Monday.", dateline="KARACHI")
    assert places(doc)["Hyderabad"] == "PAK"


def test_an_alias_and_a_region_are_places(nlp):
    doc = read(nlp, "Envoys met in Türkiye while fighting continued in Khyber Pakhtunkhwa.")
    assert places(doc) == {"Türkiye": "TUR", "Khyber Pakhtunkhwa": "PAK"}


def test_talks_are_where_the_phrase_on_the_trigger_says(nlp):
    doc = read(nlp, "Delegations from both countries began talks in Geneva on Monday, officials in Kabul said.")
    located = place_events(nlp, doc, event(doc, "talks"))
    assert (located["e1"].name, located["e1"].country, located["e1"].precision) == ("Geneva", "CHE", "city")


def test_a_phrase_on_the_clause_above_a_nominal_trigger_places_it(nlp):
    doc = read(nlp, "The two sides agreed to a truce in Nairobi after a week of fighting near Juba.")
    located = place_events(nlp, doc, event(doc, "truce"), event(doc, "fighting", id="e2"))
    assert located["e1"].country == "KEN"
    assert located["e2"].name == "Juba"


def test_strikes_near_a_city_are_placed_there(nlp):
    doc = read(nlp, "Government forces launched airstrikes near Mosul, a military spokesman said.")
    located = place_events(nlp, doc, event(doc, "airstrikes"))
    assert located["e1"].country == "IRQ" and located["e1"].name == "Mosul"


def test_without_a_phrase_on_the_trigger_the_event_takes_its_sentences_place(nlp):
    doc = read(nlp, "In Mogadishu, a car bomb exploded outside a hotel on Tuesday.")
    located = place_events(nlp, doc, event(doc, "exploded"))
    assert located["e1"].country == "SOM"


def test_an_event_in_a_sentence_without_a_place_has_no_location(nlp):
    doc = read(nlp, "Gunmen attacked a convoy on Tuesday, the police said.")
    assert place_events(nlp, doc, event(doc, "attacked")) == {}


def test_near_the_border_with_a_country_is_the_other_side_the_actor_is_on(nlp):
    doc = read(nlp, "Clashes between Indian troops and militants near the border with Pakistan killed four soldiers.")
    location = place_events(nlp, doc, event(doc, "Clashes", actor=INDIA))["e1"]
    assert (location.country, location.precision) == ("IND", "country")
    assert "border" in location.text and "India" in location.name


def test_without_an_actor_the_datelines_country_is_the_side(nlp):
    doc = read(nlp, "Four soldiers were killed in a clash near the border with Afghanistan, the army said.",
               dateline="ISLAMABAD")
    location = place_events(nlp, doc, event(doc, "clash"))["e1"]
    assert location.country == "PAK"
    assert location.name.startswith("Durand Line")


def test_the_place_an_attack_acts_on_is_where_it_happened(nlp):
    doc = read(nlp, "Rebel fighters shelled Goma on Thursday, killing six people, hospital staff said.")
    located = place_events(nlp, doc, event(doc, "shelled"))
    assert located["e1"].name == "Goma" and located["e1"].country == "COD"


def test_the_city_of_a_name_stands_for_the_name(nlp):
    doc = read(nlp, "Militiamen stormed the northern town of Kidal before dawn, residents said.")
    located = place_events(nlp, doc, event(doc, "stormed"))
    assert located["e1"].name == "Kidal" and located["e1"].country == "MLI"


def test_a_nominal_attack_is_placed_at_what_it_hits(nlp):
    doc = read(nlp, "The bombardment of Aleppo lasted through the night, a monitor said.")
    located = place_events(nlp, doc, event(doc, "bombardment"))
    assert located["e1"].country == "SYR"


def test_a_direction_from_a_city_places_the_event_near_it(nlp):
    doc = read(nlp, "Warplanes struck militant hideouts 30 km south of Mosul on Friday, the army said.")
    located = place_events(nlp, doc, event(doc, "struck"))
    assert located["e1"].name == "Mosul"


def test_the_object_of_a_verbal_dispute_is_no_scene(nlp):
    doc = read(nlp, "The minister criticised Kenya over the delay, the statement said.")
    ev = event(doc, "criticised")
    ev = Event(id=ev.id, type="DISAPPROVE", mode=None, cameo=None, evidence=ev.evidence, trigger=ev.trigger,
               actor=None, sentence=ev.sentence)
    assert place_events(nlp, doc, ev) == {}


def test_a_month_is_no_place(nlp):
    doc = read(nlp, "The truce collapsed in March when the army resumed its offensive near Homs.")
    assert "March" not in places(doc) and places(doc).get("Homs") == "SYR"


def test_a_short_syllable_inside_a_longer_name_is_no_state_code(nlp):
    doc = read(nlp, "Jets bombed Hpa Lai Pa village in Kachin State on Sunday, residents said.")
    assert "Pa" not in places(doc) and places(doc).get("Kachin State") == "MMR"


def test_a_list_closed_by_counties_names_counties(nlp):
    doc = read(nlp, "Floods cut roads in Clay, Becker and Wilkin counties, the governor said.")
    precisions = {p.text: p.precision for p in doc._.places}
    assert precisions.get("Clay") == "admin2"


def test_a_common_press_spelling_of_a_port_is_found_in_its_country(nlp):
    doc = read(nlp, "Warships shelled the port of Hodeidah in western Yemen on Friday, officials said.")
    assert places(doc).get("Hodeidah") == "YEM"


def test_a_compass_word_inside_a_longer_name_is_no_region(nlp):
    doc = read(nlp, "A commander in East Gojjam zone said his fighters ambushed a convoy near Bahir Dar.")
    assert "East" not in places(doc) and places(doc).get("Bahir Dar") == "ETH"


def test_a_country_in_front_gives_way_to_the_town_of_the_same_clause(nlp):
    doc = read(nlp, "In Nigeria, gunmen killed nine farmers at a market in Maiduguri on Sunday, police said.")
    located = place_events(nlp, doc, event(doc, "killed"))
    assert located["e1"].name == "Maiduguri" and located["e1"].precision == "city"


def test_a_finer_place_in_another_country_does_not_replace_the_attached_one(nlp):
    doc = read(nlp, "In Kenya, police arrested two men who had travelled from Mogadishu, officials said.")
    located = place_events(nlp, doc, event(doc, "arrested"))
    assert located["e1"].country == "KEN"


def test_the_people_an_attack_hits_are_where_it_happened(nlp):
    doc = read(nlp, "In neighbouring Burkina Faso, jihadists killed 30 villagers in Djibo on Friday, officials said.")
    located = place_events(nlp, doc, event(doc, "killed"))
    assert located["e1"].name == "Djibo"


def test_a_name_before_region_is_the_region(nlp):
    doc = read(nlp, "Drones struck a fuel depot in Zaporizhzhia region overnight, the governor said.")
    located = place_events(nlp, doc, event(doc, "struck"))
    assert located["e1"].precision == "admin1" and located["e1"].country == "UKR"


def test_a_verb_coordinated_with_a_placed_attack_happened_there(nlp):
    doc = read(nlp, "Artillery units shelled trenches west of Bakhmut and destroyed a tank, the ministry said.")
    located = place_events(nlp, doc, event(doc, "shelled"), event(doc, "destroyed", id="e2"))
    assert located["e1"].name == located["e2"].name == "Bakhmut"


def test_the_outskirts_of_a_town_that_was_shelled_are_the_town(nlp):
    doc = read(nlp, "Government troops shelled the outskirts of Idlib on Monday, a monitor said.")
    located = place_events(nlp, doc, event(doc, "shelled"))
    assert located["e1"].name == "Idlib"


def test_a_national_village_whose_name_is_unknown_is_at_least_in_that_country(nlp):
    doc = read(nlp, "A drone hit a motorbike in the northern Syrian village of Qaryat Zzyx on Monday, medics said.")
    located = place_events(nlp, doc, event(doc, "hit"))
    assert located["e1"].country == "SYR" and located["e1"].precision == "country"


def test_a_known_name_of_a_national_village_is_kept(nlp):
    doc = read(nlp, "A drone hit a motorbike in the northern Syrian town of Saraqeb on Monday, medics said.")
    located = place_events(nlp, doc, event(doc, "hit"))
    assert located["e1"].country == "SYR" and located["e1"].precision == "city"


def test_a_describing_word_between_preposition_and_name_does_not_hide_the_place(nlp):
    doc = read(nlp, "Troops fought rebels in rural Arauquita on Monday, the army said.")
    assert places(doc) == {"Arauquita": "COL"}


def test_a_town_name_before_region_finds_the_region_listed_with_its_kind_word(nlp):
    doc = read(nlp, "Drones hit a power plant in Kursk region on Sunday, the governor said.")
    located = place_events(nlp, doc, event(doc, "hit"))
    assert located["e1"].precision == "admin1" and located["e1"].country == "RUS"


def test_a_town_named_alone_stays_the_town(nlp):
    doc = read(nlp, "Drones hit a power plant in Kursk on Sunday, the governor said.")
    located = place_events(nlp, doc, event(doc, "hit"))
    assert located["e1"].precision == "city"


def test_a_name_with_lower_case_particles_is_one_place(nlp):
    doc = read(nlp, "Soldiers clashed with rebels in Norte de Santander on Monday, the army said.")
    assert places(doc) == {"Norte de Santander": "COL"}
