"""Date expressions of news text and the calendar rules that turn them into values.

This module knows no spaCy: it finds expressions with regular expressions built from the word lists
in data/dates/ and resolves them against the publication date with news idioms. The `polemos_when`
component (when.py) gives it the tense of the governing verb and ties the results to events.

Conventions (documented in docs/dates-and-casualties.md):
- a weekday in a paper of that weekday is that day; otherwise the most recent one before
  publication, or the next one when the governing verb is future;
- a day and month without a year ("Oct. 19") is the most recent such day not after publication
  when the clause is past, the next one not before it when future, else the nearest one;
- a weekend is the ISO week (YYYY-Www) holding its Saturday and Sunday;
- "last week" is the ISO week before the publication's; "earlier this month" the publication's month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Literal

Tense = Literal["past", "future"] | None

_DATA = "polemos.data"


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped."""
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> list[str]:
    return [row[0].strip() for row in _rows(name)]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Expression:
    """A date expression found in text, before it is resolved: its kind and the parts it named."""

    start: int
    end: int
    text: str
    kind: str  # iso, mdy, dmy, monthyear, monthrel, month, year, decade, weekday, idiom, ago, ordinal,
    # holiday, dayofmonth, anaphor
    parts: dict
    cue: str | None = None  # the word just before: "since", "from", "on", ...


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str
    precision: str
    end_value: str | None = None


