"""GeoJSON (RFC 7946): a FeatureCollection of Points, [longitude, latitude]; events with no
coordinates are left out, since a feature without a place cannot be mapped."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from .fields import FLAT_COLUMNS, flat

SUFFIX, BINARY, READS, UNIT = ".geojson", False, "events", "report"
_PROPERTIES = tuple(c for c in FLAT_COLUMNS if c not in ("lat", "lon"))


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            if left_out is not None:
                left_out["no coordinates"] += 1
            continue
        values = flat(row)
        feature = {
            "type": "Feature",
            "id": row["uid"],
            "geometry": {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]},
            "properties": {k: values[k] for k in _PROPERTIES},
        }
        out.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
