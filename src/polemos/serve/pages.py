"""The web UI and the API's own documentation, both served from this package and nothing else.

Every view is the same page (static/index.html); app.js reads the path and the query string and
draws the view, so a view's URL reproduces it. Swagger UI's files come from the fastapi-offline
package, not from a CDN.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from . import basemap
from .params import IDENT

STATIC = Path(str(resources.files("polemos.serve").joinpath("static")))
VIEWS = ("timeline", "map", "network", "claims", "articles", "search")
router = APIRouter(include_in_schema=False)


def _shell() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/ui/timeline", status_code=307)


@router.get("/ui")
def ui_home() -> RedirectResponse:
    return RedirectResponse("/ui/timeline", status_code=307)


@router.get("/ui/basemap.json")
def countries(request: Request) -> JSONResponse:
    return JSONResponse(basemap.countries(request.app.state.settings.basemap),
                        headers={"Cache-Control": "public, max-age=86400"})


@router.get("/ui/article/{document_id}")
def article_view(document_id: str) -> Any:
    import re

    if not re.fullmatch(IDENT, document_id):
        from .failures import reply

        return reply(404, "not_found", "No such article.")
    return _shell()


@router.get("/ui/{view}")
def view(view: str) -> Any:
    if view not in VIEWS:
        from .failures import reply

        return reply(404, "not_found", f"No view {view[:40]!r}: the views are {', '.join(VIEWS)}.")
    return _shell()


@router.get("/docs")
def docs() -> FileResponse:
    return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")


def mount(app: FastAPI) -> None:
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    try:
        import fastapi_offline

        swagger = Path(fastapi_offline.__file__).parent / "static"
        app.mount("/docs/assets", StaticFiles(directory=swagger), name="docs-assets")
    except ImportError:  # pragma: no cover - a dependency; without it /docs shows a notice
        pass
    app.include_router(router)
