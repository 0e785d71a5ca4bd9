"""Query-string parameters -> `EventQuery`, and opaque cursors for pagination.

Every text a client sends is checked before it reaches the store: bounded length, no control
characters (PostgreSQL refuses NUL in text; nothing legitimate carries one), and only values each
field can hold. What fails is a 400 with code `invalid_parameter` naming the parameter.
"""

from __future__ import annotations

import base64
import binascii
import inspect
import json
import re
from datetime import date
from typing import Annotated, Any

from fastapi import Query
from pydantic import Field

from ..errors import InputError
from ..query import EventQuery, parse_bbox, parse_near

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
CODE = r"^[A-Za-z][A-Za-z_]{0,39}$"
POINT = r"^\s*-?\d{1,3}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$"
BOX = r"^\s*-?\d{1,3}(\.\d+)?(\s*,\s*-?\d{1,3}(\.\d+)?){3}\s*$"
IDENT = r"^[A-Za-z0-9][A-Za-z0-9:._/\-]{0,199}$"
FIRST_DAY, LAST_DAY = date(1, 1, 1), date(9999, 12, 31)


class ParameterError(InputError):
    """A parameter a client sent cannot be used; `name` says which."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def clean(name: str, value: str | None, limit: int = 200) -> str | None:
    """A client's text, stripped; None when empty; ParameterError when it cannot be a value."""
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise ParameterError(name, f"{name} is longer than {limit} characters.")
    if _CONTROL.search(value):
        raise ParameterError(name, f"{name} holds a control character: send printable text.")
    return value or None


DAY = r"^\d{4}-\d{2}-\d{2}$"
ActorItem = Annotated[str, Field(max_length=200, pattern=TEXT)]
CountryItem = Annotated[str, Field(pattern=r"^\s*([A-Za-z]{3})?\s*$")]
TypeItem = Annotated[str, Field(pattern=r"^\s*([A-Za-z][A-Za-z_]{0,39})?\s*$")]
DocumentItem = Annotated[str, Field(pattern=r"^\s*([A-Za-z0-9][A-Za-z0-9:._/\-]{0,199})?\s*$")]
Day = Annotated[str | None, Query(pattern=DAY, json_schema_extra={"format": "date"})]


