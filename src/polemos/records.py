"""The records every stage passes along.

Records are small, frozen and typed. No stage edits an earlier record; a later stage makes a new
one with `dataclasses.replace`. Every offset points into `Document.text`. `to_dict` gives the JSON
contract of DESIGN.md §3, which outside evaluation reads: rename nothing there.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Precision = Literal["day", "week", "month", "year", "decade", "century", "unknown"]
TimexType = Literal["DATE", "TIME", "DURATION"]
GeoPrecision = Literal["point", "city", "admin1", "admin2", "region", "country", "unknown"]
SourceType = Literal[
    "official",
    "anonymous official",
    "spokesperson",
    "state media",
    "independent media",
    "armed group",
    "witness",
    "other",
]
RelationKind = Literal["contradicts", "corroborates", "revises"]


def content_id(data: bytes) -> str:
    """The id of an input is the hash of its bytes: ingesting it twice changes nothing."""
    return hashlib.sha256(data).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Article:
    """An input as it arrived: raw bytes or text plus what the source told us about it."""

    id: str
    raw: bytes
    kind: Literal["text", "html"]
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None  # file path, URL or "batch.jsonl:12"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of `Document.text`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Document:
    """Clean text ready for the NLP layer; every later offset points into `text`."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    dateline: str | None = None
    byline: str | None = None
    dateline_date: str | None = None  # as written ("Jan. 6"): the report's date, not an event's

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "outlet": self.outlet,
            "language": self.language,
            "dateline": self.dateline,
            "dateline_date": self.dateline_date,
            "byline": self.byline,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor of the knowledge base."""

    id: str
    name: str
    country: str | None = None  # ISO3, or an IGO/region code such as "IGO"
    sector: str | None = None  # GOV, MIL, REB, MED, ...
    kind: str = "org"  # country, org, person, group, media, igo
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """An actor as one event or quote names it: the words and what they resolve to."""

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "id": self.id,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names an actor, resolved or not."""

    start: int
    end: int
    text: str
    label: str  # GPE, NORP, ORG, PERSON, ...
    party: Party | None = None
    source: str = "gazetteer"  # gazetteer, ner, title, metonym, pronoun

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "party": self.party.to_dict() if self.party else None,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str  # YYYY-MM-DD | YYYY-Www | YYYY-MM | YYYY
    precision: Precision
    end_value: str | None = None  # for ranges
    timex: str | None = None  # the TIMEX3 value: 2016-Q1, 2016-SU, 2016-W05-WE, 199, PRESENT_REF, 2016-03-04TNI, ...
    type: TimexType = "DATE"  # the TIMEX3 type: DATE, TIME (a part of a day) or DURATION (a stretch that dates an event)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
            "end_value": self.end_value,
            "timex": self.timex if self.timex is not None else self.value,
            "type": self.type,
        }


@dataclass(frozen=True, slots=True)
class EventDate:
    text: str | None
    value: str
    precision: Precision
    source: Literal["text", "published"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "precision": self.precision,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: GeoPrecision

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: GeoPrecision
    # "text": read off the event's own sentence; "context": the report's place, from the sentences
    # before or the article's principal country (the sentence itself names none)
    source: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "precision": self.precision,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class PartyCount:
    party: Party
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party.to_dict(), "count": self.count}


@dataclass(frozen=True, slots=True)
class Fatalities:
    best: int | None
    low: int | None
    high: int | None
    by: tuple[PartyCount, ...] = ()
    claimed_by: str | None = None
    injured: int | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "by": [p.to_dict() for p in self.by],
            "claimed_by": self.claimed_by,
            "injured": self.injured,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class CasualtyCount:
    """One figure of dead or wounded as the text gives it, and what it was tied to."""

    kind: Literal["killed", "injured"]
    best: int
    low: int | None
    high: int | None
    text: str  # the count and its noun: "five Pakistani soldiers"
    start: int
    end: int
    party: Party | None = None
    claimed_by: str | None = None
    revision: bool = False  # "the toll rose to 40": replaces earlier figures
    event: str | None = None  # id of the event it belongs to
    sentence: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "party": self.party.to_dict() if self.party else None,
            "claimed_by": self.claimed_by,
            "revision": self.revision,
            "event": self.event,
        }


