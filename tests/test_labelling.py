"""The label schema catches what the codebook forbids; templates cut text into sentences at the
right offsets. Fixtures are our own sentences."""

from __future__ import annotations

from polemos.labelling.schema import check_article
from polemos.labelling.template import locate_quotes, sentence_offsets, strip_shared_text

TEXT = "Rebels shelled the town of Marsa on Sunday.\nThe army said two soldiers died. \u201cWe will respond,\u201d an officer said."


def _article(**events):
    start, end = 0, 43
    return {
        "key": "own:x1", "split": "train", "scope": "article", "of": 1, "published": "2026-03-02",
        "sentences": [{"start": start, "end": end, "text": TEXT[start:end], "events": [
            {"trigger": "shelled", "type": "ASSAULT", "mode": "heavy-weapons", "acled": "Shelling/artillery/missile attack",
             "factuality": "asserted", "incident": "i1", **events}]}],
    }


def test_a_well_formed_article_has_no_problem():
    assert check_article(_article(), TEXT) == []


def test_a_mode_of_another_root_is_refused():
    problems = check_article(_article(mode="arrest"), TEXT)
    assert any("mode 'arrest'" in p for p in problems)


def test_an_unknown_acled_sub_type_is_refused():
    assert any("acled" in p for p in check_article(_article(acled="Bombing"), TEXT))


def test_a_trigger_not_in_its_sentence_is_refused():
    assert any("not in its sentence" in p for p in check_article(_article(trigger="bombed"), TEXT))


def test_restated_needs_an_earlier_mention_of_the_incident():
    assert any("restated" in p for p in check_article(_article(factuality="restated"), TEXT))


def test_a_country_must_be_iso3():
    assert any("country" in p for p in check_article(_article(actor={"text": "Rebels", "country": "Syria"}), TEXT))


def test_a_stored_page_keeps_only_part_of_its_sentences():
    article = _article()
    article.update(key="pages:abc", scope="article", of=2)
    article["sentences"].append({"start": 44, "end": 76, "text": TEXT[44:76], "events": []})
    problems = check_article(article, None)
    assert any("scope 'sentences'" in p for p in problems)
    assert any("at most" in p for p in problems)


def test_sentences_never_cross_a_line_break_and_match_the_text():
    offsets = sentence_offsets(TEXT)
    assert [TEXT[s:e] for s, e in offsets][0] == "Rebels shelled the town of Marsa on Sunday."
    assert all("\n" not in TEXT[s:e] for s, e in offsets)
    assert len(offsets) == 3


def test_quotes_are_located_by_their_words_and_shared_texts_leave_only_offsets():
    article = {"key": "gwn:1", "sentences": [{"start": 0, "end": 43, "text": TEXT[:43], "events": []}],
               "quotes": [{"text": "We will respond,", "speaker": "an officer", "speaker_text": "an officer", "anonymous": True}]}
    located = locate_quotes(article, TEXT)
    quote = located["quotes"][0]
    assert TEXT[quote["start"]:quote["end"]] == "We will respond,"
    assert TEXT[quote["speaker_start"]:quote["speaker_end"]] == "an officer"
    stripped = strip_shared_text(located)
    assert "text" not in stripped["sentences"][0] and "text" not in stripped["quotes"][0]


def test_our_own_sentences_keep_their_text_when_finalized():
    article = {"key": "own:o1", "sentences": [{"start": 0, "end": 5, "text": "Hello", "events": []}], "quotes": []}
    assert strip_shared_text(article)["sentences"][0]["text"] == "Hello"
