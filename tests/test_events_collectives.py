"""Collective actors, mediators and repeated mentions: sentences written for these tests."""

from __future__ import annotations

import pytest

from event_coding import events
from polemos.nlp import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def pairs(evs, type_: str, trigger: str) -> set[tuple[str | None, str | None]]:
    """(actor country, target country) of every event of this type on this trigger word."""
    return {
        (e.actor.country if e.actor else None, e.target.country if e.target else None)
        for e in evs
        if e.type == type_ and trigger in e.trigger.text
    }


def test_the_two_sides_agree_with_each_other_not_with_a_mediator(nlp):
    evs = events(nlp, "Ethiopia and Eritrea fought a long war. The two sides agreed to a ceasefire in Algiers, mediated by Algeria and Norway.")
    assert pairs(evs, "AGREE", "agreed") == {("ETH", "ERI"), ("ERI", "ETH")}


def test_joint_mediators_consult_each_side_as_one_third_party(nlp):
    evs = events(nlp, "Ethiopia and Eritrea fought a long war. The two sides agreed to a ceasefire in Algiers, mediated by Algeria and Norway.")
    mediation = [e for e in evs if e.type == "CONSULT" and "mediated" in e.trigger.text]
    assert {e.mode for e in mediation} == {"third-party"}
    # CODEBOOK: joint actors have no single country; the id names both members
    assert {(e.actor.id, e.actor.country, e.target.country) for e in mediation} == {("DZA+NOR", None, "ETH"), ("DZA+NOR", None, "ERI")}


def test_with_the_help_of_names_mediators_not_the_other_side(nlp):
    evs = events(nlp, "Israel and Hamas agreed to a truce with the help of Egypt and Qatar.")
    assert pairs(evs, "AGREE", "agreed") == {("ISR", "PSE"), ("PSE", "ISR")}
    helped = [e for e in evs if e.type == "CONSULT" and "help" in e.trigger.text]
    assert ("EGY+QAT", "ISR") in {(e.actor.id, e.target.country if e.target else None) for e in helped}


def test_talks_hosted_by_a_third_country_are_between_the_sides(nlp):
    evs = events(nlp, "Sudan and South Sudan signed a deal on oil. Both neighbors engaged in peace talks hosted by Ethiopia.")
    assert pairs(evs, "CONSULT", "talks") == {("SDN", "SSD"), ("SSD", "SDN")}
    assert pairs(evs, "CONSULT", "hosted") == {("ETH", "SDN"), ("ETH", "SSD")}


def test_agreeing_to_a_mediation_keeps_the_mediator_as_the_other_side(nlp):
    evs = events(nlp, "Armenia has agreed to Russian mediation in its talks with Azerbaijan.")
    assert not [e for e in evs if e.mode == "third-party"]
    assert any(e.type == "AGREE" and e.actor and e.actor.country == "ARM" for e in evs)


def test_both_sides_accusing_each_other_is_one_accusation_each_way(nlp):
    evs = events(nlp, "Armenia and Azerbaijan have held talks for months. Both sides accused each other of breaking the truce.")
    assert pairs(evs, "ACCUSE", "accused") == {("ARM", "AZE"), ("AZE", "ARM")}


def test_the_two_countries_fighting_is_each_sides_assault(nlp):
    evs = events(nlp, "India and China disputed the border for years. Last month the two countries saw their worst fighting in decades.")
    assert pairs(evs, "ASSAULT", "fighting") == {("IND", "CHN"), ("CHN", "IND")}


def test_a_collective_never_takes_a_country_from_its_sentence(nlp):
    evs = events(nlp, "The two sides met in Geneva under the auspices of Switzerland.")
    assert all(e.actor is None or e.actor.country != "CHE" for e in evs if "met" in e.trigger.text)


def test_clashes_between_two_sides_are_each_sides_assault(nlp):
    evs = events(nlp, "Clashes between Somali troops and al-Shabaab fighters killed ten people.")
    actors = {(e.actor.text if e.actor else None) for e in evs if e.type == "ASSAULT"}
    assert len(actors) == 2 and None not in actors


def test_militants_take_no_country_in_a_sentence_naming_several(nlp):
    evs = events(nlp, "Nigeria urged Niger to act against militants attacking its villages, as talks continued in Chad.")
    attack = [e for e in evs if e.type == "ASSAULT" and "attacking" in e.trigger.text]
    assert attack and all(e.actor is None or e.actor.country is None for e in attack)


def test_a_state_role_takes_its_sentences_country(nlp):
    evs = events(nlp, "The minister accused Eritrea of arming rebels, Ethiopian television said.")
    accusation = [e for e in evs if e.type == "ACCUSE"]
    assert accusation and accusation[0].target.country == "ERI"


def test_the_place_of_talks_is_not_their_other_side(nlp):
    evs = events(nlp, "Serbia and Kosovo held talks in Brussels on Monday.")
    assert pairs(evs, "CONSULT", "talks") == {("SRB", "XKX"), ("XKX", "SRB")}


def test_its_borders_belongs_to_the_one_who_wants_the_strikes_stopped(nlp):
    evs = events(nlp, "Cambodia wants Thailand to stop launching strikes inside its borders.")
    assert pairs(evs, "ASSAULT", "strikes") == {("THA", "KHM")}


def test_attacks_attributed_to_a_group_are_that_groups(nlp):
    evs = events(nlp, "Mali reported a rise in attacks attributed to Ansar Dine.")
    attack = [e for e in evs if e.type == "ASSAULT"]
    assert attack and attack[0].actor is not None and "Ansar" in attack[0].actor.text


def test_repeated_mentions_of_the_same_talks_are_not_new_events(nlp):
    text = (
        "Colombia and Venezuela held talks on Monday. The talks lasted six hours. "
        "An official said the talks were useful and that the dispute could be settled through talks."
    )
    consult = [e for e in events(nlp, text) if e.type == "CONSULT"]
    assert {e.trigger.text for e in consult} == {"held talks"} and len(consult) == 2


def test_a_first_mention_of_talks_is_kept(nlp):
    consult = [e for e in events(nlp, "The talks in Doha collapsed on Friday.") if e.type == "CONSULT"]
    assert len(consult) == 1
