"""The store's schema, declared once, and the numbered migrations that build it.

Tables are declared as data (`Table`, `Column`) and rendered for each SQL dialect, so SQLite
and PostgreSQL can never drift apart. A migration is a numbered list of statements; the
`migrations` table records which ones a database has applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["text", "int", "real", "bool"]

# Column types per dialect. Booleans are small integers in both so rows read back the same way.
_TYPES: dict[str, dict[ColumnType, str]] = {
    "sqlite": {"text": "TEXT", "int": "INTEGER", "real": "REAL", "bool": "INTEGER"},
    "postgresql": {"text": "TEXT", "int": "BIGINT", "real": "DOUBLE PRECISION", "bool": "SMALLINT"},
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType = "text"
    required: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def create_sql(self, dialect: str) -> str:
        types = _TYPES[dialect]
        lines = [f"{c.name} {types[c.type]}{' NOT NULL' if c.required or c.name in self.key else ''}" for c in self.columns]
        lines.append(f"PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(lines) + "\n)"


def _cols(spec: str) -> tuple[Column, ...]:
    """'name:type! other' -> Columns; `!` marks NOT NULL, the type defaults to text."""
    columns = []
    for item in spec.split():
        required = item.endswith("!")
        name, _, kind = item.rstrip("!").partition(":")
        columns.append(Column(name, (kind or "text"), required))  # type: ignore[arg-type]
    return tuple(columns)


_SPEAKER = "speaker_text speaker_name speaker_role speaker_affiliation speaker_country speaker_anonymous:bool source_type"

_EVENTS_V1 = (
    "uid document_id! event_id! type! mode cameo acled_event_type acled_sub_event_type "
    "actor_text actor_name actor_country actor_sector actor_id "
    "target_text target_name target_country target_sector target_id "
    "place_text place_name country lat:real lon:real geonames_id:int geo_precision "
    "date_text date_value date_precision date_source date_start date_end "
    "fatalities_best:int fatalities_low:int fatalities_high:int injured:int fatalities_claimed_by "
    "fatalities_by fatalities_text "
    "evidence_start:int evidence_end:int evidence_text trigger_start:int trigger_end:int trigger_text "
    "negated:bool hypothetical:bool confidence:real claimed_by sentence:int incident_id"
)
# Migration 10: whether the event happened (docs/event-codebook.md) and the other sentences telling it.
_EVENTS_V10 = "factuality mentions"

MIGRATIONS_TABLE = Table("migrations", _cols("version:int name! applied_at!"), ("version",))

TABLES: tuple[Table, ...] = (
    Table(
        "runs",
        _cols("id pipeline started_at! finished_at status! sources workers:int coded:int rejected:int duplicates:int recoded:int"),
        ("id",),
    ),
    Table(
        "documents",
        _cols(
            "id source_id title published url outlet language dateline byline origin text! "
            "pipeline run_id partition_id coded_at"
        ),
        ("id",),
    ),
    Table(
        "mentions",
        _cols("document_id idx:int start_char:int end_char:int text label party_name country sector actor_id source"),
        ("document_id", "idx"),
    ),
    Table("actors", _cols("id name! country sector"), ("id",)),
    Table("events", _cols(_EVENTS_V1 + " " + _EVENTS_V10), ("uid",)),
    Table(
        "quotes",
        _cols(f"document_id quote_id text start_char:int end_char:int direct:bool cue {_SPEAKER}"),
        ("document_id", "quote_id"),
    ),
    Table(
        "claims",
        _cols(f"document_id claim_id text start_char:int end_char:int topic polarity:int {_SPEAKER}"),
        ("document_id", "claim_id"),
    ),
    Table(
        "claim_relations",
        # `claim` relates to `other_claim`; across articles (across = 1) the later-published claim holds a
        # `revises`, and contradicts / corroborates are stored once from each side.
        _cols("document_id claim_id other_document_id other_claim_id kind score:real reason across:bool"),
        ("document_id", "claim_id", "other_document_id", "other_claim_id", "kind"),
    ),
    Table(
        "incidents",
        _cols(
            "id type! actor_key target_key date_first date_last lat:real lon:real country place_name "
            "fatalities_low:int fatalities_high:int reports:int documents:int updated_at"
        ),
        ("id",),
    ),
    Table("incident_reports", _cols("event_uid incident_id! document_id! reason!"), ("event_uid",)),
    Table("rejections", _cols("id reason! message! source_id origin run_id at"), ("id",)),
    Table(
        "revisions",
        _cols("document_id run_id old_pipeline new_pipeline added:int removed:int changed:int detail at"),
        ("document_id", "run_id"),
    ),
)

# Every place and date the text names, with offsets, for reading an article back (migration 8).
MENTION_TABLES: tuple[Table, ...] = (
    Table(
        "place_mentions",
        _cols("document_id idx:int start_char:int end_char:int text name country lat:real lon:real geonames_id:int "
              "geo_precision"),
        ("document_id", "idx"),
    ),
    Table(
        "date_mentions",
        _cols("document_id idx:int start_char:int end_char:int text value date_precision end_value"),
        ("document_id", "idx"),
    ),
)

GENERATION_TABLE = Table("generation", _cols("id:int n:int!"), ("id",))

TABLE = {t.name: t for t in (MIGRATIONS_TABLE, *TABLES, *MENTION_TABLES, GENERATION_TABLE)}

# Indexes the query layer relies on; named so a migration can add or drop them by name.
INDEXES: tuple[tuple[str, str, str], ...] = (
    ("events_date", "events", "date_start, uid"),
    ("events_type_date", "events", "type, date_start"),
    ("events_country_date", "events", "country, date_start"),
    ("events_actor_name", "events", "actor_name"),
    ("events_target_name", "events", "target_name"),
    ("events_actor_id", "events", "actor_id"),
    ("events_target_id", "events", "target_id"),
    ("events_actor_country", "events", "actor_country"),
    ("events_target_country", "events", "target_country"),
    ("events_lat", "events", "lat, lon"),
    ("events_document", "events", "document_id"),
    ("events_incident", "events", "incident_id"),
    ("documents_published", "documents", "published"),
    ("incident_reports_incident", "incident_reports", "incident_id"),
    ("incidents_dates", "incidents", "type, date_first"),
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def migrations(dialect: str) -> tuple[Migration, ...]:
    """Every migration, in order; a database applies those above its recorded version."""
    from dataclasses import replace

    first = tuple(replace(t, columns=_cols(_EVENTS_V1)) if t.name == "events" else t for t in TABLES)
    return (
        Migration(1, "tables: documents, mentions, actors, events, quotes, claims, incidents, rejections, runs",
                  tuple(t.create_sql(dialect) for t in first)),
        Migration(2, "indexes for the query layer",
                  tuple(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})" for name, table, cols in INDEXES)),
        # SQLite gets polemos_km from Python at connect time; PostgreSQL keeps it as a SQL function.
        Migration(3, "great-circle distance function polemos_km", (_PG_KM,) if dialect == "postgresql" else ()),
        Migration(4, "index on place names for place queries",
                  ("CREATE INDEX IF NOT EXISTS events_place ON events (place_name)",)),
        Migration(5, "full-text index of evidence sentences", _FULL_TEXT[dialect]),
        # PostgreSQL re-checks phrase matches on the row: a stored tsvector spares recomputing it.
        Migration(6, "stored tsvector of evidence sentences (PostgreSQL)", _STORED_TSV if dialect == "postgresql" else ()),
        Migration(7, "claim relations across articles: the other claim's document, a cross-article flag",
                  _claim_relations_across(dialect)),
        Migration(8, "place and date mentions with offsets, for the article view",
                  tuple(t.create_sql(dialect) for t in MENTION_TABLES)),
        # The timeline counts events per day by reading this index alone, not a million rows.
        Migration(9, "covering index of event days and fatalities for daily counts",
                  ("CREATE INDEX IF NOT EXISTS events_days ON events (date_start, date_end, fatalities_best)",)),
        Migration(10, "events: factuality (live events are 'asserted') and the folded mentions of one incident",
                  ("ALTER TABLE events ADD COLUMN factuality TEXT",
                   "ALTER TABLE events ADD COLUMN mentions TEXT",
                   "UPDATE events SET factuality = CASE WHEN negated = 1 THEN 'negated' WHEN hypothetical = 1 "
                   "THEN 'hypothetical' ELSE 'asserted' END",
                   "CREATE INDEX IF NOT EXISTS events_factuality ON events (factuality, date_start)")),
        # A page filtered by country reads one branch per country column in date order (query.page_uids);
        # type is in the index so a root filter is checked there too. The old indexes are their prefixes.
        Migration(11, "indexes of each country column in date order, for filtered pages",
                  (*(f"CREATE INDEX IF NOT EXISTS events_{column}_keys ON events ({column}, date_start, uid, type)"
                     for column in ("country", "actor_country", "target_country")),
                   "DROP INDEX IF EXISTS events_country_date", "DROP INDEX IF EXISTS events_actor_country",
                   "DROP INDEX IF EXISTS events_target_country")),
        # Every write through the Store adds one to n, so a reader can keep what it computed from the
        # store (a server's views) for as long as n has not moved.
        Migration(12, "a generation number of the stored data",
                  (TABLE["generation"].create_sql(dialect), "INSERT INTO generation (id, n) VALUES (1, 0) ON CONFLICT DO NOTHING")),
    )


def _claim_relations_across(dialect: str) -> tuple[str, ...]:
    """Rebuild claim_relations with its declared columns (neither backend can widen a primary key in
    place); rows of older stores relate claims of one article, so their other document is their own."""
    from dataclasses import replace

    table = TABLE["claim_relations"]
    return (
        replace(table, name="claim_relations_v7").create_sql(dialect),
        "INSERT INTO claim_relations_v7 (document_id, claim_id, other_document_id, other_claim_id, kind, score, reason, "
        "across) SELECT document_id, claim_id, document_id, other_claim_id, kind, score, reason, 0 FROM claim_relations",
        "DROP TABLE claim_relations",
        "ALTER TABLE claim_relations_v7 RENAME TO claim_relations",
        "CREATE INDEX IF NOT EXISTS claim_relations_other ON claim_relations (other_document_id, other_claim_id)",
    )


_STORED_TSV = (
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS evidence_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(evidence_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS events_tsv ON events USING gin (evidence_tsv)",
    "DROP INDEX IF EXISTS events_text",
)


# Words in evidence sentences: FTS5 kept in step by triggers in SQLite, a GIN expression index in PostgreSQL.
_FULL_TEXT = {
    "sqlite": (
        "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(evidence_text, content='events', content_rowid='rowid')",
        "CREATE TRIGGER IF NOT EXISTS events_fts_insert AFTER INSERT ON events BEGIN "
        "INSERT INTO events_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text); END",
        "CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN "
        "INSERT INTO events_fts(events_fts, rowid, evidence_text) VALUES ('delete', old.rowid, old.evidence_text); END",
        "CREATE TRIGGER IF NOT EXISTS events_fts_update AFTER UPDATE OF evidence_text ON events BEGIN "
        "INSERT INTO events_fts(events_fts, rowid, evidence_text) VALUES ('delete', old.rowid, old.evidence_text); "
        "INSERT INTO events_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text); END",
        "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
    ),
    "postgresql": (
        "CREATE INDEX IF NOT EXISTS events_text ON events USING gin (to_tsvector('simple', coalesce(evidence_text, '')))",
    ),
}


_PG_KM = """CREATE OR REPLACE FUNCTION polemos_km(lat1 double precision, lon1 double precision,
                                      lat2 double precision, lon2 double precision)
RETURNS double precision AS $$
  SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
$$ LANGUAGE SQL IMMUTABLE"""
