"""Every error the server answers is JSON: {"error": {"code", "message", "status", "details"}}.

A code is stable and machine-readable; the message says what to do. An unexpected exception is
logged with an id on the server's stderr and answered with that id only, never with a traceback.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, PolemosError, StoreError
from .params import ParameterError

log = logging.getLogger("polemos.serve")

CODES = {400: "bad_request", 401: "missing_token", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         406: "not_acceptable", 411: "length_required", 413: "too_large", 415: "unsupported_media_type",
         422: "unprocessable", 429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


class ApiError(Exception):
    """An answer other than success, raised by a route: status, code and message."""

    def __init__(self, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or []


class BodyTooLarge(Exception):
    """A request body grew past the server's limit while it was read."""


def reply(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None,
          headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "status": status, "details": details or []}}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_details(err: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for problem in err.errors():
        where = [str(part) for part in problem.get("loc", ())]
        details.append({"parameter": ".".join(where[1:]) or ".".join(where), "in": where[0] if where else "",
                        "message": str(problem.get("msg", ""))[:300]})
    return details


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> JSONResponse:
        return reply(err.status, err.code, err.message, err.details)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, err: BodyTooLarge) -> JSONResponse:
        limit = request.app.state.settings.max_body_bytes
        return reply(413, "too_large", f"The request body is larger than {limit:,} bytes.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
        code = CODES.get(err.status_code, "error")
        message = err.detail if isinstance(err.detail, str) else code.replace("_", " ")
        if err.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}: the API is under /api/v1 (see /docs), the web UI under /ui."
        return reply(err.status_code, code, message, headers=getattr(err, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        details = _validation_details(err)
        names = ", ".join(sorted({d["parameter"] for d in details if d["parameter"]})) or "the request"
        return reply(400, "invalid_parameter", f"Invalid value for {names}: see details.", details)

    @app.exception_handler(ParameterError)
    async def bad_parameter(request: Request, err: ParameterError) -> JSONResponse:
        return reply(400, "invalid_parameter", str(err), [{"parameter": err.name, "in": "query", "message": str(err)}])

    @app.exception_handler(StoreError)
    async def store_error(request: Request, err: StoreError) -> JSONResponse:
        return reply(400, "bad_query", str(err))

    @app.exception_handler(InputError)
    async def input_error(request: Request, err: InputError) -> JSONResponse:
        return reply(400, "invalid_parameter", str(err))

    @app.exception_handler(PolemosError)
    async def polemos_error(request: Request, err: PolemosError) -> JSONResponse:
        return reply(400, "bad_request", str(err))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> JSONResponse:
        incident = secrets.token_hex(6)
        log.error("internal error %s on %s %s", incident, request.method, request.url.path, exc_info=err)
        return reply(500, "internal_error", f"An internal error occurred (id {incident}); it is logged on the server "
                     "under that id. Please report it.")
