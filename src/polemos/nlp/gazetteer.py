"""Step 2: names polemos knows (countries, capitals, demonyms, groups, IGOs, media, persons).

Matched before the statistical NER, which then reads only sentences holding a proper noun no
gazetteer knows (see reading.py). Two PhraseMatchers, built once per process and knowledge base:
ORTH for acronyms ("US", never "us"), LOWER for the rest: names of several words in any casing
("islamic state"), one-word names only with their capital letter ("Chad", "CHAD"; never "chad").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

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
    key = doc.user_data.get(KNOWLEDGE_KEY)
    extra, shipped = key if key is not None else knowledge_key()  # the default reads the environment: only when needed
    return load_knowledge(extra, shipped)


_MATCHERS: dict[tuple[int, tuple[tuple[str, ...], bool]], tuple[PhraseMatcher, PhraseMatcher]] = {}


def _patterns(kb: KnowledgeBase) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(entry key, surface) pairs for the ORTH matcher (acronyms) and the LOWER matcher (the rest)."""
    exact: list[tuple[str, str]] = []
    folded: list[tuple[str, str]] = []
    for name, entry_key in kb.names.items():
        entry = kb.entries[entry_key]
        words = name.replace("-", " - ").split()
        if not entry.fold and any(is_acronym(w) for w in words):
            exact.append((entry_key, name))
        else:
            folded.append((entry_key, name))
    return exact, folded


def _cased(doc: Doc, start: int, end: int, fold: bool) -> bool:
    """A one-word name counts only with its capital letter ("Chad", "CHAD"; never "chad")."""
    return fold or end - start > 1 or doc[start].text[:1].isupper()


def _matchers(nlp: Language, key: tuple[tuple[str, ...], bool]) -> tuple[PhraseMatcher, PhraseMatcher]:
    """ORTH and LOWER matchers over every name of the knowledge base: built once per process.

    One match label per matcher (adding thousands of labels is slow); the matched words name the entry.
    """
    cache_key = (id(nlp.vocab), key)
    if cache_key not in _MATCHERS:
        kb = load_knowledge(*key)
        matchers = []
        for attr, pairs in zip(("ORTH", "LOWER"), _patterns(kb)):
            matcher = PhraseMatcher(nlp.vocab, attr=attr)
            matcher.add(attr, list(nlp.tokenizer.pipe(name for _, name in pairs)))
            matchers.append(matcher)
        _MATCHERS[cache_key] = (matchers[0], matchers[1])
    return _MATCHERS[cache_key]


class Gazetteer:
    """Marks every known name: doc.spans['polemos_gazetteer'], each span with label, kb_id and _.party."""

    def __init__(self, nlp: Language, key: tuple[tuple[str, ...], bool]) -> None:
        self.key = key
        self.kb = load_knowledge(*key)
        self.exact, self.folded = _matchers(nlp, key)

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[KNOWLEDGE_KEY] = self.key
        kb = self.kb
        found = []
        for _, start, end in self.exact(doc):
            key = kb.names.get(" ".join(doc[start:end].text.split()))
            if key is not None:
                entry = kb.entries[key]
                found.append(Span(doc, start, end, label=entry.label, kb_id=entry.key))
        for _, start, end in self.folded(doc):
            text = doc[start:end].text
            entry = kb.entry(text)
            if entry is not None and (_cased(doc, start, end, entry.fold) or text in kb.names):  # "eSwatini" as written
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
