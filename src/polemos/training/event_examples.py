"""Training examples for the event judge: every event the trigger rules propose on a labelled
text, with the gold answer for it.

Each labelled article is coded exactly as at run time (build_document, then the pipeline up to
polemos_events), each proposed event is placed in the gold sentences through the clean-to-source
offset map, and matched to a gold mention: first one whose trigger words overlap its trigger,
then one of the same root in the same sentence. Unmatched proposals are "NONE" (not an event).
Gold mentions no proposal reached are counted: they are the recall the rules leave to find.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..labelling.corpus import LabelledArticle, sentence_at
from ..ontology import LIVE

NONE = "NONE"
# The judge learns from everything the pipeline proposes and attaches before it decides; it is the one
# step left out, so that out-of-fold verdicts can be folded and scored like a run's.
JUDGE_EXCLUDES = ("polemos_factuality",)


@dataclass(slots=True)
class ArticleRun:
    """One labelled article as the pipeline coded it before the judge: enough to apply any
    verdicts, fold and score it again without re-running the pipeline."""

    article: LabelledArticle
    clean_text: str
    events: list  # the proposals with their attributes, in the order of their feature rows
    tied: set
    rows: tuple[int, int]  # this article's rows in Examples


@dataclass(slots=True)
class Examples:
    rows: list[np.ndarray] = field(default_factory=list)
    root: list[str] = field(default_factory=list)  # gold root or NONE
    factuality: list[str] = field(default_factory=list)  # gold factuality ('' for NONE)
    acled: list[str] = field(default_factory=list)  # gold sub-type or NONE
    rule_root: list[str] = field(default_factory=list)  # the root the trigger rules gave
    incident: list[str] = field(default_factory=list)  # "article|incident" or ''
    live_incident: list[bool] = field(default_factory=list)
    group: list[str] = field(default_factory=list)  # article key, for grouped folds
    gold_live: dict[str, int] = field(default_factory=dict)  # article -> live gold incidents
    unreached: int = 0  # gold live mentions no proposal matched
    runs: list[ArticleRun] = field(default_factory=list)

    def matrix(self) -> np.ndarray:
        return np.vstack(self.rows) if self.rows else np.zeros((0, 0), np.float32)


def _gold_spans(article: LabelledArticle, index: int) -> list[tuple[int, int, dict]]:
    """(start, end, event) in source offsets for the gold mentions of one sentence."""
    start, end = article.sentences[index]
    text = article.text[start:end].lower()
    found = []
    for event in article.labels["sentences"][index].get("events", []):
        words = str(event.get("trigger", "")).lower()
        at = text.find(words) if words else -1
        found.append((start + at, start + at + len(words), event) if at >= 0 else (start, end, event))
    return found


def article_examples(article: LabelledArticle, analysis_doc, document_text: str, judged_rows: np.ndarray,
                     events: Sequence, examples: Examples) -> None:
    """Append one example per proposed event of one article."""
    from ..evaluation.alignment import OffsetMap

    offsets = OffsetMap(document_text, article.text)
    taken: set[int] = set()
    gold_by_sentence = {i: _gold_spans(article, i) for i in range(len(article.sentences))}
    incidents = {str(e["incident"]): False for s in article.labels["sentences"] for e in s.get("events", [])}
    for s in article.labels["sentences"]:
        for e in s.get("events", []):
            if e.get("factuality") == LIVE:
                incidents[str(e["incident"])] = True
    examples.gold_live[article.key] = sum(incidents.values())
    for row, event in zip(judged_rows, events):
        source_start = offsets.source_offset(event.trigger.start)
        source_end = offsets.source_offset(max(event.trigger.start, event.trigger.end - 1))
        index = sentence_at(article.sentences, source_start)
        best = None
        if index is not None and source_start is not None:
            end = (source_end + 1) if source_end is not None else source_start + 1
            spans = gold_by_sentence[index]
            overlapping = [k for k, (s, e, _) in enumerate(spans) if s < end and source_start < e and (index, k) not in taken]
            same_root = [k for k, (_, _, g) in enumerate(spans) if g["type"] == event.type and (index, k) not in taken]
            ranked = sorted(overlapping, key=lambda k: spans[k][2]["type"] != event.type) or same_root
            best = (index, ranked[0]) if ranked else None
        examples.rows.append(row)
        examples.rule_root.append(event.type)
        examples.group.append(article.key)
        if best is None:
            examples.root.append(NONE)
            examples.factuality.append("")
            examples.acled.append(NONE)
            examples.incident.append("")
            examples.live_incident.append(False)
            continue
        taken.add(best)
        gold = gold_by_sentence[best[0]][best[1]][2]
        examples.root.append(str(gold["type"]))
        examples.factuality.append(str(gold["factuality"]))
        examples.acled.append(str(gold.get("acled") or NONE))
        examples.incident.append(f"{article.key}|{gold['incident']}")
        examples.live_incident.append(incidents.get(str(gold["incident"]), False))
    for index, spans in gold_by_sentence.items():
        examples.unreached += sum(1 for k, (_, _, g) in enumerate(spans) if (index, k) not in taken and g.get("factuality") == LIVE)


def build_examples(articles: Sequence[LabelledArticle], progress: bool = False) -> Examples:
    """Code every labelled article up to the judge and gather its examples."""
    from ..document import build_document
    from ..nlp import build_pipeline
    from ..nlp.assembly import attributed_events
    from ..nlp.embedding import embedder
    from ..nlp.event_features import candidates_of, featurize
    from ..nlp.folding import tied_triggers
    from ..records import Document
    from ..sources import article_from_bytes

    nlp = build_pipeline(exclude=JUDGE_EXCLUDES)
    examples = Examples()
    for number, article in enumerate(articles):
        built = build_document(article_from_bytes(article.text.encode("utf-8"), id=article.key, kind="text",
                                                  published=article.published))
        if not isinstance(built, Document):
            continue
        doc = nlp.make_doc(built.text)
        doc._.published = built.published
        doc._.dateline = built.dateline
        doc._.document_id = built.id
        doc = nlp(doc)
        candidates = candidates_of(doc, list(doc._.events or []))
        rows = featurize(doc, candidates, embedder()) if candidates else np.zeros((0, 1), np.float32)
        first = len(examples.rows)
        article_examples(article, doc, built.text, rows, [c.event for c in candidates], examples)
        attributed = {e.id: e for e in attributed_events(doc)}
        events = [attributed[c.event.id] for c in candidates]
        examples.runs.append(ArticleRun(article, built.text, events, tied_triggers(doc, events), (first, len(examples.rows))))
        if progress and number % 25 == 0:
            print(f"  coded {number + 1}/{len(articles)} labelled articles", flush=True)
    return examples
