"""One row per incident: the reports of one real-world event (store incidents) folded into the row
an event dataset holds once, however many articles told it.

ACLED, UCDP GED and PLOVER count events, not articles: three outlets reporting one drone strike
are one strike. The folded row keeps the shape of a stored event row (so every format's writer
reads it unchanged), taken from its most complete report, plus what only the incident knows: how
many reports and articles, every outlet, URL and headline, and the fatalities as a range over all
reports (`fatalities_low` the lowest figure any report gives, `fatalities_high` the highest,
`fatalities_best` the median of the reports' best figures). Events that are no incident's report
(unasserted events, undated ones, types incidents do not group) stay one row each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

_PRECISE = {"point": 3, "city": 3, "admin2": 2, "admin1": 1, "region": 1}


def _completeness(row: dict[str, Any]) -> tuple[Any, ...]:
    """The report that tells most: a day, a precise place, both sides, a toll, then the coder's confidence."""
    return (row.get("date_precision") == "day", _PRECISE.get(row.get("geo_precision") or "", 0),
            bool(row.get("actor_name")), bool(row.get("target_name")), row.get("fatalities_best") is not None,
            row.get("confidence") or 0.0, row.get("date_source") == "text")


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v not in (None, "")))


def _citation(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["uid"], "url": row.get("url"), "title": row.get("title"), "outlet": row.get("outlet"),
            "published": row.get("published")}


def fold(incident_id: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The reports of one incident (in date order) as one row."""
    row = dict(max(reports, key=_completeness))
    bests = sorted(r["fatalities_best"] for r in reports if r.get("fatalities_best") is not None)
    figures = [r.get(k) for r in reports for k in ("fatalities_low", "fatalities_best", "fatalities_high")]
    figures = [f for f in figures if f is not None]
    row.update({
        "uid": incident_id, "incident_id": incident_id, "unit": "incident",
        "reports": len(reports), "documents": len({r["document_id"] for r in reports}),
        "report_uids": [r["uid"] for r in reports],
        "outlets": _unique(r.get("outlet") for r in reports), "urls": _unique(r.get("url") for r in reports),
        "titles": _unique(r.get("title") for r in reports), "published_dates": _unique(r.get("published") for r in reports),
        "evidence_texts": _unique(r.get("evidence_text") for r in reports),
        "citations": [_citation(r) for r in reports],
        "fatalities_best": bests[(len(bests) - 1) // 2] if bests else None,
        "fatalities_low": min(figures) if figures else None, "fatalities_high": max(figures) if figures else None,
        "fatalities_claims": [{"best": r.get("fatalities_best"), "claimed_by": r.get("fatalities_claimed_by"),
                               "outlet": r.get("outlet")} for r in reports if r.get("fatalities_best") is not None],
    })
    return row


def single(row: dict[str, Any]) -> dict[str, Any]:
    """A report that is no incident's, in the same shape as a folded row."""
    return {**row, "unit": "report", "reports": 1, "documents": 1, "report_uids": [row["uid"]],
            "outlets": _unique([row.get("outlet")]), "urls": _unique([row.get("url")]),
            "titles": _unique([row.get("title")]), "published_dates": _unique([row.get("published")]),
            "evidence_texts": _unique([row.get("evidence_text")]), "citations": [_citation(row)],
            "fatalities_claims": [{"best": row.get("fatalities_best"), "claimed_by": row.get("fatalities_claimed_by"),
                                   "outlet": row.get("outlet")}] if row.get("fatalities_best") is not None else []}


def per_incident(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row per unit of `Store.iter_by_incident`: an incident's reports folded, a lone event as itself."""
    for key, group in groupby(rows, key=lambda r: r["unit_key"]):
        reports = list(group)
        if reports[0].get("incident_id"):
            yield fold(key, reports)
        else:
            yield from (single(r) for r in reports)
