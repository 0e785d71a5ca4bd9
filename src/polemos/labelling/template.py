"""Label templates: a text cut into sentences, each with an empty event list to fill in.

Sentences come from spaCy sm's parser (as polemos reads them), never across a line break, so
labels and the coder agree on where a sentence starts and ends.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from .texts import SourceText

_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _splitter():  # type: ignore[no-untyped-def]
    import spacy

    from ..nlp.reading import MODEL

    return spacy.load(MODEL, exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, whitespace trimmed."""
    nlp = _splitter()
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        doc = nlp(line.group())
        for sent in doc.sents:
            start = line.start() + sent.start_char
            end = line.start() + sent.end_char
            while end > start and text[end - 1].isspace():
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            if end > start:
                spans.append((start, end))
    return spans


def make_template(source: SourceText, split: str, labeller: str, part: str | None = None) -> dict[str, Any]:
    """One article to label: every sentence with its text and no events yet."""
    offsets = sentence_offsets(source.text)
    pages = source.key.startswith("pages:")
    return {
        "key": source.key,
        "split": split,
        "part": part,
        "scope": "sentences" if pages else "article",
        "of": len(offsets),
        "published": source.published.isoformat() if source.published else None,
        "title": source.title,
        "url": source.url,
        "outlet": source.outlet,
        "labeller": labeller,
        "labelled_on": date.today().isoformat(),
        "sentences": [{"start": s, "end": e, "text": source.text[s:e], "events": []} for s, e in offsets],
        "quotes": [],
    }


def strip_shared_text(article: dict[str, Any]) -> dict[str, Any]:
    """A shared set's sentences keep only their offsets: the text stays where it lives."""
    if str(article.get("key", "")).startswith(("pages:", "own:")):
        return article  # a page keeps its labelled sentences; our own sentences are ours to keep
    kept = dict(article)
    kept.pop("title", None)
    kept["sentences"] = [{k: v for k, v in s.items() if k != "text"} for s in article["sentences"]]
    kept["quotes"] = [{k: v for k, v in q.items() if k not in ("text", "speaker_text")} for q in article.get("quotes", [])]
    return kept


def locate_quotes(article: dict[str, Any], source_text: str | None) -> dict[str, Any]:
    """Quotes labelled by their words get offsets: the n-th occurrence (`occurrence`, default 1)
    of `text` in the source, and of `speaker_text` after the quote's sentence start when given."""
    if source_text is None or not article.get("quotes"):
        return article
    located = []
    for quote in article["quotes"]:
        quote = dict(quote)
        words = quote.get("text")
        if isinstance(words, str) and not isinstance(quote.get("start"), int):
            at, seen = -1, 0
            while seen < int(quote.get("occurrence", 1)):
                at = source_text.find(words, at + 1)
                if at < 0:
                    break
                seen += 1
            if at >= 0:
                quote["start"], quote["end"] = at, at + len(words)
        speaker = quote.get("speaker_text")
        if isinstance(speaker, str) and isinstance(quote.get("start"), int) and not isinstance(quote.get("speaker_start"), int):
            window_start = max(0, source_text.rfind("\n", 0, quote["start"]) + 1)
            at = source_text.find(speaker, window_start)
            if at >= 0:
                quote["speaker_start"], quote["speaker_end"] = at, at + len(speaker)
        located.append(quote)
    return {**article, "quotes": located}
