"""Date values as polemos writes them (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY) and when two agree.

Two values agree when one lies inside the other at the coarser precision: a day inside its week,
month or year. Used to tell one act retold from two acts, and to score event dates.
"""

from __future__ import annotations

from datetime import date, timedelta


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def week_days(value: str) -> tuple[date, date] | None:
    try:
        year, week = value.split("-W")
        start = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None
    return start, start + timedelta(days=6)


def dates_compatible(one: str, other: str) -> bool:
    """The same date at the coarser of the two precisions (a day inside a week, a month, a year)."""
    if one == other or one.startswith(other) or other.startswith(one):
        return True
    for week, value in ((one, other), (other, one)):
        span = week_days(week) if "-W" in week else None
        day = _day(value)
        if span and day:
            return span[0] <= day <= span[1]
    return False
