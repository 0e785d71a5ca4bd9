"""Step 2: names polemos knows (countries, capitals, demonyms, groups, IGOs, media, persons).

Matched before the statistical NER, which then reads only sentences holding a proper noun no
gazetteer knows (see reading.py). Two PhraseMatchers, built once per process and knowledge base:
ORTH for acronyms and one-word names (as written, Capitalised and UPPER: "Chad" the country, not
"chad"; "US", not "us"), LOWER for names of several words ("islamic state" in any casing).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..knowledge import KnowledgeBase, load_knowledge
from .extensions import register_extensions
from .reading import GAZETTEER_GROUP

KNOWLEDGE_KEY = "polemos_knowledge"  # doc.user_data key: which knowledge base read this Doc


def is_acronym(word: str) -> bool:
    """'TTP', 'U.S.', 'ISIS-K', 'M23', 'LeT' are acronyms: they match only as written."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if not letters:
        return False
    if upper == len(letters) and (upper >= 2 or any(c.isdigit() for c in word)):
        return True
    return upper >= 2 and len(letters) <= 5


@Language.factory(
    "polemos_gazetteer",
    requires=["token.orth"],
    assigns=["doc.spans"],
    default_config={"files": [], "use_env": True, "shipped": True},
)
def make_gazetteer(nlp: Language, name: str, files: list[str], use_env: bool, shipped: bool) -> "Gazetteer":
    register_extensions()
    return Gazetteer(nlp, knowledge_key(files, use_env, shipped))


def knowledge_key(files: Iterable[str] = (), use_env: bool = True, shipped: bool = True) -> tuple[tuple[str, ...], bool]:
    """The arguments of `load_knowledge` for a gazetteer configuration (kept on every Doc)."""
    from ..knowledge import user_files

    extra = tuple(files) + (user_files() if use_env else ())
    return extra, shipped


def knowledge_of(doc: Doc) -> KnowledgeBase:
    """The knowledge base that read `doc` (the default one when no gazetteer ran)."""
    extra, shipped = doc.user_data.get(KNOWLEDGE_KEY, knowledge_key())
    return load_knowledge(extra, shipped)


@lru_cache(maxsize=8)
def _matchers(vocab: Vocab, key: tuple[tuple[str, ...], bool]) -> tuple[PhraseMatcher, PhraseMatcher]:
    """ORTH and LOWER matchers over every name of the knowledge base: built once per process."""
    kb = load_knowledge(*key)
    exact = PhraseMatcher(vocab, attr="ORTH")
    folded = PhraseMatcher(vocab, attr="LOWER")
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer if vocab is not None else None
    exact_patterns: dict[str, list[Doc]] = {}
    folded_patterns: dict[str, list[Doc]] = {}
    names = list(kb.names.items())
    for (name, entry_key), doc in zip(names, tokenizer.pipe(n for n, _ in names)):  # type: ignore[union-attr]
        entry = kb.entries[entry_key]
        words = [t.text for t in doc]
        if entry.fold or (len(words) > 1 and not any(is_acronym(w) for w in words)):
            folded_patterns.setdefault(entry_key, []).append(doc)
        elif len(words) > 1 or is_acronym(name):
            exact_patterns.setdefault(entry_key, []).append(doc)
        else:
            variants = {name, name[:1].upper() + name[1:], name.upper()}
            exact_patterns.setdefault(entry_key, []).extend(tokenizer(v) for v in sorted(variants))  # type: ignore[misc]
    for entry_key, docs in exact_patterns.items():
        exact.add(entry_key, docs)
    for entry_key, docs in folded_patterns.items():
        folded.add(entry_key, docs)
    return exact, folded


class Gazetteer:
    """Marks every known name: doc.spans['polemos_gazetteer'], each span with label, kb_id and _.party."""

    def __init__(self, nlp: Language, key: tuple[tuple[str, ...], bool]) -> None:
        self.key = key
        self.kb = load_knowledge(*key)
        self.exact, self.folded = _matchers(nlp.vocab, key)

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[KNOWLEDGE_KEY] = self.key
        kb = self.kb
        strings = doc.vocab.strings
        found = []
        for match_id, start, end in list(self.exact(doc)) + list(self.folded(doc)):
            entry = kb.entries[strings[match_id]]
            found.append(Span(doc, start, end, label=entry.label, kb_id=entry.key))
        spans = sorted(filter_spans(found), key=lambda s: s.start)
        day = doc._.published
        for span in spans:
            span._.party = kb.party(kb.entries[span.kb_id_], span.text, day)
        doc.spans[GAZETTEER_GROUP] = spans
        return doc


def build_pipeline_with(files: Iterable[str], *, shipped: bool = True, use_env: bool = False) -> Language:
    """A fresh pipeline whose gazetteer (and so its actors step) reads these actor files.

    `files` are actors TSVs or CAMEO dictionaries (actors and agents); with `shipped=False` they
    are the only knowledge, as PETRARCH2's unit records need (fictional countries, own agents).
    """
    from .pipeline import build_pipeline

    nlp = build_pipeline.__wrapped__()  # type: ignore[attr-defined]
    config = {"files": [str(f) for f in files], "use_env": use_env, "shipped": shipped}
    nlp.replace_pipe("polemos_gazetteer", "polemos_gazetteer", config=config)
    return nlp
