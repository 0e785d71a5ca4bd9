"""From an `Analysis` to table rows (dicts keyed by the schema's column names).

A stored document is keyed by the hash of its input bytes (`key`), not by the name it arrived
with: two files with the same name in two folders are two documents, and the same bytes seen
twice are one. An event's `uid` is `key:event id`, stable across runs of one pipeline.
"""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from typing import Any

from ..records import Analysis, Party, Rejection, Speaker


def date_bounds(value: str | None, end_value: str | None = None) -> tuple[str | None, str | None]:
    """First and last day a normalised date value covers: '2025-W44' -> Monday..Sunday."""
    if not value:
        return None, None
    start, end = _bounds(value)
    if end_value:
        end = _bounds(end_value)[1] or end
    return start, end


def _bounds(value: str) -> tuple[str | None, str | None]:
    try:
        if len(value) == 10:
            return value, value
        if len(value) == 8 and value[4:6] == "-W":
            monday = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
        if len(value) == 4 and value.isdigit():
            return f"{value}-01-01", f"{value}-12-31"
        if len(value) == 4 and value[:3].isdigit():  # a decade written 199X
            return f"{value[:3]}0-01-01", f"{value[:3]}9-12-31"
    except ValueError:
        return None, None
    return None, None


def actor_key(party: Party | None) -> str | None:
    """What identifies a side for dyads and the actors table: id, else country/sector, else None."""
    if party is None:
        return None
    if party.id:
        return party.id
    if party.country:
        return f"{party.country}/{party.sector or ''}".rstrip("/")
    return None


def _party(prefix: str, party: Party | None) -> dict[str, Any]:
    if party is None:
        return {f"{prefix}_text": None, f"{prefix}_name": None, f"{prefix}_country": None,
                f"{prefix}_sector": None, f"{prefix}_id": None}
    return {f"{prefix}_text": party.text, f"{prefix}_name": party.name, f"{prefix}_country": party.country,
            f"{prefix}_sector": party.sector, f"{prefix}_id": actor_key(party)}


def _speaker(speaker: Speaker | None) -> dict[str, Any]:
    if speaker is None:
        return {"speaker_text": None, "speaker_name": None, "speaker_role": None, "speaker_affiliation": None,
                "speaker_country": None, "speaker_anonymous": None, "source_type": None}
    return {"speaker_text": speaker.text, "speaker_name": speaker.name, "speaker_role": speaker.role,
            "speaker_affiliation": speaker.affiliation, "speaker_country": speaker.country,
            "speaker_anonymous": int(speaker.anonymous), "source_type": speaker.source_type}


def document_row(key: str, analysis: Analysis, *, origin: str | None, run_id: str, partition_id: str | None,
                 at: str) -> dict[str, Any]:
    doc = analysis.document
    return {
        "id": key, "source_id": doc.id, "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url, "outlet": doc.outlet, "language": doc.language, "dateline": doc.dateline,
        "byline": doc.byline, "origin": origin, "text": doc.text, "pipeline": analysis.pipeline,
        "run_id": run_id, "partition_id": partition_id, "coded_at": at,
    }


def event_rows(key: str, analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for event in (*analysis.events, *analysis.unasserted):
        loc, when, toll = event.location, event.date, event.fatalities
        start, end = date_bounds(when.value) if when else (None, None)
        row: dict[str, Any] = {
            "uid": f"{key}:{event.id}", "document_id": key, "event_id": event.id, "type": event.type,
            "mode": event.mode, "cameo": event.cameo,
            "acled_event_type": event.acled.event_type if event.acled else None,
            "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
            **_party("actor", event.actor), **_party("target", event.target),
            "place_text": loc.text if loc else None, "place_name": loc.name if loc else None,
            "country": loc.country if loc else None, "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None, "geonames_id": loc.geonames_id if loc else None,
            "geo_precision": loc.precision if loc else None,
            "date_text": when.text if when else None, "date_value": when.value if when else None,
            "date_precision": when.precision if when else None, "date_source": when.source if when else None,
            "date_start": start, "date_end": end,
            "fatalities_best": toll.best if toll else None, "fatalities_low": toll.low if toll else None,
            "fatalities_high": toll.high if toll else None, "injured": toll.injured if toll else None,
            "fatalities_claimed_by": toll.claimed_by if toll else None,
            "fatalities_by": json.dumps([p.to_dict() for p in toll.by]) if toll and toll.by else None,
            "fatalities_text": toll.text if toll else None,
            "evidence_start": event.evidence.start, "evidence_end": event.evidence.end,
            "evidence_text": event.evidence.text, "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end, "trigger_text": event.trigger.text,
            "negated": int(event.negated), "hypothetical": int(event.hypothetical),
            "confidence": round(event.confidence, 3), "claimed_by": event.claimed_by,
            "sentence": event.sentence, "incident_id": None, "factuality": event.factuality,
            "mentions": json.dumps([m.to_dict() for m in event.mentions]) if event.mentions else None,
        }
        rows.append(row)
    return rows


def mention_rows(key: str, analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for index, mention in enumerate(analysis.mentions):
        party = mention.party
        rows.append({
            "document_id": key, "idx": index, "start_char": mention.start, "end_char": mention.end,
            "text": mention.text, "label": mention.label, "party_name": party.name if party else None,
            "country": party.country if party else None, "sector": party.sector if party else None,
            "actor_id": actor_key(party), "source": mention.source,
        })
    return rows


def place_rows(key: str, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"document_id": key, "idx": index, "start_char": p.start, "end_char": p.end, "text": p.text, "name": p.name,
         "country": p.country, "lat": p.lat, "lon": p.lon, "geonames_id": p.geonames_id, "geo_precision": p.precision}
        for index, p in enumerate(analysis.places)
    ]


def date_rows(key: str, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"document_id": key, "idx": index, "start_char": d.start, "end_char": d.end, "text": d.text, "value": d.value,
         "date_precision": d.precision, "end_value": d.end_value}
        for index, d in enumerate(analysis.dates)
    ]


def actor_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """Every resolved side or mention, once per key, for the actors table."""
    seen: dict[str, dict[str, Any]] = {}
    parties = [m.party for m in analysis.mentions] + [p for e in analysis.events for p in (e.actor, e.target)]
    for party in parties:
        key = actor_key(party)
        if party is not None and key and key not in seen:
            seen[key] = {"id": key, "name": party.name, "country": party.country, "sector": party.sector}
    return list(seen.values())


def quote_rows(key: str, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"document_id": key, "quote_id": q.id, "text": q.text, "start_char": q.start, "end_char": q.end,
         "direct": int(q.direct), "cue": q.cue, **_speaker(q.speaker)}
        for q in analysis.quotes
    ]


def claim_rows(key: str, analysis: Analysis) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    claims, relations = [], []
    for claim in analysis.claims:
        claims.append({"document_id": key, "claim_id": claim.id, "text": claim.text, "start_char": claim.start,
                       "end_char": claim.end, "topic": claim.topic, "polarity": claim.polarity,
                       **_speaker(claim.speaker)})
        for rel in claim.relations:
            relations.append({"document_id": key, "claim_id": claim.id, "other_document_id": key,
                              "other_claim_id": rel.claim, "kind": rel.kind, "score": round(rel.score, 3),
                              "reason": rel.reason, "across": 0})
    return claims, relations


def rejection_row(key: str, rejection: Rejection, *, source_id: str | None, run_id: str, at: str) -> dict[str, Any]:
    return {"id": key, "reason": rejection.reason, "message": rejection.message,
            "source_id": source_id or rejection.document_id, "origin": rejection.origin, "run_id": run_id, "at": at}
