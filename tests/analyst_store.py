"""A small store an analyst would query (no test functions here): coded articles we wrote ourselves
about one week of a war, built as records so that query and export tests do not depend on what
the NLP layer finds, and written on either backend.

- m1 (Nile Wire) and m2 (Darfur Ledger): one drone strike on a market in El Fasher, told twice with
  different tolls (11, 14): one incident. m2 names the attackers by their acronym.
- m3 (Khartoum Monitor): army shelling of RSF positions in Omdurman; two claims that contradict.
- m4 (Gulf Wire): talks hosted by Qatar in Doha; an agreement Qatar signed with no place (its only
  country is the actor's); a ceasefire that "would" take effect (hypothetical: never live).
- m5: an undated article with an undated attack.
- bulk: 400 reports of patrols, so that a page of output is larger than a pipe's buffer.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date

from test_store_backends import postgres_url

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
    Span,
    Speaker,
)
from polemos.store import Coded, Store

PIPELINE = "polemos analyst-test 1"
RSF = Party("the Rapid Support Forces", "Rapid Support Forces", "SDN", "REB", "rsf")
RSF_ACRONYM = Party("RSF", "Rapid Support Forces", "SDN", "REB", "rsf")
SAF = Party("the army", "Sudanese Armed Forces", "SDN", "MIL", "saf")
CIVILIANS = Party("civilians", "Sudan civilians", "SDN", "CVL", "SDNCVL")
QATAR = Party("Qatar", "Qatar", "QAT", None, "QAT")
SUDAN_GOV = Party("the Sudanese government", "Sudan government", "SDN", "GOV", "SDNGOV")
AU = Party("the African Union", "African Union", None, "IGO", "au")
EL_FASHER = Location("El Fasher", "El Fasher", "SDN", 13.6279, 25.3494, 371267, "city")
OMDURMAN = Location("Omdurman", "Omdurman", "SDN", 15.6445, 32.4777, 365137, "city")
DOHA = Location("Doha", "Doha", "QAT", 25.2855, 51.531, 290030, "city")

UIDS = {
    "strike": ("m1:e1", "m2:e1"), "shelling": ("m3:e1",), "talks": ("m4:e1",), "signing": ("m4:e2",),
    "ceasefire": ("m4:e3",), "undated": ("m5:e1",),
}


def _event(eid: str, text: str, trigger: str, *, type: str, actor: Party | None, target: Party | None,
           place: Location | None, day: str | None, killed: int | None = None, mode: str | None = None,
           acled: Acled | None = None, cameo: str | None = None, factuality: str = "asserted",
           start: int = 0) -> Event:
    at = text.index(trigger)
    toll = Fatalities(killed, killed, killed, by=(PartyCount(target, killed),) if target else (),
                      claimed_by="medics") if killed is not None else None
    return Event(
        id=eid, type=type, mode=mode, cameo=cameo, evidence=Span(start, start + len(text), text),
        trigger=Span(start + at, start + at + len(trigger), trigger), acled=acled, actor=actor, target=target,
        location=place, date=EventDate(None, day, "day", "text") if day else None, fatalities=toll,
        hypothetical=factuality == "hypothetical", confidence=0.8, factuality=factuality,
    )


def _analysis(doc_id: str, title: str, outlet: str | None, published: date | None, text: str,
              events: tuple[Event, ...], unasserted: tuple[Event, ...] = (), claims: tuple[Claim, ...] = ()) -> Analysis:
    parties = {p for e in events for p in (e.actor, e.target) if p is not None}
    mentions = tuple(Mention(0, len(p.text), p.text, "ORG", p, "gazetteer") for p in sorted(parties, key=lambda p: p.name))
    return Analysis(
        document=Document(id=doc_id, text=text, title=title, published=published, outlet=outlet,
                          url=f"https://news.example/{doc_id}" if outlet else None),
        events=events, unasserted=unasserted, claims=claims, mentions=mentions, pipeline=PIPELINE,
    )


def analyses() -> list[tuple[str, Analysis]]:
    drone = Acled("Explosions/Remote violence", "Air/drone strike")
    shelling = Acled("Explosions/Remote violence", "Shelling/artillery/missile attack")
    m1 = "Drones launched by the Rapid Support Forces struck a market in El Fasher, killing 11 civilians."
    m2 = "The toll from the RSF drone strike on the El Fasher market rose to 14, medics said."
    m3a = "The army shelled positions of the Rapid Support Forces in Omdurman, killing five fighters."
    m3b = "The RSF said the army had shelled a school."
    m3c = "The army said it had struck only RSF positions."
    m4a = "Qatar hosted talks between the Sudanese government and the Rapid Support Forces in Doha."
    m4b = "Qatar signed a memorandum on aid with the African Union."
    m4c = "A ceasefire would take effect if both sides signed it."
    m5 = "Gunmen attacked a village, residents said."
    rsf_speaker = Speaker("the RSF", "Rapid Support Forces", None, "Rapid Support Forces", "SDN", False, "armed group")
    army_speaker = Speaker("the army", "Sudanese Armed Forces", None, "Sudanese Armed Forces", "SDN", False, "official")
    m3 = f"{m3a} {m3b} {m3c}"
    b, c = len(m3a) + 1, len(m3a) + len(m3b) + 2
    claims = (Claim("c1", m3b, b, b + len(m3b), rsf_speaker, (ClaimRelation("c2", "contradicts", 0.8, "opposite accounts"),)),
              Claim("c2", m3c, c, c + len(m3c), army_speaker))
    m4 = f"{m4a} {m4b} {m4c}"
    return [
        ("m1", _analysis("m1", "Drone strike on El Fasher market kills 11", "Nile Wire", date(2025, 11, 2), m1, (
            _event("e1", m1, "struck", type="ASSAULT", mode="drone", actor=RSF, target=CIVILIANS, place=EL_FASHER,
                   day="2025-11-01", killed=11, acled=drone, cameo="195"),))),
        ("m2", _analysis("m2", "El Fasher toll rises to 14", "Darfur Ledger", date(2025, 11, 3), m2, (
            _event("e1", m2, "strike", type="ASSAULT", mode="drone", actor=RSF_ACRONYM, target=CIVILIANS,
                   place=EL_FASHER, day="2025-11-01", killed=14, acled=drone, cameo="195"),))),
        ("m3", _analysis("m3", "Army shells RSF in Omdurman", "Khartoum Monitor", date(2025, 11, 3), m3, (
            _event("e1", m3a, "shelled", type="ASSAULT", mode="heavy-weapons", actor=SAF, target=RSF, place=OMDURMAN,
                   day="2025-11-02", killed=5, acled=shelling, cameo="194"),), claims=claims)),
        ("m4", _analysis("m4", "Qatar hosts Sudan talks", "Gulf Wire", date(2025, 11, 4), m4, (
            _event("e1", m4a, "talks", type="CONSULT", actor=QATAR, target=SUDAN_GOV, place=DOHA, day="2025-11-03",
                   cameo="043"),
            _event("e2", m4b, "signed", type="AGREE", actor=QATAR, target=AU, place=None, day="2025-11-03",
                   acled=Acled("Strategic developments", "Agreement"), cameo="057", start=len(m4a) + 1)),
            unasserted=(_event("e3", m4c, "ceasefire", type="AGREE", mode="ceasefire", actor=SUDAN_GOV, target=RSF,
                               place=None, day="2025-11-04", factuality="hypothetical", cameo="057",
                               start=len(m4a) + len(m4b) + 2),))),
        ("m5", _analysis("m5", "Village attacked", None, None, m5, (
            _event("e1", m5, "attacked", type="ASSAULT", actor=None, target=None, place=None, day=None),))),
    ]


def bulk(reports: int = 400) -> tuple[str, Analysis]:
    """One long article of many patrol reports (each its own sentence), for output bigger than a pipe."""
    sentences = [f"Patrol {n} of the army was fired upon near Omdurman on its round number {n}." for n in range(reports)]
    text = " ".join(sentences)
    events, start = [], 0
    for n, sentence in enumerate(sentences):
        events.append(_event(f"e{n + 1}", sentence, "fired", type="ASSAULT", actor=None, target=SAF, place=OMDURMAN,
                             day="2025-10-20", start=start))
        start += len(sentence) + 1
    return "bulk", _analysis("bulk", "Patrols fired upon", "Patrol Log", date(2025, 10, 21), text, tuple(events))


def fill(url: str, *, with_bulk: bool = False) -> str:
    with Store(url) as store:
        items = analyses() + ([bulk()] if with_bulk else [])
        store.save([Coded(key, analysis) for key, analysis in items], store.start_run())
        store.update_incidents()
    return url


def corpus(kind: str, tmp_path_factory, *, with_bulk: bool = False) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The store on SQLite or PostgreSQL, filled once."""
    if kind == "sqlite":
        yield fill(str(tmp_path_factory.mktemp("analyst") / "events.db"), with_bulk=with_bulk)
        return
    urls = postgres_url()
    url = next(urls)
    try:
        yield fill(url, with_bulk=with_bulk)
    finally:
        urls.close()


def polemos(*args: str, columns: int | None = None, cwd: str | None = None, stdin: bytes | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The `polemos` command in a process of its own, as a shell runs it (its own terminal width)."""
    import os
    import sys

    env = {**os.environ, "POLEMOS_DEBUG": ""}
    env.pop("POLEMOS_DB", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "polemos", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin.decode() if stdin else None, env=env, timeout=timeout)
