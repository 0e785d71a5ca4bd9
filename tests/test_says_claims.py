"""Reported speech becomes claims with their speakers; claims about one matter are related."""

from datetime import date

import pytest

from polemos.coder import Coder
from polemos.records import Analysis, Claim, Document, Mention, Party, Speaker
from polemos.relations import compare, polarity_of, relate, relate_analyses


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def claim(analysis: Analysis, words: str) -> Claim:
    return next(c for c in analysis.claims if words in c.text)


def speaker(text: str, source_type: str = "official", country: str | None = None) -> Speaker:
    return Speaker(text=text, name=text, role=None, affiliation=None, country=country, anonymous=False, source_type=source_type)  # type: ignore[arg-type]


def test_indirect_speech_is_a_claim_and_an_indirect_quote_with_the_reported_clause(coder):
    a = coder.code_text("The health ministry said that the hospital in Sabra had run out of fuel.")
    assert claim(a, "run out of fuel").text == "the hospital in Sabra had run out of fuel"
    (quote,) = [q for q in a.quotes if "run out of fuel" in q.text]
    assert quote.direct is False
    assert "health ministry" in quote.speaker.text


def test_a_denial_is_a_negative_claim(coder):
    a = coder.code_text("The rebel command denied shelling the refugee camp near Dolo.")
    assert claim(a, "shelling the refugee camp").polarity == -1


def test_a_wish_is_a_claim_of_its_subject(coder):
    a = coder.code_text("Baku wants Yerevan to withdraw its troops from the border villages.")
    assert claim(a, "withdraw its troops").speaker.name == "Baku"


def test_impersonal_said_to_be_names_no_speaker(coder):
    a = coder.code_text("The negotiations in Geneva are said to be close to a deal on prisoners.")
    assert not any("close to a deal" in c.text for c in a.claims)


def test_the_speaker_of_a_claim_reports_the_events_inside_it(coder):
    a = coder.code_text("Fighting near the dam killed nine soldiers on Sunday, the military said.")
    assert a.events, "the events step found no event"
    inside = [e for e in a.events if e.claimed_by is not None]
    assert inside and all(e.claimed_by == "the military" for e in inside)


def test_different_death_tolls_from_different_sources_contradict():
    a = Claim("c1", "the blast killed 12 people", 0, 10, speaker("the police"))
    b = Claim("c2", "31 people were killed in the blast", 20, 30, speaker("a local medical group", "other"))
    assert compare(a, b)[0] == "contradicts"


def test_a_raised_toll_revises_the_earlier_one():
    a = Claim("c1", "the attack killed seven soldiers", 0, 10, speaker("the police"))
    b = Claim("c2", "raised the death toll to 11 soldiers killed", 20, 30, speaker("the government"))
    assert compare(a, b)[0] == "revises"


def test_the_same_figure_from_another_source_corroborates():
    a = Claim("c1", "the strike killed 14 civilians", 0, 10, speaker("the civil defence"))
    b = Claim("c2", "the hospital received 14 bodies", 20, 30, speaker("a hospital director", "other"))
    assert compare(a, b)[0] == "corroborates"


def test_a_denial_contradicts_the_account_it_denies():
    a = Claim("c1", "its forces had fired on the border posts", 0, 10, speaker("Azerbaijan", country="AZE"))
    b = Claim("c2", "its units had not opened fire on the border", 20, 30, speaker("Armenia", country="ARM"), polarity=-1)
    assert polarity_of(a.text) == 1 and polarity_of(b.text) == -1
    assert compare(a, b)[0] == "contradicts"


def test_claims_that_share_only_a_country_name_are_not_related():
    a = Claim("c1", "Afghanistan wanted peace and an agreement", 0, 10, speaker("a minister"))
    b = Claim("c2", "the delegation from Afghanistan failed to reach any deal", 20, 30, speaker("the outlet", "state media"), polarity=-1)
    assert compare(a, b) is None


def test_relate_puts_symmetric_relations_on_both_claims_and_revisions_on_the_later():
    a = Claim("c1", "the attack killed seven soldiers", 0, 10, speaker("the police"))
    b = Claim("c2", "updated the toll to nine soldiers killed", 20, 30, speaker("the police"))
    first, second = relate([a, b])
    assert first.relations == ()
    assert [(r.claim, r.kind) for r in second.relations] == [("c1", "revises")]


def test_claims_of_two_articles_are_related_across_them():
    def analysis(id: str, day: int, text: str, who: str) -> Analysis:
        document = Document(id=id, text=text, published=date(2026, 3, day))
        place = text.index("Kandahar")  # both articles name the city: the same story can be told twice
        mention = Mention(place, place + 8, "Kandahar", "GPE", Party("Kandahar", "Afghanistan", "AFG", None, "AFG"))
        return Analysis(document=document, claims=(Claim("c1", text, 0, len(text), speaker(who)),), mentions=(mention,))

    first = analysis("a1", 1, "the bombing in Kandahar killed 20 people", "the police")
    second = analysis("a2", 2, "the toll from the bombing in Kandahar rose to 26 people killed", "the health ministry")
    (relation,) = relate_analyses([second, first])
    assert (relation.document, relation.other_document, relation.kind) == ("a2", "a1", "revises")
