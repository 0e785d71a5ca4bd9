"""Who said what, measured on PolNeAR's train split (US political news, 2016), read in place.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) marks every attribution of an article as a Source
(who), a Cue (the reporting words) and a Content (what was said, quoted or paraphrased), in BRAT
standoff files beside the texts. Only the train split is on this machine (its dev and test splits
are held back and measured elsewhere). polemos holds out a fifth of it: an article belongs to the
held-out part when a stable hash of its file name says so (`part_of`), and the attribution tagger
is trained on the rest only (polemos.training.attribution). Both parts are measured here, so that
over-fitting shows as a gap between them; the match rules are written out in docs/benchmarks.md.

Offsets: polemos codes the article's clean text (blank lines and the dateline taken off), so its
offsets are carried back to the raw file's through a character alignment (`Alignment`).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Analysis, Speaker

FOLDER = Path("external") / "polnear_train"
HELD_OUT_PERCENT = 20  # a fifth of the articles, by hash of the file name
DIRECT_SHARE = 0.5  # a content is a direct quote when at least half its letters are inside quotation marks
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me"})
Spans = tuple[tuple[int, int], ...]

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_EVENT = re.compile(r"^(E\d+)\t(.+)$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution: character spans (possibly broken in pieces) into the raw text."""

    id: str
    source: Spans
    cue: Spans
    content: Spans


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def part_of(name: str) -> str:
    """"held-out" or "train": fixed by the file name alone, so every run and machine agrees."""
    bucket = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "held-out" if bucket < HELD_OUT_PERCENT else "train"


def _spans(written: str) -> Spans:
    return tuple((int(a), int(b)) for a, b in (piece.split() for piece in written.split(";")))


