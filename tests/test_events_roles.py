"""Who did the event a statement is about, who "the two sides" are, and what is no event at all:
on sentences written for these tests, one class each."""

from __future__ import annotations

import pytest

from polemos.nlp import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def code(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.document_id = "t"
    return nlp(doc)._.events


def of(evs, type_: str, trigger: str):
    return [e for e in evs if e.type == type_ and trigger in e.trigger.text]


def ids(party):
    return (party.country, party.id) if party else None


# ---- 1. the accused does the embedded event -------------------------------------------------------
def test_accused_party_does_the_event_it_is_accused_of(nlp):
    evs = code(nlp, "Kyiv accused Russian forces of shelling a hospital in Kherson.")
    accusation = of(evs, "ACCUSE", "accused")[0]
    shelling = of(evs, "ASSAULT", "shelling")[0]
    assert accusation.actor.country == "UKR" and accusation.target.country == "RUS"
    assert shelling.actor.country == "RUS" and shelling.target is not None and shelling.target.country == "UKR"


def test_blamed_party_does_the_event_it_is_blamed_for(nlp):
    evs = code(nlp, "Armenia blamed Azerbaijan for bombing a village in Syunik.")
    bombing = of(evs, "ASSAULT", "bombing")[0]
    assert bombing.actor.country == "AZE"


def test_accused_of_a_nominal_event(nlp):
    evs = code(nlp, "India accused Pakistan of the attack on its border post.")
    attack = of(evs, "ASSAULT", "attack")[0]
    assert attack.actor.country == "PAK"


def test_alleged_that_clause_names_the_accused(nlp):
    evs = code(nlp, "The Congolese army alleged that M23 rebels attacked a camp near Goma.")
    allegation = of(evs, "ACCUSE", "alleged")[0]
    assert allegation.target is not None and allegation.target.id == "m23"


def test_claiming_responsibility_makes_the_claimant_the_actor(nlp):
    evs = code(nlp, "Boko Haram claimed responsibility for the bombing of a market in Maiduguri.")
    bombing = of(evs, "ASSAULT", "bombing")[0]
    assert bombing.actor is not None and bombing.actor.id == "bokoharam"


def test_denier_is_the_actor_of_the_negated_event(nlp):
    evs = code(nlp, "The Houthis denied firing missiles at Saudi Arabia.")
    firing = of(evs, "ASSAULT", "firing")[0]
    assert firing.negated and firing.actor is not None and firing.actor.country == "YEM"


# ---- 2. the article's two sides ---------------------------------------------------------------
def test_mediators_are_never_the_two_sides(nlp):
    evs = code(
        nlp,
        "Ethiopia and Eritrea held talks in Jeddah after a deal brokered by Kenya and the African Union. "
        "Fighting between the two sides resumed on Sunday.",
    )
    fighting = of(evs, "ASSAULT", "Fighting")
    assert {ids(e.actor)[0] for e in fighting} == {"ETH", "ERI"}


def test_two_sides_are_the_last_pair_that_faced_each_other(nlp):
    evs = code(
        nlp,
        "Qatar and Egypt praised the progress of the talks. "
        "The Malian army accused JNIM fighters of attacking a convoy near Gao. "
        "Clashes between the two sides killed ten people.",
    )
    clashes = of(evs, "ASSAULT", "Clashes")
    assert {e.actor.id for e in clashes} >= {"jnim"} and {e.actor.country for e in clashes} == {"MLI"}


def test_both_parties_in_a_mediators_demand_are_the_two_sides(nlp):
    evs = code(
        nlp,
        "Israeli troops clashed with Hezbollah fighters near the border. "
        "The United Nations urged both parties to respect the truce.",
    )
    urged = of(evs, "REQUEST", "urged")
    assert {e.target.country for e in urged} == {"ISR", "LBN"}
    assert all(e.actor.id == "un" for e in urged)


# ---- 3. a mediator's event toward each side -----------------------------------------------------
def test_mediator_consults_each_side_of_the_dyad(nlp):
    evs = code(
        nlp,
        "Sudan's army and the Rapid Support Forces resumed talks on Monday, a week after a truce brokered by Saudi Arabia collapsed.",
    )
    brokered = of(evs, "CONSULT", "brokered")
    assert len(brokered) == 2 and {e.target.id for e in brokered} == {"SDNMIL", "rsf"}


def test_agreeing_to_host_talks_is_the_hosts_promise_toward_both_sides(nlp):
    evs = code(
        nlp,
        "Serbian police clashed with Kosovo protesters. Turkey and Hungary agreed to host a meeting between the two sides.",
    )
    # the two hosts act as one (CODEBOOK: joint actors have no single country), toward each side
    promised = [e for e in evs if e.type == "AGREE" and e.actor is not None and e.actor.id == "TUR+HUN"]
    assert {(e.actor.country, e.target.country) for e in promised} == {(None, "SRB"), (None, "XKX")}
    assert not [e for e in evs if e.actor is not None and e.target is not None and {e.actor.country, e.target.country} == {"TUR", "HUN"}]


# ---- 4. a trigger word describing a thing ------------------------------------------------------
def test_trigger_word_modifying_a_thing_is_no_event(nlp):
    evs = code(nlp, "Aid agencies said aid convoys were stuck at the crossing.")
    assert not [e for e in evs if e.type == "AID" and e.actor is None and e.target is None]


def test_trigger_word_on_a_frame_noun_is_still_the_event(nlp):
    evs = code(nlp, "Norway launched a mediation effort between Colombia and the ELN.")
    assert of(evs, "CONSULT", "mediation")


# ---- 5. an agreement that ended --------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire between Israel and Hamas collapsed on Tuesday.",
        "A truce in Yemen broke down after two weeks.",
        "The collapse of the truce in Tigray worried diplomats.",
    ],
)
def test_collapse_of_an_agreement_is_no_new_ceasefire(nlp, text):
    evs = code(nlp, text)
    assert not [e for e in evs if e.mode == "ceasefire" or (e.type == "AGREE" and "truce" in e.trigger.text)]


def test_declared_ceasefire_is_still_coded(nlp):
    evs = code(nlp, "Israel and Hamas agreed to a ceasefire on Tuesday.")
    assert [e for e in evs if e.type == "AGREE" and e.mode == "ceasefire"]
