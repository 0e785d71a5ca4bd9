"""One incident, one event within an article (docs/event-codebook.md §2): retellings fold into the
first telling, separate acts stay separate. Hand-built events, then the whole coder on our own texts."""

from __future__ import annotations

from datetime import date

from polemos.coder import Coder
from polemos.nlp.folding import fold_incidents, joint
from polemos.records import Event, EventDate, Location, Party, Span, replace

ARMY = Party("the army", "Sudan military", "SDN", "MIL", "sdn-mil")
RSF = Party("the RSF", "Rapid Support Forces", "SDN", "REB", "rsf")
CHAD = Party("Chad", "Chad", "TCD", None, "tcd")


def _event(n: int, start: int, *, root="ASSAULT", actor=ARMY, target=RSF, place=None, day=None, factuality="asserted",
           sentence=0, mode=None) -> Event:
    return Event(id=f"e{n}", type=root, mode=mode, cameo=None, evidence=Span(start, start + 40, f"sentence {sentence}"),
                 trigger=Span(start + 2, start + 8, "struck"), actor=actor, target=target, location=place,
                 date=EventDate("Monday", day, "day", "text") if day else None, factuality=factuality, sentence=sentence)


def _place(name: str, precision: str = "city") -> Location:
    return Location(name, name, "SDN", 13.6, 25.3, 1, precision)


def test_a_restated_telling_folds_into_the_first_and_keeps_its_sentence_as_evidence():
    live, other = fold_incidents([_event(0, 0), _event(1, 100, factuality="restated", sentence=3)])
    assert len(live) == 1 and other == []
    assert [m.text for m in live[0].mentions] == ["sentence 3"]


def test_a_restated_telling_with_no_earlier_telling_is_the_first():
    live, _ = fold_incidents([_event(0, 0, factuality="restated")])
    assert len(live) == 1 and live[0].factuality == "asserted"


def test_two_acts_with_the_same_sides_in_two_towns_stay_two():
    live, _ = fold_incidents([_event(0, 0, place=_place("El Fasher"), sentence=0),
                              _event(1, 100, place=_place("Nyala"), sentence=2)])
    assert len(live) == 2


def test_the_same_sides_at_the_same_town_told_twice_are_one_act():
    live, _ = fold_incidents([_event(0, 0, place=_place("El Fasher"), sentence=0),
                              _event(1, 100, place=_place("El Fasher"), sentence=4)])
    assert len(live) == 1


def test_the_same_dyad_on_the_same_day_in_one_country_is_not_enough_to_fold():
    live, _ = fold_incidents([_event(0, 0, place=_place("Sudan", "country"), day="2026-03-02", sentence=0),
                              _event(1, 100, place=_place("Sudan", "country"), day="2026-03-02", sentence=3)])
    assert len(live) == 2


def test_an_exchange_of_fire_told_from_each_side_is_one_event():
    live, _ = fold_incidents([_event(0, 0, place=_place("Tine"), sentence=0),
                              _event(1, 100, actor=RSF, target=ARMY, place=_place("Tine"), sentence=2)])
    assert len(live) == 1


def test_conflicting_sides_never_fold():
    live, _ = fold_incidents([_event(0, 0), _event(1, 100, target=CHAD, factuality="restated")])
    assert len(live) == 2


def test_events_that_did_not_happen_are_kept_apart_and_never_live():
    live, other = fold_incidents([_event(0, 0), _event(1, 100, factuality="hypothetical"),
                                  _event(2, 200, factuality="denied")])
    assert len(live) == 1 and [e.factuality for e in other] == ["hypothetical", "denied"]


def test_parties_named_together_are_one_joint_party_without_a_single_country():
    both = joint(Party("Egypt", "Egypt", "EGY", None, "egy"), Party("Qatar", "Qatar", "QAT", None, "qat"))
    assert both.name == "Egypt and Qatar" and both.country is None


def test_a_strike_told_by_its_noun_and_its_verb_in_one_sentence_is_one_event():
    text = ("KHARTOUM - A drone strike hit a minibus near Kadugli on Monday, killing three passengers, "
            "local officials said. The army did not comment on the strike.")
    analysis = Coder(published=date(2026, 3, 3)).code_text(text)
    violent = [e for e in analysis.events if e.type == "ASSAULT"]
    assert len(violent) == 1, [(e.trigger.text, e.evidence.text) for e in violent]


def test_talks_between_two_sides_are_one_event_not_one_per_side():
    text = "Delegations of Armenia and Azerbaijan held talks in Geneva on Tuesday on the border dispute."
    analysis = Coder(published=date(2026, 3, 4)).code_text(text)
    talks = [e for e in analysis.events if e.type == "CONSULT"]
    assert len(talks) == 1


def test_a_restated_telling_with_the_sides_swapped_is_a_reply_not_a_retelling():
    live, _ = fold_incidents([_event(0, 0, target=CHAD),
                              _event(1, 100, actor=CHAD, target=ARMY, factuality="restated", sentence=2)])
    assert len(live) == 2


def test_the_folded_incident_names_its_side_by_the_most_specific_naming():
    forces = Party("government forces", "government forces", "SDN", None, None)
    live, _ = fold_incidents([_event(0, 0, actor=forces), _event(1, 100, factuality="restated", sentence=2)])
    assert len(live) == 1 and live[0].actor == ARMY


def test_civilians_and_a_military_post_are_not_two_namings_of_one_target():
    civilians = Party("villagers", "civilians", "SDN", "CVL", None)
    post = Party("an army post", "Sudan military", "SDN", "MIL", "sdn-mil")
    live, _ = fold_incidents([_event(0, 0, target=civilians), _event(1, 100, target=post, factuality="restated", sentence=2)])
    assert len(live) == 1 and live[0].target == civilians


def test_an_unasserted_act_coded_once_per_side_is_kept_once_with_a_joint_side():
    live, other = fold_incidents([_event(0, 0, target=RSF, factuality="hypothetical"),
                                  _event(1, 0, target=CHAD, factuality="hypothetical")])
    assert live == [] and len(other) == 1
    assert other[0].target.name == "Rapid Support Forces and Chad"


def test_what_a_doubted_telling_of_the_same_sentence_knows_goes_to_the_live_event():
    from polemos.records import Fatalities

    toll = Fatalities(best=4, low=4, high=4, text="four people")
    doubted = replace(_event(1, 20, target=None, factuality="doubtful", place=_place("Kabul")), fatalities=toll)
    absorbed: dict[str, str] = {}
    live, other = fold_incidents([_event(0, 0, target=None), doubted], absorbed=absorbed)
    assert len(live) == 1 and live[0].fatalities == toll and live[0].location.name == "Kabul"
    assert [e.id for e in other] == ["e1"] and absorbed == {"e1": "e0"}


def test_a_doubted_telling_of_another_sentence_lends_nothing():
    from polemos.records import Fatalities

    doubted = replace(_event(1, 200, factuality="doubtful", sentence=5), fatalities=Fatalities(best=4, low=4, high=4, text="four"))
    live, _ = fold_incidents([_event(0, 0), doubted])
    assert live[0].fatalities is None
