"""Writes: articles in by POST (text, HTML, a URL to fetch, or a JSON Lines batch), behind the token.

Everything goes through `batch.ingest`, the path of `polemos ingest`: idempotent by content hash,
one transaction per partition, incidents updated after. Coding runs in this process, one request
at a time (the pipeline is loaded once, on the first write). A URL is fetched by `Fetcher` over
`GuardedTransport`: http(s) only, public addresses only (checked again at connect time), every
redirect checked the same way, with a size and a total time limit.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..batch import ingest, key_of
from ..fetch import Fetcher, FetchPolicy, GuardedTransport
from ..records import Article, Rejection
from ..sources import article_from_bytes, read_batch
from . import models
from .api import StoreDep
from .failures import ApiError
from .guards import require_token

router = APIRouter(dependencies=[Depends(require_token)])
_WRITING = threading.Lock()  # one ingest at a time per process: the Coder is not shared between threads
AUTH: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorReply, "description": "The body cannot be used (invalid_parameter)."},
    401: {"model": models.ErrorReply, "description": "No token (missing_token)."},
    403: {"model": models.ErrorReply, "description": "Wrong token, or a read-only server."},
    413: {"model": models.ErrorReply, "description": "The body is larger than the server's limit."},
    422: {"model": models.ErrorReply, "description": "The article was rejected: the code is the reason."},
}
TEXT = r"^[^\x00]*$"


class ArticleIn(BaseModel):
    """One article: its body as `text` or `html`, or a `fetch` URL to read it from; metadata optional."""

    model_config = ConfigDict(extra="forbid")
    text: Annotated[str | None, Field(min_length=1, max_length=5_000_000, pattern=TEXT)] = None
    html: Annotated[str | None, Field(min_length=1, max_length=5_000_000, pattern=TEXT)] = None
    fetch: Annotated[str | None, Field(min_length=1, max_length=2000, pattern=TEXT,
                                       description="An http(s) URL to fetch the article from.")] = None
    id: Annotated[str | None, Field(max_length=200, pattern=TEXT)] = None
    title: Annotated[str | None, Field(max_length=1000, pattern=TEXT)] = None
    published: date | None = None
    url: Annotated[str | None, Field(max_length=2000, pattern=TEXT, description="Where the article was published.")] = None
    outlet: Annotated[str | None, Field(max_length=200, pattern=TEXT)] = None

    @model_validator(mode="after")
    def one_body(self) -> "ArticleIn":
        given = [name for name in ("text", "html", "fetch") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or fetch")
        for name in ("text", "html", "fetch", "id", "title", "url", "outlet"):
            value = getattr(self, name)
            if value is not None:
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as err:
                    raise ValueError(f"{name} is not valid Unicode (a lone surrogate)") from err
        return self


def _fetcher(request: Request) -> Fetcher:
    settings = request.app.state.settings
    policy = FetchPolicy(timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes,
                         allow_origins=settings.fetch_allow, max_redirects=5)
    return Fetcher(transport=GuardedTransport(allow=settings.fetch_allow), policy=policy)


def _item(body: ArticleIn, request: Request) -> Article | Rejection:
    meta = {"title": body.title, "published": body.published, "outlet": body.outlet}
    if body.fetch:
        return _fetcher(request).article(body.fetch, **meta)
    raw = (body.text or body.html or "").encode("utf-8")
    return article_from_bytes(raw, id=body.id, kind="html" if body.html else "text", url=body.url,
                              origin=f"api:{body.id or 'article'}", **meta)


def _run(store: Any, items: list[Article | Rejection]) -> dict[str, Any]:
    keys = [key_of(item) for item in items]
    with _WRITING:
        summary = ingest(items, store, workers=1, partition_size=16, sources=["api"])
    stored = {row[0] for part in _chunks(keys) for row in store.db.query(
        f"SELECT id FROM documents WHERE id IN ({', '.join('?' for _ in part)})", part)}
    rejected = {row["id"]: row for part in _chunks(keys) for row in store.db.query_dicts(
        f"SELECT id, reason, message, origin FROM rejections WHERE id IN ({', '.join('?' for _ in part)})", part)}
    # A failed fetch is not stored twice (its key is where + why); report it from the input itself.
    for key, item in zip(keys, items):
        if isinstance(item, Rejection) and key not in rejected:
            rejected[key] = {"reason": item.reason, "message": item.message, "origin": item.origin}
    return {"run_id": summary.run_id, "read": summary.read, "coded": summary.coded + summary.recoded,
            "rejected": len([k for k in dict.fromkeys(keys) if k in rejected and k not in stored]),
            "duplicates": summary.duplicates, "events": summary.events,
            "documents": [k for k in dict.fromkeys(keys) if k in stored],
            "rejections": [{"reason": r["reason"], "message": r["message"], "origin": r.get("origin")}
                           for k, r in rejected.items() if k not in stored]}


def _chunks(keys: list[str], size: int = 500) -> list[list[str]]:
    unique = list(dict.fromkeys(keys))
    return [unique[i:i + size] for i in range(0, len(unique), size)]


@router.post("/ingest/article", response_model=models.IngestResult, status_code=201, responses=AUTH, tags=["ingest"])
def ingest_article(body: ArticleIn, request: Request, response: Response, store: StoreDep) -> dict[str, Any]:
    """Code one article and store it (201); the same bytes again change nothing (200). A rejected
    article answers 422 with the reason as code (empty, not_english, fetch_failed...)."""
    result = _run(store, [_item(body, request)])
    if not result["documents"]:
        problem = result["rejections"][0] if result["rejections"] else {"reason": "rejected", "message": "Not stored."}
        raise ApiError(422, problem["reason"], problem["message"], result["rejections"])
    if not result["coded"]:
        response.status_code = 200
    return result


@router.post("/ingest/jsonl", response_model=models.IngestResult, responses=AUTH, tags=["ingest"],
             openapi_extra={"requestBody": {"required": True, "content": {"application/x-ndjson": {
                 "schema": {"type": "string", "description": 'One article a line: {"id", "text" | "html", "title", '
                            '"published", "url", "outlet"}'}}}}})
async def ingest_jsonl(request: Request) -> dict[str, Any]:
    """Code a JSON Lines batch, one article a line, as `polemos ingest batch.jsonl` does; lines that
    cannot be read are listed as rejections (bad_record) and the batch goes on. A batch of which no
    line can be stored answers 422."""
    raw = await request.body()
    items = list(read_batch(raw.splitlines(), "api.jsonl"))
    if not items:
        raise ApiError(400, "invalid_parameter", "The body holds no JSON Lines record: send one article object a line.")
    from starlette.concurrency import run_in_threadpool

    def work() -> dict[str, Any]:
        with request.app.state.pool.store() as store:
            return _run(store, items)

    result = await run_in_threadpool(work)
    if not result["documents"]:  # nothing in the batch could be stored: the batch as a whole is refused
        reasons = sorted({r["reason"] for r in result["rejections"]}) or ["rejected"]
        raise ApiError(422, reasons[0] if len(reasons) == 1 else "rejected",
                       f"No line of the batch could be coded ({', '.join(reasons)}): see details.", result["rejections"])
    return result
