"""The one function that turns a spaCy `Doc` into polemos records."""

from __future__ import annotations

from spacy.tokens import Doc

from ..ontology import LIVE
from ..records import Analysis, CasualtyCount, Document, Event, replace
from .extensions import get_list, get_map
from .folding import apply_verdicts, fold_incidents, tied_triggers


def _retied(casualties: list[CasualtyCount], absorbed: dict[str, str]) -> list[CasualtyCount]:
    """A figure tied to a telling that was folded into another event is tied to that event."""
    return [replace(c, event=absorbed[c.event]) if c.event in absorbed else c for c in casualties]


def attributed_events(doc: Doc) -> list[Event]:
    """The proposed events in text order, each with the date, place, toll and claimant the later
    steps gave it (before the judge's verdicts and the folding)."""
    dates, places = get_map(doc, "event_dates"), get_map(doc, "event_locations")
    tolls, claimants = get_map(doc, "event_fatalities"), get_map(doc, "event_claimants")
    return [
        replace(
            event,
            date=dates.get(event.id, event.date),
            location=places.get(event.id, event.location),
            fatalities=tolls.get(event.id, event.fatalities),
            claimed_by=claimants.get(event.id, event.claimed_by),
        )
        for event in sorted(get_list(doc, "events"), key=lambda e: (e.trigger.start, e.id))
    ]


def doc_to_analysis(doc: Doc, document: Document, pipeline: str = "", fold: bool = True) -> Analysis:
    """Gather what each component left on the Doc; events get their date, place and toll here, the
    judge's verdicts are applied and the tellings of one act are folded into one event (unless
    `fold` is off: then every proposal the judge keeps stays its own event)."""
    events = attributed_events(doc)
    judged = apply_verdicts(events, get_map(doc, "event_verdicts"))
    absorbed: dict[str, str] = {}
    if fold:
        live, unasserted = fold_incidents(judged, tied_triggers(doc, judged), absorbed)
    else:
        live = [replace(e, factuality=LIVE) if e.factuality == "restated" else e for e in judged if e.factuality in (LIVE, "restated")]
        unasserted = [e for e in judged if e.factuality not in (LIVE, "restated")]
    casualties = _retied(get_list(doc, "casualties"), absorbed)
    return Analysis(
        document=document,
        events=tuple(live),
        unasserted=tuple(unasserted),
        quotes=tuple(get_list(doc, "quotes")),
        claims=tuple(get_list(doc, "claims")),
        dates=tuple(sorted(get_list(doc, "dates"), key=lambda d: d.start)),
        places=tuple(sorted(get_list(doc, "places"), key=lambda p: p.start)),
        mentions=tuple(sorted(get_list(doc, "mentions"), key=lambda m: m.start)),
        casualties=tuple(sorted(casualties, key=lambda c: c.start)),
        pipeline=pipeline,
    )
