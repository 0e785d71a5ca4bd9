"""The fast reading steps give the stock spaCy answers, token by token, only sooner."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from polemos.nlp import build_pipeline
from polemos.nlp.reading import MODEL, _covered, needs_ner, unknown_stretches

# Our own sentences, chosen to touch the rules' every kind: tag-only rules, word + tag rules,
# dependency rules, multi-word rules ("gonna", "ain't", "let's"), apostrophe forms and spaces.
TEXTS = [
    "The ministers didn't say whether they're gonna meet the rebels again; they ain't sure.\n\n"
    "Let's see, said a spokesman, who has been quoted widely.",
    "Soldiers were shelling the villages near the border for three days, officials said on Tuesday.",
    "Nothin' was left of the bridges, and the boats had been sunk by drones   before dawn.",
    "She does hope to travel, doesn't she? He did. I'd have gone. We've got ta leave, y'all.",
    "The better-armed militias fought harder than the police, whose worst losses came earliest.",
    "There were no talks, and there's little hope left; c'mon, there is time, said one. Are there any?",
]

ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def stock() -> spacy.language.Language:
    return spacy.load(MODEL, exclude=["ner", "senter"])


@pytest.fixture(scope="module")
def ours() -> spacy.language.Language:
    return build_pipeline()


def test_the_model_rule_steps_are_taken_over(ours) -> None:
    assert "attribute_ruler" not in ours.pipe_names and "lemmatizer" not in ours.pipe_names
    assert ours.pipe_names.index("polemos_token_rules") < ours.pipe_names.index("polemos_lemmas") < ours.pipe_names.index("polemos_ner")


def test_token_rules_and_lemmas_give_the_stock_attributes(stock, ours) -> None:
    statistical = [n for n in ours.pipe_names if n in {"tok2vec", "tagger", "parser", "polemos_token_rules", "polemos_lemmas"}]
    for text in TEXTS * 2:  # the second pass reads every answer from the per-key memory
        expected = stock(text)
        with ours.select_pipes(enable=statistical):
            got = ours(text)
        assert [t.text for t in got] == [t.text for t in expected]
        for token, want in zip(got, expected):
            assert (token.pos_, token.tag_, str(token.morph), token.lemma_, token.dep_) == (
                want.pos_, want.tag_, str(want.morph), want.lemma_, want.dep_
            ), token.text
        assert (got.to_array(ATTRS) == expected.to_array(ATTRS)).all()


def test_ner_on_demand_finds_what_the_model_finds_in_those_sentences(ours) -> None:
    text = "Villagers said Ahmadullah Zarif met Colonel Brenna Oduya in Qorveth on Monday. The army did not comment."
    doc = ours(text)
    assert doc._.ner_sentences, "the invented names must send a sentence to the NER"
    ner = spacy.load(MODEL)
    for start in doc._.ner_sentences:
        sent = next(s for s in doc.sents if s.start == start)
        alone = ner(sent.text)
        ours_found = [(e.text, e.label_) for e in doc.ents if sent.start <= e.start < sent.end]
        assert ours_found == [(e.text, e.label_) for e in alone.ents]
    covered = _covered(doc)
    assert [s.start for s in doc.sents if needs_ner(s, covered)] == doc._.ner_sentences


def test_the_ner_reads_a_few_words_around_each_unknown_name(ours) -> None:
    text = ("Yesterday in the early morning a long convoy of trucks carrying food, fuel and medicine for the "
            "displaced families finally crossed into the valley, said Tarquel Ondramo, a local official.")
    doc = ours(text)
    sent = next(iter(doc.sents))
    stretches = unknown_stretches(sent, _covered(doc), 6)
    assert stretches and stretches[0][0] > sent.start  # the convoy's words are not read again
    names = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert "Tarquel Ondramo" in names
