"""Exports as downloads: the events (or claims) a query selects, in any `polemos export` format.

The writer fills a temporary file first, so an error shows as a JSON error and not as a truncated
download; the file is removed once sent.
"""

from __future__ import annotations

import os
import tempfile
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..exports import exporter, rows_for
from .api import ERRORS, Filters, StoreDep

router = APIRouter()
Format = Literal["plover", "acled", "ucdp", "cameo", "csv", "jsonl", "parquet", "geojson", "graphml", "claimreview"]
MEDIA = {".csv": "text/csv", ".tsv": "text/tab-separated-values", ".jsonld": "application/ld+json",
         ".jsonl": "application/x-ndjson",
         ".geojson": "application/geo+json", ".graphml": "application/xml", ".parquet": "application/vnd.apache.parquet"}


_TYPES = {media: {} for media in ("text/csv", "text/tab-separated-values", "application/x-ndjson", "application/ld+json",
                                   "application/geo+json", "application/xml", "application/vnd.apache.parquet")}


@router.get("/exports/{format}", responses={**ERRORS, 200: {"content": _TYPES, "description": "The export file."}},
            response_class=FileResponse, tags=["exports"])
def download(store: StoreDep, filters: Filters, format: Format,
             limit: Annotated[int | None, Query(ge=1, le=1_000_000, description="At most this many events.")] = None
             ) -> FileResponse:
    """The selected events in one export format (claimreview: the selected claims), as a file."""
    module = exporter(format)
    query = filters.query(limit=limit)
    rows = rows_for(store, module, query)  # the format's own unit, as `polemos export` writes it
    handle, path = tempfile.mkstemp(prefix="polemos-export-", suffix=module.SUFFIX)
    try:
        with os.fdopen(handle, "wb" if module.BINARY else "w", **({} if module.BINARY else
                                                                 {"encoding": "utf-8", "newline": ""})) as out:
            module.write(rows, out)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=MEDIA.get(module.SUFFIX, "application/octet-stream"),
                        filename=f"polemos-{format}{module.SUFFIX}", background=BackgroundTask(os.unlink, path))
