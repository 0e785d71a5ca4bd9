"""Actor mentions and the parties noun phrases name (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.nlp import build_pipeline
from polemos.nlp.actors import parties_of, party_of


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def read(nlp, text: str, published: date | None = date(2024, 5, 1), dateline: str | None = None):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.dateline = dateline
    return nlp(doc)


def phrase(doc, words: str):
    """The head token of the first occurrence of `words`."""
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    return span.root


def mention(doc, text: str):
    return next(m for m in doc._.mentions if m.text == text)


def test_demonym_and_role_make_a_country_sector(nlp):
    doc = read(nlp, "A Sudanese army spokesman said the convoy was hit.")
    party = party_of(doc, phrase(doc, "A Sudanese army spokesman"))
    assert (party.country, party.sector) == ("SDN", "MIL")


def test_compound_modifier_of_a_thing_names_its_owner(nlp):
    doc = read(nlp, "Drones struck Ethiopian military posts along the frontier.")
    party = party_of(doc, phrase(doc, "Ethiopian military posts"))
    assert (party.country, party.sector) == ("ETH", "MIL")


def test_possessive_country_and_title(nlp):
    doc = read(nlp, "Kenya's foreign minister said the talks would resume.")
    party = party_of(doc, phrase(doc, "Kenya's foreign minister"))
    assert (party.country, party.sector, party.id) == ("KEN", "GOV", "KENGOV")


def test_person_with_title_takes_country_and_sector(nlp):
    doc = read(nlp, "Mali's defence minister Amadou Keita said troops were ready.")
    party = party_of(doc, phrase(doc, "Amadou Keita"))
    assert (party.country, party.sector) == ("MLI", "GOV")


def test_group_led_government_is_the_country_government(nlp):
    doc = read(nlp, "Riyadh accused the Houthi-led government in Sanaa of blocking aid.")
    party = party_of(doc, phrase(doc, "the Houthi-led government"))
    assert (party.country, party.sector) == ("YEM", "GOV")


def test_delegation_with_demonym_is_the_government(nlp):
    doc = read(nlp, "The Sudanese delegation left the room.")
    assert party_of(doc, phrase(doc, "The Sudanese delegation")).id == "SDNGOV"


def test_unattributed_militants_are_rebels_of_unknown_country(nlp):
    doc = read(nlp, "Militants stormed a checkpoint at dawn.")
    party = party_of(doc, phrase(doc, "Militants"))
    assert (party.country, party.sector) == (None, "REB")


def test_both_sides_name_no_single_party(nlp):
    doc = read(nlp, "The two sides agreed to meet again.")
    assert party_of(doc, phrase(doc, "The two sides")) is None


def test_coordination_gives_each_party(nlp):
    doc = read(nlp, "Kenya and Uganda signed a border accord.")
    assert [p.country for p in parties_of(doc, phrase(doc, "Kenya"))] == ["KEN", "UGA"]


def test_delegations_from_two_countries_are_two_governments(nlp):
    doc = read(nlp, "Delegations from Ethiopia and Eritrea met on Monday.")
    assert [p.id for p in parties_of(doc, phrase(doc, "Delegations"))] == ["ETHGOV", "ERIGOV"]


def test_validity_dates_change_what_a_group_is(nlp):
    before = read(nlp, "The Taliban attacked a district centre.", published=date(2019, 6, 1))
    after = read(nlp, "The Taliban attacked a district centre.", published=date(2023, 6, 1))
    assert mention(before, "Taliban").party.sector == "INS"
    assert mention(after, "Taliban").party.sector == "GOV"


def test_capital_as_speaker_is_the_government(nlp):
    doc = read(nlp, "Nairobi insists the border stays open.")
    m = mention(doc, "Nairobi")
    assert (m.source, m.party.country, m.party.sector) == ("metonym", "KEN", "GOV")


def test_capital_after_a_place_preposition_stays_a_place(nlp):
    doc = read(nlp, "Shelling was reported near Kinshasa and in Nairobi.")
    assert mention(doc, "Kinshasa").party is None and mention(doc, "Nairobi").party is None


def test_acronym_introduced_in_parentheses_names_the_group_later(nlp):
    doc = read(
        nlp,
        "The Eastern Valley Liberation Front (EVLF) claimed the ambush. "
        "Police said the EVLF had recruited dozens of fighters.",
    )
    later = [m for m in doc._.mentions if m.text == "EVLF"][-1]
    assert later.party is not None and later.party.name == "Eastern Valley Liberation Front"
    assert later.party.sector == "REB"


def test_the_group_points_back_to_the_last_armed_group(nlp):
    doc = read(nlp, "Al-Shabaab fighters overran a base in the south. The group later posted videos online.")
    m = mention(doc, "The group")
    assert m.source == "definite" and m.party.id == "shabaab"


def test_the_state_outlet_points_back_to_the_media(nlp):
    doc = read(nlp, "Xinhua reported the visit on Monday. The state outlet said talks were cordial.")
    assert mention(doc, "The state outlet").party.id == "xinhua"


def test_pronoun_takes_the_subject_of_the_sentence_before(nlp):
    doc = read(nlp, "Uganda closed its border crossing. It said the closure was temporary.")
    pronoun = next(m for m in doc._.mentions if m.text == "It")
    assert pronoun.party.country == "UGA"


def test_he_points_back_to_the_last_person(nlp):
    doc = read(nlp, "A Somali police officer said two people died. He added that the road was closed.")
    pronoun = next(m for m in doc._.mentions if m.text == "He")
    assert (pronoun.party.country, pronoun.party.sector) == ("SOM", "COP")


def test_bare_national_institution_takes_the_dateline_country(nlp):
    doc = read(nlp, "The army said four soldiers were wounded.", dateline="NAIROBI")
    assert mention(doc, "The army").party.id == "KENMIL"


def test_every_mention_points_into_the_text(nlp):
    doc = read(nlp, "Chadian troops and Nigerian police met Emirati envoys in Abuja.")
    assert doc._.mentions and all(doc.text[m.start : m.end] == m.text for m in doc._.mentions)


def test_a_city_tells_the_country_of_a_role(nlp):
    doc = read(nlp, "Peshawar police said three suspects were arrested.")
    party = party_of(doc, phrase(doc, "Peshawar police"))
    assert (party.country, party.sector) == ("PAK", "COP")


def test_a_city_is_never_a_government(nlp):
    doc = read(nlp, "Karachi says it will reopen the port.")
    assert mention(doc, "Karachi").party is None


def test_definite_role_reaches_back_over_a_quote(nlp):
    doc = read(
        nlp,
        "A Chadian army officer spoke to reporters on Friday. "
        "“The road is closed.” “Nobody can pass.” “We wait.” "
        "According to the officer, supplies were short.",
    )
    party = mention(doc, "the officer").party
    assert (party.country, party.sector) == ("TCD", "MIL")


def test_expletive_it_names_no_one(nlp):
    doc = read(nlp, "Uganda sent troops north. It is unclear how many were sent.")
    assert all(m.text != "It" or m.party is None for m in doc._.mentions)


def test_country_side_is_that_country(nlp):
    doc = read(nlp, "The Kenyan side rejected the proposal.")
    assert party_of(doc, phrase(doc, "The Kenyan side")).country == "KEN"


def test_spokesman_of_a_group_speaks_for_the_group(nlp):
    doc = read(nlp, "Hamas spokesman Karim Nasser said the talks had stalled.")
    party = party_of(doc, phrase(doc, "Karim Nasser"))
    assert (party.name, party.id) == ("Karim Nasser", "hamas")


def test_the_group_is_never_a_person(nlp):
    doc = read(nlp, "RSF spokesman Karim Nasser spoke on Sunday. The group denied the attack.")
    assert mention(doc, "The group").party.name == "Rapid Support Forces"


def test_possessive_of_a_group_keeps_the_group(nlp):
    doc = read(nlp, "Al-Shabaab said its fighters had left the town.")
    assert mention(doc, "its fighters").party.id == "shabaab"


# ---- pronouns read through the sentence's own syntax ---------------------------------------------------
def test_it_in_a_demanded_clause_is_the_addressee(nlp):
    doc = read(nlp, "Uganda demanded guarantees from Ghana that it would not let rebels use its soil.")
    assert mention(doc, "it").party.country == "GHA"
    assert mention(doc, "its").party.country == "GHA"


def test_it_after_an_urged_party_is_that_party(nlp):
    doc = read(nlp, "Turkey urged Iraq to ensure that it stops militants crossing the border.")
    assert mention(doc, "it").party.country == "IRQ"


def test_it_after_a_warning_stays_with_the_speaker(nlp):
    doc = read(nlp, "Iran warned Israel that it would retaliate.")
    assert mention(doc, "it").party.country == "IRN"


def test_what_a_state_shelters_belongs_to_the_group_named_before(nlp):
    doc = read(nlp, "The Allied Democratic Forces killed 12 villagers on Sunday. "
                    "Kampala accuses the government in Kinshasa of harbouring its commanders.")
    assert mention(doc, "its").party.id == "adf"


def test_a_sheltered_enemy_belongs_to_the_accuser_when_no_group_is_named(nlp):
    doc = read(nlp, "Kenya accuses Somalia of sheltering its enemies.")
    assert mention(doc, "its").party.country == "KEN"


def test_role_followed_by_a_capital_takes_its_country_even_when_parsed_apart(nlp):
    doc = read(nlp, "Kampala accuses the government in Kinshasa of harbouring rebels.")
    assert party_of(doc, phrase(doc, "the government")).id == "CODGOV"


# ---- collectives name the article's dyad ---------------------------------------------------------------
def test_the_two_sides_are_the_last_coordinated_pair(nlp):
    doc = read(nlp, "Kenya and Somalia traded accusations on Friday. The two sides agreed to meet next week.")
    assert party_of(doc, phrase(doc, "The two sides")) is None
    assert [p.country for p in parties_of(doc, phrase(doc, "The two sides"))] == ["KEN", "SOM"]


def test_each_other_is_the_dyad_of_the_two_most_named_countries(nlp):
    doc = read(nlp, "Ethiopia closed its border with Eritrea. Ethiopia says Eritrea armed rebels. "
                    "Both neighbours have accused each other of lying.")
    assert [p.country for p in parties_of(doc, phrase(doc, "other"))] == ["ETH", "ERI"]
    assert [p.country for p in parties_of(doc, phrase(doc, "Both neighbours"))] == ["ETH", "ERI"]


def test_the_two_governments_are_both_countries_governments(nlp):
    doc = read(nlp, "Kenya and Somalia signed a deal. The two governments will share intelligence.")
    assert [p.id for p in parties_of(doc, phrase(doc, "The two governments"))] == ["KENGOV", "SOMGOV"]


def test_a_collective_with_no_pair_before_it_names_no_one(nlp):
    doc = read(nlp, "The two sides agreed to meet again.")
    assert parties_of(doc, phrase(doc, "The two sides")) == []


# ---- the article's own country and peoples -------------------------------------------------------------
def test_unplaced_soldiers_take_the_only_country_of_the_article(nlp):
    doc = read(nlp, "Nine soldiers were killed in an ambush on Tuesday. Mali's government blamed jihadists near Gao.")
    assert party_of(doc, phrase(doc, "Nine soldiers")).id == "MLIMIL"


def test_unplaced_soldiers_stay_unplaced_between_two_countries(nlp):
    doc = read(nlp, "Nine soldiers were killed. Sudan blamed Chad, and Chad blamed Sudan.")
    assert party_of(doc, phrase(doc, "Nine soldiers")).country is None


def test_a_people_tied_to_one_state_tells_the_country(nlp):
    doc = read(nlp, "Baloch militants attacked a bus while Rohingya refugees fled.")
    assert party_of(doc, phrase(doc, "Baloch militants")).id == "PAKREB"
    assert party_of(doc, phrase(doc, "Rohingya refugees")).country == "MMR"


def test_a_people_of_several_states_tells_no_country(nlp):
    doc = read(nlp, "Kurdish forces withdrew from the town, Syrian officials said.")
    assert party_of(doc, phrase(doc, "Kurdish forces")).country is None


def test_what_a_party_is_asked_to_respect_belongs_to_the_asker(nlp):
    doc = read(nlp, "Nairobi wants Mogadishu to respect its sovereignty.")
    assert mention(doc, "its").party.country == "KEN"
