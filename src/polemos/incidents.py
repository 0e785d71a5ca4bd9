"""Incidents: one real-world event, however many articles report it.

GDELT's best-known flaw is counting reports as events. Here every coded event is a *report*;
reports from different articles that agree on type (same group), dyad, place (within a radius)
and date (within a window) join one incident, which keeps every report as evidence with the
reason it joined, and shows fatalities as a range with who claims which figure.

The rules (groups, windows, radii) are knowledge and live in data/incidents.tsv. This module
holds only the mechanism and knows nothing about SQL: the store feeds it rows.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigurationError
from .query import km
from .records import content_id

COARSE = frozenset({"admin1", "admin2", "region", "country", "unknown"})


@dataclass(frozen=True, slots=True)
class IncidentRule:
    type: str
    group: str
    window_days: int
    radius_km: float  # 0: the place does not tell incidents apart (statements, sanctions)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> dict[str, IncidentRule]:
    """The rules per PLOVER root, from a user file, $POLEMOS_INCIDENT_RULES or the shipped file."""
    path = path or os.environ.get("POLEMOS_INCIDENT_RULES")
    text = Path(path).read_text("utf-8") if path else resources.files("polemos").joinpath("data", "incidents.tsv").read_text("utf-8")
    rules: dict[str, IncidentRule] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            rule = IncidentRule(fields[0].strip().upper(), fields[1].strip(), int(fields[2]), float(fields[3]))
        except (IndexError, ValueError) as err:
            raise ConfigurationError(
                f"Incident rules line {number}: expected 'TYPE<tab>group<tab>window_days<tab>radius_km', got {line!r}."
            ) from err
        rules[rule.type] = rule
    return rules


@dataclass(frozen=True, slots=True)
class Report:
    """One coded event as evidence for an incident."""

    uid: str
    document_id: str
    type: str
    actor: str | None
    target: str | None
    start: date
    end: date
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    place: str | None = None
    precision: str | None = None
    best: int | None = None
    low: int | None = None
    high: int | None = None
    claimed_by: str | None = None
    outlet: str | None = None

    @property
    def sides(self) -> frozenset[str]:
        return frozenset(s for s in (self.actor, self.target) if s)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Report":
        """From an events row joined with its document's outlet."""
        return cls(
            uid=row["uid"], document_id=row["document_id"], type=row["type"], actor=row.get("actor_id"),
            target=row.get("target_id"), start=date.fromisoformat(row["date_start"]),
            end=date.fromisoformat(row["date_end"] or row["date_start"]), lat=row.get("lat"), lon=row.get("lon"),
            country=row.get("country"), place=row.get("place_name"), precision=row.get("geo_precision"),
            best=row.get("fatalities_best"), low=row.get("fatalities_low"), high=row.get("fatalities_high"),
            claimed_by=row.get("fatalities_claimed_by") or row.get("claimed_by"), outlet=row.get("outlet"),
        )


@dataclass(slots=True, eq=False)
class Incident:
    """A cluster of reports; `id` comes from its first report, so it is stable across re-runs."""

    id: str
    type: str
    reports: list[Report] = field(default_factory=list)

    @property
    def start(self) -> date:
        return min(r.start for r in self.reports)

    @property
    def end(self) -> date:
        return max(r.end for r in self.reports)

    def summary(self) -> dict[str, Any]:
        """Columns of the incidents table: dyad, span, centre, fatalities as a range."""
        first = self.reports[0]
        points = [(r.lat, r.lon) for r in self.reports if r.lat is not None and r.lon is not None]
        figures = [f for r in self.reports for f in (r.low, r.best, r.high) if f is not None]
        actors = Counter(r.actor for r in self.reports if r.actor)
        targets = Counter(r.target for r in self.reports if r.target)
        return {
            "id": self.id, "type": first.type,
            # the side most reports name as actor, and as target (reports may swap them)
            "actor_key": actors.most_common(1)[0][0] if actors else None,
            "target_key": targets.most_common(1)[0][0] if targets else None,
            "date_first": self.start.isoformat(), "date_last": self.end.isoformat(),
            "lat": sum(p[0] for p in points) / len(points) if points else None,
            "lon": sum(p[1] for p in points) / len(points) if points else None,
            "country": next((r.country for r in self.reports if r.country), None),
            "place_name": next((r.place for r in self.reports if r.place and r.precision not in COARSE),
                               next((r.place for r in self.reports if r.place), None)),
            "fatalities_low": min(figures) if figures else None,
            "fatalities_high": max(figures) if figures else None,
            "reports": len(self.reports), "documents": len({r.document_id for r in self.reports}),
        }


