"""The reckoning of news dates: a day, week, month or year counted from the publication date.

Pure functions of dates (no text, no spaCy), shared by calendar.py, which finds the expressions.
Conventions (docs/dates-and-casualties.md): a weekday is the most recent one (the paper's own day
when it is that day), the next one when the clause is future; a day and month without a year is
the most recent such day in a past clause, the next one in a future clause, else the nearest; a
weekend is the ISO week that holds its Saturday and Sunday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "future"] | None


@dataclass(frozen=True, slots=True)
class Resolved:
    """A value as the record gives it, with its TIMEX3 value and type when they differ from it."""

    value: str
    precision: str
    end_value: str | None = None
    timex: str | None = None  # None: the value is the TIMEX3 value
    type: str = "DATE"


def day_in_year(month: int, day: int, year: int | None, published: date | None, tense: Tense) -> date | None:
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


def day_in_month(day: int, published: date | None, tense: Tense) -> date | None:
    """ "on the 28th": that day in the publication's month, or the month before (past) or after (future)."""
    if published is None:
        return None
    candidates = []
    for offset in (-1, 0, 1):
        year, month = add_months(published, offset)
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


def month_alone(month: int, rel: str, published: date | None, tense: Tense) -> Resolved | None:
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


def weekday_near(weekday: int, rel: str, published: date, tense: Tense) -> date:
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


def add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def relative(unit: str, offset: str, precision: str, published: date, tense: Tense) -> Resolved:
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
            return weekend(saturday)
        saturday = published + timedelta(days=(6 - published.isoweekday()) % 7)
        if step > 1 or (step == 1 and offset != "tense" and saturday - published < timedelta(days=2)):
            saturday += timedelta(days=7)
        return weekend(saturday)
    n = int(offset)
    if unit == "day":
        return Resolved((published + timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        return Resolved(iso_week(published + timedelta(weeks=n)), "week")
    if unit == "month":
        year, month = add_months(published, n)
        return Resolved(f"{year:04d}-{month:02d}", "month")
    if unit == "decade":
        return decade(published.year // 10 * 10 + 10 * n)
    return Resolved(f"{published.year + n:04d}", "year")


def weekend(saturday: date) -> Resolved:
    week = iso_week(saturday)
    return Resolved(week, "week", timex=f"{week}-WE")


def decade(first_year: int) -> Resolved:
    """The 1990s: 1990 to 1999, TIMEX3 199."""
    return Resolved(f"{first_year:04d}", "decade", f"{first_year + 9:04d}", timex=f"{first_year // 10:03d}")


def century(first_year: int) -> Resolved:
    """The 1900s (the 20th century as news counts it): 1900 to 1999, TIMEX3 19."""
    return Resolved(f"{first_year:04d}", "century", f"{first_year + 99:04d}", timex=f"{first_year // 100:02d}")


def ago(unit: str, count: int, published: date) -> Resolved:
    if unit == "day":
        return Resolved((published - timedelta(days=count)).isoformat(), "day")
    if unit == "week":
        return Resolved(iso_week(published - timedelta(weeks=count)), "week")
    if unit == "month":
        year, month = add_months(published, -count)
        return Resolved(f"{year:04d}-{month:02d}", "month")
    if unit == "decade":
        return decade((published.year - 10 * count) // 10 * 10)
    return Resolved(f"{published.year - count:04d}", "year")


def shift_day(value: str, days: int) -> str | None:
    """A day value moved by some days ("the third day" of talks that began on `value`)."""
    try:
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    except ValueError:
        return None

