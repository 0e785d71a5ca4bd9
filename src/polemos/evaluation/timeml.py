"""SemEval-2015 Task 4 (TimeLine, track B): does polemos date events the way the gold timelines do?

Reads ../shared/data/external/semeval2015_task4_timeml/corpus_*/ in place: 90 WikiNews articles in
TimeML (a creation date, tokenised sentences, EVENT tags) and gold timelines that anchor event
mentions ("docid-sentence-word") to dates such as 2005-01-18, 2005-01-XX (month) or 2005-XX-XX
(year). The TimeML files carry no TIMEX3 but the creation date, so date-expression normalisation is
measured on the one gold expression each article has: its date line ("February 17 , 2005").

Figures:
- dateline_normalisation: our value for the date line equals the creation date;
- anchoring_accuracy: for every gold mention with a date, the date polemos' attachment rule
  (`polemos.nlp.when.date_of`) gives the word, compared at the gold's precision (ours must be at
  least as fine); `dct_baseline_accuracy` is the same score when every event takes the creation date;
- event_coverage / event_anchoring_accuracy: the share of gold mentions one of our PLOVER events
  has as trigger, and how often that event's own date is right; event_dated: the share of all gold
  mentions that one of our events has as trigger with the right date (it does not move when more
  events are coded, as event_anchoring_accuracy's population does).
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder

NAME = "timeml"
FOLDER = Path("external") / "semeval2015_task4_timeml"


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    created: date
    sentences: tuple[tuple[str, ...], ...]  # tokens per sentence, by sentence id
    title: str


@dataclass(frozen=True, slots=True)
class Anchor:
    doc: str
    sentence: int
    word: str  # underscores join multiword mentions
    value: str  # gold date: YYYY-MM-DD, YYYY-MM-XX, YYYY-XX-XX


def read_article(path: Path) -> Article:
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or path.stem.split("_")[0]).strip()
    dct = root.find("DCT/TIMEX3")
    created = _creation_date((dct.get("value") if dct is not None else "") or "")
    sentences: dict[int, tuple[str, ...]] = {}
    text = root.find("TEXT")
    for s in text.iter("s") if text is not None else []:
        sentences[int(s.get("id", len(sentences)))] = tuple("".join(s.itertext()).split())
    ordered = tuple(sentences.get(i, ()) for i in range(max(sentences) + 1)) if sentences else ()
    return Article(doc_id, created, ordered, root.findtext("EXTRAINFO") or "")


def _creation_date(value: str) -> date:
    """ISO, or the one file written DD-MM-YYYY."""
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value.strip())
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return date.fromisoformat(value.strip()[:10])


def read_timelines(folder: Path) -> list[Anchor]:
    """Gold anchors with a known date, one per mention (mentions repeat across entities)."""
    seen: dict[tuple[str, int, str], Anchor] = {}
    for path in sorted(folder.glob("corpus_*/TimeLines_Gold_Standard/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            if len(cells) < 3 or cells[1].startswith("XXXX"):
                continue
            value = _normal_gold(cells[1])
            for mention in cells[2:]:
                m = re.fullmatch(r"(\d+)-(\d+)-(.+)", mention.strip())
                if m:
                    key = (m.group(1), int(m.group(2)), m.group(3))
                    seen.setdefault(key, Anchor(key[0], key[1], key[2], value))
    return list(seen.values())


def _normal_gold(value: str) -> str:
    parts = (value.split("-") + ["XX", "XX"])[:3]
    return "-".join(parts)


def _precision(gold: str) -> str:
    return "year" if gold[5:7] == "XX" else "month" if gold[8:10] == "XX" else "day"


def agrees(gold: str, ours: str | None, ours_precision: str | None) -> bool:
    """Ours matches the gold at the gold's precision and is at least as fine."""
    if not ours or not ours_precision:
        return False
    need = _precision(gold)
    rank = {"day": 3, "week": 2, "month": 1, "year": 0, "decade": -1, "century": -2}
    if rank.get(ours_precision, -1) < rank[need] or (ours_precision == "week" and need == "day"):
        return False
    if ours_precision == "week":
        year, week = int(ours[:4]), int(ours[6:8])
        ours = date.fromisocalendar(year, week, 4).isoformat()  # the Thursday names the week's month
    width = {"year": 4, "month": 7, "day": 10}[need]
    return ours[:width] == gold[:width]


