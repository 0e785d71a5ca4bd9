"""polemos' durable event store: one schema, SQLite by default, PostgreSQL for a server."""

from .backend import DEFAULT_URL, connect
from .database import Coded, SaveSummary, Store

__all__ = ["DEFAULT_URL", "Coded", "SaveSummary", "Store", "connect"]