def incident_id(report: Report) -> str:
    return "inc-" + content_id(report.uid.encode("utf-8"))[:16]


def compare(a: Report, b: Report, rules: dict[str, IncidentRule]) -> str | None:
    """Why two reports describe one incident, or None when something tells them apart."""
    rule_a, rule_b = rules.get(a.type), rules.get(b.type)
    if rule_a is None or rule_b is None or rule_a.group != rule_b.group:
        return None
    if a.document_id == b.document_id:
        return None  # one article's two events are two events: it said so itself
    window = max(rule_a.window_days, rule_b.window_days)
    gap = max((a.start - b.end).days, (b.start - a.end).days, 0)
    if gap > window:
        return None
    sa, sb = a.sides, b.sides
    if not sa or not sb or not (sa <= sb or sb <= sa):
        return None
    why = [f"type {a.type}" + (f"~{b.type} ({rule_a.group})" if a.type != b.type else ""),
           "dyad " + " / ".join(sorted(sa | sb)), f"{gap} day{'s' if gap != 1 else ''} apart"]
    radius = max(rule_a.radius_km, rule_b.radius_km)
    if radius > 0:
        place = _place_reason(a, b, radius)
        if place is None:
            return None
        why.append(place)
    return "; ".join(why)


def _place_reason(a: Report, b: Report, radius: float) -> str | None:
    if a.country and b.country and a.country != b.country:
        return None
    coarse = a.precision in COARSE or b.precision in COARSE
    distance = km(a.lat, a.lon, b.lat, b.lon)
    if distance is None:
        if a.place and b.place and a.place.lower() != b.place.lower() and not coarse:
            return None
        return "place unknown in one report" if not (a.place and b.place) else f"both at {a.place}"
    if coarse:
        # A province or a country contains the other place: precise distance says nothing then.
        return f"{a.place or '?'} / {b.place or '?'} (coarse place, same country)"
    if distance > radius:
        return None
    return f"{distance:.0f} km apart (radius {radius:.0f} km)"


def assign(new: Iterable[Report], incidents: list[Incident], rules: dict[str, IncidentRule]) -> list[tuple[Report, Incident, str]]:
    """Put each new report in the incident it matches with every member, or start a new incident.

    Complete linkage (a report must agree with every report already in the incident) keeps two
    nearby incidents from chaining into one. Among matches the closest in time wins. Incidents
    are looked up by (group, day), so the work grows with the reports, not with the store.
    """
    days: dict[tuple[str, int], dict[str, Incident]] = {}

    def index(incident: Incident, group: str) -> None:
        for day in range(incident.start.toordinal(), incident.end.toordinal() + 1):
            days.setdefault((group, day), {})[incident.id] = incident

    for incident in incidents:
        if incident.type in rules:
            index(incident, rules[incident.type].group)
    placed: list[tuple[Report, Incident, str]] = []
    for report in sorted(new, key=lambda r: (r.start, r.uid)):
        rule = rules.get(report.type)
        if rule is None:
            continue
        candidates: dict[str, Incident] = {}
        for day in range(report.start.toordinal() - rule.window_days, report.end.toordinal() + rule.window_days + 1):
            candidates.update(days.get((rule.group, day), {}))
        best: tuple[int, str, Incident, str] | None = None
        for incident in candidates.values():
            reasons = [compare(report, member, rules) for member in incident.reports]
            if any(r is None for r in reasons):
                continue
            gap = abs((report.start - incident.start).days)
            if best is None or (gap, incident.id) < best[:2]:
                best = (gap, incident.id, incident, f"matches {len(incident.reports)} report(s): {reasons[0]}")
        if best is None:
            incident, why = Incident(incident_id(report), report.type, [report]), "first report"
        else:
            incident, why = best[2], best[3]
            incident.reports.append(report)
        index(incident, rule.group)
        placed.append((report, incident, why))
    return placed


def figures(reports: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who claims which toll, one entry per report that gives one (for incident details and exports)."""
    claims = []
    for row in reports:
        best, low, high = row.get("fatalities_best"), row.get("fatalities_low"), row.get("fatalities_high")
        if best is None and low is None and high is None:
            continue
        claims.append({
            "best": best, "low": low, "high": high,
            "claimed_by": row.get("fatalities_claimed_by") or row.get("claimed_by"),
            "outlet": row.get("outlet"), "document_id": row.get("document_id"), "event": row.get("uid"),
        })
    return claims
