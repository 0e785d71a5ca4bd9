"""The one function that turns a spaCy `Doc` into polemos records."""

from __future__ import annotations

from spacy.tokens import Doc

from ..ontology import LIVE
from ..records import Analysis, CasualtyCount, Document, Event, Party, replace
from .extensions import get_list, get_map
from .folding import apply_verdicts, fold_incidents, tied_triggers


def _retied(casualties: list[CasualtyCount], absorbed: dict[str, str]) -> list[CasualtyCount]:
    """A figure tied to a telling that was folded into another event is tied to that event."""
    return [replace(c, event=absorbed[c.event]) if c.event in absorbed else c for c in casualties]


def _placed_by_context(events: list[Event], doc: Doc) -> list[Event]:
    """After folding (so a guessed place never keeps two tellings apart): an event still without a
    place takes the report's place."""
    context = get_map(doc, "context_locations")
    return [replace(e, location=context[e.id]) if e.location is None and e.id in context else e for e in events]


# Sides the codebook leaves without a country when nothing names them: unidentified gunmen, generic
# militants or rebels, groups that span countries (docs/event-codebook.md, "Actor").
_STATELESS = frozenset({"UAF", "INS", "REB", "IMG", "IGO", "JNT", None})  # JNT: joints.JOINT


def _generic(party: Party | None) -> bool:
    """A side named only by what it is ("13 civilians", "unidentified gunmen", "a journalist"), not
    a named group: its id, when it has one, is its sector's code."""
    return (party is not None and party.country is None and (party.id is None or party.id == party.sector)
            and party.sector not in _STATELESS)


def _homed(event: Event) -> Event:
    """ACLED's convention and the codebook's: a side named only by what it is (civilians, police,
    troops, a journalist) belongs to the country where the event happened ("Civilians (Ukraine)").
    Named groups without a country (Islamic State, the UN) and unidentified armed men stay without."""
    country = event.location.country if event.location else None
    if country is None or not (_generic(event.actor) or _generic(event.target)):
        return event
    changes = {side: replace(party, country=country) for side, party in (("actor", event.actor), ("target", event.target))
               if _generic(party)}
    return replace(event, **changes)


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
    live, unasserted = _placed_by_context(live, doc), _placed_by_context(unasserted, doc)
    live, unasserted = [_homed(e) for e in live], [_homed(e) for e in unasserted]
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
