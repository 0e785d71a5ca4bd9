"""The article coder: `Article` in, `Analysis` out, in input order, rejections included.

This is the per-article function the CLI, the store and the batch runners all call. Every
article is coded under a time limit (`limits.py`): a batch is coded together, as fast as spaCy
allows; when it overruns the limit of its largest article, each of its articles is coded again
alone under its own limit, and the one that overruns becomes `Rejection(reason="time_limit")`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from .document import MAX_BYTES, build_document
from .errors import RejectReason
from .limits import TIME_LIMIT, Deadline, TimeLimitExceeded, article_limit, hard_limit
from .records import Analysis, Article, Document, Rejection, replace

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


WARM_UP = "Gunmen attacked a police post near Quetta on Monday, killing two officers, a spokesman said on Tuesday."


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
        time_limit: float | None = TIME_LIMIT,
    ) -> None:
        self.published = published  # overrides an article's own date when given
        # one event per incident (the analyst's view); False keeps one event per trigger and per pair
        # of sides, as sentence-level gold sets (PETRARCH's unit records, PLOVER's) code them
        self.fold = fold
        self.max_bytes = max_bytes
        self.batch_size = batch_size
        self.time_limit = time_limit  # seconds per article of up to 200 kB (more in proportion); None: no limit
        self._nlp: Language | None = nlp  # a custom pipeline (e.g. other dictionaries); default: build_pipeline()
        self._warm = False

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

    def _limit(self, item: Article | Rejection) -> float | None:
        return article_limit(len(item.raw) if isinstance(item, Article) else 0, self.time_limit)

    def _code_batch(self, items: list[Article | Rejection]) -> list[Analysis]:
        """The batch together within its largest article's limit; else each article alone within its own."""
        self._warm_up()
        budget = max((self._limit(item) or 0.0 for item in items), default=0.0) or None
        try:
            with hard_limit(budget):
                return self._code_together(items, Deadline(budget))
        except TimeLimitExceeded:
            if len(items) == 1:
                return [self._over_time(items[0], budget)]
        return [self._code_alone(item) for item in items]

    def _warm_up(self) -> None:
        """Load the pipeline and what its steps load on first use, outside any time limit: the
        limit is for coding an article, not for reading models and dictionaries off a slow disk."""
        if not self._warm:
            from .sources import article_from_bytes

            self._code_together([article_from_bytes(WARM_UP.encode("utf-8"), id="warm-up")], Deadline(None))
            self._warm = True

    def _code_alone(self, item: Article | Rejection) -> Analysis:
        seconds = self._limit(item)
        try:
            with hard_limit(seconds):
                return self._code_together([item], Deadline(seconds))[0]
        except TimeLimitExceeded:
            return self._over_time(item, seconds)

    def _over_time(self, item: Article | Rejection, seconds: float | None) -> Analysis:
        rejection = Rejection(
            reason=RejectReason.TIME_LIMIT.value,
            message=f"Coding the input took longer than its time limit of {seconds or 0:g} s and was stopped; "
                    "raise the limit with --time-limit if the machine is only slow.",
            document_id=getattr(item, "id", None) or getattr(item, "document_id", None),
            origin=item.origin,
        )
        return Analysis.rejected(_placeholder_document(item), rejection, self.version)

    def _code_together(self, items: list[Article | Rejection], deadline: Deadline) -> list[Analysis]:
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
            deadline.check()
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
        for (index, document), doc in zip(pending, self._pipe(docs, deadline)):
            results[index] = doc_to_analysis(doc, document, version, fold=self.fold)
            deadline.check()
        return [r for r in results if r is not None]

    def _pipe(self, docs: list["Doc"], deadline: Deadline) -> Iterator["Doc"]:
        """`nlp.pipe`, batched the same way, with the deadline checked as each doc leaves each step."""
        stream: Iterator[Doc] = iter(docs)
        for _, step in self.nlp.pipeline:
            if hasattr(step, "pipe"):
                stream = step.pipe(stream, batch_size=self.batch_size)
            else:
                stream = map(step, stream)
            stream = _checked(stream, deadline)
        return stream


def _checked(docs: Iterator["Doc"], deadline: Deadline) -> Iterator["Doc"]:
    for doc in docs:
        deadline.check()
        yield doc
