"""Word screens answer for a whole Doc what asking each token would answer, once per distinct word."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA

from polemos.nlp import build_pipeline
from polemos.nlp.screening import WordScreen, column, either, pos_flags, positions

TEXT = ("Officials in Meravia said shelling near the Ostrel border killed four people. "
        "The officials said the talks in Dunvale would go on; Meravian troops were not seen.")


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    nlp = build_pipeline()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "polemos_token_rules", "polemos_lemmas"]):
        return nlp(TEXT)


def test_a_screen_gives_each_token_the_answer_of_its_own_word(doc) -> None:  # type: ignore[no-untyped-def]
    said = WordScreen("LEMMA", lambda lemma: lemma.lower() == "say")
    assert said.flags(doc) == [t.lemma_.lower() == "say" for t in doc]
    assert [doc[i].text for i in positions(said.flags(doc))] == ["said", "said"]


def test_a_screen_asks_its_question_once_per_distinct_word(doc) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    capitalised = WordScreen("ORTH", lambda word: asked.append(word) or word[:1].isupper())
    first = capitalised.flags(doc)
    assert sorted(asked) == sorted({t.text for t in doc})
    assert capitalised.flags(doc) == first and len(asked) == len({t.text for t in doc})
    assert first == [t.text[:1].isupper() for t in doc]


def test_screens_combine_and_parts_of_speech_come_from_the_same_columns(doc) -> None:  # type: ignore[no-untyped-def]
    near = WordScreen("LOWER", lambda word: word == "near")
    in_ = WordScreen("LOWER", lambda word: word == "in")
    assert [doc[i].lower_ for i in positions(either(near.flags(doc), in_.flags(doc)))] == ["in", "near", "in"]
    assert pos_flags(doc, "PROPN") == [t.pos_ == "PROPN" for t in doc]
    assert len(column(doc, LEMMA)) == len(doc)  # one value per token


def test_an_empty_doc_has_no_flags() -> None:
    nlp = build_pipeline()
    empty = nlp.make_doc("")
    assert WordScreen("LOWER", lambda word: True).flags(empty) == [] and pos_flags(empty, "NOUN") == []
