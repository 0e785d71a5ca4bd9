"""The attribution scorers are rebuilt the same way every time, and their file stores no text."""

import json

import pytest

from polemos.attribution import attribution
from polemos.evaluation.polnear import GoldAttribution, part_of
from polemos.nlp.attribution_model import WEIGHTS, read_model
from polemos.nlp.pipeline import build_pipeline
from polemos.training.attribution import EXCLUDE, Labelled, train

# Our own sentences, annotated the PolNeAR way: (source words, cue words, content words).
ARTICLES = [
    (
        "The governor said the bridge would reopen on Monday. Officials argued that the repairs were late.",
        [("The governor", "said", "the bridge would reopen on Monday"), ("Officials", "argued", "the repairs were late")],
    ),
    (
        "\u201cWe have enough fuel for a week,\u201d the port manager told reporters. Critics claimed the figure was too high.",
        [("the port manager", "told", "We have enough fuel for a week"), ("Critics", "claimed", "the figure was too high")],
    ),
    (
        "The mayor tweeted that the curfew had ended. According to the police, two shops were looted.",
        [("The mayor", "tweeted", "the curfew had ended"), ("the police", "According to", "two shops were looted")],
    ),
]


def _spans(text: str, words: str) -> tuple[tuple[int, int], ...]:
    start = text.index(words)
    return ((start, start + len(words)),)


@pytest.fixture(scope="module")
def labelled() -> list[Labelled]:
    nlp = build_pipeline(exclude=EXCLUDE)
    out = []
    for text, golds in ARTICLES:
        doc = nlp(text)
        marked = tuple(
            GoldAttribution(f"E{n}", _spans(text, source), _spans(text, cue), _spans(text, content))
            for n, (source, cue, content) in enumerate(golds)
        )
        out.append(Labelled(doc, marked))
    return out


def test_training_twice_on_the_same_slice_gives_the_same_weights(labelled):
    first = json.dumps(train(labelled, seed=13), sort_keys=True)
    second = json.dumps(train(labelled, seed=13), sort_keys=True)
    assert first == second


def test_a_word_that_heads_gold_cues_gets_a_positive_weight(labelled):
    model = train(labelled, seed=13)
    assert model["cue"]["weights"].get("p=VERB", 0) > 0 or model["cue"]["weights"].get("c=nsubj", 0) > 0
    assert model["source"]["weights"].get("path=>v:nsubj", 0) > 0


def test_the_split_of_the_corpus_depends_on_the_file_name_alone():
    names = [f"outlet_2016-01-{day:02d}_story" for day in range(1, 29)]
    assert [part_of(n) for n in names] == [part_of(n) for n in names]
    assert {part_of(n) for n in names} == {"train", "held-out"}


def test_the_shipped_model_stores_features_not_sentences():
    if not WEIGHTS.is_file():
        pytest.skip("no shipped attribution weights")
    model = read_model(WEIGHTS)
    names = list(model.cue.weights) + list(model.source.weights) + list(model.cue_lemmas)
    assert names and not any(" " in name for name in names)


def test_the_shipped_model_reads_a_cue_the_word_list_lacks(coder):
    assert "complain" not in attribution().cues
    a = coder.code_text("The spokesman for the northern command complained that the airport was closed to civilian flights.")
    said = next(c for c in a.claims if "airport was closed" in c.text)
    assert said.cue == "complained"
    assert said.speaker is not None and "spokesman" in said.speaker.text
