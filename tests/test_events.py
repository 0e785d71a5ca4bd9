"""polemos_events on sentences written for these tests: one class of construction each."""

from __future__ import annotations

import pytest

from event_coding import country, events, find
from polemos.nlp import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def test_reporting_verb_alone_is_not_an_event(nlp):
    assert events(nlp, "The minister said on Monday that the weather was fine.") == []


def test_active_verb_gives_actor_and_target(nlp):
    e = find(events(nlp, "Russian troops attacked Ukrainian positions near the river."), "ASSAULT", "attacked")
    assert country(e.actor) == "RUS" and country(e.target) == "UKR"


def test_passive_verb_takes_actor_from_by_phrase(nlp):
    e = find(events(nlp, "The convoy was attacked by Syrian forces on Friday."), "ASSAULT", "attacked")
    assert country(e.actor) == "SYR"


def test_nominal_trigger_takes_nationality_adjective_as_actor(nlp):
    e = find(events(nlp, "Israeli airstrikes hit the outskirts of the city overnight."), "ASSAULT", "airstrikes")
    assert country(e.actor) == "ISR" and e.mode == "aerial"
    assert e.acled is not None and e.acled.sub_event_type == "Air/drone strike"


def test_nominal_trigger_takes_target_from_on_phrase(nlp):
    e = find(events(nlp, "The rebels responded with attacks on Ethiopian army bases."), "ASSAULT", "attacks")
    assert country(e.target) == "ETH"


def test_light_verb_lends_its_subject_to_the_noun(nlp):
    e = find(events(nlp, "India carried out drone strikes near the border."), "ASSAULT", "drone strikes")
    assert country(e.actor) == "IND" and e.mode == "drone"


def test_coordinated_actors_give_one_event_each_pointing_at_each_other(nlp):
    evs = [e for e in events(nlp, "Armenia and Azerbaijan agreed to a ceasefire on Sunday.") if e.type == "AGREE"]
    pairs = {(country(e.actor), country(e.target)) for e in evs}
    assert pairs == {("ARM", "AZE"), ("AZE", "ARM")}
    assert all(e.mode == "ceasefire" for e in evs)


def test_agreeing_to_talks_is_agree_not_consult(nlp):
    evs = events(nlp, "Kenya and Somalia agreed to hold talks next week.")
    assert {e.type for e in evs} == {"AGREE"}
    assert evs[0].mode == "meet"


def test_holding_talks_is_consult(nlp):
    e = find(events(nlp, "Delegations from Peru and Chile held talks in Lima on Tuesday."), "CONSULT")
    assert not e.negated and not e.hypothetical


def test_negated_verb_is_kept_and_flagged(nlp):
    e = find(events(nlp, "The army did not attack the village, the spokesman said."), "ASSAULT", "attack")
    assert e.negated


def test_denied_event_is_negated(nlp):
    e = find(events(nlp, "The militia denied carrying out the bombing in the market."), "ASSAULT", "bombing")
    assert e.negated


def test_no_agreement_is_negated(nlp):
    e = find(events(nlp, "No agreement was reached after two days of talks."), "AGREE")
    assert e.negated


def test_conditional_violence_is_hypothetical(nlp):
    e = find(events(nlp, "Officials fear the rebels could launch strikes if the talks collapse."), "ASSAULT", "strikes")
    assert e.hypothetical and not e.negated


def test_threat_is_a_real_event_and_absorbs_the_threatened_action(nlp):
    evs = events(nlp, "Iran threatened to attack American bases in the region.")
    e = find(evs, "THREATEN", "threatened")
    assert not e.hypothetical and e.mode == "violence" and country(e.actor) == "IRN"
    assert not [x for x in evs if x.type == "ASSAULT"]


def test_violence_a_speaker_says_would_follow_is_the_speakers_threat(nlp):
    text = "Turkey's defence minister said that a failure of the talks would mean war with Greece."
    evs = events(nlp, text)
    threat = find(evs, "THREATEN")
    assert country(threat.actor) == "TUR" and not threat.hypothetical
    assert find(evs, "ASSAULT", "war").hypothetical


def test_demand_has_actor_and_target(nlp):
    e = find(events(nlp, "Egypt demanded that Ethiopia stop filling the dam."), "REQUEST", "demanded")
    assert country(e.actor) == "EGY" and country(e.target) == "ETH"


def test_possessive_demand_names_its_actor(nlp):
    e = find(events(nlp, "The talks stalled over Algeria's demand for new elections."), "REQUEST", "demand")
    assert country(e.actor) == "DZA"


def test_accusation(nlp):
    e = find(events(nlp, "Venezuela accused Colombia of sheltering armed groups."), "ACCUSE", "accused")
    assert country(e.actor) == "VEN" and country(e.target) == "COL" and e.mode == "allege"


def test_attribution_accuses_the_subject_on_behalf_of_the_speaker(nlp):
    evs = events(nlp, "A Serbian official said that Kosovo was responsible for the violence.")
    e = find(evs, "ACCUSE", "responsible")
    assert country(e.actor) == "SRB" and country(e.target) == "XKX"


def test_rejection(nlp):
    e = find(events(nlp, "Japan rejected the Chinese proposal for joint patrols."), "REJECT", "rejected")
    assert country(e.actor) == "JPN"


def test_announced_cooperation_is_agree(nlp):
    e = find(events(nlp, "Norway will provide aid to Sudan next year."), "AGREE")
    assert country(e.actor) == "NOR" and not e.hypothetical


@pytest.mark.parametrize(
    "text, root",
    [
        ("Chinese and Russian diplomats met in Beijing on Monday.", "CONSULT"),
        ("The president praised Ghana for its peacekeeping role.", "SUPPORT"),
        ("The government conceded defeat in the local elections.", "CONCEDE"),
        ("Brazil and Argentina will extradite suspects under the treaty.", "AGREE"),
        ("Japan donated medical supplies to the Philippines.", "AID"),
        ("Rebels released twelve hostages on Saturday.", "RETREAT"),
        ("The opposition urged the government to hold new elections.", "REQUEST"),
        ("The ministry condemned the raid on the embassy.", "ACCUSE"),
        ("The council vetoed the resolution.", "REJECT"),
        ("The president warned the militants.", "THREATEN"),
        ("Thousands of students protested in the capital.", "PROTEST"),
        ("The United States imposed sanctions on the company.", "SANCTION"),
        ("The army deployed troops along the border.", "MOBILIZE"),
        ("Police arrested twenty protesters in the square.", "COERCE"),
        ("Gunmen opened fire on a bus in the north.", "ASSAULT"),
        ("The two countries signed a trade agreement.", "SUPPORT"),
    ],
)
def test_each_root_has_triggers(nlp, text, root):
    assert root in {e.type for e in events(nlp, text)}


def test_every_event_has_real_codes_and_its_trigger_in_its_sentence(nlp):
    text = "Rebels shelled the town. The government demanded a ceasefire. Talks resumed in Geneva."
    for e in events(nlp, text):
        assert e.type.isupper() and e.cameo and e.cameo.isdigit()
        assert e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end
        assert 0.0 <= e.confidence <= 1.0
        assert e.id.startswith("t:e")


@pytest.mark.parametrize("sentence, trigger", [
    ("Government forces retook the town of Heet after several days of fighting.", "retook"),
    ("Rebel fighters overran the army base after hours of fighting.", "overran"),
])
def test_an_irregular_past_form_the_tagger_reads_as_present_is_still_its_verb(nlp, sentence, trigger):
    coded = events(nlp, sentence)
    assert any(e.trigger.text == trigger and e.type == "ASSAULT" and e.actor is not None for e in coded), coded
