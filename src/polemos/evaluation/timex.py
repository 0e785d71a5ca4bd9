"""TIMEX3 DATE expressions in real news: does `dates[]` find every one, with its TIMEX3 value?

The gold set is tests/gold/timex/ (ids, character offsets and values only: the texts stay in the
shared folder and are read there in place). Its README says how the articles were drawn and
labelled; `blind/` was labelled and measured once before any rule was written for it and is never
tuned on, `fresh/` is a second blind part labelled after development, `train/` is the part rules
are developed on. Each part is reported apart, its figures named `<part>_<figure>`.
"""

from __future__ import annotations

import difflib
import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import DateMention

NAME = "timex"
SOURCES = ("gwn", "trnews", "lgl", "wikinews")
_FILES = {
    "gwn": Path("external") / "geowebnews" / "GWN.xml",
    "trnews": Path("external") / "geowebnews" / "TR-News.xml",
    "lgl": Path("external") / "lgl_geovirus" / "lgl.xml",
    "wikinews": Path("external") / "semeval2015_task4_timeml",
}
_MONTHS = {m: n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


@dataclass(frozen=True, slots=True)
class Source:
    """One article of a shared corpus: its id there, its text as the corpus gives it, its DCT."""

    source: str
    id: str
    text: str
    created: date | None


def url_date(url: str) -> date | None:
    """The day an article's address names: …/2018/04/05/…, …/2018-04-06-…, …/20090320/…."""
    for pattern in (r"(?<!\d)(20\d\d|19\d\d)[/-](\d\d)[/-](\d\d)(?!\d)", r"/(20\d\d)(\d\d)(\d\d)/"):
        m = re.search(pattern, url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def stamp_date(stamp: str) -> date | None:
    """The day of a download stamp as the corpora write it: 2009-03-20 12:24…, 'Dec 15, 2016 9:07 AM
    ET', '7:58 AM ET, Sat January 3, 2015', '15 December 2016'."""
    stamp = stamp.strip()
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", stamp)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"\b([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})", stamp)
    if m and m.group(1).lower() in _MONTHS:
        return date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    m = re.search(r"\b(\d{1,2}) ([A-Z][a-z]{2})[a-z]* (\d{4})", stamp)
    if m and m.group(2).lower() in _MONTHS:
        return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    return None


def read_source(data: Path, source: str) -> Iterator[Source]:
    """Every article of one shared corpus, with the DCT it can be given (None when none)."""
    path = Path(data) / _FILES[source]
    if source == "wikinews":
        yield from _wikinews(path)
        return
    if not path.exists():
        return
    for article in ET.parse(path).getroot():
        text = article.findtext("text") or ""
        url = (article.findtext("link") or article.findtext("url") or "").strip()
        created = url_date(url)
        if created is None and source != "gwn":
            created = stamp_date(article.findtext("dltime") or "")
        yield Source(source, article.get("file") or article.get("docid") or "", text, created)


def _wikinews(folder: Path) -> Iterator[Source]:
    from .timeml import read_article

    for path in sorted(folder.glob("corpus_*/corpus_trackB_TimeML/*.tml")):
        article = read_article(path)
        text = "\n".join(" ".join(tokens) for tokens in article.sentences)
        yield Source("wikinews", article.id, text, article.created)


# -- measuring -----------------------------------------------------------------------------------

GOLD = Path(__file__).resolve().parents[3] / "tests" / "gold" / "timex"
PARTS = ("blind", "fresh", "train")


def timex_of(mention: "DateMention") -> str:
    """The TIMEX3 value polemos gives a mention (read from its `value` when it carries none)."""
    value = getattr(mention, "timex", None)
    if value:
        return value
    return mention.value[:3] if mention.precision == "decade" else mention.value


def type_of(mention: "DateMention") -> str:
    return getattr(mention, "type", None) or "DATE"


def aligned(clean: str, source: str) -> Callable[[int], int | None]:
    """Where a character of the coder's clean text sits in the source text (whitespace is
    normalised and a dateline, a byline or a caption line may be gone): matching blocks of the two."""
    matcher = difflib.SequenceMatcher(None, clean, source, autojunk=False)
    starts: list[tuple[int, int, int]] = [(a, b, size) for a, b, size in matcher.get_matching_blocks() if size]

    def where(offset: int) -> int | None:
        for a, b, size in starts:
            if a <= offset < a + size:
                return b + offset - a
        return None

    return where


class _Tally:
    def __init__(self) -> None:
        self.gold = self.found = self.right = self.ours = self.ours_ok = 0
        self.articles = 0
        self.misses: list[Miss] = []

    def article(self, item: dict[str, Any], text: str, mentions: list[tuple[int, int, "DateMention"]]) -> None:
        self.articles += 1
        label = f"{item['source']}:{item['id']}"
        spans = [(g["start"], g["end"]) for g in item["dates"]]
        for gold in item["dates"]:
            self.gold += 1
            span = (gold["start"], gold["end"])
            shown = f"{text[span[0]:span[1]]!r} {gold['timex']}"
            around = _around(text, span)
            covering = [(s, e, m) for s, e, m in mentions if min(e, span[1]) > max(s, span[0])]
            if not covering:
                self.misses.append(Miss("not found", around, shown, "-", label))
                continue
            self.found += 1
            ours = [_value_at(s, e, m, span) for s, e, m in covering]
            if gold["timex"] in ours:
                self.right += 1
            else:
                self.misses.append(Miss("wrong value", around, shown, " | ".join(
                    f"{m.text!r} {v}" for (_, _, m), v in zip(covering, ours)), label))
        for start, end, mention in mentions:
            if type_of(mention) != "DATE":
                continue
            self.ours += 1
            if any(min(end, e) > max(start, s) for s, e in spans):
                self.ours_ok += 1
            else:
                self.misses.append(Miss("spurious", _around(text, (start, end)), "-", f"{mention.text!r} {timex_of(mention)}", label))

    def figures(self) -> tuple[Figure, ...]:
        return (
            Figure("found", _share(self.found, self.gold), self.gold),
            Figure("value_right_of_found", _share(self.right, self.found), self.found),
            Figure("found_and_right", _share(self.right, self.gold), self.gold),
            Figure("precision", _share(self.ours_ok, self.ours), self.ours),
        )


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _value_at(start: int, end: int, mention: "DateMention", span: tuple[int, int]) -> str:
    """A range ("from 2010 to 2015", "2018-2023") is one mention: a gold expression inside its
    second half is compared with the range's end."""
    if mention.end_value and span[0] > start and span[0] >= (start + end) / 2:
        return mention.end_value
    return timex_of(mention)


def _around(text: str, span: tuple[int, int]) -> str:
    return " ".join(text[max(0, span[0] - 80): span[1] + 40].split())


def _items(folder: Path) -> list[dict[str, Any]]:
    items = []
    for path in sorted(folder.glob("*.jsonl")):
        items += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items


def _measure(items: list[dict[str, Any]], texts: dict[tuple[str, str], str], coder: "Coder") -> _Tally:
    tally = _Tally()
    for item in items:
        text = texts[(item["source"], item["id"])]
        analysis = coder.code_text(text, published=date.fromisoformat(item["dct"]), id=f"{item['source']}-{item['id']}")
        where = aligned(analysis.document.text, text)
        mentions = []
        for mention in analysis.dates:
            start, last = where(mention.start), where(mention.end - 1)
            if start is not None and last is not None:
                mentions.append((start, last + 1, mention))
        tally.article(item, text, mentions)
    return tally


def evaluate(data: Path, coder: "Coder", limit: int | None = None) -> SetResult:
    started = time.perf_counter()
    parts = [(name, _items(GOLD / name)) for name in PARTS if (GOLD / name).is_dir()]
    wanted = {item["source"] for _, items in parts for item in items}
    texts = {(a.source, a.id): a.text for source in sorted(wanted) for a in read_source(data, source)}
    missing = [f"{i['source']}:{i['id']}" for _, items in parts for i in items if (i["source"], i["id"]) not in texts]
    if not parts or missing:
        return SetResult.skip(NAME, Path(data) / "external", f"articles absent: {', '.join(missing[:5])}" if missing else None)
    figures: list[Figure] = []
    misses: list[Miss] = []
    notes: list[str] = []
    for name, items in parts:
        tally = _measure(items[:limit] if limit else items, texts, coder)
        figures += [replace(f, name=f"{name}_{f.name}") for f in tally.figures()]
        misses += [replace(m, kind=f"{name}: {m.kind}") for m in tally.misses]
        notes.append(f"part {name}: {tally.articles} articles, {tally.gold} gold DATE expressions, {tally.ours} of ours typed DATE")
    notes.append("A gold expression is found when a mention of `dates[]` overlaps it; its value is right when the mention's TIMEX3 value equals the gold's.")
    return SetResult(NAME, str(GOLD), tuple(figures), tuple(misses), None, time.perf_counter() - started, tuple(notes))
