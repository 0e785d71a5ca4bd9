"""How well polemos resolves the actor names of UCDP GED events (UCDP-AEC gold fields).

UCDP names each side of an event: "Government of Afghanistan", "TTP", "IS", "Kashmir
insurgents", "Civilians". We code each distinct name inside a neutral carrier sentence (a text needs eight words) and ask which party its
widest mention resolves to. Gold: a "Government of X" side is X's government; "Civilians" are
civilians; any other side is a non-state group, gold country the event's country. A transnational
group coded without a country (IS, al-Qaida) counts as resolved but not as a country match.
Reads ../shared/data/external/ucdp_aec/{test,validation}.jsonl in place; skips when absent.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Figure, Miss, SetResult

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Party

NAME = "ucdp-actors"
FILES = ("test.jsonl", "validation.jsonl")
_GOVERNMENT = re.compile(r"^Government of (.+)$")


def _country_code(coder: "Coder", name: str) -> str | None:
    """ISO3 of a UCDP country name ('Myanmar (Burma)', 'Yemen (North Yemen)')."""
    from ..knowledge import load_knowledge

    kb = load_knowledge()
    for candidate in (name, re.sub(r"\s*\(.*\)\s*$", "", name), *re.findall(r"\(([^)]*)\)", name)):
        entry = kb.entry(candidate)
        if entry is not None and entry.kind == "country":
            return entry.country
    return None


def _resolve(coder: "Coder", name: str) -> "Party | None":
    """The party of the widest resolved mention in the name read as a text."""
    analysis = coder.code_text(f"Reports named {name} as one party to the fighting this week.")
    mentions = [m for m in analysis.mentions if m.party is not None]
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.end - m.start, -m.start)).party


def evaluate(data: Path, coder: "Coder", limit: int | None = None) -> SetResult:
    folder = Path(data) / "external" / "ucdp_aec"
    paths = [folder / f for f in FILES if (folder / f).is_file()]
    if not paths:
        return SetResult.skip(NAME, folder)
    began = time.perf_counter()
    sides: Counter[tuple[str, str]] = Counter()
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                event = json.loads(line)
                for key in ("side_a_name", "side_b_name"):
                    sides[(event[key], event["location_root_name"])] += 1
    items = sorted(sides.items(), key=lambda kv: (-kv[1], kv[0]))
    if limit is not None:
        items = items[:limit]
    cache: dict[str, Party | None] = {}
    gov = gov_ok = civ = civ_ok = other = other_resolved = other_country = 0
    misses: list[Miss] = []
    for (name, place), count in items:
        if name not in cache:
            cache[name] = _resolve(coder, name)
        party = cache[name]
        ours = f"{party.country}/{party.sector} ({party.name})" if party else "nothing"
        match = _GOVERNMENT.match(name)
        if match:
            want = _country_code(coder, match.group(1))
            gov += count
            good = party is not None and party.country == want and (party.sector or "").startswith("GOV")
            gov_ok += count * good
            if not good:
                misses.append(Miss("wrong government", name, f"{want}/GOV", ours))
        elif name.lower() == "civilians":
            civ += count
            good = party is not None and party.sector == "CVL"
            civ_ok += count * good
            if not good:
                misses.append(Miss("civilians not civilians", name, "CVL", ours))
        else:
            want = _country_code(coder, place)
            other += count
            resolved = party is not None and party.sector is not None
            other_resolved += count * resolved
            other_country += count * (resolved and party.country == want)
            if not resolved:
                misses.append(Miss("unresolved group", name, f"{want}/non-state", ours))
            elif party.country not in {want, None}:
                misses.append(Miss("group in another country", name, f"{want}", ours))
    figures = (
        Figure("government_side_correct", gov_ok / gov if gov else 0.0, gov),
        Figure("civilian_side_correct", civ_ok / civ if civ else 0.0, civ),
        Figure("nonstate_side_resolved", other_resolved / other if other else 0.0, other),
        Figure("nonstate_side_country_match", other_country / other if other else 0.0, other),
        Figure("distinct_side_names", float(len({n for (n, _), _ in items})), len(items), unit="count"),
    )
    return SetResult(
        set=NAME,
        path=str(folder),
        figures=figures,
        misses=tuple(misses),
        seconds=time.perf_counter() - began,
        notes=("sides weighted by how many events name them; transnational groups coded without a country count as resolved",),
    )
