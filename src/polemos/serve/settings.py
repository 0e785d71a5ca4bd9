"""What a running server is configured with: the store, the write token, the limits.

Settings travel to uvicorn's worker processes as one JSON environment variable, so every worker
builds the same app. The token is kept only as its SHA-256 digest.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field

ENV = "POLEMOS_SERVE_SETTINGS"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ServeSettings:
    db: str = "polemos.db"
    token_digest: str | None = None  # None: every write is refused (a read-only server)
    cors_origins: tuple[str, ...] = ()  # closed unless origins are named
    max_body_bytes: int = 5_000_000  # a request body larger than this is refused with 413
    fetch_timeout: float = 15.0  # seconds for one page of a URL ingest, connect to last byte
    fetch_max_bytes: int = 5_000_000
    fetch_allow: tuple[str, ...] = ()  # host:port origins a URL ingest may reach although they are private
    basemap: str | None = None  # a world-atlas countries TopoJSON; None: looked up (basemap.py)
    pool_size: int = 8  # store connections per worker process
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def with_token(cls, token: str | None, **values: object) -> "ServeSettings":
        return cls(token_digest=digest(token) if token else None, **values)  # type: ignore[arg-type]

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> "ServeSettings":
        raw = os.environ.get(ENV)
        if not raw:
            return cls()
        values = json.loads(raw)
        for name in ("cors_origins", "fetch_allow"):
            values[name] = tuple(values.get(name) or ())
        return cls(**values)
