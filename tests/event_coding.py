"""What the event tests share: code one sentence with the pipeline and find an event in it."""

from __future__ import annotations

from spacy.language import Language

from polemos.records import Event, Party


def events(nlp: Language, text: str) -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.document_id = "t"
    return nlp(doc)._.events


def find(evs: list[Event], type_: str, trigger: str | None = None) -> Event:
    hits = [e for e in evs if e.type == type_ and (trigger is None or trigger in e.trigger.text)]
    assert hits, f"no {type_} event with trigger {trigger!r} in {[(e.type, e.trigger.text) for e in evs]}"
    return hits[0]


def country(party: Party | None) -> str | None:
    return party.country if party else None


def told(analysis) -> list[Event]:
    """Every event an Analysis tells, live or not (events, then unasserted)."""
    return [*analysis.events, *analysis.unasserted]


def tellings(event: Event) -> str:
    """The words of every sentence an event was read from: its evidence and its folded mentions."""
    return " ".join([event.evidence.text, *(m.text for m in event.mentions)])
