"""Triggers the lexicon does not know, proposed by a learned token classifier.

The trigger lexicon (data/triggers.tsv) is exact where it matches, but real news tells events with
words outside it ("torched", "overran", "rounded up"). This step scores the verbs and nouns of
each sentence with a linear head trained on our labelled triggers (models/triggers/card.md) and
leaves the likely ones on the Doc; polemos_events codes them like lexicon matches (their
arguments from the parse), and the event judge decides on them like on any other proposal.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..ontology import ROOT_CAMEO
from .classifiers import load_model
from .embedding import embedder
from .event_features import possible_triggers, token_features
from .extensions import register_extensions
from .triggers import Entry, Match

NONE = "NONE"


@Language.factory(
    "polemos_trigger_finder",
    requires=["token.pos", "token.dep", "token.lemma", "doc.sents"],
    assigns=["doc._.learned_triggers"],
)
def make_trigger_finder(nlp: Language, name: str) -> "TriggerFinder":
    register_extensions()
    return TriggerFinder()


class TriggerFinder:
    def __call__(self, doc: Doc) -> Doc:
        model = load_model("triggers")
        doc._.learned_triggers = {}
        if model is None:
            return doc
        tokens = possible_triggers(doc)
        if not tokens:
            return doc
        head = model.head("trigger")
        threshold = float(model.meta.get("threshold", 0.5))
        probs = head.probabilities(token_features(doc, tokens, embedder()))
        none = head.classes.index(NONE)
        found = {}
        for token, p in zip(tokens, probs):
            best = int(p.argmax())
            if best != none and p[best] >= threshold:
                found[token.i] = (head.classes[best], float(p[best]))
        doc._.learned_triggers = found
        return doc


def learned_matches(doc: Doc, sent: Span, taken: set[int]) -> list[Match]:
    """The learned triggers of a sentence where the lexicon found nothing, as matches of their root."""
    found = doc._.learned_triggers or {}
    if taken:
        return []  # the lexicon has read this sentence: a learned word there is mostly a second word of its event
    matches = []
    for i in range(sent.start, sent.end):
        if i not in found:
            continue
        root, _ = found[i]
        token = doc[i]
        lemma = token.lemma_.lower()
        entry = Entry(lemma=lemma, words=(lemma,), pos="NOUN" if token.pos_ == "NOUN" else "VERB", root=root,
                      mode=None, cameo=ROOT_CAMEO.get(root, "0"), acled=None, learned=True)
        matches.append(Match(entry, (i,), i))
    return matches
