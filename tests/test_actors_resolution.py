"""Actors and targets resolved to countries, one class of case each: references across an article,
capitals and seats that act, national adjectives on roles, joint actors, armed groups and the
country they belong to, attackers nobody has identified, outsiders, and states that change over
time. Every sentence is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.nlp import build_pipeline
from polemos.nlp.actors import party_of


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def read(nlp, text: str, published: date | None = date(2025, 10, 20), dateline: str | None = None):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.dateline = dateline
    doc._.document_id = "t"
    return nlp(doc)


def mention(doc, text: str, nth: int = 0):
    """The nth mention written exactly `text`."""
    return [m for m in doc._.mentions if m.text == text][nth]


def head(doc, words: str, nth: int = 0):
    """The head token of the nth occurrence of `words`."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return doc.char_span(start, start + len(words), alignment_mode="expand").root


def events(doc, type_: str, trigger: str):
    return [e for e in doc._.events if e.type == type_ and trigger in e.trigger.text]


def where(party):
    return (party.country, party.sector) if party is not None else None


# ---- definite descriptions and pronouns, across the article --------------------------------------
def test_the_group_is_the_armed_group_named_two_sentences_before(nlp):
    doc = read(nlp, "The Balochistan Liberation Army claimed a raid on a railway station in Mastung. "
               "Officials said the station was closed for a week. The group said it would strike again.")
    party = mention(doc, "The group").party
    assert (party.id, party.country) == ("bla", "PAK")


def test_the_militants_are_the_group_that_attacked(nlp):
    doc = read(nlp, "Al-Shabaab fighters stormed a hotel in Kismayo overnight. Troops killed the militants after a siege of six hours.")
    assert where(party_of(doc, head(doc, "the militants"))) == ("SOM", "REB")


def test_the_rebels_are_the_rebel_group_named_before(nlp):
    doc = read(nlp, "M23 took control of two villages in North Kivu. Residents said the rebels set up checkpoints on the main road.")
    assert party_of(doc, head(doc, "the rebels")).id == "m23"


def test_the_ministry_is_the_ministry_named_before(nlp):
    doc = read(nlp, "India's foreign ministry summoned a Bangladeshi diplomat on Monday. The ministry said the remarks were unacceptable.")
    assert where(mention(doc, "The ministry").party) == ("IND", "GOV")


def test_the_army_in_a_report_from_one_country_is_that_country_s(nlp):
    doc = read(nlp, "Three soldiers died when their vehicle hit a mine near Kidal, the army said on Friday.", dateline="BAMAKO")
    assert where(party_of(doc, head(doc, "the army"))) == ("MLI", "MIL")


def test_its_forces_belong_to_the_owner_of_its(nlp):
    doc = read(nlp, "The Tatmadaw said its forces had retaken Lashio after weeks of fighting.")
    party = party_of(doc, head(doc, "its forces"))
    assert party.country == "MMR" and party.sector == "MIL"


def test_they_points_back_to_a_plural_party(nlp):
    doc = read(nlp, "Houthi fighters launched drones at a tanker in the Red Sea. They said the ship was bound for Israel.")
    assert mention(doc, "They").party.id == "houthis"


def test_he_points_back_to_the_last_person(nlp):
    doc = read(nlp, "Prime Minister Shehbaz Sharif chaired a security meeting in Islamabad. He ordered a review of border crossings.")
    assert mention(doc, "He").party.id == "shehbaz_sharif"


def test_it_as_the_object_of_an_accusation_is_the_accused_named_before(nlp):
    doc = read(nlp, "Kenya says Somalia has failed to secure their shared border. Nairobi accuses it of letting fighters cross at will.")
    accusation = events(doc, "ACCUSE", "accuses")[0]
    assert accusation.actor.country == "KEN" and accusation.target.country == "SOM"


def test_them_as_an_object_is_the_group_named_before_not_the_subject(nlp):
    doc = read(nlp, "M23 fighters entered Bukavu on Sunday. Congo accused Rwanda of backing them.")
    backing = events(doc, "SUPPORT", "backing")[0]
    assert backing.actor.country == "RWA" and backing.target is not None and backing.target.id == "m23"


def test_an_object_it_of_a_verb_of_things_stays_unresolved(nlp):
    doc = read(nlp, "The rebels offered a truce. The government rejected it within hours.")
    assert not [m for m in doc._.mentions if m.text == "it" and m.party is not None]


def test_the_country_is_the_country_named_before(nlp):
    doc = read(nlp, "Floods and fighting have displaced millions in Sudan. The country's foreign ministry appealed for aid.")
    assert where(mention(doc, "The country's foreign ministry").party) == ("SDN", "GOV")


def test_the_same_role_word_reaches_back_across_the_article(nlp):
    doc = read(nlp, "Gunmen fired at Chad's ambassador in the capital on Monday. " + "Police sealed off the area. " * 8
               + "The ambassador was unhurt, officials said.")
    assert mention(doc, "The ambassador").party.country == "TCD"


