#!/usr/bin/env python3
"""Write a corpus of synthetic news articles from our own templates, for ingest tests and benchmarks.

The corpus looks like what an analyst points polemos at: several outlets reporting the same
incidents in different words (so incidents can be merged), diplomatic news, protests, a few
inputs that must be rejected (too short, not English), and exact duplicates (so idempotency
shows). Deterministic for a given --seed.

    python scripts/generate_corpus.py --count 1000 --out corpus.jsonl
    python scripts/generate_corpus.py --count 200 --format folder --out corpus/
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PLACES = [  # (name, province, country demonym, dateline city)
    ("Quetta", "Balochistan", "Pakistani", "QUETTA"), ("Turbat", "Balochistan", "Pakistani", "QUETTA"),
    ("Mastung", "Balochistan", "Pakistani", "QUETTA"), ("Peshawar", "Khyber Pakhtunkhwa", "Pakistani", "PESHAWAR"),
    ("Bannu", "Khyber Pakhtunkhwa", "Pakistani", "PESHAWAR"), ("Dera Ismail Khan", "Khyber Pakhtunkhwa", "Pakistani", "PESHAWAR"),
    ("North Waziristan", "Khyber Pakhtunkhwa", "Pakistani", "ISLAMABAD"), ("Kandahar", "Kandahar province", "Afghan", "KABUL"),
    ("Jalalabad", "Nangarhar province", "Afghan", "KABUL"), ("Khost", "Khost province", "Afghan", "KABUL"),
    ("Mogadishu", "Banadir", "Somali", "MOGADISHU"), ("Goma", "North Kivu", "Congolese", "GOMA"),
]
ATTACKERS = [
    ("Tehreek-e-Taliban Pakistan", "TTP militants", "the banned group"),
    ("Balochistan Liberation Army", "BLA fighters", "the separatist group"),
    ("Islamic State Khorasan", "IS-K gunmen", "the militant group"),
    ("al-Shabaab", "al-Shabaab fighters", "the insurgents"),
    ("M23 rebels", "M23 fighters", "the rebel movement"),
]
TARGETS = [("security forces", "soldiers"), ("police", "policemen"), ("a military convoy", "troops"),
           ("a checkpoint", "guards"), ("a market", "civilians"), ("a paramilitary post", "personnel")]
OUTLETS = ["Frontier Post", "Daily Ledger", "Capital Wire", "Northern Herald", "Evening Dispatch", "Border Times",
           "Regional Observer", "Morning Courier"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
                11: "eleven", 12: "twelve"}

ATTACK_LEADS = [
    "{attacker_long} attacked {target} in {place} on {weekday}, killing {killed} {victims}, officials said.",
    "At least {killed} {victims} were killed when {attacker_short} stormed {target} near {place} on {weekday}.",
    "{Killed_word} {victims} died in an assault by {attacker_short} on {target} in {place} late on {weekday}.",
    "Gunmen from {attacker_long} opened fire on {target} in {place} on {weekday}, leaving {killed} {victims} dead.",
    "A bomb and gun attack claimed by {attacker_long} killed {killed} {victims} at {target} in {place} on {weekday}.",
]
ATTACK_DETAILS = [
    "A local administrator said {wounded} others were wounded and taken to a hospital in {province}.",
    "Police cordoned off the area and launched a search operation across {province}.",
    "Residents said the firing lasted nearly an hour before reinforcements arrived.",
    "The {demonym} interior ministry condemned the attack and ordered an inquiry.",
    "Hospital officials in {place} said several of the wounded were in critical condition.",
    "Security officials said the attackers had crossed from a neighbouring district before dawn.",
]
ATTACK_CLAIMS = [
    "In a statement, {attacker_short} claimed responsibility and said {claimed} had been killed.",
    "{attacker_ref} put the toll at {claimed}, a figure officials disputed.",
    "A spokesman for {attacker_ref} said the group carried out the raid in retaliation for recent arrests.",
    "No group immediately claimed responsibility, but officials blamed {attacker_ref}.",
]
QUOTES = [
    '"We will not allow anyone to threaten the peace of {province}," a senior police officer said.',
    '"The attackers will be hunted down and brought to justice," the provincial chief minister said in a statement.',
    '"This was a cowardly act against people who were protecting us," a resident of {place} told reporters.',
    'An official who spoke on condition of anonymity said the area had been on high alert for a week.',
]
BACKGROUND = [
    "Violence has risen in {province} since the collapse of a ceasefire earlier this year.",
    "The region has seen a wave of attacks on security personnel in recent months.",
    "Analysts say the militants have regrouped along the porous border in the past two years.",
    "Officials have repeatedly accused neighbouring authorities of failing to rein in armed groups.",
]
TALK_LEADS = [
    "Delegations from {a} and {b} held talks in {city} on {weekday} aimed at easing border tensions.",
    "Officials of {a} and {b} met in {city} on {weekday} to discuss a ceasefire and trade through the border crossings.",
    "{a} and {b} agreed on {weekday} in {city} to extend a truce and set up a joint monitoring mechanism.",
]
TALK_DETAILS = [
    "The foreign ministry said the meeting was held in a cordial atmosphere and another round would follow.",
    "Mediators from {mediator} attended the session, according to a joint statement.",
    "Diplomats said the two sides remained divided over cross-border militancy.",
    '"Dialogue is the only way forward," a spokesperson for the foreign office told a weekly briefing.',
]
PROTEST_LEADS = [
    "Hundreds of traders protested in {place} on {weekday} against the closure of the border crossing.",
    "Students rallied in {place} on {weekday}, demanding the release of detained activists.",
    "Thousands marched through {place} on {weekday} to denounce rising insecurity in {province}.",
]
PROTEST_DETAILS = [
    "Police said the demonstration ended peacefully after talks with organisers.",
    "Protesters blocked a main highway for several hours, chanting slogans against the authorities.",
    "Organisers said they would continue the sit-in until their demands were met.",
]
NOT_ENGLISH = [
    "Les forces de sécurité ont annoncé que la situation était sous contrôle dans la ville et que les routes étaient rouvertes.",
    "Las autoridades informaron que la situación estaba bajo control y que las carreteras habían sido reabiertas.",
    "Die Behörden erklärten, dass die Lage unter Kontrolle sei und die Straßen wieder geöffnet worden seien.",
]


@dataclass(frozen=True)
class Incident:
    kind: str
    day: date
    place: tuple[str, str, str, str]
    attacker: tuple[str, str, str]
    target: tuple[str, str]
    killed: int
    parties: tuple[str, str]
    city: str
    mediator: str


def _incident(rng: random.Random, start: date) -> Incident:
    kind = rng.choices(["attack", "talks", "protest"], weights=[6, 2, 2])[0]
    pairs = [("Pakistan", "Afghanistan"), ("Somalia", "Kenya"), ("Rwanda", "the Democratic Republic of Congo"),
             ("India", "Pakistan")]
    return Incident(
        kind=kind, day=start + timedelta(days=rng.randrange(0, 365)), place=rng.choice(PLACES),
        attacker=rng.choice(ATTACKERS), target=rng.choice(TARGETS), killed=rng.randint(2, 12),
        parties=rng.choice(pairs), city=rng.choice(["Doha", "Istanbul", "Riyadh", "Nairobi", "Geneva"]),
        mediator=rng.choice(["Qatar", "Turkey", "the African Union", "the United Nations"]),
    )


def _article(rng: random.Random, incident: Incident, outlet: str) -> dict[str, object]:
    place, province, demonym, dateline = incident.place
    published = incident.day + timedelta(days=rng.choice([0, 0, 1]))
    weekday = WEEKDAYS[incident.day.weekday()]
    long, short, ref = incident.attacker
    target, victims = incident.target
    claimed = incident.killed + rng.randint(0, 10)
    values = dict(place=place, province=province, demonym=demonym, weekday=weekday, attacker_long=long,
                  attacker_short=short, attacker_ref=ref, target=target, victims=victims, killed=incident.killed,
                  Killed_word=NUMBER_WORDS.get(incident.killed, str(incident.killed)).capitalize(),
                  wounded=rng.randint(1, 20), claimed=claimed, a=incident.parties[0], b=incident.parties[1],
                  city=incident.city, mediator=incident.mediator)
    if incident.kind == "attack":
        parts = [rng.choice(ATTACK_LEADS)] + rng.sample(ATTACK_DETAILS, 3) + [rng.choice(ATTACK_CLAIMS)]
        parts += rng.sample(QUOTES, rng.randint(1, 3)) + rng.sample(BACKGROUND, rng.randint(2, 3))
        title = f"{incident.killed} killed in attack in {place}"
    elif incident.kind == "talks":
        parts = [rng.choice(TALK_LEADS)] + rng.sample(TALK_DETAILS, 3) + rng.sample(BACKGROUND, 1)
        title = f"{incident.parties[0]} and {incident.parties[1]} hold talks in {incident.city}"
        dateline = rng.choice(["ISLAMABAD", "KABUL", "NAIROBI", incident.city.upper()])
    else:
        parts = [rng.choice(PROTEST_LEADS)] + rng.sample(PROTEST_DETAILS, 2) + rng.sample(BACKGROUND, 1)
        title = f"Protest in {place}"
    body = "\n\n".join(p.format(**values) for p in parts)
    text = f"{dateline}: {body}"
    return {"title": title, "text": text, "published": published.isoformat(), "outlet": outlet,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/{rng.randrange(10**8)}"}


def generate(count: int, seed: int = 7, start: date = date(2025, 1, 1)) -> list[dict[str, object]]:
    """`count` article records: incident reports (1-4 outlets each), ~4% to reject, ~5% exact duplicates."""
    rng = random.Random(seed)
    duplicates, rejects = max(1, round(count * 0.05)), max(2, round(count * 0.04))
    records: list[dict[str, object]] = []
    while len(records) < count - duplicates - rejects:
        incident = _incident(rng, start)
        for outlet in rng.sample(OUTLETS, rng.randint(1, 4)):
            records.append(_article(rng, incident, outlet))
    records = records[: max(1, count - duplicates - rejects)]
    for number in range(rejects):
        if number % 2:
            bad = {"title": "Empty", "text": "Updates to follow.", "published": start.isoformat()}
        else:
            bad = {"title": "Brief", "text": rng.choice(NOT_ENGLISH) + f" ({number})", "published": start.isoformat()}
        records.insert(rng.randrange(len(records) + 1), {**bad, "outlet": rng.choice(OUTLETS)})
    for _ in range(duplicates):  # aggregators re-publish the same story byte for byte
        records.insert(rng.randrange(len(records) + 1), dict(rng.choice(records)))
    for number, record in enumerate(records[:count], start=1):
        record["id"] = f"a{number:05d}"
    return records[:count]


def write(records: list[dict[str, object]], out: Path, fmt: str) -> None:
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    elif fmt == "csv":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["id", "title", "published", "outlet", "url", "text"])
            writer.writeheader()
            for record in records:
                writer.writerow({k: record.get(k, "") for k in writer.fieldnames})
    else:
        out.mkdir(parents=True, exist_ok=True)
        for record in records:
            (out / f"{record['id']}.txt").write_text(str(record["text"]) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=["jsonl", "csv", "folder"], default="jsonl")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(generate(args.count, args.seed), args.out, args.format)


if __name__ == "__main__":
    main()
