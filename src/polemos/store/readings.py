"""Reading a corpus back the way an analyst browses it: articles with everything found in them at its
offsets, quotes, actors, places and the pairs of claims that contradict or confirm each other.

Every filter is a bound parameter; words a person types are matched with LIKE patterns whose own
wildcards are escaped, so `%` and `_` mean themselves.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..query import EventQuery, where_clause
from .backend import Backend
from .claimviews import claim_relations, claim_where
from .schema import TABLE

_EVENT = ", ".join(f"e.{name}" for name in TABLE["events"].names)
_DOCUMENT = "d.id, d.source_id, d.title, d.published, d.url, d.outlet, d.language, d.dateline, d.byline, d.pipeline, d.coded_at"
RELATION_KINDS = ("contradicts", "corroborates", "revises")


def like(words: str) -> str:
    """A case-insensitive LIKE pattern for `words` anywhere, with `%`, `_` and `\\` taken literally."""
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _event_filters(query: EventQuery) -> EventQuery:
    """The part of a query that is about events, not about when an article was published."""
    return replace(query, since=None, until=None, documents=(), limit=None, offset=0, after=None)


def documents(db: Backend, query: EventQuery, words: str | None = None) -> list[dict[str, Any]]:
    """Articles, newest first: `words` in the title, since/until on the publication date, and the
    query's event filters (type, actor, country, place, text) selecting articles that report such events."""
    parts, params = [], []
    if words:
        parts.append("lower(d.title) LIKE ? ESCAPE '\\'")
        params.append(like(words))
    if query.since:
        parts.append("d.published >= ?")
        params.append(query.since.isoformat())
    if query.until:
        parts.append("d.published <= ?")
        params.append(query.until.isoformat())
    if query.documents:
        parts.append(f"d.id IN ({', '.join('?' for _ in query.documents)})")
        params += list(query.documents)
    where, more = where_clause(_event_filters(query), db.dialect)
    if where != "1=1":
        parts.append(f"d.id IN (SELECT e.document_id FROM events e WHERE {where})")
        params += more
    sql = (f"SELECT {_DOCUMENT}, (SELECT COUNT(*) FROM events x WHERE x.document_id = d.id) AS events "
           f"FROM documents d WHERE {' AND '.join(parts) or '1=1'} ORDER BY d.published DESC, d.id DESC")
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [query.limit, query.offset]
    return db.query_dicts(sql, params)


def document(db: Backend, document_id: str) -> dict[str, Any] | None:
    """One article: its clean text and every event, quote, claim, actor mention, place and date found
    in it, each with the character offsets of its words in `text`."""
    rows = db.query_dicts(f"SELECT {_DOCUMENT}, d.text FROM documents d WHERE d.id = ?", (document_id,))
    if not rows:
        return None
    found = dict(rows[0])

    def rows_of(table: str, order: str) -> list[dict[str, Any]]:
        return db.query_dicts(f"SELECT * FROM {table} WHERE document_id = ? ORDER BY {order}", (document_id,))

    found["events"] = db.query_dicts(f"SELECT {_EVENT} FROM events e WHERE e.document_id = ? "
                                     "ORDER BY e.evidence_start, e.trigger_start, e.uid", (document_id,))
    found["quotes"] = rows_of("quotes", "start_char, quote_id")
    claims = rows_of("claims", "start_char, claim_id")
    relations = claim_relations(db, [document_id])
    for claim in claims:
        claim["relations"] = relations.get((document_id, claim["claim_id"]), [])
    found["claims"] = claims
    found["mentions"] = rows_of("mentions", "start_char, idx")
    found["places"] = rows_of("place_mentions", "start_char, idx")
    found["dates"] = rows_of("date_mentions", "start_char, idx")
    return found


def quotes(db: Backend, query: EventQuery) -> list[dict[str, Any]]:
    """Quotes with their speakers, filtered like claims (speaker or actor named, publication date, words)."""
    where, params = claim_where(query, db.dialect)  # quotes carry the same speaker and offset columns as claims
    sql = ("SELECT c.*, d.title, d.url, d.outlet, d.published FROM quotes c JOIN documents d ON d.id = c.document_id "
           f"WHERE {where} ORDER BY d.published DESC, c.document_id, c.start_char, c.quote_id")
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [query.limit, query.offset]
    return db.query_dicts(sql, params)


