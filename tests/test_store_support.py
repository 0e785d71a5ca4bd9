"""Real records for the store's tests (no test functions here): articles we write ourselves.

`report(...)` builds the Analysis an article about one incident would yield, so store,
incident and export tests can run before the coder finds such events on its own.
"""

from __future__ import annotations

from datetime import date

from polemos.records import (
    Acled,
    Analysis,
    Claim,
    ClaimRelation,
    Document,
    Event,
    EventDate,
    Fatalities,
    Location,
    Mention,
    Party,
    PartyCount,
    Quote,
    Rejection,
    Span,
    Speaker,
)

PIPELINE = "polemos test-pipeline 1"

ARMY = Party("the army", "Pakistan Army", "PAK", "MIL", "PAK-MIL")
TTP = Party("TTP fighters", "Tehreek-e-Taliban Pakistan", "PAK", "REB", "TTP")
BLA = Party("BLA", "Balochistan Liberation Army", "PAK", "REB", "BLA")
POLICE = Party("police", "Pakistan Police", "PAK", "COP", "PAK-COP")
MILITANTS = Party("militants", "militants")  # unresolved: a wildcard side

PLACES = {
    "Quetta": Location("Quetta", "Quetta", "PAK", 30.1798, 66.975, 1167528, "city"),
    "Mastung": Location("Mastung", "Mastung", "PAK", 29.7997, 66.8455, 1170425, "city"),
    "Turbat": Location("Turbat", "Turbat", "PAK", 26.0023, 63.044, 1163054, "city"),
    "Balochistan": Location("Balochistan", "Balochistan", "PAK", 28.5, 65.0, 1183606, "admin1"),
    "Kabul": Location("Kabul", "Kabul", "AFG", 34.5281, 69.1723, 1138958, "city"),
    "Doha": Location("Doha", "Doha", "QAT", 25.2854, 51.531, 290030, "city"),
}


def report(
    doc_id: str,
    text: str,
    *,
    type: str = "ASSAULT",
    actor: Party | None = TTP,
    target: Party | None = ARMY,
    place: str | None = "Quetta",
    day: str = "2026-03-02",
    killed: int | None = None,
    low: int | None = None,
    high: int | None = None,
    claimed_by: str | None = None,
    outlet: str = "Example Times",
    published: date = date(2026, 3, 3),
    negated: bool = False,
    pipeline: str = PIPELINE,
    quote: str | None = None,
) -> Analysis:
    """An analysis of a one-event article whose text we wrote."""
    trigger_at = max(0, text.find(" ") + 1)
    toll = None
    if killed is not None:
        toll = Fatalities(killed, low if low is not None else killed, high if high is not None else killed,
                          by=(PartyCount(target, killed),) if target else (), claimed_by=claimed_by)
    event = Event(
        id="e1",
        type=type,
        mode=None,
        cameo="190" if type == "ASSAULT" else None,
        evidence=Span(0, len(text), text),
        trigger=Span(trigger_at, trigger_at + 4, text[trigger_at:trigger_at + 4]),
        acled=Acled("Battles", "Armed clash") if type == "ASSAULT" else None,
        actor=actor,
        target=target,
        location=PLACES[place] if place else None,
        date=EventDate(None, day, "day", "text"),
        fatalities=toll,
        negated=negated,
        confidence=0.8,
        claimed_by=claimed_by,
    )
    speaker = Speaker("a military spokesman", None, "spokesman", "Pakistan Army", "PAK", False, "spokesperson")
    quotes = (Quote("q1", quote, 0, len(quote), True, "said", speaker),) if quote else ()
    claims = (
        (Claim("c1", quote, 0, len(quote), speaker, (ClaimRelation("c2", "contradicts", 0.7, "different toll"),)),
         Claim("c2", "The group denied any losses.", 0, 10, None, polarity=-1))
        if quote else ()
    )
    mentions = tuple(Mention(0, len(p.text), p.text, "ORG", p, "gazetteer") for p in (actor, target) if p is not None)
    return Analysis(
        document=Document(id=doc_id, text=text, title=text[:40], published=published,
                          url=f"https://news.example/{doc_id}", outlet=outlet),
        events=(event,),
        quotes=quotes,
        claims=claims,
        mentions=mentions,
        pipeline=pipeline,
    )


def rejected(doc_id: str, reason: str = "not_english") -> Analysis:
    rejection = Rejection(reason, "The text does not read as English.", doc_id, f"{doc_id}.txt")
    return Analysis.rejected(Document(id=doc_id, text=""), rejection, PIPELINE)