class Calendar:
    """The knowledge of data/dates/ compiled once: patterns that find expressions and rules that resolve them."""

    def __init__(self) -> None:
        self.months = {name: int(n) for name, n in _rows("dates/months.tsv")}
        self.weekdays = {name: int(n) for name, n in _rows("dates/weekdays.tsv")}
        self.idioms = {row[0].lower(): (row[1], row[2], row[3]) for row in _rows("dates/idioms.tsv")}
        self.ordinals = {w: int(n) for w, n in _rows("dates/ordinals.tsv")}
        self.holidays = {_apostrophes(name.lower()): (int(m), int(d)) for name, m, d in _rows("dates/holidays.tsv")}
        self.anaphors = {phrase.lower(): int(days) for phrase, days in _rows("dates/anaphors.tsv")}
        self.number_words = {row[0]: int(row[1]) for row in _rows("numbers/words.tsv") if row[2] == "unit"}
        self.speech_verbs = frozenset(_words("dates/speech_verbs.txt"))
        self.speech_act_roots = frozenset(_words("dates/speech_act_roots.txt"))
        self.future_cues = frozenset(_words("dates/future_cues.txt"))
        self.anchor_verbs = frozenset(_words("dates/anchor_verbs.txt"))
        mods = _alternation(_words("dates/modifiers.tsv"))
        mon = _alternation(list(self.months))
        # a month alone ("in May") only by its full name or a dotted abbreviation: "Mar" alone is too risky
        mon_full = _alternation(
            [m for m in self.months if m.endswith(".") or not any(o != m and o.startswith(m) for o in self.months)]
        )
        wd = _alternation(list(self.weekdays))
        day = r"[0-3]?\d(?:st|nd|rd|th)?"
        year = r"(?:1[89]|2[01])\d\d"
        num = _alternation(list(self.number_words))
        ords = _alternation(list(self.ordinals))
        end = r"(?![\w])"
        preps = r"in|since|during|until|till|by|through|throughout|before|after|from|of|between|around"
        rels = r"last|next|this|this past|this coming|coming|past"
        year_idioms = [k for k, (unit, _, _) in self.idioms.items() if unit == "year"]
        # Each pattern matches the date words themselves; the words that may lead them ("last",
        # "early", "in") are read from a short window before the match, which keeps the scan fast.
        self.patterns: list[tuple[str, re.Pattern[str], re.Pattern[str] | None, bool]] = [
            ("iso", re.compile(rf"\b(?P<y>{year})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), None, False),
            (
                "mdy",
                re.compile(
                    rf"\b(?P<mon>{mon}){end}\s*(?P<d1>{day})\b"
                    rf"(?:\s*(?:-|–|to|through|until|and)\s*(?:(?P<mon2>{mon}){end}\s*)?(?P<d2>{day})\b(?![.,]\d))?"
                    rf"(?:\s*,?\s+(?P<y>{year})\b)?(?![.,]?\d)"
                ),
                None,
                False,
            ),
            (
                "dmy",
                re.compile(
                    rf"\b(?P<d1>{day})(?:\s*(?:-|–|to|and)\s*(?P<d2>{day}))?\s+(?:of\s+)?(?P<mon>{mon}){end}"
                    rf"(?:\s*,?\s+(?P<y>{year})\b)?"
                ),
                None,
                False,
            ),
            (
                "monthyear",
                re.compile(rf"\b(?P<mon>{mon}){end}\s+(?:of\s+)?(?P<y>{year})\b"),
                re.compile(rf"(?i)\b(?P<mod>{mods})\s*$"),
                False,
            ),
            (
                "monthrel",  # "in May last year", "September of next year": that month of that year
                re.compile(rf"\b(?P<mon>{mon_full}){end}\s+(?:of\s+)?(?P<yrel>(?i:{_alternation(year_idioms)}))\b"),
                re.compile(rf"(?i)\b(?P<mod>{mods})(?:\s+|(?<=-))$"),
                False,
            ),
            (
                "month",
                re.compile(
                    rf"\b(?P<mon>{mon_full}){end}(?!\s*\d)"
                    rf"(?:\s*(?i:-|–|to|and|until|till|through)\s*(?P<mon2>{mon_full}){end}(?!\s*\d))?"
                ),
                re.compile(rf"(?i)\b(?:(?P<rel>{rels})|(?P<mod>{mods})|(?:{preps})(?:\s+(?P<mod2>{mods}))?)(?:\s+|(?<=-))$"),
                True,
            ),
            (
                "year",
                re.compile(
                    rf"\b(?P<y>{year})\b(?![/.,]?\d)"
                    rf"(?:\s*(?i:-|–|to|and|until|till|through)\s*(?P<y2>{year})\b(?![/.,]?\d))?"
                ),
                re.compile(rf"(?i)\b(?:(?P<mod>{mods})|(?:{preps}))\s+$"),
                True,
            ),
            ("decade", re.compile(r"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)s\b"), None, False),
            (
                "weekday",
                re.compile(rf"\b(?P<wd>{wd}){end}(?:\s+(?P<part>(?i:morning|afternoon|evening|night|midnight)))?"),
                re.compile(rf"(?i)\b(?P<rel>{rels})\s+$"),
                False,
            ),
            (
                "idiom",
                re.compile(rf"(?i)\b(?P<idiom>{_alternation(list(self.idioms))})\b"),
                re.compile(rf"(?i)\b(?P<mod>{mods})(?:\s+|(?<=-))$"),
                False,
            ),
            (
                "ago",
                re.compile(r"(?i)\b(?P<unit>day|week|month|year)s?\s+ago\b"),
                re.compile(rf"(?i)\b(?P<n>\d+|{num}|an?|a few|several)\s+$"),
                True,
            ),
            ("ordinal", re.compile(rf"(?i)\bthe\s+(?P<ord>{ords}|\d+(?:st|nd|rd|th))\s+day\b"), None, False),
            (
                "holiday",
                re.compile(rf"(?i)\b(?P<holiday>{_holiday_alternation(list(self.holidays))})(?!\w)"),
                re.compile(rf"(?i)\b(?P<mod>{mods})(?:\s+|(?<=-))$"),
                False,
            ),
            (
                "dayofmonth",  # "on the 28th": a day of the publication's month, chosen by tense
                re.compile(rf"(?i)\bthe\s+(?P<dom>[0-3]?\d(?:st|nd|rd|th))\b(?=\s*[,.;:!?)]|\s*$|\s+(?:{_DOM_NEXT})\b)"),
                re.compile(r"(?i)\b(?:on|by|until|till|since|from|before|after|and)\s+$"),
                True,
            ),
            (
                # "the previous day", "two days earlier": counted from the date just given. "before" and
                # "after" only end a clause ("three days before,"): "a day after Chrysler released" and
                # "the day before the vote" count from an event, and "later than planned" compares.
                "anaphor",
                re.compile(
                    rf"(?i)\b(?:(?P<phrase>{_alternation(list(self.anaphors))})"
                    rf"|(?P<n>\d+|{num}|an?)\s+(?P<unit>day|week)s?\s+(?P<dir>earlier|later|before|after|previously))"
                    rf"\b(?=\s*[,.;:!?)]|\s*$|(?<!before)(?<!after)(?!\s+than\b))"
                ),
                None,
                False,
            ),
        ]
        self._range = re.compile(r"^\s*(?:-|–|to|until|till|through|and)\s*$", re.IGNORECASE)
        self._cue = re.compile(r"(\w+)\W*$")

    # -- finding ---------------------------------------------------------------------------------

    def find(self, text: str) -> list[Expression]:
        """Every date expression, longest first where they overlap, ranges merged, in text order."""
        found: list[Expression] = []
        for kind, pattern, before, required in self.patterns:
            for m in pattern.finditer(text):
                parts = m.groupdict()
                start = m.start()
                if before is not None:
                    window = text[max(0, start - 40) : start]
                    lead = before.search(window)
                    if lead is None and required:
                        continue
                    if lead is not None:
                        offset = start - len(window)
                        for group, value in lead.groupdict().items():
                            if value:
                                parts[group.rstrip("2")] = value
                                start = min(start, offset + lead.start(group))
                found.append(Expression(start, m.end(), text[start : m.end()], kind, parts, self._cue_before(text, start)))
        found.sort(key=lambda e: (-(e.end - e.start), e.start))
        chosen: list[Expression] = []
        taken: list[tuple[int, int]] = []
        for expr in found:
            if all(expr.end <= s or expr.start >= e for s, e in taken):
                chosen.append(expr)
                taken.append((expr.start, expr.end))
        chosen.sort(key=lambda e: e.start)
        return self._merge_ranges(text, chosen)

    def _cue_before(self, text: str, start: int) -> str | None:
        m = self._cue.search(text[max(0, start - 20) : start])
        return m.group(1).lower() if m else None

    def _merge_ranges(self, text: str, exprs: list[Expression]) -> list[Expression]:
        merged: list[Expression] = []
        for expr in exprs:
            if merged and self._range.match(text[merged[-1].end : expr.start]):
                first = merged[-1]
                between = text[first.end : expr.start].strip().lower()
                if between != "and" or first.cue == "between":
                    parts = dict(first.parts)
                    parts["range_end"] = expr
                    merged[-1] = Expression(first.start, expr.end, text[first.start : expr.end], first.kind, parts, first.cue)
                    continue
            merged.append(expr)
        return merged

    # -- resolving -------------------------------------------------------------------------------

    def resolve(self, expr: Expression, published: date | None, tense: Tense = None) -> Resolved | None:
        """The value of an expression, or None when it cannot be pinned down (no publication date, bad day)."""
        try:
            resolved = self._resolve(expr, published, tense)
        except (ValueError, OverflowError):
            return None
        if resolved is None:
            return None
        end = expr.parts.get("range_end")
        if isinstance(end, Expression):
            other = self.resolve(end, published, tense)
            if other is not None:
                return Resolved(resolved.value, resolved.precision, other.end_value or other.value)
        elif expr.cue == "since" and published is not None and resolved.end_value is None:
            return Resolved(resolved.value, resolved.precision, published.isoformat())
        return resolved

    def _resolve(self, expr: Expression, published: date | None, tense: Tense) -> Resolved | None:
        p = expr.parts
        kind = expr.kind
        if kind == "iso":
            return Resolved(date(int(p["y"]), int(p["m"]), int(p["d"])).isoformat(), "day")
        if kind in ("mdy", "dmy"):
            month = self.months[p["mon"]]
            day = _day(p["d1"])
            year = int(p["y"]) if p.get("y") else None
            when = _day_in_year(month, day, year, published, tense)
            if when is None:
                return None
            end_value = None
            if p.get("d2"):
                month2 = self.months[p["mon2"]] if p.get("mon2") else month
                end = date(when.year + (1 if month2 < month else 0), month2, _day(p["d2"]))
                end_value = end.isoformat()
            return Resolved(when.isoformat(), "day", end_value)
        if kind == "monthyear":
            return Resolved(f"{int(p['y']):04d}-{self.months[p['mon']]:02d}", "month")
        if kind == "monthrel":
            if published is None:
                return None
            offset = int(self.idioms[p["yrel"].lower()][1])
            return Resolved(f"{published.year + offset:04d}-{self.months[p['mon']]:02d}", "month")
        if kind == "month":
            first = _month_alone(self.months[p["mon"]], (p.get("rel") or "").lower(), published, tense)
            if first is not None and p.get("mon2"):
                year, month = int(first.value[:4]), self.months[p["mon2"]]
                year += 1 if month < self.months[p["mon"]] else 0
                return Resolved(first.value, "month", f"{year:04d}-{month:02d}")
            return first
        if kind == "year":
            return Resolved(f"{int(p['y']):04d}", "year", f"{int(p['y2']):04d}" if p.get("y2") else None)
        if kind == "decade":
            start = int(p["dec"])
            return Resolved(f"{start:04d}", "decade", f"{start + 9:04d}")
        if published is None:
            return None
        if kind == "weekday":
            return Resolved(_weekday(self.weekdays[p["wd"]], (p.get("rel") or "").lower(), published, tense).isoformat(), "day")
        if kind == "idiom":
            unit, offset, precision = self.idioms[p["idiom"].lower()]
            return _relative(unit, offset, precision, published, tense)
        if kind == "holiday":
            month, day = self.holidays[_apostrophes(p["holiday"].lower())]
            when = _day_in_year(month, day, None, published, tense)
            return Resolved(when.isoformat(), "day") if when else None
        if kind == "dayofmonth":
            when = _day_in_month(_day(p["dom"]), published, tense)
            return Resolved(when.isoformat(), "day") if when else None
        if kind == "anaphor":
            return self.counted_from(expr, published)
        if kind == "ago":
            n = p["n"].lower()
            count = int(n) if n.isdigit() else self.number_words.get(n, 1 if n in ("a", "an") else 3)
            return _ago(p["unit"].lower(), count, published)
        return None  # ordinals need an anchor: see `ordinal_day`

    def counted_from(self, expr: Expression, anchor: date) -> Resolved:
        """An anaphor ("the previous day", "two weeks earlier") counted from `anchor`, the date the
        text has just given (the publication date when it has given none)."""
        p = expr.parts
        if p.get("phrase"):
            return Resolved((anchor + timedelta(days=self.anaphors[p["phrase"].lower()])).isoformat(), "day")
        n = p["n"].lower()
        count = int(n) if n.isdigit() else self.number_words.get(n, 1)
        sign = 1 if p["dir"].lower() in ("later", "after") else -1
        if p["unit"].lower() == "week":
            return Resolved(iso_week(anchor + timedelta(weeks=sign * count)), "week")
        return Resolved((anchor + timedelta(days=sign * count)).isoformat(), "day")

    def ordinal(self, expr: Expression) -> int | None:
        word = expr.parts.get("ord", "").lower()
        return self.ordinals.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)


# Words that may follow a bare day of the month ("on the 28th and ...", "the 5th of this month");
# any other word after it ("the 3rd Division", "the 47th Brigade") makes it a unit's number.
_DOM_NEXT = r"and|or|but|when|as|after|before|at|in|to|until|of\s+(?:this|last|next|the)\s+month"


def _apostrophes(text: str) -> str:
    return text.replace("\u2019", "'")


def _holiday_alternation(names: list[str]) -> str:
    return "|".join(re.escape(n).replace("'", "['\u2019]") for n in sorted(set(names), key=len, reverse=True))


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _day_in_year(month: int, day: int, year: int | None, published: date | None, tense: Tense) -> date | None:
    if year is not None:
        return date(year, month, day)
    if published is None:
        return None
    candidates = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:  # 29 February
            continue
    if tense == "past":
        past = [c for c in candidates if c <= published]
        return max(past) if past else None
    if tense == "future":
        future = [c for c in candidates if c >= published]
        return min(future) if future else None
    return min(candidates, key=lambda c: (abs((c - published).days), c > published))


def _day_in_month(day: int, published: date | None, tense: Tense) -> date | None:
    """ "on the 28th": that day in the publication's month, or the month before (past) or after (future)."""
    if published is None:
        return None
    candidates = []
    for offset in (-1, 0, 1):
        year, month = _add_months(published, offset)
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # the 31st of a short month
            continue
    if tense == "past":
        past = [c for c in candidates if c <= published]
        return max(past) if past else None
    if tense == "future":
        future = [c for c in candidates if c >= published]
        return min(future) if future else None
    return min(candidates, key=lambda c: (abs((c - published).days), c > published), default=None)


def _month_alone(month: int, rel: str, published: date | None, tense: Tense) -> Resolved | None:
    if published is None:
        return None
    year = published.year
    if rel in ("last", "past", "this past"):
        year = year - 1 if month >= published.month else year
    elif rel in ("next", "coming", "this coming"):
        year = year + 1 if month <= published.month else year
    elif rel == "this":
        pass
    elif tense == "past" and month > published.month:
        year -= 1
    elif tense == "future" and month < published.month:
        year += 1
    elif tense is None and month - published.month > 6:
        year -= 1
    elif tense is None and published.month - month > 6:
        year += 1
    return Resolved(f"{year:04d}-{month:02d}", "month")


def _weekday(weekday: int, rel: str, published: date, tense: Tense) -> date:
    """News idiom: a weekday is the most recent one (or the paper's own day); the next one when future."""
    diff = weekday - published.isoweekday()
    if rel in ("last", "past", "this past"):
        back = (-diff) % 7 or 7
        return published - timedelta(days=back)
    if rel in ("next", "coming", "this coming"):
        return published + timedelta(days=diff % 7 or 7)
    if rel == "this" and tense is None:
        return published + timedelta(days=diff)  # the publication's own week
    if diff == 0:
        return published
    if tense == "future":
        return published + timedelta(days=diff % 7)
    return published - timedelta(days=(-diff) % 7)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _relative(unit: str, offset: str, precision: str, published: date, tense: Tense) -> Resolved:
    if unit == "weekend":
        if offset == "tense":
            step = 1 if tense == "future" else -1
        else:
            step = int(offset)
        if step < 0:
            # the most recent Sunday not after publication (a Sunday paper's weekend is its own)
            sunday = published - timedelta(days=published.isoweekday() % 7)
            saturday = sunday - timedelta(days=1)
            if published.isoweekday() == 6:
                saturday = published
            return Resolved(iso_week(saturday), "week")
        saturday = published + timedelta(days=(6 - published.isoweekday()) % 7)
        if step > 1 or (step == 1 and offset != "tense" and saturday - published < timedelta(days=2)):
            saturday += timedelta(days=7)
        return Resolved(iso_week(saturday), "week")
    n = int(offset)
    if unit == "day":
        return Resolved((published + timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        return Resolved(iso_week(published + timedelta(weeks=n)), "week")
    if unit == "month":
        year, month = _add_months(published, n)
        return Resolved(f"{year:04d}-{month:02d}", "month")
    return Resolved(f"{published.year + n:04d}", "year")


def _ago(unit: str, count: int, published: date) -> Resolved:
    if unit == "day":
        return Resolved((published - timedelta(days=count)).isoformat(), "day")
    if unit == "week":
        return Resolved(iso_week(published - timedelta(weeks=count)), "week")
    if unit == "month":
        year, month = _add_months(published, -count)
        return Resolved(f"{year:04d}-{month:02d}", "month")
    return Resolved(f"{published.year - count:04d}", "year")


def shift_day(value: str, days: int) -> str | None:
    """A day value moved by some days ("the third day" of talks that began on `value`)."""
    try:
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    """The compiled calendar, once per process."""
    return Calendar()
