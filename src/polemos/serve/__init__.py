"""`polemos serve`: a versioned JSON API (/api/v1, OpenAPI at /docs) and an offline web UI over the store.

The server is a thin layer: every read goes through `EventQuery` and the `Store`; every write
through `batch.ingest`, the same path as `polemos ingest`.
"""

from .app import create_app
from .settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
