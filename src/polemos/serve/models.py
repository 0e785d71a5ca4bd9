"""The shapes the API answers with (they make the OpenAPI document and are checked on every answer).

Events keep the JSON contract of `polemos code` (DESIGN.md §3) plus their document and incident,
the shape `polemos export --format jsonl` writes, so a client reads one shape everywhere.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorBody(Model):
    code: str = Field(description="A stable machine-readable reason, such as not_found or invalid_parameter.")
    message: str = Field(description="What went wrong and what to do, for a person.")
    status: int
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorReply(Model):
    error: ErrorBody


class Party(Model):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    id: str | None = None


class Location(Model):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str | None = None


class EventDate(Model):
    text: str | None = None
    value: str | None = None
    precision: str | None = None
    source: str | None = None


class Fatalities(Model):
    best: int | None = None
    low: int | None = None
    high: int | None = None
    by: list[dict[str, Any]] = Field(default_factory=list)
    claimed_by: str | None = None
    injured: int | None = None
    text: str | None = None


class Span(Model):
    start: int | None = None
    end: int | None = None
    text: str | None = None


class Acled(Model):
    event_type: str | None = None
    sub_event_type: str | None = None


class DocumentRef(Model):
    id: str
    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class Event(Model):
    id: str = Field(description="The event's uid: document id, a colon, the event's id in its article.")
    type: str = Field(description="PLOVER root.")
    mode: str | None = None
    cameo: str | None = None
    acled: Acled | None = None
    actor: Party | None = None
    target: Party | None = None
    location: Location | None = None
    date: EventDate | None = None
    fatalities: Fatalities | None = None
    evidence: Span
    trigger: Span
    negated: bool
    hypothetical: bool
    confidence: float | None = None
    claimed_by: str | None = None
    incident_id: str | None = None
    document: DocumentRef


class EventPage(Model):
    items: list[Event]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page.")


class Day(Model):
    day: str
    events: int
    fatalities: int


class Timeline(Model):
    days: list[Day] = Field(description="Events dated to one day, per day, oldest first.")
    coarser: int = Field(description="Matching events dated only to a week, month or year.")
    undated: int


class Cell(Model):
    lat: float
    lon: float
    events: int
    fatalities: int
    bounds: list[float] = Field(description="west, south, east, north of the events in the cell.")
    uid: str | None = Field(None, description="The event, when the cell holds exactly one.")


class MapCells(Model):
    cell_degrees: float
    cells: list[Cell]


class Node(Model):
    id: str
    name: str
    country: str | None = None
    events: int


class Edge(Model):
    source: str
    target: str
    type: str
    events: int


class Network(Model):
    nodes: list[Node]
    edges: list[Edge]


class Incident(Model):
    id: str
    type: str
    actor_key: str | None = None
    target_key: str | None = None
    date_first: str | None = None
    date_last: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    place_name: str | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    reports: int | None = None
    documents: int | None = None
    updated_at: str | None = None


class IncidentPage(Model):
    items: list[Incident]
    next_cursor: str | None = None


class Figure(Model):
    best: int | None = None
    low: int | None = None
    high: int | None = None
    claimed_by: str | None = None
    outlet: str | None = None
    document_id: str | None = None
    event: str | None = None


class IncidentDetail(Incident):
    evidence: list[Event] = Field(description="Every report of the incident.")
    reasons: dict[str, str] = Field(description="Why each report (by event id) joined the incident.")
    figures: list[Figure] = Field(description="Who claims which toll.")


class Article(Model):
    id: str
    source_id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    events: int | None = None


class ArticlePage(Model):
    items: list[Article]
    next_cursor: str | None = None


class Speaker(Model):
    text: str | None = None
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    anonymous: bool | None = None
    source_type: str | None = None


class Relation(Model):
    kind: str
    score: float | None = None
    reason: str | None = None
    across: bool
    other_document_id: str
    other_claim_id: str
    other_text: str | None = None
    other_speaker: str | None = None
    other_source_type: str | None = None
    other_title: str | None = None
    other_outlet: str | None = None
    other_published: str | None = None


class Quote(Model):
    document_id: str
    id: str
    text: str
    start: int | None = None
    end: int | None = None
    direct: bool | None = None
    cue: str | None = None
    speaker: Speaker | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


class QuotePage(Model):
    items: list[Quote]
    next_cursor: str | None = None


class Claim(Model):
    document_id: str
    id: str
    text: str
    start: int | None = None
    end: int | None = None
    topic: str | None = None
    polarity: int | None = None
    speaker: Speaker | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    relations: list[Relation] = Field(default_factory=list)


class ClaimPage(Model):
    items: list[Claim]
    next_cursor: str | None = None


class ClaimPair(Model):
    kind: str
    score: float | None = None
    reason: str | None = None
    across: bool
    claim: Claim
    other: Claim


class ClaimPairPage(Model):
    items: list[ClaimPair]
    next_cursor: str | None = None


class Mention(Model):
    start: int
    end: int
    text: str | None = None
    label: str | None = None
    name: str | None = None
    country: str | None = None
    actor_id: str | None = None


class PlaceMention(Model):
    start: int
    end: int
    text: str | None = None
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str | None = None


class DateMention(Model):
    start: int
    end: int
    text: str | None = None
    value: str | None = None
    precision: str | None = None
    end_value: str | None = None


class ArticleDetail(Model):
    id: str
    source_id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    text: str = Field(description="The clean text every offset below points into.")
    language: str | None = None
    dateline: str | None = None
    byline: str | None = None
    pipeline: str | None = None
    coded_at: str | None = None
    events: list[Event]
    quotes: list[Quote]
    claims: list[Claim]
    mentions: list[Mention]
    places: list[PlaceMention]
    dates: list[DateMention]


class Actor(Model):
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    events_as_actor: int
    events_as_target: int


class ActorPage(Model):
    items: list[Actor]
    next_cursor: str | None = None


class Place(Model):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    events: int
    fatalities: int


class PlacePage(Model):
    items: list[Place]
    next_cursor: str | None = None


class SearchResult(Model):
    query: str
    events: list[Event]
    articles: list[Article]
    actors: list[Actor]
    places: list[Place]


class Rejected(Model):
    reason: str
    message: str
    origin: str | None = None


class IngestResult(Model):
    run_id: str
    read: int
    coded: int
    rejected: int
    duplicates: int
    events: int
    documents: list[str] = Field(description="Ids of the articles stored by this request (new or already there).")
    rejections: list[Rejected]


class Health(Model):
    status: str
    version: str
    store: str = Field(description="sqlite or postgresql")
    schema_version: int
    writes: bool = Field(description="Whether ingest is enabled (a token is configured).")


class Stats(Model):
    counts: dict[str, int]
    rejections: dict[str, int]
