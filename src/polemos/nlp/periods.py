"""Calendar periods that are not a day, a week, a month or a year: seasons, quarters, halves and
movable holidays, and the TIMEX3 values they take.

TIMEX3 writes a season as YYYY-SP|SU|FA|WI (a winter belongs to the year it starts in: 2016-WI is
December 2016 to February 2017), a quarter as YYYY-Qn, a half as YYYY-Hn, a weekend as YYYY-Www-WE,
a decade as its first three digits (199) and a century as its first two (19 for the 1900s). polemos
keeps its own `value` for every one of them (the first month, with `end_value` the last), so the
store can bound them, and the TIMEX3 string beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "future"] | None

@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of months: its TIMEX3 value and its first and last month (YYYY-MM)."""

    timex: str
    first: str
    last: str

    @property
    def start(self) -> date:
        return date.fromisoformat(f"{self.first}-01")

    @property
    def end(self) -> date:
        year, month = int(self.last[:4]), int(self.last[5:7])
        following = date(year + (month == 12), month % 12 + 1, 1)
        return following - timedelta(days=1)


def _months(year: int, first_month: int, count: int) -> tuple[str, str]:
    last_index = year * 12 + first_month - 1 + count - 1
    return f"{year:04d}-{first_month:02d}", f"{last_index // 12:04d}-{last_index % 12 + 1:02d}"


def season(code: str, first_month: int, year: int) -> Period:
    """A season (data/dates/seasons.tsv gives its TIMEX3 code and first month) of one year."""
    return Period(f"{year:04d}-{code}", *_months(year, first_month, 3))


def quarter(n: int, year: int) -> Period:
    return Period(f"{year:04d}-Q{n}", *_months(year, 3 * n - 2, 3))


def half(n: int, year: int) -> Period:
    return Period(f"{year:04d}-H{n}", *_months(year, 6 * n - 5, 6))


def chosen(make, published: date, rel: str, tense: Tense, year: int | None = None) -> Period:
    """Which season or quarter of that name a text means, from the publication date: the one of the
    year given; "this" the one holding (or, failing that, nearest) the publication date; "last" the
    latest one over before it, "next" the first one to start after it; else by tense — past the
    latest one begun by publication, future the first one not yet over, none the one holding it or
    the nearest."""
    if year is not None:
        return make(year)
    candidates = [make(y) for y in range(published.year - 2, published.year + 2)]
    holding = [c for c in candidates if c.start <= published <= c.end]
    if rel in ("last", "past", "this past", "previous"):
        return max((c for c in candidates if c.end < published), key=lambda c: c.start)
    if rel in ("next", "coming", "this coming", "following"):
        return min((c for c in candidates if c.start > published), key=lambda c: c.start)
    if holding:
        return holding[0]
    if rel == "this" or tense is None:
        return min(candidates, key=lambda c: min(abs((c.start - published).days), abs((c.end - published).days)))
    if tense == "past":
        return max((c for c in candidates if c.start <= published), key=lambda c: c.start)
    return min((c for c in candidates if c.end >= published), key=lambda c: c.start)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


# -- holidays that move ------------------------------------------------------------------------

_WEEKDAYS = {"Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6, "Sun": 7}


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday_in(rule: tuple[str, str], year: int) -> date:
    """The day a holiday rule gives in one year. A rule is (month, day) where month is 1-12 or
    "easter" (then day is the offset in days from Easter Sunday) and day is a number, "<n><Wkd>"
    (the n-th such weekday: "4Thu") or "last<Wkd>"."""
    month, day = rule
    if month == "easter":
        return easter(year) + timedelta(days=int(day))
    m = int(month)
    if day.isdigit():
        return date(year, m, int(day))
    weekday = _WEEKDAYS[day[-3:]]
    if day.startswith("last"):
        last = date(year + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, m, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (int(day[:-3]) - 1))


def holiday(rule: tuple[str, str], published: date, tense: Tense) -> date:
    """A holiday named without a year: past the latest one not after publication, future the first
    one not before it, else the nearest."""
    candidates = [holiday_in(rule, y) for y in (published.year - 1, published.year, published.year + 1)]
    if tense == "past":
        return max(c for c in candidates if c <= published)
    if tense == "future":
        return min(c for c in candidates if c >= published)
    return min(candidates, key=lambda c: (abs((c - published).days), c > published))