@dataclass(frozen=True, slots=True)
class Acled:
    event_type: str
    sub_event_type: str

    def to_dict(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: PLOVER root and mode, its parties, and the words it came from."""

    id: str
    type: str  # PLOVER root, upper case
    mode: str | None
    cameo: str | None
    evidence: Span
    trigger: Span
    acled: Acled | None = None
    actor: Party | None = None
    target: Party | None = None
    location: Location | None = None
    date: EventDate | None = None
    fatalities: Fatalities | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    claimed_by: str | None = None
    sentence: int = 0  # index of the sentence in the document
    factuality: str = "asserted"  # asserted | negated | hypothetical | habitual | denied | restated (ontology.FACTUALITY), or doubtful
    mentions: tuple[Span, ...] = ()  # the other sentences that tell the same act (one incident, one event)

    def __post_init__(self) -> None:
        # an event built with the rules' flags alone says what they mean
        if self.factuality == "asserted" and (self.negated or self.hypothetical):
            object.__setattr__(self, "factuality", "negated" if self.negated else "hypothetical")

    @property
    def live(self) -> bool:
        """Reported as having happened: the events an analyst counts."""
        return self.factuality == "asserted"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "acled": self.acled.to_dict() if self.acled else None,
            "actor": self.actor.to_dict() if self.actor else None,
            "target": self.target.to_dict() if self.target else None,
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict() if self.date else None,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger.to_dict(),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "factuality": self.factuality,
            "mentions": [m.to_dict() for m in self.mentions],
            "confidence": round(self.confidence, 3),
            "claimed_by": self.claimed_by,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    name: str | None
    role: str | None
    affiliation: str | None
    country: str | None
    anonymous: bool
    source_type: SourceType
    # The words that name the speaker at this quote or claim ("he", "a senior official"), as offsets
    # into the text; `text`, `name` and the rest describe whom they resolve to across the article.
    start: int | None = None
    end: int | None = None
    mention: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "role": self.role,
            "affiliation": self.affiliation,
            "country": self.country,
            "anonymous": self.anonymous,
            "source_type": self.source_type,
            "start": self.start,
            "end": self.end,
            "mention": self.mention,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None
    speaker: Speaker | None
    cue_start: int | None = None  # offsets of the cue words ("said", "according to")
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }


@dataclass(frozen=True, slots=True)
class ClaimRelation:
    claim: str  # id of the other claim
    kind: RelationKind
    score: float = 0.0
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "kind": self.kind, "score": round(self.score, 3), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    start: int
    end: int
    speaker: Speaker | None
    relations: tuple[ClaimRelation, ...] = ()
    topic: str | None = None
    polarity: int = 1  # -1 for a denial or negative account
    cue: str | None = None  # the reporting words, as written, and their offsets
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "relations": [r.to_dict() for r in self.relations],
            "topic": self.topic,
            "polarity": self.polarity,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
        }


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input we could not use: stored and counted, never a bare None."""

    reason: str  # a RejectReason value
    message: str
    document_id: str | None = None
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "message": self.message}


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything polemos read in one article; the unit of output and storage."""

    document: Document
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    dates: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    mentions: tuple[Mention, ...] = ()
    casualties: tuple[CasualtyCount, ...] = ()
    unasserted: tuple[Event, ...] = ()  # events told as planned, denied, negated, habitual: kept, never live
    rejection: Rejection | None = None
    pipeline: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def rejected(cls, document: Document, rejection: Rejection, pipeline: str = "") -> "Analysis":
        return cls(document=document, rejection=rejection, pipeline=pipeline)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "claims": [c.to_dict() for c in self.claims],
            "dates": [d.to_dict() for d in self.dates],
            "places": [p.to_dict() for p in self.places],
            "mentions": [m.to_dict() for m in self.mentions],
            "casualties": [c.to_dict() for c in self.casualties],
            "unasserted": [e.to_dict() for e in self.unasserted],
            "rejection": self.rejection.to_dict() if self.rejection else None,
            "pipeline": self.pipeline,
        }


def replace(record: Any, **changes: Any) -> Any:
    """A new record with some fields changed (records are frozen)."""
    return dataclasses.replace(record, **changes)
