"""The gazetteer marks names polemos knows before the statistical NER reads anything."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.nlp import build_pipeline
from polemos.nlp.gazetteer import is_acronym
from polemos.nlp.reading import GAZETTEER_GROUP


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def spans(nlp, text: str, published: date | None = date(2024, 5, 1)):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    return {s.text: s for s in doc.spans[GAZETTEER_GROUP]}


def test_demonyms_are_nationalities_of_their_country(nlp):
    found = spans(nlp, "Nigerian troops and Chadian soldiers pushed back the fighters, Emiratis said.")
    assert found["Nigerian"].label_ == "NORP" and found["Nigerian"]._.party.country == "NGA"
    assert found["Chadian"]._.party.country == "TCD"
    assert found["Emiratis"]._.party.country == "ARE"


def test_common_country_names_resolve_to_one_code(nlp):
    found = spans(nlp, "Envoys from Burma, the DRC, Ivory Coast, Britain and Türkiye met in Geneva.")
    assert {t: s._.party.country for t, s in found.items() if s._.party} == {
        "Burma": "MMR",
        "DRC": "COD",
        "Ivory Coast": "CIV",
        "Britain": "GBR",
        "Türkiye": "TUR",
    }


def test_acronyms_match_only_in_capitals(nlp):
    assert "US" in spans(nlp, "The US envoy arrived.")
    assert not spans(nlp, "Let us hope the talks go well.")


def test_one_word_names_need_their_capital_letter(nlp):
    assert not spans(nlp, "They roasted a turkey and moved to chad the ballots.")
    assert spans(nlp, "Turkey and Chad signed a pact.")["Chad"]._.party.country == "TCD"


def test_names_of_several_words_match_in_any_casing(nlp):
    found = spans(nlp, "Fighters loyal to the islamic state attacked the town.")
    assert found["islamic state"]._.party.id == "isis"


def test_capitals_are_places_without_a_party(nlp):
    found = spans(nlp, "Heavy rain fell on Nairobi overnight.")
    assert found["Nairobi"].label_ == "GPE" and found["Nairobi"]._.party is None


def test_longest_name_wins(nlp):
    found = spans(nlp, "The Pakistani Taliban claimed the blast.")
    assert "Pakistani" not in found and found["Pakistani Taliban"]._.party.sector == "REB"


def test_acronym_rule():
    assert is_acronym("TTP") and is_acronym("U.S.") and is_acronym("M23") and is_acronym("LeT")
    assert not is_acronym("Kabul") and not is_acronym("Taliban")
