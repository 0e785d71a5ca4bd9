"""The JSON contract: every field is documented, and records are frozen."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from polemos.records import (
    Acled, Analysis, CasualtyCount, Claim, ClaimRelation, DateMention, Document, Event, EventDate, Fatalities, Location,
    Mention, Party, PartyCount, PlaceMention, Quote, Rejection, Span, Speaker,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "output.md"


def full_analysis() -> Analysis:
    party = Party(text="the army", name="Sudan military", country="SDN", sector="MIL", id="SDN-MIL")
    speaker = Speaker("a senior officer", None, "officer", "Sudan military", "SDN", True, "anonymous official")
    event = Event(
        id="d:e0", type="ASSAULT", mode="aerial", cameo="195", evidence=Span(0, 10, "Drones hit"),
        trigger=Span(7, 10, "hit"), acled=Acled("Explosions/Remote violence", "Air/drone strike"),
        actor=party, target=party,
        location=Location("Omdurman", "Omdurman", "SDN", 15.6, 32.4, 365137, "city"),
        date=EventDate("on Monday", "2026-03-16", "day", "text"),
        fatalities=Fatalities(3, 3, 5, (PartyCount(party, 3),), "the army", 4, "killed three"),
        claimed_by="the army",
    )
    return Analysis(
        document=Document(id="d", text="Drones hit", published=date(2026, 3, 17), dateline="KHARTOUM"),
        events=(event,),
        quotes=(Quote("d:q0", "x", 0, 1, True, "said", speaker),),
        claims=(Claim("d:c0", "x", 0, 1, speaker, (ClaimRelation("d:c1", "contradicts", 0.8, "opposite"),)),),
        dates=(DateMention("on Monday", 0, 9, "2026-03-16", "day"),),
        places=(PlaceMention("Omdurman", 0, 8, "Omdurman", "SDN", 15.6, 32.4, 365137, "city"),),
        mentions=(Mention(0, 8, "the army", "ORG", party),),
        casualties=(CasualtyCount("killed", 3, 3, None, "three soldiers", 0, 5, party, "the army", False, "d:e0"),),
        rejection=Rejection("empty", "nothing"),
    )


def keys(value) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            found |= keys(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= keys(inner)
    return found


def test_every_output_field_is_documented():
    documented = set(re.findall(r"`([a-z_]+)`", DOCS.read_text()))
    missing = keys(full_analysis().to_dict()) - documented
    assert not missing, f"document these fields in docs/output.md: {sorted(missing)}"


def test_contract_keys_of_design_section_3_are_present():
    data = full_analysis().to_dict()
    event = data["events"][0]
    assert set(event) >= {
        "id", "type", "mode", "cameo", "acled", "actor", "target", "location", "date", "fatalities",
        "evidence", "negated", "hypothetical", "confidence",
    }
    assert set(event["fatalities"]) >= {"best", "low", "high", "by", "claimed_by"}
    assert set(event["actor"]) == {"text", "name", "country", "sector", "id"}
    assert set(data["quotes"][0]["speaker"]) == {
        "text", "name", "role", "affiliation", "country", "anonymous", "source_type", "start", "end", "mention"
    }


def test_records_are_frozen():
    party = Party("x", "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        party.name = "y"  # type: ignore[misc]
