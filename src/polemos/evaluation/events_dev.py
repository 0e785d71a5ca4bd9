"""The blind dev set: events, factuality, ACLED sub-types and attributes on real news.

labels/events/dev/*.jsonl (labels/README.md), labelled by the codebook before polemos ran on the
texts. Part A is whole articles of the shared sets, read in place; part B is short stretches of
stored news pages (headline and first sentences), kept in the labels. This set is never tuned on,
so its misses are not listed: only the figures.

- event F1 (typed): our live events against the live gold incidents (event_matching.match);
  `unsupported_share`: our live events whose sentence holds no live gold mention at all;
- factuality accuracy: gold mentions of every factuality that meet one of our events of the same
  root in the same sentence (live or not), our factuality against theirs; a restated mention counts
  right when it was folded into an earlier event;
- ACLED: weighted F1 of the sub-event type over matched events that have one in gold; per text
  (part B): the first asserted gold sub-type against the first of our live events that has one;
- attributes over matched events of part A: actor/target/place country, date exact and compatible,
  fatalities exact; quotes of part A: found, speaker right, anonymity right.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..ontology import DOUBTFUL
from ..labelling.corpus import LabelledArticle, label_files, read_labelled, sentence_at
from .alignment import OffsetMap
from .base import Figure, Miss, SetResult
from .event_matching import GoldIncident, OurEvent, dates_compatible, incidents_of, match, prf, weighted_f1

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Analysis, Event

LABELS = Path(__file__).resolve().parents[3] / "labels" / "events" / "dev"
TRAIN_LABELS = LABELS.parent / "train"


DevArticle = LabelledArticle


def read_dev(labels: Path, data: Path) -> list[LabelledArticle]:
    return read_labelled(label_files(labels), data)


_sentence_at = sentence_at


def _factuality(event: "Event") -> str:
    value = getattr(event, "factuality", None)
    if value and value != "asserted":
        return str(value)
    return "negated" if event.negated else "hypothetical" if event.hypothetical else "asserted"


def place_events(article: DevArticle, analysis: "Analysis") -> tuple[list[OurEvent], list[OurEvent]]:
    """Our live and unasserted events, each in the gold sentence its trigger lies in."""
    offsets = OffsetMap(_clean_text(analysis), article.text)

    def placed(event: "Event") -> OurEvent:
        sentence = _sentence_at(article.sentences, offsets.source_offset(event.trigger.start))
        folded = frozenset(
            s for s in (_sentence_at(article.sentences, offsets.source_offset(m.start)) for m in getattr(event, "mentions", ()))
            if s is not None and s != sentence
        )
        return OurEvent(event.type, sentence, folded, _factuality(event), event)

    live = [placed(e) for e in analysis.events if _factuality(e) == "asserted"]
    other = [placed(e) for e in (*analysis.events, *getattr(analysis, "unasserted", ())) if _factuality(e) != "asserted"]
    return live, other


def _clean_text(analysis: "Analysis") -> str:
    return analysis.document.text


def _country(party: Any) -> str | None:
    return getattr(party, "country", None) if party is not None else None


def _speaker_right(gold: dict[str, Any], speaker: Any, text: str) -> bool:
    if speaker is None:
        return False
    ours = f"{speaker.name or ''} {speaker.text}".lower()
    names = [str(gold.get(k) or "") for k in ("speaker", "resolved")]
    if isinstance(gold.get("speaker_start"), int):
        names.append(text[gold["speaker_start"]:gold["speaker_end"]])
    for name in names:
        words = [w for w in name.lower().replace("'s", "").split() if len(w) > 2 and w not in {"the", "and", "said"}]
        if words and (words[-1] in ours or all(w in ours for w in words)):
            return True
    return False


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, name: str, right: bool) -> None:
        cell = self.counts.setdefault(name, [0, 0])
        cell[0] += int(right)
        cell[1] += 1

    def figures(self) -> list[Figure]:
        return [Figure(name, r / n if n else 0.0, n) for name, (r, n) in self.counts.items()]


def score(articles: list[DevArticle], analyses: list["Analysis"], attribute_parts: frozenset[str] = frozenset({"A"})) -> list[Figure]:
    tally = Tally()
    totals: dict[str, list[int]] = {}  # part -> [matched typed, ours, gold, matched untyped]
    unsupported = [0, 0]
    acled_events: list[tuple[str, str | None]] = []
    acled_texts: list[tuple[str, str | None]] = []
    for article, analysis in zip(articles, analyses):
        gold = incidents_of(article.labels["sentences"], article.key)
        live, other = place_events(article, analysis)
        pairs = match(live, gold)
        untyped = match(live, gold, typed=False)
        for part in (article.part, "all"):
            cell = totals.setdefault(part, [0, 0, 0, 0])
            cell[0] += len(pairs)
            cell[1] += len(live)
            cell[2] += sum(g.live for g in gold)
            cell[3] += len(untyped)
        supported = {s for g in gold if g.live for s in g.told_in}
        unsupported[0] += sum(e.sentence not in supported for e in live)
        unsupported[1] += len(live)
        _factualities(tally, gold, live, other)
        for ours, theirs in pairs:
            wanted = theirs.first.event.get("acled")
            if wanted:
                acled = getattr(ours.record, "acled", None)
                acled_events.append((wanted, acled.sub_event_type if acled else None))
            if article.part in attribute_parts:
                _attributes(tally, theirs, ours.record)
        if article.part == "B":
            first_gold = next((e["acled"] for s in article.labels["sentences"] for e in s.get("events", [])
                               if e.get("factuality") == "asserted" and e.get("acled")), None)
            if first_gold:
                first_ours = next((e.record.acled.sub_event_type for e in sorted(live, key=lambda e: e.record.trigger.start)
                                   if getattr(e.record, "acled", None)), None)
                acled_texts.append((first_gold, first_ours))
        if article.part in attribute_parts:
            _quotes(tally, article, analysis)
    figures: list[Figure] = []
    for part in ("all", "A", "B"):
        if part not in totals:
            continue
        matched, ours, gold_n, untyped_n = totals[part]
        p, r, f = prf(matched, ours, gold_n)
        prefix = "" if part == "all" else f"part_{part.lower()}_"
        figures += [Figure(f"{prefix}event_f1", f, gold_n), Figure(f"{prefix}event_precision", p, ours),
                    Figure(f"{prefix}event_recall", r, gold_n)]
        if part == "all":
            figures.append(Figure("untyped_event_f1", prf(untyped_n, ours, gold_n)[2], gold_n))
    figures.append(Figure("unsupported_share", unsupported[0] / unsupported[1] if unsupported[1] else 0.0, unsupported[1]))
    value, n = weighted_f1(acled_events)
    figures.append(Figure("acled_weighted_f1", value, n))
    value, n = weighted_f1(acled_texts)
    figures.append(Figure("acled_text_weighted_f1", value, n))
    return figures + tally.figures()


def _factualities(tally: Tally, gold: list[GoldIncident], live: list[OurEvent], other: list[OurEvent]) -> None:
    for incident in gold:
        for mention in incident.mentions:
            # a proposal the judge doubts is an event at all has no factuality to score: its miss is in the F1
            same = [e for e in (*live, *other) if e.type == incident.type and e.sentence == mention.sentence
                    and e.factuality != DOUBTFUL]
            folded = [e for e in live if e.type == incident.type and mention.sentence in e.folded]
            if same:
                ours = same[0].factuality
            elif folded and mention.factuality == "restated":
                ours = "restated"
            else:
                continue
            tally.add("factuality_accuracy", ours == mention.factuality)


def _attributes(tally: Tally, incident: GoldIncident, event: "Event") -> None:
    gold = incident.first.event
    for field, ours in (("actor", event.actor), ("target", event.target)):
        if gold.get(field):
            tally.add(f"{field}_country", gold[field].get("country") == _country(ours))
    if gold.get("place"):
        tally.add("place_country", gold["place"].get("country") == (event.location.country if event.location else None))
    if gold.get("date"):
        value = event.date.value if event.date else None
        tally.add("date_exact", value == gold["date"])
        tally.add("date_compatible", value is not None and dates_compatible(gold["date"], value))
    deaths = event.fatalities.best if event.fatalities else None
    if gold.get("fatalities") is not None or deaths is not None:
        tally.add("fatalities_exact", gold.get("fatalities") == deaths)


def _quotes(tally: Tally, article: DevArticle, analysis: "Analysis") -> None:
    offsets = OffsetMap(_clean_text(analysis), article.text)
    placed = []
    for quote in analysis.quotes:
        start, end = offsets.source_offset(quote.start), offsets.source_offset(max(quote.start, quote.end - 1))
        if start is not None and end is not None:
            placed.append((start, end + 1, quote))
    for gold in article.labels.get("quotes", []) or []:
        if not isinstance(gold.get("start"), int):
            continue
        hits = [q for s, e, q in placed if s < gold["end"] and gold["start"] < e]
        tally.add("quote_found", bool(hits))
        if hits:
            tally.add("quote_speaker", _speaker_right(gold, hits[0].speaker, article.text))
            tally.add("quote_anonymous", bool(hits[0].speaker and hits[0].speaker.anonymous) == bool(gold.get("anonymous")))


def evaluate(data: Path, coder: "Coder", limit: int | None = None, labels: Path = LABELS) -> SetResult:
    from ..sources import article_from_bytes

    if not labels.exists() or not any(labels.glob("*.jsonl")):
        return SetResult.skip("events-dev", labels, f"no dev labels at {labels}")
    articles = read_dev(labels, data)[: limit or None]
    inputs = [article_from_bytes(a.text.encode("utf-8"), id=a.key, kind="text", published=a.published) for a in articles]
    analyses = list(coder.code_many(inputs))
    parts = {p: sum(a.part == p for a in articles) for p in ("A", "B")}
    return SetResult(
        set="events-dev", path=str(labels), figures=tuple(score(articles, analyses)),
        notes=(f"events-dev: {len(articles)} articles (part A {parts['A']}, part B {parts['B']}); blind: misses are not listed",),
    )


def evaluate_train(data: Path, coder: "Coder", limit: int | None = None, labels: Path = TRAIN_LABELS) -> SetResult:
    """The same figures on the whole articles of the train labels: the set rules and attributes are
    tuned on (the dev set never is), so its misses are listed (`polemos eval --errors events-train`)."""
    from ..sources import article_from_bytes

    if not labels.exists() or not any(labels.glob("*.jsonl")):
        return SetResult.skip("events-train", labels, f"no train labels at {labels}")
    articles = [a for a in read_dev(labels, data) if a.labels.get("scope") == "article"][: limit or None]
    inputs = [article_from_bytes(a.text.encode("utf-8"), id=a.key, kind="text", published=a.published) for a in articles]
    analyses = list(coder.code_many(inputs))
    parts = frozenset(a.part for a in articles)
    return SetResult(
        set="events-train", path=str(labels), figures=tuple(score(articles, analyses, attribute_parts=parts)),
        misses=tuple(attribute_misses(articles, analyses)),
        notes=(f"events-train: {len(articles)} whole articles of the train labels (tuned on; the dev set is not)",),
    )


def attribute_misses(articles: list[DevArticle], analyses: list["Analysis"]) -> list[Miss]:
    """Per matched event: the actor, target and place country, date and toll that differ from gold."""
    misses: list[Miss] = []
    for article, analysis in zip(articles, analyses):
        live, _ = place_events(article, analysis)
        for ours, theirs in match(live, incidents_of(article.labels["sentences"], article.key)):
            gold, event = theirs.first.event, ours.record
            sentence = event.evidence.text
            found = {
                "actor country": (gold.get("actor") or {}).get("country") if gold.get("actor") else None,
                "target country": (gold.get("target") or {}).get("country") if gold.get("target") else None,
                "place country": (gold.get("place") or {}).get("country") if gold.get("place") else None,
            }
            mine = {"actor country": _country(event.actor), "target country": _country(event.target),
                    "place country": event.location.country if event.location else None}
            for kind, field in (("actor country", "actor"), ("target country", "target"), ("place country", "place")):
                if gold.get(field) and found[kind] != mine[kind]:
                    misses.append(Miss(kind, sentence, f"{gold[field].get('text')} ({found[kind]})", str(mine[kind]), article.key))
            if gold.get("date") and (event.date.value if event.date else None) != gold["date"]:
                misses.append(Miss("date", sentence, gold["date"], f"{event.date.value} ({event.date.source})" if event.date else "-", article.key))
            deaths = event.fatalities.best if event.fatalities else None
            if (gold.get("fatalities") is not None or deaths is not None) and gold.get("fatalities") != deaths:
                misses.append(Miss("fatalities", sentence, str(gold.get("fatalities")), str(deaths), article.key))
    return misses