# ---- places that act: capitals, seats, metonymy ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Kabul rejected the report on Tuesday.", "Kabul", ("AFG", "GOV")),
        ("Islamabad's forces shelled positions near the border.", "Islamabad's forces", ("PAK", "MIL")),
        ("Washington said the sanctions would stay in place.", "Washington", ("USA", "GOV")),
        ("The Kremlin denied any role in the crash.", "The Kremlin", ("RUS", "GOV")),
        ("Downing Street urged both sides to show restraint.", "Downing Street", ("GBR", "GOV")),
    ],
)
def test_a_capital_or_seat_that_acts_is_the_government(nlp, text, words, expected):
    doc = read(nlp, text)
    assert where(party_of(doc, head(doc, words))) == expected


def test_a_seat_of_power_is_the_body_that_sits_there(nlp):
    doc = read(nlp, "Rawalpindi warned Kabul against sheltering militants. Brussels imposed new sanctions on Minsk.")
    assert where(mention(doc, "Rawalpindi").party) == ("PAK", "MIL")
    assert mention(doc, "Brussels").party.id == "eu"


def test_a_capital_that_opens_a_line_in_capitals_is_a_dateline(nlp):
    doc = read(nlp, "KABUL (Reuters) Officials said three people died in a blast at a market.")
    assert all(m.source != "metonym" for m in doc._.mentions)


# ---- national adjectives on roles -----------------------------------------------------------------
def test_a_demonym_on_a_role_is_that_country_s_role(nlp):
    doc = read(nlp, "Pakistani troops and Afghan Taliban authorities exchanged fire at Chaman.")
    assert where(party_of(doc, head(doc, "Pakistani troops"))) == ("PAK", "MIL")
    assert where(party_of(doc, head(doc, "Afghan Taliban authorities"))) == ("AFG", "GOV")


def test_two_demonyms_name_the_people_of_the_first_country(nlp):
    doc = read(nlp, "Bosnian Serbs held a rally in Banja Luka.")
    assert mention(doc, "Bosnian Serbs").party.country == "BIH"


def test_an_ethnic_demonym_is_a_people_placed_where_they_live(nlp):
    doc = read(nlp, "Ethnic Albanians protested in Serbia on Sunday.")
    protest = events(doc, "PROTEST", "protested")[0]
    assert protest.actor is not None and protest.actor.country == "SRB"


def test_security_forces_in_a_report_about_one_country_are_its_own(nlp):
    doc = read(nlp, "Security forces killed four insurgents in Pattani province, the Thai army said. "
               "The insurgents had attacked a school in Narathiwat.")
    assert where(party_of(doc, head(doc, "Security forces"))) == ("THA", "MIL")


def test_a_generic_role_takes_the_role_word_before_it(nlp):
    doc = read(nlp, "A rebel commander and a police spokesman spoke to reporters.")
    assert party_of(doc, head(doc, "A rebel commander")).sector == "REB"
    assert party_of(doc, head(doc, "a police spokesman")).sector == "COP"


def test_a_part_of_a_force_is_that_force(nlp):
    doc = read(nlp, "A member of the Nigerian security forces was arrested in Kano.")
    assert where(party_of(doc, head(doc, "A member"))) == ("NGA", "MIL")


def test_a_platform_is_a_state_s_force_only_when_the_phrase_names_the_state(nlp):
    doc = read(nlp, "Russian aircraft bombed a market near Idlib while a drone circled overhead.")
    assert where(party_of(doc, head(doc, "Russian aircraft"))) == ("RUS", "MIL")
    assert party_of(doc, head(doc, "a drone")) is None


def test_its_civilians_are_the_owner_s_country_s_people(nlp):
    doc = read(nlp, "Pakistan urged the Afghan Taliban to stop militants attacking its civilians.")
    assert where(party_of(doc, head(doc, "its civilians"))) == ("PAK", "CVL")


def test_a_role_word_before_an_organisation_s_name_describes_it(nlp):
    doc = read(nlp, "The announcement was carried by state broadcaster MRTV on Monday.")
    assert party_of(doc, head(doc, "state broadcaster")).id == "mrtv"


# ---- joint actors ------------------------------------------------------------------------------------
def test_joint_mediators_are_one_actor_with_no_single_country(nlp):
    doc = read(nlp, "Pakistan and Afghanistan clashed along the border. The two sides agreed to a truce mediated by Türkiye and Qatar.")
    mediated = events(doc, "CONSULT", "mediated")
    assert mediated and {e.actor.id for e in mediated} == {"TUR+QAT"}
    assert {e.actor.country for e in mediated} == {None}
    assert {e.target.country for e in mediated} == {"PAK", "AFG"}


def test_coordinated_sides_stay_two_parties(nlp):
    doc = read(nlp, "Armenia and Azerbaijan signed a border deal on Friday.")
    assert {(e.actor.country, e.target.country) for e in events(doc, "AGREE", "deal")} == {("ARM", "AZE"), ("AZE", "ARM")}


