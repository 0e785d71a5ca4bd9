"""The FastAPI application: /api/v1 (reads, exports, ingest), /ui (the web UI), /docs (OpenAPI)."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from .. import __version__
from . import api, downloads, failures, intake, pages, views
from .guards import Guard
from .pool import StorePool
from .settings import ServeSettings

DESCRIPTION = """polemos' coded corpus over HTTP: events (PLOVER, CAMEO, ACLED types) with actors, places,
dates and fatalities, incidents merged across reports, quotes and claims with their speakers and the
claims that contradict, corroborate or revise each other, every value traced to its article's words.

Lists are paged with `next_cursor` (pass it back as `cursor`). Errors are JSON:
`{"error": {"code", "message", "status", "details"}}`. Writes (`/ingest/...`) need
`Authorization: Bearer <token>`."""


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    settings = settings or ServeSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = StorePool(settings.db, settings.pool_size)
        app.state.views = views.ViewCache()
        threading.Thread(target=views.warm, args=(app.state.views, app.state.pool.store), name="polemos-warm",
                         daemon=True).start()
        from . import basemap

        basemap.countries(settings.basemap)  # decoded once at start, not during the first map view
        try:
            yield
        finally:
            app.state.pool.close()

    app = FastAPI(title="polemos", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.settings = settings
    failures.install(app)
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(downloads.router, prefix="/api/v1")
    app.include_router(intake.router, prefix="/api/v1")
    pages.mount(app)
    # Level 6, not Starlette's 9: a page of events costs a third of the CPU for 3% more bytes.
    app.add_middleware(GZipMiddleware, minimum_size=2000, compresslevel=6)
    if settings.cors_origins:  # closed unless the operator names origins
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"],
                           allow_headers=[], allow_credentials=False)
    app.add_middleware(Guard, max_body_bytes=settings.max_body_bytes)
    logging.getLogger("polemos.serve").setLevel(logging.INFO)
    return app


def create_app_from_env() -> FastAPI:
    """uvicorn's factory for worker processes: the settings come in $POLEMOS_SERVE_SETTINGS."""
    return create_app(ServeSettings.from_env())