def evaluate(data: Path, coder: "Coder", limit: int | None = None) -> SetResult:
    folder = Path(data) / FOLDER
    files = sorted(folder.glob("corpus_*/corpus_trackB_TimeML/*.tml"))
    if not files:
        return SetResult.skip(NAME, folder)
    started = time.perf_counter()
    from ..nlp.when import date_of

    articles = [read_article(p) for p in files]
    if limit:
        articles = articles[:limit]
    by_id = {a.id: a for a in articles}
    anchors = [a for a in read_timelines(folder) if a.doc in by_id]
    nlp = coder.nlp
    texts = {a.id: "\n".join(" ".join(tokens) for tokens in a.sentences) for a in articles}
    docs = {}
    for article in articles:
        doc = nlp.make_doc(texts[article.id])
        doc._.published = article.created
        doc._.document_id = article.id
        docs[article.id] = doc
    docs = dict(zip(docs, nlp.pipe(docs.values())))

    dateline_ok = dateline_n = 0
    misses: list[Miss] = []
    for article in articles:
        if len(article.sentences) < 2:
            continue
        line_start = len(" ".join(article.sentences[0])) + 1
        line_end = line_start + len(" ".join(article.sentences[1]))
        found = [d for d in docs[article.id]._.dates if d.start >= line_start and d.end <= line_end]
        dateline_n += 1
        if found and found[0].value == article.created.isoformat():
            dateline_ok += 1
        else:
            line = " ".join(article.sentences[1])
            misses.append(Miss("date line", line, article.created.isoformat(), found[0].value if found else "-", article.id))

    ok = base_ok = covered = covered_ok = n = 0
    for anchor in anchors:
        article, doc = by_id[anchor.doc], docs[anchor.doc]
        token = _token(doc, article, anchor)
        if token is None:
            continue
        n += 1
        ours = date_of(doc, token)
        sentence = " ".join(article.sentences[anchor.sentence])
        if ours is not None and agrees(anchor.value, ours.value, ours.precision):
            ok += 1
        else:
            kind = "no date in text" if ours is None or ours.source == "published" else "wrong date"
            shown = f"{ours.value} ({ours.source}: {ours.text})" if ours else "-"
            misses.append(Miss(kind, sentence, f"{anchor.word}: {anchor.value}", shown, f"{anchor.doc}-{anchor.sentence}"))
        if agrees(anchor.value, article.created.isoformat(), "day"):
            base_ok += 1
        event = _event_at(doc, token)
        if event is not None:
            covered += 1
            dated = (doc._.event_dates or {}).get(event.id)
            if dated is not None and agrees(anchor.value, dated.value, dated.precision):
                covered_ok += 1
    figures = (
        Figure("dateline_normalisation", dateline_ok / dateline_n if dateline_n else 0.0, dateline_n),
        Figure("anchoring_accuracy", ok / n if n else 0.0, n),
        Figure("dct_baseline_accuracy", base_ok / n if n else 0.0, n),
        Figure("event_coverage", covered / n if n else 0.0, n),
        Figure("event_anchoring_accuracy", covered_ok / covered if covered else 0.0, covered),
        Figure("event_dated", covered_ok / n if n else 0.0, n),
    )
    notes = (
        "The .tml files hold only the creation-date TIMEX3, so date normalisation is measured on each article's date line.",
        "Gold mentions dated XXXX-XX-XX (no date) are left out; gold month/year dates are compared at their precision.",
    )
    return SetResult(NAME, str(folder), figures, tuple(misses), None, time.perf_counter() - started, notes)


def _token(doc, article: Article, anchor: Anchor):
    """The token of a gold mention: the first word of the sentence that matches it."""
    if anchor.sentence >= len(article.sentences):
        return None
    offset = sum(len(" ".join(s)) + 1 for s in article.sentences[: anchor.sentence])
    tokens = article.sentences[anchor.sentence]
    first = anchor.word.split("_")[0]
    position = offset
    for word in tokens:
        if word == first:
            span = doc.char_span(position, position + len(word), alignment_mode="expand")
            return span.root if span is not None else None
        position += len(word) + 1
    return None


def _event_at(doc, token):
    for event in doc._.events or []:
        if event.trigger.start <= token.idx < event.trigger.end:
            return event
    return None
