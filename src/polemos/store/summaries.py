"""One article at a glance: its events by type, actors, places, tolls and contradicting claims.

`polemos query --format summary` reads these; they are built from the same `EventQuery` as every
other view, so a summary never shows an event the table would not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from ..query import EventQuery, where_clause
from .backend import Backend
from .claimviews import claim_relations
from .schema import TABLE

_EVENT = ", ".join(f"e.{name}" for name in TABLE["events"].names)


def _in(values: list[str]) -> str:
    return ", ".join("?" for _ in values)


def article_summaries(db: Backend, query: EventQuery) -> list[dict[str, Any]]:
    """The articles whose events the query selects, newest first (`limit`/`offset` count articles)."""
    where, params = where_clause(replace(query, limit=None, offset=0, after=None), db.dialect)
    sql = (f"SELECT e.document_id, MAX(d.published) AS published FROM events e JOIN documents d ON d.id = e.document_id "
           f"WHERE {where} GROUP BY e.document_id ORDER BY MAX(d.published) DESC, e.document_id")
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [query.limit, query.offset]
    ids = [row[0] for row in db.query(sql, params)]
    if not ids:
        return []
    documents = {row["id"]: row for row in db.query_dicts(
        f"SELECT id, source_id, title, published, url, outlet, dateline FROM documents WHERE id IN ({_in(ids)})", ids)}
    events: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    chosen, more = where_clause(replace(query, documents=tuple(ids), limit=None, offset=0, after=None), db.dialect)
    for row in db.query_dicts(f"SELECT {_EVENT} FROM events e WHERE {chosen} ORDER BY e.document_id, e.evidence_start, "
                              "e.trigger_start, e.uid", more):
        events[row["document_id"]].append(row)
    others = dict(db.query(f"SELECT document_id, COUNT(*) FROM events WHERE document_id IN ({_in(ids)}) "
                           "AND coalesce(factuality, 'asserted') <> 'asserted' GROUP BY document_id", ids))
    contradictions = _contradictions(db, ids)
    return [_summary(documents[i], events[i], int(others.get(i, 0)), contradictions.get(i, [])) for i in ids]


def _summary(document: dict[str, Any], events: list[dict[str, Any]], unasserted: int,
             contradictions: list[dict[str, Any]]) -> dict[str, Any]:
    actors: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for event in events:
        for side in ("actor", "target"):
            if event.get(f"{side}_name"):
                actors[event[f"{side}_name"]] += 1
        if event.get("place_name"):
            places[event["place_name"]] += 1
    tolls = [{"killed": e["fatalities_best"], "type": e["type"], "actor": e.get("actor_name"),
              "target": e.get("target_name"), "place": e.get("place_name"), "date": e.get("date_value"),
              "claimed_by": e.get("fatalities_claimed_by"), "factuality": e.get("factuality") or "asserted"}
             for e in events if e.get("fatalities_best")]
    return {
        "document": document,
        "events": len(events),
        "types": dict(Counter(e["type"] for e in events).most_common()),
        "actors": dict(actors.most_common()),
        "places": dict(places.most_common()),
        "tolls": tolls,
        "unasserted_not_shown": unasserted if all((e.get("factuality") or "asserted") == "asserted" for e in events) else 0,
        "contradictions": contradictions,
    }


def _contradictions(db: Backend, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each article's claims that another claim contradicts, with both speakers and texts."""
    claims = {(row["document_id"], row["claim_id"]): row for row in db.query_dicts(
        f"SELECT document_id, claim_id, text, speaker_name, speaker_text FROM claims WHERE document_id IN ({_in(ids)})",
        ids)}
    found: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, frozenset[str]]] = set()  # a pair within one article is stored from both sides
    for (document_id, claim_id), relations in sorted(claim_relations(db, ids).items()):
        claim = claims.get((document_id, claim_id))
        for rel in relations:
            if rel["kind"] != "contradicts" or claim is None:
                continue
            pair = (document_id, frozenset({f"{document_id}/{claim_id}", f"{rel['other_document_id']}/{rel['other_claim_id']}"}))
            if pair in seen:
                continue
            seen.add(pair)
            found.setdefault(document_id, []).append({
                "claim": claim["text"], "speaker": claim["speaker_name"] or claim["speaker_text"],
                "other": rel.get("other_text"), "other_speaker": rel.get("other_speaker_name") or rel.get("other_speaker_text"),
                "other_outlet": rel.get("other_outlet") if rel.get("across") else None,
                "other_published": rel.get("other_published") if rel.get("across") else None,
                "reason": rel.get("reason"),
            })
    return found