def read_annotations(text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one .ann file (a text-bound line may run over several lines: only the
    first line of each is read, the offsets are all it needs)."""
    bounds: dict[str, tuple[str, Spans]] = {}
    events: list[tuple[str, str]] = []
    for line in text.splitlines():
        found = _TEXT_BOUND.match(line)
        if found:
            bounds[found.group(1)] = (found.group(2), _spans(found.group(3)))
            continue
        event = _EVENT.match(line)
        if event:
            events.append((event.group(1), event.group(2)))
    out: list[GoldAttribution] = []
    for eid, arguments in events:
        roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for argument in arguments.split():
            role, _, target = argument.partition(":")
            role = "Content" if role.startswith("Content") else role
            if role in roles and target in bounds:
                roles[role].extend(bounds[target][1])
        if roles["Cue"] or roles["Content"]:
            out.append(GoldAttribution(eid, tuple(roles["Source"]), tuple(roles["Cue"]), tuple(sorted(roles["Content"]))))
    return tuple(out)


def articles(folder: Path, part: str | None = None) -> Iterator[GoldArticle]:
    """The corpus's articles in file-name order, each once (a text annotated twice: its first file)."""
    seen: set[str] = set()
    for path in sorted((folder / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        if name in seen:
            continue
        seen.add(name)
        if part is not None and part_of(name) != part:
            continue
        source = folder / "text" / f"{name}.txt"
        if not source.is_file():
            continue
        yield GoldArticle(name, source.read_text(encoding="utf-8"), read_annotations(path.read_text(encoding="utf-8")))


def quoted_mask(text: str) -> bytearray:
    """1 for every character inside quotation marks, read paragraph by paragraph (a paragraph that
    opens a quote without closing it stays inside to its end: the wire's running quote)."""
    mask = bytearray(len(text))
    inside = False
    for i, ch in enumerate(text):
        if ch == "\n":
            inside = False
        elif ch == "\u201c":
            inside = True
        elif ch == "\u201d":
            inside = False
        elif ch == '"':
            inside = not inside
        elif inside:
            mask[i] = 1
    return mask


def is_direct(spans: Spans, text: str, mask: bytearray) -> bool:
    letters = inside = 0
    for start, end in spans:
        for i in range(start, min(end, len(text))):
            if text[i].isalnum():
                letters += 1
                inside += mask[i]
    return letters > 0 and inside >= DIRECT_SHARE * letters


class Alignment:
    """Clean-text offsets carried to the raw file's and back. The clean text is the raw one line by
    line (stripped, blank lines and captions dropped, the dateline cut off the front), so each clean
    line is found in the raw text after the previous one; a line the clean-up changed inside (spaces
    collapsed, Unicode normalised) is aligned character by character by difflib."""

    def __init__(self, clean: str, raw: str) -> None:
        self.to_raw = [-1] * (len(clean) + 1)
        self.to_clean = [-1] * (len(raw) + 1)
        at, position = 0, 0
        for line in clean.split("\n"):
            found = raw.find(line, position) if line else -1
            if found >= 0:
                self._pair(at, found, len(line))
                position = found + len(line)
            elif line:
                while position < len(raw) and raw[position].isspace():
                    position += 1
                end = raw.find("\n", position)
                end = len(raw) if end < 0 else end
                window = raw[position:end]
                for a, b, size in SequenceMatcher(None, line, window, autojunk=False).get_matching_blocks():
                    self._pair(at + a, position + b, size)
                position = end
            at += len(line) + 1
        last = 0
        for i, j in enumerate(self.to_raw):  # an unmatched character takes its predecessor's place
            if j < 0:
                self.to_raw[i] = last
            else:
                last = j
        self.to_raw[len(clean)] = len(raw)

    def _pair(self, clean_at: int, raw_at: int, size: int) -> None:
        for k in range(size):
            self.to_raw[clean_at + k] = raw_at + k
            self.to_clean[raw_at + k] = clean_at + k

    def clean_span(self, start: int, end: int) -> tuple[int, int] | None:
        """A raw span in clean offsets: its first and last characters the clean text kept."""
        kept = [self.to_clean[i] for i in range(start, min(end, len(self.to_clean) - 1)) if self.to_clean[i] >= 0]
        return (kept[0], kept[-1] + 1) if kept else None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.to_raw[start], self.to_raw[start]
        return self.to_raw[start], self.to_raw[end - 1] + 1


def _overlap(a: tuple[int, int], spans: Spans) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _jaccard(a: tuple[int, int], spans: Spans) -> float:
    """Shared characters over the characters of either: how well one span stands for the other."""
    inter = _overlap(a, spans)
    union = (a[1] - a[0]) + sum(e - s for s, e in spans) - inter
    return inter / union if union > 0 else 0.0


@dataclass(slots=True)
class Said:
    """One quote or claim of ours in raw offsets, with its speaker mention and cue."""

    span: tuple[int, int]
    direct: bool
    speaker: "Speaker | None"
    mention: tuple[int, int] | None
    cue: tuple[int, int] | None
    kind: str  # quote | claim


def ours(analysis: "Analysis", align: Alignment) -> list[Said]:
    out: list[Said] = []
    for kind, items in (("quote", analysis.quotes), ("claim", analysis.claims)):
        for item in items:
            speaker = item.speaker
            mention = None
            if speaker is not None and speaker.start is not None and speaker.end is not None:
                mention = align.span(speaker.start, speaker.end)
            cue = align.span(item.cue_start, item.cue_end) if item.cue_start is not None and item.cue_end is not None else None
            direct = bool(getattr(item, "direct", False))
            out.append(Said(align.span(item.start, item.end), direct, speaker, mention, cue, kind))
    return out


@dataclass
class Tally:
    """Counts of one part of the corpus."""

    direct: int = 0
    direct_found: int = 0
    direct_right: int = 0
    direct_named: int = 0
    reported: int = 0
    reported_found: int = 0
    reported_right: int = 0
    reported_named: int = 0
    cues: int = 0
    cues_found: int = 0
    contents: int = 0
    contents_found: int = 0
    overlap_sum: float = 0.0
    predicted: int = 0
    predicted_ok: int = 0
    pronoun_right: int = 0
    pronoun_named: int = 0
    pronoun_named_right: int = 0
    articles: int = 0
    misses: list[Miss] = field(default_factory=list)

    def figures(self, prefix: str) -> list[Figure]:
        def share(a: int, b: int) -> float:
            return a / b if b else 0.0

        return [
            Figure(f"{prefix}direct_speaker_right", share(self.direct_right, self.direct), self.direct),
            Figure(f"{prefix}direct_speaker_right_by_name", share(self.direct_named, self.direct), self.direct),
            Figure(f"{prefix}direct_found", share(self.direct_found, self.direct), self.direct),
            Figure(f"{prefix}reported_found_speaker_right", share(self.reported_right, self.reported), self.reported),
            Figure(f"{prefix}reported_found_speaker_right_by_name", share(self.reported_named, self.reported), self.reported),
            Figure(f"{prefix}reported_found", share(self.reported_found, self.reported), self.reported),
            Figure(f"{prefix}cue_recall", share(self.cues_found, self.cues), self.cues),
            Figure(f"{prefix}content_found", share(self.contents_found, self.contents), self.contents),
            Figure(f"{prefix}content_overlap", self.overlap_sum / self.contents_found if self.contents_found else 0.0, self.contents_found),
            Figure(f"{prefix}precision", share(self.predicted_ok, self.predicted), self.predicted),
            Figure(f"{prefix}pronoun_resolved", share(self.pronoun_named, self.pronoun_right), self.pronoun_right),
            Figure(f"{prefix}pronoun_name_right", share(self.pronoun_named_right, self.pronoun_named), self.pronoun_named),
        ]


def _word(text: str, spans: Spans) -> str:
    return " ".join(text[s:e] for s, e in spans).strip()


def _is_pronoun(text: str, spans: Spans) -> bool:
    return _word(text, spans).lower() in PRONOUNS


def _earlier_name(article: GoldArticle, before: int) -> str | None:
    """The nearest gold source before `before` that is not a pronoun: the antecedent a reader
    would most often take (a proxy: PolNeAR marks no coreference)."""
    best: tuple[int, str] | None = None
    for gold in article.attributions:
        if not gold.source or _is_pronoun(article.text, gold.source):
            continue
        start = gold.source[0][0]
        if start < before and (best is None or start > best[0]):
            best = (start, _word(article.text, gold.source))
    return best[1] if best else None


def _same_name(speaker: "Speaker | None", source: str) -> bool:
    """Our speaker names the gold source's person or body, wherever we read the name: the last
    word of our resolved name (or of our description) is a word of the gold source ("Trump" in
    "GOP frontrunner Donald Trump"). A pronoun source names nobody, so it never matches here."""
    if speaker is None or source.lower() in PRONOUNS:
        return False
    words = (speaker.name or speaker.text or "").replace("\u2019s", "").split()
    if not words:
        return False
    last = words[-1].strip(".,").lower()
    return len(last) > 1 and last in {w.strip(".,\u2019'").lower() for w in source.replace("\u2019s", "").split()}


def _snippet(text: str, spans: Spans) -> str:
    return " ".join(text[s:e] for s, e in spans)[:160].replace("\n", " ")


def score(article: GoldArticle, said: list[Said], tally: Tally) -> None:
    """Add one article's matches to the tally (the rules of docs/benchmarks.md, "PolNeAR")."""
    text, mask = article.text, quoted_mask(article.text)
    tally.articles += 1
    for item in said:
        tally.predicted += 1
        if any(_overlap(item.span, gold.content) > 0 for gold in article.attributions):
            tally.predicted_ok += 1
    for gold in article.attributions:
        if gold.cue:
            tally.cues += 1
            if any(item.cue is not None and _overlap(item.cue, gold.cue) > 0 for item in said):
                tally.cues_found += 1
        if not gold.content:
            continue
        direct = is_direct(gold.content, text, mask)
        pool = [item for item in said if item.kind == "quote"] if direct else said
        best = max(pool, key=lambda item: _jaccard(item.span, gold.content), default=None)
        found = best is not None and _overlap(best.span, gold.content) > 0
        tally.contents += 1
        if found and best is not None:
            tally.contents_found += 1
            tally.overlap_sum += _jaccard(best.span, gold.content)
        if not gold.source:
            continue  # "it has been well documented that ...": nobody to be right about
        right = found and best is not None and best.mention is not None and _overlap(best.mention, gold.source) > 0
        named = right or (found and best is not None and _same_name(best.speaker, _word(text, gold.source)))
        if direct:
            tally.direct += 1
            tally.direct_found += found
            tally.direct_right += right
            tally.direct_named += named
        else:
            tally.reported += 1
            tally.reported_found += found
            tally.reported_right += right
            tally.reported_named += named
        if right and best is not None and best.speaker is not None and _is_pronoun(text, gold.source):
            tally.pronoun_right += 1
            if best.speaker.name:
                tally.pronoun_named += 1
                antecedent = _earlier_name(article, gold.source[0][0])
                last = best.speaker.name.split()[-1].lower()
                tally.pronoun_named_right += bool(antecedent and last in antecedent.lower())
        if not right:
            kind = ("direct" if direct else "reported") + (": speaker" if found else ": not found")
            theirs = "-"
            if found and best is not None and best.speaker is not None:
                theirs = f"{best.speaker.mention or ''} -> {best.speaker.name or best.speaker.text}"
            elif found:
                theirs = "no speaker"
            said_by = f"{_word(text, gold.source)} | cue: {_word(text, gold.cue)}"
            tally.misses.append(Miss(kind, _snippet(text, gold.content), said_by, theirs, article.name))


def measure(gold: Iterable[GoldArticle], coder: "Coder", tally: Tally) -> None:
    from ..records import Article

    batch = list(gold)
    items = [Article(id=a.name, raw=a.text.encode("utf-8"), kind="text") for a in batch]
    for article, analysis in zip(batch, coder.code_many(items)):
        if analysis.rejection is not None:
            tally.misses.append(Miss("rejected", analysis.rejection.message, "-", analysis.rejection.reason, article.name))
            continue
        score(article, ours(analysis, Alignment(analysis.document.text, article.text)), tally)


def evaluate(data: Path, coder: "Coder", limit: int | None = None) -> SetResult:
    """Held-out part (figures without prefix) and train part (`train_`); `limit` caps each part."""
    started = time.perf_counter()
    folder = data / FOLDER
    if not (folder / "attributions").is_dir():
        return SetResult.skip("polnear", folder)
    held, train = Tally(), Tally()
    held_articles = list(articles(folder, "held-out"))
    train_articles = list(articles(folder, "train"))
    # The train part is measured on as many articles as the held-out part has, taken evenly across
    # it: enough to show over-fitting, at the held-out part's cost.
    step = max(1, len(train_articles) // max(1, len(held_articles)))
    train_sample = train_articles[::step][: len(held_articles)]
    if limit is not None:
        held_articles, train_sample = held_articles[:limit], train_sample[:limit]
    measure(held_articles, coder, held)
    measure(train_sample, coder, train)
    figures = tuple(held.figures("")) + tuple(train.figures("train_"))
    notes = (
        f"held-out part: {held.articles} articles, {held.direct} direct and {held.reported} reported attributions with a source",
        f"train part (every {step}th article): {train.articles} articles, {train.direct} direct, {train.reported} reported",
    )
    return SetResult(
        set="polnear",
        path=str(folder),
        figures=figures,
        misses=tuple(held.misses),
        seconds=time.perf_counter() - started,
        notes=notes,
    )
