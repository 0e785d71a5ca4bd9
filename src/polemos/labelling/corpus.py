"""Labelled articles as polemos reads them: the text it is given and the gold sentences in it.

One reader for training and for the blind dev set, so both give polemos exactly the same text:
a shared set's article is its text read in place; a stored page or our own sentences are their
kept sentences, one per line, in order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .texts import read_source

REPO_LABELS = Path(__file__).resolve().parents[3] / "labels" / "events"


@dataclass(slots=True)
class LabelledArticle:
    key: str
    split: str
    part: str
    text: str  # the text polemos is given
    sentences: list[tuple[int, int]]  # gold sentence offsets into `text`
    labels: dict[str, Any]
    published: date | None


def label_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl")) if folder.exists() else []


def read_labelled(paths: Iterable[Path], data: Path) -> list[LabelledArticle]:
    articles: list[LabelledArticle] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                articles.append(labelled_article(json.loads(line), data))
    return articles


def labelled_article(row: dict[str, Any], data: Path) -> LabelledArticle:
    key = row["key"]
    published = date.fromisoformat(row["published"]) if row.get("published") else None
    if key.startswith(("pages:", "own:")):
        pieces, spans, at = [], [], 0
        for sentence in row["sentences"]:
            pieces.append(sentence["text"])
            spans.append((at, at + len(sentence["text"])))
            at += len(sentence["text"]) + 1
        text = "\n".join(pieces)
    else:
        text = read_source(key, data).text
        spans = [(s["start"], s["end"]) for s in row["sentences"]]
    part = str(row.get("part") or ("B" if key.startswith("pages:") else "A"))
    return LabelledArticle(key, str(row.get("split")), part, text, spans, row, published)


def sentence_at(spans: list[tuple[int, int]], offset: int | None) -> int | None:
    """The gold sentence holding a source offset (the last one starting before it, between sentences)."""
    if offset is None:
        return None
    for index, (start, end) in enumerate(spans):
        if start <= offset < end:
            return index
    nearest = [i for i, (s, _) in enumerate(spans) if s <= offset]
    return nearest[-1] if nearest else None