def day(name: str, value: str | None) -> date | None:
    """YYYY-MM-DD only (no timestamps, no other spellings), a real calendar day."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ParameterError(name, f"{name} {value!r} is not a calendar day: write YYYY-MM-DD.") from err


Words = Annotated[str | None, Query(max_length=200, pattern=TEXT, description="Words, matched case-insensitively.")]


class EventFilters:
    """The event filters of the query layer, as query-string parameters shared by every view."""

    def __init__(
        self,
        actor: Annotated[list[ActorItem], Query(description="Actor name or id, on either side; repeatable.",
                                          max_length=10)] = [],  # noqa: B006 - FastAPI copies defaults
        country: Annotated[list[CountryItem], Query(description="ISO3 code of the place or of either side; repeatable.",
                                            max_length=10)] = [],  # noqa: B006
        type: Annotated[list[TypeItem], Query(description="PLOVER root such as ASSAULT; repeatable.",
                                         max_length=20)] = [],  # noqa: B006
        place: Annotated[str | None, Query(max_length=200, pattern=TEXT, description="Place name as stored.")] = None,
        near: Annotated[str | None, Query(pattern=POINT, description="A point LAT,LON; with radius (default 25 km).")] = None,
        radius: Annotated[float | None, Query(gt=0, le=20000, description="Kilometres around near or place.")] = None,
        bbox: Annotated[str | None, Query(pattern=BOX, description="WEST,SOUTH,EAST,NORTH in degrees: a map's view.")] = None,
        since: Annotated[str | None, Query(pattern=DAY, description="Events on or after this day (YYYY-MM-DD).",
                                           json_schema_extra={"format": "date"})] = None,
        until: Annotated[str | None, Query(pattern=DAY, description="Events on or before this day (YYYY-MM-DD).",
                                           json_schema_extra={"format": "date"})] = None,
        text: Annotated[str | None, Query(max_length=200, pattern=TEXT, description="Words (a phrase) in the evidence sentence.")] = None,
        incident: Annotated[str | None, Query(pattern=IDENT, description="Only the reports of this incident.")] = None,
        document: Annotated[list[DocumentItem], Query(description="Only events of these articles (ids); repeatable.",
                                             max_length=20)] = [],  # noqa: B006
        factual: Annotated[bool, Query(description="Leave out negated and hypothetical events.")] = False,
    ) -> None:
        self.values = dict(actor=actor, country=country, type=type, place=place, near=near, radius=radius, bbox=bbox,
                           since=since, until=until, text=text, incident=incident, document=document, factual=factual)

    def query(self, limit: int | None = 50, offset: int = 0) -> EventQuery:
        v = self.values
        actors = tuple(a for a in (clean("actor", x) for x in v["actor"]) if a)
        countries = tuple(_checked("country", c, r"^[A-Za-z]{3}$", "an ISO3 code such as AFG").upper()
                          for c in v["country"] if c.strip())
        types = tuple(_checked("type", t, CODE, "a PLOVER root such as ASSAULT").upper() for t in v["type"] if t.strip())
        documents = tuple(_checked("document", d, IDENT, "an article id") for d in v["document"] if d.strip())
        try:
            near = parse_near(v["near"]) if v["near"] else None
        except InputError as err:
            raise ParameterError("near", str(err)) from err
        try:
            bbox = parse_bbox(v["bbox"]) if v["bbox"] else None
        except InputError as err:
            raise ParameterError("bbox", str(err)) from err
        since, until = day("since", v["since"]), day("until", v["until"])
        if since and until and since > until:
            raise ParameterError("since", f"since ({since}) is after until ({until}).")
        place = clean("place", v["place"])
        return EventQuery(
            actors=actors, countries=countries, types=types, place=place, near=near,
            radius_km=v["radius"] if v["radius"] is not None else (25.0 if near else None), bbox=bbox,
            since=since, until=until, text=clean("text", v["text"]), incident=clean("incident", v["incident"]),
            documents=documents, factual=bool(v["factual"]), limit=limit, offset=offset,
        )


async def event_filters(**values: Any) -> EventFilters:
    """The filters as a dependency that FastAPI awaits: a class dependency would cost a thread hop."""
    return EventFilters(**values)


event_filters.__signature__ = inspect.signature(EventFilters)  # type: ignore[attr-defined]  # FastAPI reads it


def _checked(name: str, value: str, pattern: str, what: str) -> str:
    value = value.strip()
    if not re.fullmatch(pattern, value):
        raise ParameterError(name, f"{value[:40]!r} is not {what}.")
    return value


# --- cursors ------------------------------------------------------------------------------------
def encode_cursor(kind: str, position: Any) -> str:
    raw = json.dumps([kind, position], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> Any:
    """The position a cursor of this kind holds, or None for the first page."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found_kind, position = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as err:
        raise ParameterError("cursor", "cursor is not one this server gave: pass next_cursor back unchanged.") from err
    if found_kind != kind:
        raise ParameterError("cursor", f"this cursor pages {found_kind!r}, not {kind!r}.")
    return position


def offset_of(kind: str, cursor: str | None) -> int:
    position = decode_cursor(kind, cursor)
    if position is None:
        return 0
    if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= 10_000_000:
        raise ParameterError("cursor", "cursor is not one this server gave: pass next_cursor back unchanged.")
    return position


def keyset_of(cursor: str | None) -> tuple[str | None, str] | None:
    """The (date_start, uid) an events cursor continues after."""
    position = decode_cursor("events", cursor)
    if position is None:
        return None
    if (not isinstance(position, list) or len(position) != 2 or not isinstance(position[1], str)
            or not (position[0] is None or isinstance(position[0], str))
            or any(_CONTROL.search(p) for p in position if isinstance(p, str))):
        raise ParameterError("cursor", "cursor is not one this server gave: pass next_cursor back unchanged.")
    return position[0], position[1]


Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Cursor = Annotated[str | None, Query(max_length=2000, pattern=r"^[A-Za-z0-9_\-]*$",
                                     description="next_cursor of the previous page.")]
