"""Casualties: every number form, bounds, injured apart from killed, revisions, claimants, and the tie
to events. Sentences are written for these tests; events are built by hand where the events step is
not what is under test."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.records import Event, Span


@pytest.fixture(scope="module")
def nlp():
    from polemos.nlp import build_pipeline

    return build_pipeline()


def counts(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return [(c.kind, c.low, c.best, c.high) for c in doc._.casualties]


def killed(nlp, text: str) -> tuple:
    found = [c for c in counts(nlp, text) if c[0] == "killed"]
    assert len(found) == 1, found
    return found[0][1:]


def hand_events(nlp, text: str, triggers: list[tuple[str, str]]):
    """Run the howmany step over events built by hand: (trigger word, PLOVER root)."""
    doc = nlp.make_doc(text)
    doc._.published = date(2024, 3, 14)
    doc = nlp(doc)
    events = []
    for n, (word, root) in enumerate(triggers):
        start = text.index(word)
        events.append(
            Event(f"t:e{n}", root, None, None, Span(0, len(text), text), Span(start, start + len(word), word))
        )
    doc._.events = events
    nlp.get_pipe("polemos_howmany")(doc)
    return doc


# -- number forms ------------------------------------------------------------------------------------


def test_digits(nlp):
    assert killed(nlp, "The blast killed 14 people.") == (14, 14, 14)


def test_number_words(nlp):
    assert killed(nlp, "The raid killed seven villagers.") == (7, 7, 7)


def test_hyphenated_number_words(nlp):
    assert killed(nlp, "Gunmen killed thirty-two passengers.") == (32, 32, 32)


def test_a_dozen(nlp):
    assert killed(nlp, "A drone strike killed a dozen fighters.") == (12, 12, 12)


def test_thousands_separator(nlp):
    assert killed(nlp, "The famine and fighting killed 1,450 people.") == (1450, 1450, 1450)


def test_scale_words(nlp):
    assert killed(nlp, "The war has killed 1.2 million people.") == (1200000, 1200000, 1200000)


def test_at_least_is_a_floor(nlp):
    assert killed(nlp, "At least 9 civilians were killed in the shelling.") == (9, 9, None)


def test_more_than_is_a_floor_read_conservatively(nlp):
    assert killed(nlp, "More than 60 soldiers were killed.") == (60, 60, None)


def test_up_to_is_a_ceiling(nlp):
    assert killed(nlp, "The storm of rockets killed up to 15 people.") == (None, 15, 15)


def test_a_range_keeps_both_ends_and_the_lower_as_best(nlp):
    assert killed(nlp, "The ambush killed 20 to 30 police officers.") == (20, 20, 30)


def test_between_two_numbers_is_a_range(nlp):
    assert killed(nlp, "The bombing killed between 8 and 11 worshippers.") == (8, 8, 11)


def test_dozens_follows_the_acled_convention(nlp):
    assert killed(nlp, "Dozens of protesters were killed.") == (12, 12, 99)


def test_hundreds_follows_the_acled_convention(nlp):
    assert killed(nlp, "Hundreds of fighters died in the siege.") == (100, 100, 999)


def test_several_is_a_small_vague_count(nlp):
    assert killed(nlp, "Several guards were killed.") == (3, 3, 9)


def test_a_number_that_counts_something_else_is_not_a_casualty(nlp):
    assert counts(nlp, "The talks lasted 18 hours and 40 delegates attended.") == []


def test_dates_are_not_counts(nlp):
    assert counts(nlp, "Clashes on March 12 killed nobody.") == []


# -- grammar of casualty reports ---------------------------------------------------------------------


def test_killed_and_wounded_are_apart(nlp):
    assert counts(nlp, "A car bomb killed 6 people and wounded 31 others.") == [
        ("killed", 6, 6, 6),
        ("injured", 31, 31, 31),
    ]


def test_wounding_participle(nlp):
    assert ("injured", 17, 17, 17) in counts(nlp, "Mortars hit the market, wounding 17.")


def test_leaving_dead_and_wounded(nlp):
    assert counts(nlp, "The fighting left dozens dead and several wounded.") == [
        ("killed", 12, 12, 99),
        ("injured", 3, 3, 9),
    ]


def test_intransitive_died(nlp):
    assert killed(nlp, "Eleven migrants died in the desert.") == (11, 11, 11)


def test_a_toll_that_rises_is_a_revision(nlp):
    doc = nlp("The death toll rose to 52 on Friday.")
    (count,) = doc._.casualties
    assert (count.best, count.revision) == (52, True)


def test_the_victims_perpetrators_are_not_counted(nlp):
    assert counts(nlp, "Four gunmen killed a guard.") == [("killed", 1, 1, 1)]  # the guard, not the gunmen


def test_counts_are_split_by_the_victims_party(nlp):
    doc = hand_events(nlp, "An ambush killed three Nigerian soldiers and 14 militants.", [("ambush", "ASSAULT")])
    by = {(p.party.country, p.party.sector): p.count for p in doc._.event_fatalities["t:e0"].by}
    assert by[("NGA", "MIL")] == 3
    assert by[(None, "REB")] == 14


# -- who claims the figure ---------------------------------------------------------------------------


def test_claimed_by_the_subject_of_a_reporting_verb(nlp):
    (count,) = nlp("An airstrike killed 8 fighters, the ministry said.")._.casualties
    assert count.claimed_by == "the ministry"


def test_claimed_by_according_to(nlp):
    (count,) = nlp("Nine people were killed, according to local health officials.")._.casualties
    assert count.claimed_by == "local health officials"


# -- counts and events -------------------------------------------------------------------------------


def test_counts_of_one_report_add_up_for_their_event(nlp):
    doc = hand_events(nlp, "Clashes near the dam killed four soldiers and 19 rebels, the army said.", [("Clashes", "ASSAULT")])
    toll = doc._.event_fatalities["t:e0"]
    assert (toll.best, toll.low, toll.high, toll.claimed_by) == (23, 23, 23, "the army")


def test_injured_are_reported_beside_the_dead(nlp):
    doc = hand_events(nlp, "A suicide attack killed 5 people and wounded 12.", [("attack", "ASSAULT")])
    toll = doc._.event_fatalities["t:e0"]
    assert (toll.best, toll.injured) == (5, 12)


def test_a_count_goes_to_the_violent_event_of_its_sentence(nlp):
    text = "After talks collapsed, the fighting left dozens dead."
    doc = hand_events(nlp, text, [("talks", "CONSULT"), ("fighting", "ASSAULT")])
    assert set(doc._.event_fatalities) == {"t:e1"}


def test_a_revision_replaces_the_first_figure_of_the_last_event_with_a_toll(nlp):
    text = "A bomb killed 20 people at a bus station. Later the toll rose to 31, police said."
    doc = hand_events(nlp, text, [("bomb", "ASSAULT")])
    assert doc._.event_fatalities["t:e0"].best == 31
    assert [c.best for c in doc._.casualties] == [20, 31]


def test_a_second_source_stays_apart_and_the_first_is_kept():
    from polemos.nlp.howmany import CasualtyCount, tally

    first = CasualtyCount("killed", 7, 7, 7, "7 civilians", 0, 11, claimed_by="the governor", event="e", sentence=0)
    second = CasualtyCount("killed", 12, 12, 12, "12 civilians", 60, 72, claimed_by="the rebels", event="e", sentence=1)
    toll = tally([first, second])["e"]
    assert (toll.best, toll.claimed_by) == (7, "the governor")


# -- gold-set classes: tallies, shared adjectives, follow-up counts, late claimants --------------------


def test_a_toll_put_at_a_figure_is_read_and_its_giver_claims_it(nlp):
    (count,) = nlp("The health agency put the death toll at 512.")._.casualties
    assert (count.kind, count.best, count.claimed_by) == ("killed", 512, "The health agency")


def test_the_number_of_dead_put_at_a_figure(nlp):
    (count,) = nlp("The provincial governor put the number of dead at 48.")._.casualties
    assert (count.kind, count.best) == ("killed", 48)


def test_the_number_of_wounded_is_an_injury_count(nlp):
    (count,) = nlp("Doctors put the number of wounded at 73.")._.casualties
    assert (count.kind, count.best) == ("injured", 73)


def test_the_number_of_dead_climbing_is_a_revision(nlp):
    (count,) = nlp("Officials said the number of dead had risen to 33.")._.casualties
    assert (count.kind, count.best, count.revision) == ("killed", 33, True)


def test_a_party_losing_its_people_counts_them_as_killed(nlp):
    (count,) = nlp("The regiment said it lost seven soldiers in the battle.")._.casualties
    assert (count.kind, count.best) == ("killed", 7)


def test_losing_things_is_not_a_casualty_count(nlp):
    assert nlp("The regiment said it lost seven tanks in the battle.")._.casualties == []


def test_coordinated_counts_share_one_casualty_adjective(nlp):
    text = "Rebels fought troops in the hills, leaving four Malian soldiers and 12 rebels dead, the army said."
    doc = hand_events(nlp, text, [("fought", "ASSAULT")])
    by = {(p.party.country, p.party.sector): p.count for p in doc._.event_fatalities["t:e0"].by}
    assert by == {("MLI", "MIL"): 4, (None, "REB"): 12}
    assert doc._.event_fatalities["t:e0"].best == 16


def test_a_coordinated_single_person_counts_one(nlp):
    found = counts(nlp, "Three Malian soldiers and a driver were killed when rebels opened fire.")
    assert sorted(c[2] for c in found if c[0] == "killed") == [1, 3]


def test_a_follow_up_count_on_the_definite_event_ties_to_the_earlier_event(nlp):
    text = "Gunmen raided a market in the north on Monday. Four traders were wounded in the attack, police said."
    doc = hand_events(nlp, text, [("raided", "ASSAULT")])
    assert doc._.event_fatalities["t:e0"].injured == 4


def test_a_count_with_an_indefinite_event_does_not_tie_back(nlp):
    text = "Gunmen raided a market in the north on Monday. Four traders were wounded in an attack elsewhere."
    doc = hand_events(nlp, text, [("raided", "ASSAULT")])
    assert doc._.event_fatalities == {}


def test_a_toll_with_no_event_of_its_own_belongs_to_the_earlier_event(nlp):
    text = "Shelling hit the old city on Friday. The health agency put the death toll at 61."
    doc = hand_events(nlp, text, [("Shelling", "ASSAULT")])
    assert doc._.event_fatalities["t:e0"].best == 61


def test_a_claimant_parsed_as_an_apposition_after_a_long_clause(nlp):
    text = (
        "Hundreds of people have been killed in two weeks of fighting between rival militias and clans "
        "in Idlib, the Syrian Observatory for Human Rights said on Monday."
    )
    (count,) = nlp(text)._.casualties
    assert count.claimed_by == "the Syrian Observatory for Human Rights"


# -- fresh-wire classes: lone persons, sub-counts, old tolls, ranges after a verb, pronoun sources ----


def test_one_person_named_with_a_counts_one(nlp):
    found = {(c.text, c.best) for c in nlp("A shell hit the clinic, killing a nurse. Militiamen killed a pastor and three farmers.")._.casualties}
    assert found == {("a nurse", 1), ("a pastor", 1), ("three farmers", 3)}


def test_one_person_as_the_subject_of_a_passive_counts_one(nlp):
    (count,) = nlp("A border guard was wounded in the exchange of fire.")._.casualties
    assert (count.kind, count.text, count.best) == ("injured", "A border guard", 1)


def test_a_dozen_as_an_object_is_twelve_not_one(nlp):
    assert [c.best for c in nlp("The raid killed a dozen fighters.")._.casualties] == [12]


def test_a_part_of_the_injured_is_not_a_new_figure(nlp):
    found = [(c.kind, c.best) for c in nlp("The toll rose to 9 after three of the wounded died overnight.")._.casualties]
    assert found == [("killed", 9)]


def test_what_the_dead_included_is_not_a_new_figure(nlp):
    found = [(c.kind, c.best) for c in nlp("Officials said the dead included six students and that 40 people were hurt.")._.casualties]
    assert found == [("injured", 40)]


def test_the_figure_a_toll_rose_from_is_not_a_count(nlp):
    found = [(c.best, c.revision) for c in nlp("Rescuers said the toll had climbed to 57 from 48.")._.casualties]
    assert found == [(57, True)]


def test_a_range_after_a_casualty_verb_is_read(nlp):
    (count,) = nlp("Raiders torched the market, killing between 20 and 25 traders.")._.casualties
    assert (count.low, count.best, count.high) == (20, 20, 25)


def test_shot_dead_counts_its_object(nlp):
    (count,) = nlp("Police shot dead three protesters near the bridge.")._.casualties
    assert (count.kind, count.best) == ("killed", 3)


def test_it_said_takes_the_source_named_before(nlp):
    text = "The interior ministry said the attack was planned abroad. Four guards were killed, it said."
    (count,) = nlp(text)._.casualties
    assert count.claimed_by == "The interior ministry"


def test_each_figure_takes_the_reporting_verb_of_its_own_clause(nlp):
    text = "A police source said 6 attackers were killed, while the rebels said 14 officers had died."
    found = {c.best: c.claimed_by for c in nlp(text)._.casualties}
    assert found == {6: "A police source", 14: "the rebels"}


def test_the_deaths_of_a_number_of_people_count_them(nlp):
    assert killed(nlp, "Rescuers reported the deaths of 17 migrants off the coast on Monday.") == (17, 17, 17)


def test_the_killing_of_a_number_of_people_counts_them(nlp):
    assert killed(nlp, "Investigators documented the killing of at least 40 villagers in the district.") == (40, 40, None)


def test_the_massacre_of_a_number_of_people_counts_them(nlp):
    assert killed(nlp, "The massacre of 23 farmers on Friday drew condemnation from the bishops.") == (23, 23, 23)


def test_a_plural_killing_noun_is_a_tally(nlp):
    assert killed(nlp, "More than 300 killings were recorded in the province last year.") == (300, 300, None)


def test_the_size_of_a_thing_attacked_is_no_casualty(nlp):
    assert counts(nlp, "The shelling of 12 villages continued overnight, officials said.") == []
