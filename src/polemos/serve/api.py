"""The read side of /api/v1: every route turns its parameters into an `EventQuery`, asks the store,
and shapes rows into the models of models.py. Nothing here writes SQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from .. import __version__
from ..exports.fields import event_dict
from ..store import Store
from . import models, views
from .failures import ApiError
from .replies import json_reply, listed_event
from .params import (
    IDENT,
    TEXT,
    Cursor,
    EventFilters,
    Limit,
    Words,
    clean,
    encode_cursor,
    event_filters,
    keyset_of,
    offset_of,
)

router = APIRouter()
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorReply, "description": "A parameter cannot be used (code invalid_parameter)."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"model": models.ErrorReply, "description": "No such item."}}
Id = Annotated[str, Path(pattern=IDENT, description="An id as the API gave it.")]


async def store_of(request: Request) -> AsyncIterator[Store]:
    """A dependency: one pooled store connection for the length of the request. Async, so taking and
    giving back a free connection costs no thread hop (only the route itself runs in a thread)."""
    pool = request.app.state.pool
    store = await pool.borrow()
    healthy = True
    try:
        yield store
    except BaseException:
        healthy = await pool.check(store)
        raise
    finally:
        pool.give_back(store, healthy)


StoreDep = Annotated[Store, Depends(store_of)]
Filters = Annotated[EventFilters, Depends(event_filters)]


def _page(items: list[dict[str, Any]], limit: int, kind: str, offset: int) -> tuple[list[dict[str, Any]], str | None]:
    """One page from `limit + 1` rows: the cursor exists only when there is more."""
    if len(items) > limit:
        return items[:limit], encode_cursor(kind, offset + limit)
    return items, None


def speaker(row: dict[str, Any], prefix: str = "") -> dict[str, Any] | None:
    if not any(row.get(f"{prefix}{c}") for c in ("speaker_text", "speaker_name", "source_type")):
        return None
    anonymous = row.get(f"{prefix}speaker_anonymous")
    return {"text": row.get(f"{prefix}speaker_text"), "name": row.get(f"{prefix}speaker_name"),
            "role": row.get(f"{prefix}speaker_role"), "affiliation": row.get(f"{prefix}speaker_affiliation"),
            "country": row.get(f"{prefix}speaker_country"),
            "anonymous": None if anonymous is None else bool(anonymous), "source_type": row.get(f"{prefix}source_type")}


def relation(row: dict[str, Any]) -> dict[str, Any]:
    return {"kind": row["kind"], "score": row.get("score"), "reason": row.get("reason"), "across": bool(row.get("across")),
            "other_document_id": row["other_document_id"], "other_claim_id": row["other_claim_id"],
            "other_text": row.get("other_text"),
            "other_speaker": row.get("other_speaker_name") or row.get("other_speaker_text"),
            "other_source_type": row.get("other_source_type"), "other_title": row.get("other_title"),
            "other_outlet": row.get("other_outlet"), "other_published": row.get("other_published")}


def claim(row: dict[str, Any], prefix: str = "", doc: dict[str, Any] | None = None) -> dict[str, Any]:
    doc = doc or {}
    return {"document_id": row[f"{prefix}document_id"], "id": row[f"{prefix}claim_id"], "text": row[f"{prefix}text"],
            "start": row.get(f"{prefix}start_char"), "end": row.get(f"{prefix}end_char"), "topic": row.get(f"{prefix}topic"),
            "polarity": row.get(f"{prefix}polarity"), "speaker": speaker(row, prefix),
            "title": doc.get("title", row.get(f"{prefix}title")), "outlet": doc.get("outlet", row.get(f"{prefix}outlet")),
            "published": doc.get("published", row.get(f"{prefix}published")),
            "relations": [relation(r) for r in row.get("relations", ())] if not prefix else []}


def quote(row: dict[str, Any]) -> dict[str, Any]:
    return {"document_id": row["document_id"], "id": row["quote_id"], "text": row["text"], "start": row.get("start_char"),
            "end": row.get("end_char"), "direct": None if row.get("direct") is None else bool(row["direct"]),
            "cue": row.get("cue"), "speaker": speaker(row), "title": row.get("title"), "outlet": row.get("outlet"),
            "published": row.get("published")}


# --- service --------------------------------------------------------------------------------------
@router.get("/health", response_model=models.Health, tags=["service"])
def health(request: Request, store: StoreDep) -> dict[str, Any]:
    """Whether the server can read its store, which store, and whether it accepts writes."""
    return {"status": "ok", "version": __version__, "store": store.dialect, "schema_version": store.schema_version(),
            "writes": bool(request.app.state.settings.token_digest)}


@router.get("/stats", response_model=models.Stats, tags=["service"])
def stats(store: StoreDep) -> dict[str, Any]:
    """Rows per table and rejected inputs per reason."""
    return {"counts": store.counts(), "rejections": store.rejection_reasons()}


# --- events ---------------------------------------------------------------------------------------
@router.get("/events", response_model=models.EventPage, responses=ERRORS, tags=["events"])
def events(store: StoreDep, filters: Filters, limit: Limit = 50, cursor: Cursor = None,
           order: Literal["date_desc", "date_asc"] = "date_desc") -> Response:
    """Coded events, newest first (or oldest with order=date_asc), filtered; pages follow `next_cursor`."""
    query = replace(filters.query(limit=limit + 1), order=order, after=keyset_of(cursor))
    rows = store.events(query)
    more, rows = len(rows) > limit, rows[:limit]
    last = rows[-1] if rows else None
    next_cursor = encode_cursor("events", [last["date_start"], last["uid"]]) if more and last else None
    return json_reply({"items": [listed_event(r) for r in rows], "next_cursor": next_cursor})


@router.get("/events/{uid}", response_model=models.Event, responses=NOT_FOUND, tags=["events"])
def event(store: StoreDep, uid: Id) -> dict[str, Any]:
    """One event by its id (document id, colon, event id)."""
    row = store.event(uid)
    if row is None:
        raise ApiError(404, "not_found", f"No event {uid!r}.")
    return event_dict(row)


@router.get("/timeline", response_model=models.Timeline, responses=ERRORS, tags=["views"])
def timeline(request: Request, store: StoreDep, filters: Filters) -> Response:
    """Events and fatalities per day for the events selected (with incident=ID: one incident's reports)."""
    return json_reply(views.timeline(request.app.state.views, store, filters.query(limit=None)))


@router.get("/map", response_model=models.MapCells, responses=ERRORS, tags=["views"])
def map_cells(request: Request, store: StoreDep, filters: Filters,
              cell: Annotated[float, Query(ge=0.001, le=90, description="Grid cell size in degrees.")] = 2.0,
              limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> Response:
    """Located events in a grid: each cell's count, fatalities and centre; the event itself when alone."""
    return json_reply(views.map_cells(request.app.state.views, store, filters.query(limit=None), cell, limit))


@router.get("/network", response_model=models.Network, responses=ERRORS, tags=["views"])
def network(request: Request, store: StoreDep, filters: Filters,
            limit: Annotated[int, Query(ge=1, le=2000)] = 300) -> Response:
    """Who acts on whom: edges actor -> target per PLOVER root, weighted by events."""
    return json_reply(views.network(request.app.state.views, store, filters.query(limit=None), limit))


# --- incidents ------------------------------------------------------------------------------------
@router.get("/incidents", response_model=models.IncidentPage, responses=ERRORS, tags=["incidents"])
def incidents(store: StoreDep, filters: Filters, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Incidents with at least one report matching the filters, most reported first."""
    offset = offset_of("incidents", cursor)
    rows = store.incidents(filters.query(limit=limit + 1, offset=offset))
    items, next_cursor = _page(rows, limit, "incidents", offset)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/incidents/{incident_id}", response_model=models.IncidentDetail, responses=NOT_FOUND, tags=["incidents"])
def incident(store: StoreDep, incident_id: Id) -> dict[str, Any]:
    """An incident with every report, why each joined, and who claims which toll."""
    found = store.incident(incident_id)
    if found is None:
        raise ApiError(404, "not_found", f"No incident {incident_id!r}.")
    evidence = found.pop("evidence")
    return {**found, "evidence": [event_dict(r) for r in evidence],
            "reasons": {r["uid"]: r["reason"] for r in evidence}, "figures": found.pop("figures")}


# --- articles -------------------------------------------------------------------------------------
@router.get("/articles", response_model=models.ArticlePage, responses=ERRORS, tags=["articles"])
def articles(store: StoreDep, filters: Filters, q: Words = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Articles, newest first: q in the title, since/until on the publication date; the event filters
    select articles that report such events."""
    offset = offset_of("articles", cursor)
    rows = store.documents(filters.query(limit=limit + 1, offset=offset), clean("q", q))
    items, next_cursor = _page(rows, limit, "articles", offset)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/articles/{document_id}", response_model=models.ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def article(store: StoreDep, document_id: Id) -> dict[str, Any]:
    """One article's clean text and everything found in it, each with character offsets into `text`."""
    found = store.document(document_id)
    if found is None:
        raise ApiError(404, "not_found", f"No article {document_id!r}.")
    doc = {"title": found["title"], "outlet": found["outlet"], "published": found["published"]}
    for row in found["events"]:
        row.update(doc, url=found["url"], source_id=found["source_id"])
    mentions = [{"start": m["start_char"], "end": m["end_char"], "text": m["text"], "label": m["label"],
                 "name": m["party_name"], "country": m["country"], "actor_id": m["actor_id"]} for m in found["mentions"]]
    places = [{"start": p["start_char"], "end": p["end_char"], "text": p["text"], "name": p["name"],
               "country": p["country"], "lat": p["lat"], "lon": p["lon"], "geonames_id": p["geonames_id"],
               "precision": p["geo_precision"]} for p in found["places"]]
    dates = [{"start": d["start_char"], "end": d["end_char"], "text": d["text"], "value": d["value"],
              "precision": d["date_precision"], "end_value": d["end_value"]} for d in found["dates"]]
    return {**{k: found[k] for k in ("id", "source_id", "title", "published", "url", "outlet", "text", "language",
                                     "dateline", "byline", "pipeline", "coded_at")},
            "events": [event_dict(r) for r in found["events"]],
            "quotes": [quote({**q, **doc}) for q in found["quotes"]],
            "claims": [claim(c, doc=doc) for c in found["claims"]],
            "mentions": mentions, "places": places, "dates": dates}


# --- people and places ----------------------------------------------------------------------------
@router.get("/actors", response_model=models.ActorPage, responses=ERRORS, tags=["actors"])
def actors(store: StoreDep, q: Words = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Known actors by name or id (q), with how many events name each as actor and as target."""
    offset = offset_of("actors", cursor)
    rows = store.actors(clean("q", q), limit + 1, offset)
    items, next_cursor = _page(rows, limit, "actors", offset)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/places", response_model=models.PlacePage, responses=ERRORS, tags=["places"])
def places(store: StoreDep, filters: Filters, q: Words = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Places of the selected events (q: in the name), most events first."""
    offset = offset_of("places", cursor)
    rows = store.places(filters.query(limit=limit + 1, offset=offset), clean("q", q))
    items, next_cursor = _page(rows, limit, "places", offset)
    return {"items": items, "next_cursor": next_cursor}


# --- speech ---------------------------------------------------------------------------------------
@router.get("/quotes", response_model=models.QuotePage, responses=ERRORS, tags=["speech"])
def quotes(store: StoreDep, filters: Filters, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Quotes with their speakers: actor matches the speaker or an actor named in the quote, since/until
    the publication date, text words of the quote."""
    offset = offset_of("quotes", cursor)
    rows = store.quotes(filters.query(limit=limit + 1, offset=offset))
    items, next_cursor = _page(rows, limit, "quotes", offset)
    return {"items": [quote(r) for r in items], "next_cursor": next_cursor}


@router.get("/claims", response_model=models.ClaimPage, responses=ERRORS, tags=["speech"])
def claims(store: StoreDep, filters: Filters, limit: Limit = 50, cursor: Cursor = None,
           related: Annotated[bool, Query(description="Only claims related to a claim of another article.")] = False
           ) -> dict[str, Any]:
    """Claims with their speakers and every relation (contradicts, corroborates, revises)."""
    offset = offset_of("claims", cursor)
    rows = store.claims(filters.query(limit=limit + 1, offset=offset), related=related)
    items, next_cursor = _page(rows, limit, "claims", offset)
    return {"items": [claim(r) for r in items], "next_cursor": next_cursor}


@router.get("/contradictions", response_model=models.ClaimPairPage, responses=ERRORS, tags=["speech"])
def contradictions(store: StoreDep, filters: Filters, limit: Limit = 50, cursor: Cursor = None,
                   kind: Annotated[list[Literal["contradicts", "corroborates", "revises"]],
                                   Query(description="Relation kinds; repeatable (default: contradicts).")] = [],  # noqa: B006
                   within: Annotated[bool, Query(description="Also pairs inside one article.")] = False) -> dict[str, Any]:
    """Pairs of claims side by side, each pair once: contradicting by default, or the kinds asked for."""
    offset = offset_of("contradictions", cursor)
    kinds = tuple(dict.fromkeys(kind)) or ("contradicts",)
    rows = store.relation_pairs(filters.query(limit=limit + 1, offset=offset), kinds, across=not within)
    items, next_cursor = _page(rows, limit, "contradictions", offset)
    pairs = [{"kind": r["kind"], "score": r.get("score"), "reason": r.get("reason"), "across": bool(r.get("across")),
              "claim": claim(r), "other": claim(r, "other_", {"title": r["other_title"], "outlet": r["other_outlet"],
                                                              "published": r["other_published"]})}
             for r in items]
    for pair in pairs:
        pair["claim"]["relations"] = []
    return {"items": pairs, "next_cursor": next_cursor}


# --- search ---------------------------------------------------------------------------------------
@router.get("/search", response_model=models.SearchResult, responses=ERRORS, tags=["search"])
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT,
                                                    description="Words to look for.")],
           limit: Annotated[int, Query(ge=1, le=50)] = 10) -> dict[str, Any]:
    """Events whose evidence holds the words, articles whose title does, actors and places by name."""
    from ..query import EventQuery

    words = clean("q", q)
    if not words:
        return {"query": q, "events": [], "articles": [], "actors": [], "places": []}
    return {
        "query": words,
        "events": [event_dict(r) for r in store.events(EventQuery(text=words, limit=limit))],
        "articles": store.documents(EventQuery(limit=limit), words),
        "actors": store.actors(words, limit),
        "places": store.places(EventQuery(limit=limit), words),
    }
