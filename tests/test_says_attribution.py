"""Who said it, one class of case each: where the speaker stands, what names it, who it resolves to.

Every quote and every reported statement names its speaker at the words that say who speaks
(`speaker.start`/`end`/`mention`), and resolves it across the article (`name`, `role`,
`affiliation`, `country`, `anonymous`, `source_type`).
"""

import pytest

from polemos.coder import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def quote(analysis, words: str):
    return next(q for q in analysis.quotes if words in q.text)


def claim(analysis, words: str):
    return next(c for c in analysis.claims if words in c.text)


def named_at(analysis, speaker) -> str:
    """The words the speaker's offsets point at."""
    return analysis.document.text[speaker.start : speaker.end]


# -- where the speaker stands ------------------------------------------------------------------
def test_a_speaker_after_the_quote_is_named_at_its_own_words(coder):
    a = coder.code_text("\u201cThe convoy will leave at dawn,\u201d said Colonel Ruth Okafor, the garrison commander.")
    speaker = quote(a, "convoy will leave").speaker
    assert speaker.name == "Ruth Okafor"
    assert "Ruth Okafor" in named_at(a, speaker)
    assert speaker.mention == named_at(a, speaker)


def test_a_speaker_before_the_quote_speaks_it(coder):
    a = coder.code_text("Foreign Minister Ilse Brandt told parliament: \u201cWe will not send troops across the river.\u201d")
    assert quote(a, "not send troops").speaker.name == "Ilse Brandt"


def test_both_halves_of_a_split_quote_have_the_speaker_between_them(coder):
    a = coder.code_text(
        "\u201cThe shelling stopped at midnight,\u201d the mayor, Petra Lind, said, \u201cbut nobody has left the shelters.\u201d"
    )
    assert quote(a, "shelling stopped").speaker.name == "Petra Lind"
    assert quote(a, "nobody has left").speaker.name == "Petra Lind"


def test_a_quote_running_over_two_paragraphs_is_one_quote_of_one_speaker(coder):
    a = coder.code_text(
        "\u201cWe counted forty trucks at the crossing,\u201d said aid coordinator Jonas Mbeki. \u201cMost were empty.\n"
        "\u201cThe rest carried flour and nothing else,\u201d he said."
    )
    running = quote(a, "Most were empty")
    assert "flour" in running.text
    assert running.speaker.name == "Jonas Mbeki"


# -- what names the speaker ----------------------------------------------------------------------
def test_he_names_the_speaker_at_the_pronoun_and_resolves_to_the_person(coder):
    a = coder.code_text(
        "Defence Minister Tomas Rivas visited the front on Monday.\n"
        "\u201cOur lines are holding,\u201d he said."
    )
    speaker = quote(a, "lines are holding").speaker
    assert named_at(a, speaker) == "he"
    assert speaker.name == "Tomas Rivas"


def test_a_pronoun_nobody_before_can_be_still_names_a_speaker(coder):
    a = coder.code_text("She says the checkpoints were closed for three days after the riots.")
    speaker = claim(a, "checkpoints were closed").speaker
    assert speaker is not None
    assert named_at(a, speaker) == "She"
    assert speaker.name is None and speaker.anonymous is False


def test_the_noun_a_relative_clause_hangs_on_speaks_its_claim(coder):
    a = coder.code_text("Farmers, who say the dam has dried their fields, marched on the capital.")
    speaker = claim(a, "dam has dried").speaker
    assert speaker is not None and "Farmers" in speaker.text


def test_according_to_names_its_object(coder):
    a = coder.code_text("Three bridges were destroyed overnight, according to the regional governor, Alain Moreau.")
    assert claim(a, "bridges were destroyed").speaker.name == "Alain Moreau"


def test_a_cue_the_word_list_lacks_is_still_read(coder):
    a = coder.code_text("The opposition leader Sara Quist tweeted that the vote had been rigged in the northern provinces.")
    speaker = claim(a, "vote had been rigged").speaker
    assert speaker is not None and speaker.name == "Sara Quist"


def test_in_nested_attribution_each_content_has_its_own_speaker(coder):
    a = coder.code_text("The envoy Marta Sousa said a rebel commander told her that the prisoners would be freed on Friday.")
    assert claim(a, "commander told her").speaker.name == "Marta Sousa"
    inner = min((c for c in a.claims if "prisoners would be freed" in c.text), key=lambda c: len(c.text))
    assert inner.speaker is not None and "commander" in inner.speaker.text


# -- who they are ---------------------------------------------------------------------------------
def test_an_official_speaking_on_condition_of_anonymity_is_anonymous(coder):
    a = coder.code_text(
        "\u201cThe strike was planned for weeks,\u201d said a security official who spoke on condition of anonymity."
    )
    speaker = quote(a, "planned for weeks").speaker
    assert speaker.anonymous is True
    assert speaker.source_type == "anonymous official"


def test_a_ministry_speaks_as_an_institution_not_an_anonymous_person(coder):
    a = coder.code_text("The Pakistani foreign ministry said the talks in Doha would resume next week.")
    speaker = claim(a, "talks in Doha").speaker
    assert speaker.anonymous is False
    assert speaker.source_type == "official"


def test_state_television_is_state_media_and_not_anonymous(coder):
    a = coder.code_text("Iranian state TV reported that two drones had been shot down over Isfahan.")
    speaker = claim(a, "drones had been shot down").speaker
    assert speaker.source_type == "state media"
    assert speaker.anonymous is False


def test_a_named_person_is_not_anonymous(coder):
    a = coder.code_text("\u201cWe need more tents,\u201d said Amina Yusuf, a nurse at the camp.")
    assert quote(a, "more tents").speaker.anonymous is False


def test_the_official_later_is_the_official_met_before(coder):
    a = coder.code_text(
        "A senior Turkish official, speaking on condition of anonymity, said the border would stay shut.\n"
        "\u201cNothing crosses until the talks end,\u201d the official said."
    )
    speaker = quote(a, "Nothing crosses").speaker
    assert named_at(a, speaker) == "the official"
    assert speaker.anonymous is True and speaker.country == "TUR"


# -- what is not a quote --------------------------------------------------------------------------
def test_a_single_word_in_scare_quotes_is_not_a_quote(coder):
    a = coder.code_text("The so-called \u201croadmap\u201d was never published, and the border stayed closed all week.")
    assert not any(q.direct and "roadmap" in q.text for q in a.quotes)


def test_a_single_quoted_word_inside_a_reported_statement_is_the_speakers_word(coder):
    a = coder.code_text("The rebels said they were defending the villages from \u201cmercenary\u201d raids in the hills.")
    word = next(q for q in a.quotes if q.direct and q.text == "mercenary")
    assert word.speaker is not None and "rebels" in word.speaker.text
