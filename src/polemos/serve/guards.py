"""What stands between a request and the store: the write token, the body size limit, the
response headers that keep a browser from running anything an article smuggles in.

The token is compared as SHA-256 digests with `hmac.compare_digest`, so the time taken says
nothing about how much of a guess was right (nor about the token's length).
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .failures import ApiError, BodyTooLarge, reply
from .settings import digest

# The UI loads scripts, styles and data only from this server; nothing inline runs, no frame may hold it.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The OpenAPI page (Swagger UI, shipped by fastapi-offline) styles its elements inline.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def require_token(request: Request) -> None:
    """A dependency of every write: `Authorization: Bearer <token>` matching the server's token."""
    expected = request.app.state.settings.token_digest
    if not expected:
        raise ApiError(403, "writes_disabled", "This server is read-only: start it with POLEMOS_TOKEN set "
                       "(or --token-file) to accept ingest.")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "missing_token", "Writes need the header 'Authorization: Bearer <token>'.")
    if not hmac.compare_digest(digest(given.strip()), expected):
        raise ApiError(403, "bad_token", "The token does not match this server's token.")


class Guard:
    """Pure ASGI middleware: security headers on every answer, and bodies bounded in bytes."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        started = False
        policy = DOCS_CSP if scope.get("path", "").startswith("/docs") else CSP
        extra = [(b"content-security-policy", policy.encode()), *HEADERS]

        async def headed(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > limit:
                    await _too_large(scope, receive, headed, limit)
                    return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, bounded, headed)
        except BodyTooLarge:
            if not started:
                await _too_large(scope, receive, headed, limit)


async def _too_large(scope: Scope, receive: Receive, send: Any, limit: int) -> None:
    response = reply(413, "too_large", f"The request body is larger than {limit:,} bytes.")
    await response(scope, receive, send)