# ---- armed groups, unidentified attackers, outsiders ---------------------------------------------------
@pytest.mark.parametrize(
    ("name", "country"),
    [("the TTP", "PAK"), ("the Balochistan Liberation Army", "PAK"), ("al-Shabaab", "SOM"), ("the LTTE", "LKA"), ("Boko Haram", "NGA")],
)
def test_a_non_state_group_takes_the_country_it_belongs_to(nlp, name, country):
    doc = read(nlp, f"Officials blamed {name} for the ambush on Tuesday.")
    assert party_of(doc, head(doc, name.removeprefix("the "))).country == country


def test_unidentified_gunmen_belong_to_no_country(nlp):
    doc = read(nlp, "Unidentified gunmen shot dead a teacher in Quetta on Friday, police said.")
    shooting = events(doc, "ASSAULT", "shot")[0]
    assert shooting.actor is not None and shooting.actor.country is None
    assert shooting.target is not None and shooting.target.country == "PAK"


def test_militants_in_a_report_on_one_country_are_its_own(nlp):
    doc = read(nlp, "Fighting in Syria went on for a third day. The rebels there deny holding talks with the Russian military, "
               "officials in Damascus and Aleppo said.")
    assert mention(doc, "The rebels").party is not None
    denial = [e for e in doc._.events if e.actor is not None and e.actor.text.startswith("The rebels")]
    assert denial and all(e.actor.country == "SYR" for e in denial)


def test_outsiders_are_not_the_article_s_country(nlp):
    doc = read(nlp, "Western diplomats in Kabul said the talks had stalled.", dateline="KABUL")
    assert party_of(doc, head(doc, "Western diplomats")).country is None


# ---- named persons, leaders and their states over time --------------------------------------------------
def test_a_leader_is_his_country_s_government_while_in_office(nlp):
    before = read(nlp, "Bashar al-Assad met army commanders in Damascus.", published=date(2023, 5, 1))
    after = read(nlp, "Bashar al-Assad spoke to reporters in Moscow.", published=date(2025, 5, 1))
    assert where(mention(before, "Bashar al-Assad").party) == ("SYR", "GOV")
    assert where(mention(after, "Bashar al-Assad").party) == ("SYR", "ELI")


def test_the_taliban_are_insurgents_before_august_2021_and_the_government_after(nlp):
    before = read(nlp, "The Taliban attacked a police post in Ghazni.", published=date(2019, 3, 1))
    after = read(nlp, "The Taliban announced a new cabinet in Kabul.", published=date(2022, 3, 1))
    assert where(mention(before, "Taliban").party) == ("AFG", "INS")
    assert where(mention(after, "Taliban").party) == ("AFG", "GOV")


def test_a_titled_person_unknown_to_the_knowledge_base_takes_the_article_s_country(nlp):
    doc = read(nlp, "Fijian rebels said they would free Prime Minister Ratu Tevita Naqara within days.")
    person = next(m for m in doc._.mentions if m.text.startswith("Ratu") and m.label == "PERSON")
    assert (person.party.country, person.party.sector) == ("FJI", "GOV")


def test_a_former_name_of_a_state_is_its_successor(nlp):
    doc = read(nlp, "Zaire closed its border with Rwanda.", published=None)
    assert mention(doc, "Zaire").party.country == "COD"


def test_a_province_tells_the_country_of_its_officials(nlp):
    doc = read(nlp, "The Borno State governor visited the camp on Sunday.")
    assert party_of(doc, head(doc, "The Borno State governor")).country == "NGA"


# ---- who an attack struck -----------------------------------------------------------------------------
def test_a_verb_of_harm_names_whom_a_nominal_attack_struck(nlp):
    doc = read(nlp, "A roadside bombing near Kirkuk killed two Iraqi policemen on Sunday.")
    bombing = events(doc, "ASSAULT", "bombing")[0]
    assert bombing.target is not None and (bombing.target.country, bombing.target.sector) == ("IRQ", "COP")


def test_the_owner_of_an_event_with_a_by_agent_suffered_it(nlp):
    doc = read(nlp, "Karlov's assassination by a Turkish policeman shocked Moscow.")
    killing = events(doc, "ASSAULT", "assassination")[0]
    assert killing.actor is not None and killing.actor.country == "TUR"


def test_police_are_the_police_of_the_place_they_acted_in(nlp):
    doc = read(nlp, "Police detained four suspects in Peshawar after a blast near the Iranian consulate.")
    arrest = events(doc, "COERCE", "detained")[0]
    assert (arrest.actor.country, arrest.actor.sector) == ("PAK", "COP")


def test_an_opposition_figure_arrested_at_home_is_of_that_country(nlp):
    doc = read(nlp, "Ugandan authorities arrested an opposition lawmaker accused of meeting Rwandan officials.")
    arrest = events(doc, "COERCE", "arrested")[0]
    assert arrest.target is not None and arrest.target.country == "UGA"
