"""Connections to SQLite (the embedded default) and PostgreSQL (the server store).

Both speak the same SQL here: statements are written with `?` placeholders and
`ON CONFLICT DO NOTHING`; the PostgreSQL backend turns `?` into `%s`. Nothing above this
module knows which database it talks to, except through `dialect`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from ..errors import StoreError
from ..query import km

DEFAULT_URL = "polemos.db"
_PLACEHOLDER = re.compile(r"\?")


class Backend:
    """One open database connection with explicit transactions."""

    dialect: str = ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def query_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts, fetched a chunk at a time so an export never holds the whole table."""
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def close(self) -> None:
        raise NotImplementedError


class SQLiteBackend(Backend):
    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=60, check_same_thread=False)
        except sqlite3.Error as err:
            raise StoreError(f"Cannot open the SQLite store {path}: {err}.") from err
        # WAL: readers never block the writer, and a killed process loses only its open transaction.
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=OFF")
        self.conn.create_function("polemos_km", 4, km, deterministic=True)
        self.path = path

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def query_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(2000):
            for row in rows:
                yield dict(zip(names, row))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


class PostgresBackend(Backend):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as err:  # pragma: no cover - psycopg is a dependency
            raise StoreError('PostgreSQL needs psycopg 3: pip install "psycopg[binary]".') from err
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        schema = (query.pop("schema", [None]) or [None])[0]
        clean = urlunsplit(parts._replace(query=urlencode(query, doseq=True)))
        try:
            self.conn = psycopg.connect(clean, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"Cannot connect to PostgreSQL at {parts.hostname}:{parts.port or 5432}: {err}".strip()) from err
        self.schema = schema
        if schema:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", schema):
                raise StoreError(f"{schema!r} is not a valid schema name: use letters, digits and underscores.")
            self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            self.conn.execute(f"SET search_path TO {schema}")
        self._in_transaction = False

    @staticmethod
    def _sql(sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))

    def _prepare(self, sql: str, params: Sequence[Any]) -> tuple[str, tuple[Any, ...] | None]:
        """With parameters, `?` becomes `%s`; without, the statement goes verbatim (no % escaping)."""
        return (self._sql(sql), tuple(params)) if params else (sql, None)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(*self._prepare(sql, params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(*self._prepare(sql, params)).fetchall()

    def query_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(*self._prepare(sql, params))
        names = [d.name for d in cursor.description or ()]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        with self.conn.cursor() as cursor:
            names: list[str] = []
            for row in cursor.stream(*self._prepare(sql, params)):
                if not names:
                    names = [d.name for d in cursor.description or ()]
                yield dict(zip(names, row))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def close(self) -> None:
        self.conn.close()


def connect(url: str | None = None) -> Backend:
    """A backend for a store URL: `postgresql://…`, `sqlite:///path`, or a plain file path."""
    url = url or DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url)
    if url.startswith("sqlite:///"):
        return SQLiteBackend(url[len("sqlite:///"):] or ":memory:")
    if url.startswith("sqlite://"):
        return SQLiteBackend(url[len("sqlite://"):] or ":memory:")
    if "://" in url:
        raise StoreError(f"Unknown store URL {url!r}: give a file path, sqlite:///path or postgresql://host/db.")
    return SQLiteBackend(url)
