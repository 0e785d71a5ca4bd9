"""An input's publication date, read from what the input itself carries.

Relative dates ("on Saturday") count from the publication date, so an article stored without one
has undated events. Each kind of input says its date in its own way: a record's field (ISO, RFC
2822 as feeds write it, "2 November 2025"), a page's metadata (trafilatura reads it), a dateline
that gives its year, a line under the headline that is nothing but a date, or a name: news URLs
and saved files are often named by day ("/2025/11/02/", "2025-11-02-el-fasher.txt").
Every reader here returns a `date` or None; None never guesses (a day-month order that cannot be
told apart, "03/04/2025", is None, not the third of April).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2}|utc|gmt)?)?"
# Month written out: "November 2, 2025", "Sunday, Nov. 2, 2025", "2 November 2025", "02 Nov 2025 10:45 GMT".
_WORDY = (
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}$", re.I),
    re.compile(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}$", re.I),
)
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4})" + _TIME + "$", re.I)
_YMD = re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})" + _TIME + "$", re.I)
# Labels a top-of-article date line may carry: "Published: 2 November 2025", "Updated Nov. 3, 2025".
_LABEL = re.compile(r"^(?:(?:first\s+)?published|posted|updated|last\s+updated|date|dated|filed)\s*(?:on)?\s*[:\-\u2013\u2014]?\s*", re.I)
# A day in a name: 2025-11-02, 2025_11_02, 2025/11/02, 2025.11.02, 2025/nov/02, 20251102.
_NAME_DAY = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20)\d{2})(?P<sep>[-_/.])(?P<month>0?[1-9]|1[0-2]|[a-z]{3})(?P=sep)(?P<day>0?[1-9]|[12]\d|3[01])(?![0-9])"
    r"|(?<![0-9])(?P<cyear>(?:19|20)\d{2})(?P<cmonth>0[1-9]|1[0-2])(?P<cday>0[1-9]|[12]\d|3[01])(?![0-9])",
    re.I,
)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    """A publication date as records, feeds and pages write it; None when it cannot be read for sure.

    ISO dates and datetimes ("2025-11-02", "2025-11-02T08:30:00Z"), RFC 2822 ("Sun, 02 Nov 2025
    08:30:00 GMT"), the month in words ("November 2, 2025", "2 Nov 2025"), "2025/11/02", and
    day/month/year numbers only when the order shows (a part above 12): "22/11/2025", "11/22/2025".
    """
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    if not text or len(text) > 80:
        return None
    text = _LABEL.sub("", text)
    if re.match(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    if re.fullmatch(r"(?:19|20)\d{6}", text):  # compact ISO, as a whole value only
        return _day(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
    for pattern in _WORDY:
        match = pattern.match(text)
        if match:
            return _day(int(match["year"]), _MONTHS[match["month"].lower().rstrip(".")], int(match["day"]))
    match = _YMD.match(text)
    if match:
        return _day(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _NUMERIC.match(text)
    if match:
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if a > 12 >= b:
            return _day(year, b, a)  # day first: 22/11/2025
        if b > 12 >= a:
            return _day(year, a, b)  # month first: 11/22/2025
        if a == b:
            return _day(year, a, b)
    return None


def date_line(lines: list[str]) -> date | None:
    """A line near the top that is nothing but a full date ("November 2, 2025", "Published: 2 Nov
    2025 10:45 GMT"): the article's own date, as copies of web pages keep it under the headline."""
    for line in lines[:3]:
        stripped = line.strip(" \t.;|")
        if stripped and len(stripped) <= 60 and any(ch.isdigit() for ch in stripped):
            found = parse_date(stripped)
            if found is not None and re.search(r"\d{4}", stripped):
                return found
    return None


def date_in_name(name: str | None) -> date | None:
    """The day a file name or a URL's path gives ("2025-11-02-el-fasher.txt", "/2025/11/02/story",
    "sudan_20251102.html"); the file's own name first, then its folders, never a URL's host."""
    if not name:
        return None
    if "://" in name:
        parts = [urlsplit(name).path]
    else:
        path = PurePath(name.split("#", 1)[0])  # a feed item's origin: "feed.rss#3"
        parts = [path.name, *(p.name for p in list(path.parents)[:3] if p.name)]
        if len(parts) > 1:
            parts.append("/".join(reversed(parts[1:])) + "/" + parts[0])  # corpus/2025/11/02/a.txt
    for part in parts:
        for match in _NAME_DAY.finditer(part):
            if match["cyear"]:
                found = _day(int(match["cyear"]), int(match["cmonth"]), int(match["cday"]))
            else:
                month = match["month"]
                number = _MONTHS.get(month.lower()) if month.isalpha() else int(month)
                found = _day(int(match["year"]), number, int(match["day"])) if number else None
            if found is not None:
                return found
    return None
