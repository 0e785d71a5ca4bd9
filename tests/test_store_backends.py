"""The two backends every store test runs on: a fresh SQLite file, and a fresh schema in the real
PostgreSQL server (127.0.0.1:5432, database `test`), dropped afterwards. No test functions here."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_URL = os.environ.get("POLEMOS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def postgres_url() -> Iterator[str]:
    """A URL to a new schema of the test database; the schema is dropped when the test ends."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as err:
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}: {err}")
    schema = f"polemos_t_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{PG_URL}?schema={schema}"
    finally:
        admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.close()


BACKENDS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


def store_url(kind: str, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if kind == "sqlite":
        yield str(tmp_path / "events.db")
    else:
        yield from postgres_url()
