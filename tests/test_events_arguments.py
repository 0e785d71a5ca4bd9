"""Where polemos_events finds targets and places unknown names: sentences written for these tests."""

from __future__ import annotations

import pytest

from event_coding import country as code, events, find
from polemos.nlp import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def test_target_inside_the_threatened_act(nlp):
    e = find(events(nlp, "Venezuela threatened to sever diplomatic relations with Guyana."), "THREATEN")
    assert code(e.actor) == "VEN" and code(e.target) == "GUY"


def test_target_inside_the_object_phrase(nlp):
    e = find(events(nlp, "Kenya rejected an appeal from Somalia for more troops."), "REJECT", "rejected")
    assert code(e.target) == "SOM"


def test_target_of_a_promised_act(nlp):
    e = find(events(nlp, "Norway promised to deliver medical aid to Sudan."), "AGREE", "promised")
    assert code(e.actor) == "NOR" and code(e.target) == "SDN"


def test_unknown_person_takes_the_country_of_the_sentence(nlp):
    e = find(events(nlp, "Rebel leader Jomo Aketch agreed to disarm his fighters in Uganda."), "AGREE")
    assert code(e.actor) == "UGA"


def test_abstract_subject_is_not_given_a_country(nlp):
    evs = events(nlp, "Analysts said that failure in the Cairo talks would mean war.")
    assert all(e.actor is None or e.actor.text.lower() != "failure" for e in evs)


def test_unless_turns_a_commitment_into_a_threat_against_the_other_side(nlp):
    e = find(events(nlp, "Chad will withdraw its soldiers from Mali unless Mali holds elections."), "THREATEN")
    assert code(e.actor) == "TCD" and code(e.target) == "MLI" and not e.hypothetical


def test_must_clause_under_a_reporting_verb_is_a_request(nlp):
    e = find(events(nlp, "Japan said China must stop its naval exercises near the islands."), "REQUEST")
    assert code(e.actor) == "JPN" and code(e.target) == "CHN"


def test_a_labour_strike_is_a_protest_not_an_attack(nlp):
    e = find(events(nlp, "Dock workers in Chile began an indefinite strike over pay."), "PROTEST", "strike")
    assert e.mode == "strike"


def test_protesting_a_statement_is_an_accusation(nlp):
    e = find(events(nlp, "Iran protested that Iraqi troops had crossed the border."), "ACCUSE", "protested")
    assert code(e.actor) == "IRN"


def test_accepting_demands_is_a_concession(nlp):
    e = find(events(nlp, "The Nepalese government accepted the demands of the striking teachers."), "CONCEDE")
    assert code(e.actor) == "NPL"


def test_attempted_attack_is_an_attack(nlp):
    e = find(events(nlp, "Gunmen attempted to assassinate the Iraqi interior minister."), "ASSAULT")
    assert not e.hypothetical


def test_a_protest_to_demand_something_keeps_its_own_mode(nlp):
    e = find(events(nlp, "Farmers in Kenya blocked highways to demand lower fuel prices."), "PROTEST", "blocked")
    assert e.mode == "obstruct"


def test_a_threatened_curfew_keeps_the_curfew_mode(nlp):
    e = find(events(nlp, "The Malian president threatened to impose a curfew in Bamako."), "THREATEN")
    assert e.mode == "curfew"


def test_killing_an_office_holder_is_a_targeted_killing(nlp):
    e = find(events(nlp, "Gunmen killed the provincial governor in Kandahar on Tuesday."), "ASSAULT", "killed")
    assert e.mode == "targeted"


def test_weapon_named_on_the_attackers(nlp):
    e = find(events(nlp, "The village was attacked by militiamen armed with machetes."), "ASSAULT", "attacked")
    assert e.mode == "primitive"


def test_the_side_a_clash_is_with_is_its_target(nlp):
    e = find(events(nlp, "Militants clashed with soldiers near the town of Mandera on Tuesday."), "ASSAULT", "clashed")
    assert e.target is not None and e.target.text == "soldiers"


def test_a_border_near_a_clash_is_not_its_target(nlp):
    e = find(events(nlp, "Jihadist fighters clashed with federal troops near the Malian border on Sunday."), "ASSAULT", "clashed")
    assert e.target is not None and e.target.text == "federal troops"


def test_sides_named_on_the_verb_a_clash_is_subject_of(nlp):
    evs = [e for e in events(nlp, "Clashes erupted between Ugandan troops and Congolese soldiers near Bunia on Monday.") if e.type == "ASSAULT"]
    assert {(code(e.actor), code(e.target)) for e in evs} == {("UGA", "COD"), ("COD", "UGA")}
