"""Answers of the busiest routes as JSON bytes, built straight from store rows.

FastAPI would validate such an answer against its model and then serialise it: at a page of 50
events that was most of a request's time. These routes build exactly their model's shape instead
(tests/test_serve_api.py checks that the model would leave every answer unchanged) and orjson
writes the bytes. The models still make the OpenAPI document.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response

from ..exports.fields import event_dict

# What event_dict carries that the API's Event model leaves out.
_NOT_LISTED = ("factuality", "mentions")


def listed_event(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event in the shape of models.Event."""
    found = event_dict(row)
    for name in _NOT_LISTED:
        del found[name]
    return found


def json_reply(body: Any) -> Response:
    """An answer as JSON; bytes are taken as JSON already (views.py keeps its answers so)."""
    return Response(body if isinstance(body, bytes) else orjson.dumps(body), media_type="application/json")