def relation_pairs(db: Backend, query: EventQuery, kinds: tuple[str, ...] = RELATION_KINDS,
                   across: bool = True) -> list[dict[str, Any]]:
    """Pairs of related claims, each pair once, with both claims' speakers, source types and articles.

    A pair is selected when either of its claims matches the query's claim filters.
    """
    where, params = claim_where(replace(query, limit=None), db.dialect)
    marks = ", ".join("?" for _ in kinds)
    other = ", ".join(f"o.{c} AS other_{c}" for c in (
        "claim_id", "text", "start_char", "end_char", "speaker_text", "speaker_name", "speaker_role",
        "speaker_affiliation", "speaker_country", "speaker_anonymous", "source_type"))
    # The filter picks claims in a subquery of its own, where `c` and `d` mean what claim_where expects.
    sql = (f"SELECT r.kind, r.score, r.reason, r.across, c.*, d.title, d.url, d.outlet, d.published, {other}, "
           "od.id AS other_document_id, od.title AS other_title, od.url AS other_url, od.outlet AS other_outlet, "
           "od.published AS other_published "
           "FROM (SELECT c.document_id AS sel_document, c.claim_id AS sel_claim FROM claims c "
           f"JOIN documents d ON d.id = c.document_id WHERE {where}) sel "
           "JOIN claims c ON c.document_id = sel.sel_document AND c.claim_id = sel.sel_claim "
           "JOIN claim_relations r ON r.document_id = c.document_id AND r.claim_id = c.claim_id "
           "JOIN documents d ON d.id = c.document_id "
           "JOIN claims o ON o.document_id = r.other_document_id AND o.claim_id = r.other_claim_id "
           "JOIN documents od ON od.id = o.document_id "
           f"WHERE r.kind IN ({marks}) {'AND r.across = 1' if across else ''} "
           "ORDER BY d.published, c.document_id, c.start_char, r.other_document_id, r.other_claim_id, r.kind")
    pairs: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in db.stream(sql, [*params, *kinds]):
        left, right = (row["document_id"], row["claim_id"]), (row["other_document_id"], row["other_claim_id"])
        key = (row["kind"], *sorted((left, right)))
        pairs.setdefault(key, row)
    found = list(pairs.values())
    start = query.offset
    return found[start:start + query.limit] if query.limit is not None else found[start:]


def actors(db: Backend, words: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Known actors (by name or id), each with how many stored events name it on either side."""
    where, params = ("lower(a.name) LIKE ? ESCAPE '\\' OR lower(a.id) LIKE ? ESCAPE '\\'", [like(words)] * 2) if words else ("1=1", [])
    rows = db.query_dicts(f"SELECT a.id, a.name, a.country, a.sector FROM actors a WHERE {where} "
                          "ORDER BY a.name, a.id LIMIT ? OFFSET ?", [*params, limit, offset])
    for row in rows:
        acting = db.query("SELECT COUNT(*) FROM events WHERE actor_id = ?", (row["id"],))[0][0]
        targeted = db.query("SELECT COUNT(*) FROM events WHERE target_id = ?", (row["id"],))[0][0]
        row["events_as_actor"], row["events_as_target"] = int(acting), int(targeted)
    return rows


def places(db: Backend, query: EventQuery, words: str | None = None) -> list[dict[str, Any]]:
    """Places where the selected events happened, with their number of events and fatalities."""
    where, params = where_clause(replace(query, limit=None, after=None), db.dialect)
    if words:
        where += " AND lower(e.place_name) LIKE ? ESCAPE '\\'"
        params.append(like(words))
    sql = ("SELECT e.place_name AS name, e.country AS country, AVG(e.lat) AS lat, AVG(e.lon) AS lon, "
           "COUNT(*) AS events, SUM(COALESCE(e.fatalities_best, 0)) AS fatalities FROM events e "
           f"WHERE {where} AND e.place_name IS NOT NULL GROUP BY e.place_name, e.country "
           "ORDER BY events DESC, name, country LIMIT ? OFFSET ?")
    rows = db.query_dicts(sql, [*params, query.limit if query.limit is not None else 1000, query.offset])
    for row in rows:
        row["events"], row["fatalities"] = int(row["events"]), int(row["fatalities"] or 0)
    return rows
