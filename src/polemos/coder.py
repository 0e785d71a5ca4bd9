"""The article coder: `Article` in, `Analysis` out, in input order, rejections included.

This is the per-article function the CLI, the store and the batch runners all call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from .document import MAX_BYTES, build_document
from .records import Analysis, Article, Document, Rejection, replace

if TYPE_CHECKING:
    from spacy.language import Language


def _placeholder_document(item: Article | Rejection) -> Document:
    if isinstance(item, Article):
        return Document(id=item.id, text="", title=item.title, published=item.published, url=item.url, outlet=item.outlet)
    return Document(id=item.document_id or item.origin or "unknown", text="")


class Coder:
    """Holds the spaCy pipeline (loaded once) and codes articles in batches."""

    def __init__(
        self,
        *,
        published: date | None = None,
        max_bytes: int = MAX_BYTES,
        batch_size: int = 16,
        nlp: "Language | None" = None,
        fold: bool = True,
    ) -> None:
        self.published = published  # overrides an article's own date when given
        # one event per incident (the analyst's view); False keeps one event per trigger and per pair
        # of sides, as sentence-level gold sets (PETRARCH's unit records, PLOVER's) code them
        self.fold = fold
        self.max_bytes = max_bytes
        self.batch_size = batch_size
        self._nlp: Language | None = nlp  # a custom pipeline (e.g. other dictionaries); default: build_pipeline()

    @property
    def nlp(self) -> "Language":
        if self._nlp is None:
            from .nlp import build_pipeline

            self._nlp = build_pipeline()
        return self._nlp

    @property
    def version(self) -> str:
        from .nlp import pipeline_version

        return pipeline_version(self.nlp)

    def code(self, item: Article | Rejection) -> Analysis:
        return next(iter(self.code_many([item])))

    def code_text(self, text: str, *, published: date | None = None, id: str = "text") -> Analysis:
        from .sources import article_from_bytes

        return self.code(article_from_bytes(text.encode("utf-8"), id=id, kind="text", published=published))

    def code_many(self, items: Iterable[Article | Rejection]) -> Iterator[Analysis]:
        """Analyses in input order; a rejected input yields an Analysis with `rejection` set."""
        batch: list[Article | Rejection] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, items: list[Article | Rejection]) -> list[Analysis]:
        from .nlp import doc_to_analysis

        nlp = self.nlp
        version = self.version
        results: list[Analysis | None] = [None] * len(items)
        pending: list[tuple[int, Document]] = []
        for index, item in enumerate(items):
            if isinstance(item, Rejection):
                results[index] = Analysis.rejected(_placeholder_document(item), item, version)
                continue
            built = build_document(item, max_bytes=self.max_bytes)
            if isinstance(built, Rejection):
                results[index] = Analysis.rejected(_placeholder_document(item), built, version)
                continue
            if self.published is not None:
                built = replace(built, published=self.published)
            pending.append((index, built))
        docs = []
        for _, document in pending:
            doc = nlp.make_doc(document.text)
            doc._.published = document.published
            doc._.dateline = document.dateline
            doc._.document_id = document.id
            docs.append(doc)
        for (index, document), doc in zip(pending, nlp.pipe(docs, batch_size=self.batch_size)):
            results[index] = doc_to_analysis(doc, document, version, fold=self.fold)
        return [r for r in results if r is not None]
