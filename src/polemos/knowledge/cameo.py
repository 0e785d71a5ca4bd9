"""Read CAMEO/Phoenix actor and agent dictionaries (the TABARI/PETRARCH formats) into the knowledge base.

Why: decades of event-data work live in these dictionaries, and PETRARCH2's unit records name
fictional countries (Arnor, Gondor) that only its own dictionaries resolve. An actors file reads

    GOLLUM  # comment            an entry: words joined by _ (a trailing _ only marks a whole word)
    +SMEAGOL                     more names for the same entry
        [HOB <950601]            its code before a date (YYMMDD or YYYYMMDD)
        [HOBGOV 950601-990815]   ... between two dates
        [HOBREB >990816]         ... after a date; a code without a date is the default
    GONDOR [GON]                 an entry and its code on one line

and an agents file reads `GOVERNMENT_PRESS {PLURALS} [~GOVMED]` with `!PERSON! = MAN, MEN` sets.
A code such as ARNGOV becomes country ARN, sector GOV; IGO/NGO/IMG codes have no country.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from ..records import Actor, Party
from .actors import Agent, Entry

# CAMEO role codes that can follow a country code; anything else after them is an actor's own tag.
ROLES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG HLH REF AGR ENV HRI LAB ELI UAF INS "
    "SEP RAD MOD IGO NGO IMG MNC".split()
)
# Leading codes that are a kind of actor rather than a country.
STATELESS = {"IGO": "IGO", "NGO": "NGO", "NGM": "NGO", "IMG": "IMG", "MNC": "BUS", "UAF": "UAF"}

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")


def split_code(code: str) -> tuple[str | None, str | None]:
    """'ARNGOV' -> ('ARN', 'GOV'); 'AFGGOVMED' -> ('AFG', 'GOVMED'); 'IGOUNO' -> (None, 'IGO').

    Codes that are not roles (an actor's own tag: PSE*HMS*GOV) are skipped.
    """
    code = code.strip().upper().lstrip("~").rstrip("~")
    if len(code) < 3 or not code[:3].isalpha():
        return None, None
    head, rest = code[:3], code[3:]
    if head in STATELESS:
        return None, STATELESS[head]
    roles = [rest[i : i + 3] for i in range(0, len(rest) - len(rest) % 3, 3) if rest[i : i + 3] in ROLES][:2]
    return head, "".join(roles) or None


def party_from_code(code: str, text: str = "", name: str | None = None) -> Party | None:
    """The Party a CAMEO code stands for: 'ARNGOV' -> Party(country='ARN', sector='GOV', id='ARNGOV')."""
    country, sector = split_code(code)
    if country is None and sector is None:
        return None
    return Party(text=text, name=name or code.upper(), country=country, sector=sector, id=code.upper())


def _day(value: str) -> date | None:
    """PETRARCH dates: YYMMDD (years up to 40 are 20xx) or YYYYMMDD; None when malformed."""
    value = value.strip()
    try:
        if len(value) == 8:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if len(value) == 6:
            year = int(value[:2])
            return date(2000 + year if year <= 40 else 1900 + year, int(value[2:4]), int(value[4:]))
    except ValueError:
        return None
    return None


def _period(restriction: str) -> tuple[date | None, date | None] | None:
    """'<950601' -> (None, 1995-05-31); '>990816' -> (1999-08-16, None); 'A-B' -> (A, B)."""
    restriction = restriction.strip()
    if not restriction:
        return (None, None)
    if restriction[0] in "<>":
        day = _day(restriction[1:])
        if day is None:
            return None
        return (None, day - timedelta(days=1)) if restriction[0] == "<" else (day, None)
    match = _DATE_RANGE.match(restriction)
    if match:
        start, end = _day(match.group(1)), _day(match.group(2))
        if start is None or end is None:
            return None
        return (start, end)
    return None


def _name(raw: str) -> str:
    """'AL-QAEDA_IN_IRAQ_' -> 'AL-QAEDA IN IRAQ'."""
    return " ".join(raw.replace("_", " ").split())


def _strip(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def load_cameo_actors(path: Path | str) -> list[tuple[Entry, list[str]]]:
    """Entries of a CAMEO actors dictionary, each with its names; codes carry their date limits."""
    text = _COMMENT.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    blocks: list[tuple[list[str], list[str]]] = []  # (names, code strings)
    for raw in text.splitlines():
        line = _strip(raw)
        if not line.strip():
            continue
        codes = _CODE.findall(line)
        head = _CODE.sub("", line).strip()
        if raw[:1] in " \t" and not head:  # an indented code line belongs to the current entry
            if blocks:
                blocks[-1][1].extend(codes)
            continue
        if head.startswith("+"):
            if blocks:
                blocks[-1][0].append(_name(head[1:]))
                blocks[-1][1].extend(codes)
            continue
        blocks.append(([_name(head)], list(codes)))
    out = []
    for names, codes in blocks:
        names = [n for n in names if n]
        if not names:
            continue
        periods = _periods(names[0], codes)
        if not periods:
            continue
        kind = "country" if len(periods[-1].id) == 3 and periods[-1].sector is None and periods[-1].country else "org"
        label = "GPE" if kind == "country" else "ORG"
        out.append((Entry(f"cameo:{names[0]}", label, kind, periods, periods[-1].country, fold=True), names))
    return out


def _periods(name: str, codes: list[str]) -> tuple[Actor, ...]:
    dated: list[Actor] = []
    default: list[Actor] = []
    for code in codes:
        parts = code.strip().split(None, 1)
        if not parts:
            continue
        value = parts[0].split("/")[0].upper()
        restriction = parts[1] if len(parts) > 1 else ""
        if value.startswith(("<", ">")) or value[:1].isdigit():  # a date with no code: malformed
            continue
        country, sector = split_code(value)
        if country is None and sector is None:
            continue  # "---", "+++": no actor
        span = _period(restriction)
        if span is None:
            continue
        actor = Actor(id=value, name=name.title(), country=country, sector=sector, kind="cameo", valid_from=span[0], valid_to=span[1])
        (dated if restriction else default).append(actor)
    return tuple(dated + default[:1])


def is_cameo_agents(path: Path | str) -> bool:
    """An agents dictionary codes roles ([~GOV]); an actors one codes countries ([AFG])."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    codes = _CODE.findall(text)
    agentish = sum(1 for c in codes if "~" in c)
    return bool(codes) and agentish > len(codes) / 2


def load_cameo_agents(path: Path | str) -> list[Agent]:
    """Role words of a CAMEO agents dictionary, substitution sets (!PERSON!) expanded, plurals added."""
    text = _COMMENT.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    sets: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for raw in text.splitlines():
        line = _strip(raw).strip()
        if not line:
            continue
        if re.match(r"^!\w+!\s*=", line):
            key, _, values = line.partition("=")
            sets[key.strip()] = [v.strip().lower() for v in values.split(",") if v.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        sector = _agent_code(codes[0])
        term_part = _CODE.sub("", line)
        plurals = re.findall(r"\{([^}]*)\}", term_part)
        term = _name(re.sub(r"\{[^}]*\}", "", term_part)).lower()
        if not term:
            continue
        for variant in _expand(term, sets):
            agents.append(Agent(variant, sector, "person"))
        for group in plurals:
            for extra in group.split(","):
                if extra.strip():
                    agents.append(Agent(_name(extra).lower(), sector, "group"))
    return agents


def _agent_code(code: str) -> str | None:
    """'~GOVFRM' -> 'GOVFRM': an agent keeps its whole CAMEO code, so ARN + GOVFRM codes ARNGOVFRM."""
    value = code.strip().replace("~", "").split()
    if not value or not value[0].isalpha() or len(value[0]) % 3:
        return None
    return value[0].upper()


def _expand(term: str, sets: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!\w+!", term)
    if not match:
        return [" ".join(term.split())]
    out = []
    for value in sets.get(match.group(0).upper(), sets.get(match.group(0), [])):
        before, after = term[: match.start()], term[match.end() :]
        joiner = "" if before and not before.endswith(" ") else ""
        out.extend(_expand(f"{before}{joiner}{value}{after}", sets))
    return out
