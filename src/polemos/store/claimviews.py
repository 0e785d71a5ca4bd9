"""Reading claims back: which claims a query selects, and each claim's relations with both evidence texts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..query import EventQuery, where_clause
from .backend import Backend

# The other side of a relation, as a reader needs it to weigh the two accounts.
_OTHER = ("o.text AS other_text, o.speaker_text AS other_speaker_text, o.speaker_name AS other_speaker_name, "
          "o.source_type AS other_source_type, od.title AS other_title, od.url AS other_url, "
          "od.outlet AS other_outlet, od.published AS other_published")


def _in(column: str, values: Sequence[Any]) -> str:
    return f"{column} IN ({', '.join('?' for _ in values)})"


def claim_where(query: EventQuery, dialect: str) -> tuple[str, list[Any]]:
    """WHERE clause over `claims c JOIN documents d` for the filters of an `EventQuery`."""
    parts: list[str] = []
    params: list[Any] = []
    inside = ("EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = c.document_id AND m.start_char >= c.start_char "
              "AND m.end_char <= c.end_char AND ({}))")
    if query.actors:
        names = [a.lower() for a in query.actors]
        speaker = " OR ".join(_in(f"lower({col})", names) for col in ("speaker_name", "speaker_text", "speaker_affiliation"))
        named = f"{_in('m.actor_id', query.actors)} OR {_in('lower(m.party_name)', names)}"
        parts.append(f"({speaker} OR {inside.format(named)})")
        params += names * 3 + list(query.actors) + names
    if query.countries:
        codes = [c.upper() for c in query.countries]
        parts.append(f"({_in('c.speaker_country', codes)} OR {inside.format(_in('m.country', codes))})")
        params += codes * 2
    if query.since:
        parts.append("d.published >= ?")
        params.append(query.since.isoformat())
    if query.until:
        parts.append("d.published <= ?")
        params.append(query.until.isoformat())
    if query.text:
        parts.append("lower(c.text) LIKE ?")
        params.append("%" + query.text.lower().replace("%", "").replace("_", "") + "%")
    if query.documents:
        parts.append(_in("c.document_id", query.documents))
        params += list(query.documents)
    # What the articles report: events of a type, at a place, of an incident.
    reported = replace(query, actors=(), countries=(), since=None, until=None, text=None, documents=(), limit=None)
    where, more = where_clause(reported, dialect)
    if where != "1=1":
        parts.append(f"c.document_id IN (SELECT e.document_id FROM events e WHERE {where})")
        params += more
    return (" AND ".join(parts) or "1=1"), params


def claim_relations(db: Backend, documents: Sequence[str]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Relations of the claims of these documents, keyed by (document, claim): outgoing ones as stored,
    and `revised_by` for a claim a later claim revises."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for start in range(0, len(documents), 500):
        part = list(documents[start:start + 500])
        join = ("LEFT JOIN claims o ON o.document_id = r.other_document_id AND o.claim_id = r.other_claim_id "
                "LEFT JOIN documents od ON od.id = r.other_document_id")
        for row in db.query_dicts(f"SELECT r.*, {_OTHER} FROM claim_relations r {join} "
                                  f"WHERE {_in('r.document_id', part)} ORDER BY r.across, r.other_document_id, "
                                  "r.other_claim_id, r.kind", part):
            found.setdefault((row["document_id"], row["claim_id"]), []).append(row)
        back = ("LEFT JOIN claims o ON o.document_id = r.document_id AND o.claim_id = r.claim_id "
                "LEFT JOIN documents od ON od.id = r.document_id")
        for row in db.query_dicts(
                "SELECT r.other_document_id AS document_id, r.other_claim_id AS claim_id, r.document_id AS "
                "other_document_id, r.claim_id AS other_claim_id, 'revised_by' AS kind, r.score, r.reason, r.across, "
                f"{_OTHER} FROM claim_relations r {back} WHERE r.kind = 'revises' "
                f"AND {_in('r.other_document_id', part)} ORDER BY r.document_id, r.claim_id", part):
            found.setdefault((row["document_id"], row["claim_id"]), []).append(row)
    return found
