"""Claim relations across articles, found while a partition is stored and written with it.

Each newly stored document is compared with the stored documents most likely to report the same
matter: those published within a window of days that name the same actors or places (ranked by
how many they share, a bounded number kept). The search walks the documents of the window through
the `documents_published` index and their mentions and events through their primary keys, so its
cost follows the size of the window, never the size of the store. The rules that compare two
claims are `polemos.relations`' (the same as within one article).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from ..records import Claim, Speaker
from ..relations import WINDOW_DAYS, Account, CrossRelation, relate_accounts
from .backend import Backend

CANDIDATES = 40  # stored documents a new one is compared with, at most


def _marks(items: Sequence[Any]) -> str:
    return ", ".join("?" for _ in items)


def keys_by_document(tables: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
    """Actor keys and event places of the documents about to be stored."""
    keys: dict[str, set[str]] = {}
    for row in tables["mentions"]:
        if row["actor_id"] and row["country"]:  # a side with no country names no particular story
            keys.setdefault(row["document_id"], set()).add(row["actor_id"])
    for row in tables["events"]:
        if row["place_name"]:
            keys.setdefault(row["document_id"], set()).add(row["place_name"])
    return keys


def candidates(db: Backend, document: str, published: str, keys: Sequence[str], *,
               window_days: int = WINDOW_DAYS, limit: int = CANDIDATES) -> list[str]:
    """Stored documents with claims, published near `published`, sharing the most actors and places."""
    if not keys or not published:
        return []
    day = date.fromisoformat(published[:10])
    lo, hi = (day - timedelta(days=window_days)).isoformat(), (day + timedelta(days=window_days)).isoformat()
    near = ("SELECT d.id FROM documents d WHERE d.published BETWEEN ? AND ? AND d.id <> ? "
            "AND EXISTS (SELECT 1 FROM claims c WHERE c.document_id = d.id)")
    sql = (f"SELECT s.document_id, COUNT(DISTINCT s.k) AS shared FROM ("
           f"SELECT m.document_id, m.actor_id AS k FROM mentions m WHERE m.document_id IN ({near}) "
           f"AND m.country IS NOT NULL AND m.actor_id IN ({_marks(keys)}) "
           f"UNION ALL SELECT e.document_id, e.place_name AS k FROM events e WHERE e.document_id IN ({near}) "
           f"AND e.place_name IN ({_marks(keys)})) s "
           "GROUP BY s.document_id ORDER BY shared DESC, s.document_id LIMIT ?")
    params = [lo, hi, document, *keys, lo, hi, document, *keys, limit]
    return [row[0] for row in db.query(sql, params)]


def _speaker(row: dict[str, Any]) -> Speaker | None:
    if not row["speaker_text"]:
        return None
    return Speaker(row["speaker_text"], row["speaker_name"], row["speaker_role"], row["speaker_affiliation"],
                   row["speaker_country"], bool(row["speaker_anonymous"]), row["source_type"] or "other")


def accounts(db: Backend, documents: Sequence[str]) -> list[Account]:
    """Stored documents' claims as records, ready for `relate_accounts`."""
    claims: dict[str, list[Claim]] = {}
    published: dict[str, str] = {}
    for start in range(0, len(documents), 500):
        part = list(documents[start:start + 500])
        for row in db.query_dicts(
                "SELECT c.*, d.published FROM claims c JOIN documents d ON d.id = c.document_id "
                f"WHERE c.document_id IN ({_marks(part)}) ORDER BY c.document_id, c.start_char, c.claim_id", part):
            published[row["document_id"]] = row["published"] or ""
            claims.setdefault(row["document_id"], []).append(
                Claim(row["claim_id"], row["text"], row["start_char"], row["end_char"], _speaker(row),
                      topic=row["topic"], polarity=row["polarity"] if row["polarity"] is not None else 1))
    places: dict[str, set[str]] = {}
    for start in range(0, len(documents), 500):
        part = list(documents[start:start + 500])
        for doc, place in db.query(f"SELECT DISTINCT document_id, place_name FROM events WHERE document_id IN "
                                   f"({_marks(part)}) AND place_name IS NOT NULL", part):
            places.setdefault(doc, set()).add(place)
    return [Account(doc, published[doc], tuple(found), frozenset(), frozenset(places.get(doc, ())))
            for doc, found in claims.items()]


def relation_rows(found: Sequence[CrossRelation]) -> list[dict[str, Any]]:
    """Rows for claim_relations: `revises` once (on the later claim), symmetric kinds from both sides."""
    rows = []
    for rel in found:
        rows.append({"document_id": rel.document, "claim_id": rel.claim, "other_document_id": rel.other_document,
                     "other_claim_id": rel.other_claim, "kind": rel.kind, "score": round(rel.score, 3),
                     "reason": rel.reason, "across": 1})
        if rel.kind != "revises":
            rows.append({"document_id": rel.other_document, "claim_id": rel.other_claim,
                         "other_document_id": rel.document, "other_claim_id": rel.claim, "kind": rel.kind,
                         "score": round(rel.score, 3), "reason": rel.reason, "across": 1})
    return rows


def relate_new(db: Backend, new: Sequence[tuple[str, str | None]], keys: dict[str, set[str]], *,
               window_days: int = WINDOW_DAYS, limit: int = CANDIDATES) -> list[dict[str, Any]]:
    """Cross-article relation rows for documents just written (in the open transaction): (id, published)."""
    wanted: dict[str, list[str]] = {}
    for document, published in new:
        found = candidates(db, document, published or "", sorted(keys.get(document, ())),
                           window_days=window_days, limit=limit)
        if found:
            wanted[document] = found
    if not wanted:
        return []
    loaded = accounts(db, sorted(set(wanted) | {d for found in wanted.values() for d in found}))
    index = {account.document: i for i, account in enumerate(loaded)}
    pairs = {(index[doc], index[other]) for doc, found in wanted.items() for other in found
             if doc in index and other in index}
    return relation_rows(relate_accounts(loaded, pairs))
