"""Date expressions of news text and the calendar rules that turn them into values.

This module knows no spaCy: it finds expressions with regular expressions built from the word lists
in data/dates/ and resolves them against the publication date with news idioms (reckoning.py,
periods.py). The `polemos_when` component (when.py) gives it the tense of the governing verb and
ties the results to events.

What it finds is what TimeML (TIMEX3, as TempEval-3 counts it) calls a DATE: days, weekdays,
months, years, weeks and weekends, seasons, quarters and halves, decades and centuries, holidays,
relative and anaphoric expressions ("last month", "three years ago", "the next day"), and the
vague references "now", "recently", "the future". Parts of days ("Friday night", "this morning")
and stretches that end at publication ("the past 24 hours") are found too, typed TIME and
DURATION, because they date events; other durations ("three years") and ages are not dates.
Conventions are documented in docs/dates-and-casualties.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from . import periods
from .reckoning import (
    Resolved,
    Tense,
    ago,
    century,
    day_in_month,
    day_in_year,
    decade,
    iso_week,
    month_alone,
    relative,
    weekday_near,
)
from .reckoning import shift_day as shift_day  # re-exported for when.py

_DATA = "polemos.data"
__all__ = ["Calendar", "Expression", "Resolved", "Tense", "calendar", "iso_week", "shift_day"]


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped."""
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> list[str]:
    return [row[0].strip() for row in _rows(name)]


def _alternation(words: list[str], spell=re.escape) -> str:
    """A regex matching any of `words`, the longest where several fit, written as a trie
    ("Jan(?:uary|\\.)?"): an alternation of literals is retried at every position, a trie is not."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie, spell)


def _trie_pattern(node: dict, spell=re.escape) -> str:
    ends = "" in node
    branches = [spell(char) + _trie_pattern(child, spell) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    if len(branches) == 1 and not ends and len(branches[0]) > 1:
        body = branches[0]
    return body + "?" if ends and body.startswith("(?:") else (f"(?:{body})?" if ends else body)


@dataclass(frozen=True, slots=True)
class Expression:
    """A date expression found in text, before it is resolved: its kind and the parts it named."""

    start: int
    end: int
    text: str
    kind: str  # iso, numeric, mdy, dmy, monthyear, monthrel, month, year, bareyear, decade, century,
    # season, quarter, weeknum, weekday, idiom, ago, ordinal, holiday, dayofmonth, anaphor, reference
    parts: dict
    cue: str | None = None  # the word just before: "since", "from", "on", ...
    weak: bool = False  # found by its words alone: the parse must confirm it is a noun phrase of its own (when.py)


_DOM_NEXT = r"and|or|but|when|as|after|before|at|in|to|until|of\s+(?:this|last|next|the)\s+month"
# What may follow "the past" or "the future" for them to be the noun they are ("in the past,",
# "the future of the industry"); anything else ("the past three years", "the future king") is not one.
_REF_NEXT = re.compile(r"^(?:\s*[,.;:!?)\"'\u201d\u2019]|\s*$|\s+(?:and|or|but|when|while|as|is|was|were|are|has|had|have|"
                       r"will|would|to|of|with|in|at|for|because|that|which|where|than|been|we|they|he|she|it|I|you|there)\b)")
_SEASON_PREPS = frozenset({"in", "during", "by", "until", "till", "since", "through", "throughout", "before", "after",
                           "over", "from", "of", "for", "this", "last", "next", "that", "each", "every"})
_STREET = re.compile(r"^\s+(?:[A-Z][\w.'-]*\s+){0,3}(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct|"
                     r"Highway|Hwy|Parkway|Pkwy|Terrace|Circle|Square|Pike|Plaza|Crescent|Close)\b")
_CLOCK = re.compile(r"^\s*(?:GMT|UTC|Z\b|hrs?\b|hours\b|h\b|local\s+time|[A-Z][SD]T\b|IST\b|CET\b|CEST\b)")
_SHARE = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b|pc\b)", re.IGNORECASE)
_QUANTITY = re.compile(r"(?i)(?:\b(?:more|less|fewer|other)\s+than|\b(?:some|about|around|nearly|almost|approximately|"
                       r"roughly|up\s+to|at\s+least|total\s+of|only|just|another|estimated))\s*$")


class Calendar:
    """The knowledge of data/dates/ compiled once: patterns that find expressions and rules that resolve them."""

    def __init__(self) -> None:
        self.months = {name: int(n) for name, n in _rows("dates/months.tsv")}
        self.weekdays = {name: int(n) for name, n in _rows("dates/weekdays.tsv")}
        # lower-cased copy ("on wednesday"): only the full names, which are no other word ("sat", "sun" are)
        self.weekdays.update({name.lower(): n for name, n in list(self.weekdays.items()) if name.endswith("day")})
        self.idioms = {row[0].lower(): (row[1], row[2], row[3], row[4] if len(row) > 4 else "") for row in _rows("dates/idioms.tsv")}
        self.ordinals = {w: int(n) for w, n in _rows("dates/ordinals.tsv")}
        self.holidays = {_apostrophes(name.lower()): (m, d) for name, m, d in _rows("dates/holidays.tsv")}
        self.anaphors = {phrase.lower(): int(days) for phrase, days in _rows("dates/anaphors.tsv")}
        self.references = {phrase.lower(): value for phrase, value in _rows("dates/references.tsv")}
        self.seasons = {name: (code, int(first)) for name, code, first in _rows("dates/seasons.tsv")}
        self.number_words = {row[0]: int(row[1]) for row in _rows("numbers/words.tsv") if row[2] == "unit"}
        self.speech_verbs = frozenset(_words("dates/speech_verbs.txt"))
        self.speech_act_roots = frozenset(_words("dates/speech_act_roots.txt"))
        self.future_cues = frozenset(_words("dates/future_cues.txt"))
        self.anchor_verbs = frozenset(_words("dates/anchor_verbs.txt"))
        self.change_nouns = frozenset(_words("dates/change_nouns.txt"))
        self.shared_infinitives = frozenset(_words("dates/shared_infinitives.txt"))
        self._labels = re.compile(rf"(?i)\b(?:{_alternation(_words('dates/number_labels.txt'))})\.?\s*#?\s*$")
        self._day_names = re.compile(rf"\b(?:{_alternation(_words('dates/day_names.txt'))})$")
        self._counted = re.compile(rf"(?i)^\s+(?:{_alternation(_words('dates/count_nouns.txt'))})\b")
        self.patterns = self._patterns()
        self._range = re.compile(r"^\s*(?:-|–|to|until|till|through|and)\s*$", re.IGNORECASE)
        self._cue = re.compile(r"(\w+)\W*$")

    def _patterns(self) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None, bool]]:
        """(kind, pattern, the words that may lead it, whether a lead is required). Each pattern
        matches the date words themselves; the leading words ("last", "early", "in") are read from a
        short window before the match, which keeps the scan fast."""
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
        preps = r"in|since|during|until|till|by|through|throughout|before|after|from|of|between|around|on|for|over|than|versus|vs\.|fiscal|to"
        rels = r"last|next|this|this past|this coming|coming|past|previous|following"
        year_idioms = [k for k, (unit, _, _, _) in self.idioms.items() if unit == "year"]
        seasons = _alternation(list(self.seasons))
        nth = r"first|second|third|fourth|1st|2nd|3rd|4th"
        return [
            ("iso", re.compile(rf"\b(?P<y>{year})[-/](?P<m>[01]\d)[-/](?P<d>[0-3]\d)\b"), None, False),
            # 3/31/2018 (month first, as US news writes it, unless the first number cannot be a month), 31.03.2018
            ("numeric", re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>{year})(?![\d/.]\d)"), None, False),
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
            ("monthyear", re.compile(rf"\b(?P<mon>{mon}){end}\s+(?:of\s+)?(?P<y>{year})\b"),
             re.compile(rf"(?i)\b(?P<mod>{mods})(?:\s+|(?<=-))$"), False),
            (
                "monthrel",  # "in May last year", "September of next year": that month of that year
                re.compile(rf"\b(?P<mon>{mon_full}){end}\s+(?:of\s+)?(?P<yrel>(?i:{_alternation(year_idioms)}))\b"),
                re.compile(rf"(?i)\b(?P<mod>{mods})(?:\s+|(?<=-))$"),
                False,
            ),
            (
                "month",  # "in May", "last March", "the November election", "February's figure"
                re.compile(
                    rf"\b(?P<mon>{mon_full}){end}(?!\s*\d)"
                    rf"(?:\s*(?i:-|–|to|and|until|till|through)\s*(?P<mon2>{mon_full}){end}(?:\s+(?:of\s+)?(?P<y>{year})\b)?(?!\s*\d))?"
                    rf"(?P<poss>(?=['\u2019]s\b))?"
                ),
                re.compile(rf"(?i)\b(?:(?P<rel>{rels})|(?P<mod>{mods})|(?:{preps})(?:\s+(?P<mod2>{mods}))?|(?P<the>the))(?:\s+|(?<=-))$"),
                True,
            ),
            (
                "year",
                re.compile(
                    rf"\b(?P<y>{year})\b(?![/.,]?\d)"
                    rf"(?:\s*(?i:-|–|to|and|until|till|through)\s*(?P<y2>{year})\b(?![/.,]?\d))?"
                ),
                re.compile(rf"(?i)\b(?:(?P<mod>{mods})|(?:{preps}))(?:\s+|(?<=-))$"),
                True,
            ),
            # a year with no word before it ("2016 shipments", "the 2016 election", "(2018)", "2018-2023"):
            # kept unless its neighbours make it a count, an address, a clock time or a name (`_not_a_year`)
            ("bareyear", re.compile(rf"(?<![\w$£€#@/.,:+-])(?P<y>{year})(?![\w%/]|[.,:]\d)"
                                    rf"(?:\s*[-–]\s*(?P<y2>{year}|\d\d)(?![\w%/]|[.,]\d))?"), None, False),
            ("decade", re.compile(r"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)['\u2019]?s\b|\b(?:the\s+)?['\u2019](?P<dd>[2-9]0)s\b"),
             re.compile(rf"(?i)\b(?P<mod>{mods}|early|late|mid)(?:\s+|(?<=-))$"), False),
            ("century", re.compile(rf"(?i)\b(?:(?:the\s+)?(?P<cent>\d{{1,2}}(?:st|nd|rd|th)|{ords}|eleventh|twelfth|"
                                   rf"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
                                   rf"twentieth|twenty-first)|(?P<crel>this|last|the\s+last|the\s+previous|next))[\s-]+century\b"),
             re.compile(rf"(?i)\b(?P<mod>{mods}|early|late|mid)(?:\s+|(?<=-))$"), False),
            (
                "season",  # "this summer", "the fall of 2013", "in spring", "winter 2017"
                re.compile(rf"(?i)\b(?P<season>{seasons})\b(?:\s+(?:of\s+)?(?P<y>{year})\b)?"),
                re.compile(rf"(?i)\b(?:(?P<rel>{rels})|(?P<mod>{mods})|(?P<the>the))(?:\s+|(?<=-))$"),
                False,
            ),
            (
                "quarter",  # "the second quarter (of 2018)", "Q1 2018", "the first half of the year"
                re.compile(rf"(?i)\b(?:(?:(?:the\s+)?(?P<nth>{nth})|the\s+(?P<fin>final|last))[\s-]+(?P<part>quarter|half)"
                           rf"(?:\s+of\s+(?:(?P<y>{year})|(?:fiscal\s+)?(?P<yrel>the\s+year|this\s+year|last\s+year|next\s+year)))?"
                           rf"|(?P<qrel>this|last|next)\s+quarter)\b"
                           rf"|\b(?-i:Q(?P<qn>[1-4])(?:\s+(?P<qy>{year}))?|H(?P<hn>[12])\s+(?P<hy>{year}))(?![-\w])"),
                None,
                False,
            ),
            ("weeknum", re.compile(r"\b[Ww]eek\s+(?P<wk>[1-9]|[1-4]\d|5[0-3])\b(?![.,]\d)"), None, False),
            (
                "weekday",
                re.compile(rf"\b(?P<wd>{wd}){end}(?:\s+(?P<part>(?i:morning|afternoon|evening|night|midnight)))?"),
                re.compile(rf"(?i)\b(?P<rel>{rels})\s+$"),
                False,
            ),
            (
                "idiom",
                re.compile(rf"(?i)\b(?P<idiom>{_alternation(list(self.idioms))})\b(?!\s+of\s+(?:{mon}))"),
                re.compile(rf"(?i)\b(?P<mod>{mods})(?:\s+|(?<=-))$"),
                False,
            ),
            (
                "ago",  # "three years ago", "a week ago"; "years ago", "a few months ago" are the past
                re.compile(r"(?i)\b(?P<unit>day|week|month|year|decade)s?\s+ago\b"),
                re.compile(rf"(?i)\b(?P<n>\d+|{num}|an?|a few|a couple of|several|many|some|few)\s+$"),
                False,
            ),
            ("ordinal", re.compile(rf"(?i)\bthe\s+(?P<ord>{ords}|\d+(?:st|nd|rd|th))\s+day\b"), None, False),
            (
                "holiday",
                re.compile(rf"(?i)\b(?P<holiday>{_holiday_alternation(list(self.holidays))})(?:s|es)?(?!\w)(?!\s+Island)"),
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
            (
                "reference",  # "now", "currently", "recently", "in the past,", "the future of"
                re.compile(rf"(?i)(?<![\w-])(?P<ref>{_alternation(list(self.references))})(?![\w-])"),
                None,
                False,
            ),
        ]

    # -- finding ---------------------------------------------------------------------------------

    def find(self, text: str) -> list[Expression]:
        """Every date expression, longest first where they overlap, ranges merged, in text order."""
        found: list[Expression] = []
        lower = text.lower()
        for kind, pattern, before, required in self.patterns:
            needles = _NEEDLES.get(kind)
            if needles and not any(n in lower for n in needles):
                continue  # a pattern whose words the text lacks is not run
            for m in pattern.finditer(text):
                parts = m.groupdict()
                start = m.start()
                if before is not None:
                    window = text[max(0, start - 40) : start]
                    lead = before.search(window)
                    if lead is None and required and parts.get("poss") is None:
                        continue
                    if lead is not None:
                        offset = start - len(window)
                        for group, value in lead.groupdict().items():
                            if value:
                                parts[group.rstrip("2")] = value
                                start = min(start, offset + lead.start(group))
                expr = self._vetted(Expression(start, m.end(), text[start : m.end()], kind, parts, self._cue_before(text, start)), text)
                if expr is not None:
                    found.append(expr)
        found.sort(key=lambda e: (-(e.end - e.start), e.start))
        chosen: list[Expression] = []
        taken: list[tuple[int, int]] = []
        for expr in found:
            if all(expr.end <= s or expr.start >= e for s, e in taken):
                chosen.append(expr)
                taken.append((expr.start, expr.end))
        chosen.sort(key=lambda e: e.start)
        return self._merge_ranges(text, chosen)

    def _vetted(self, expr: Expression, text: str) -> Expression | None:
        """An expression as found, or None when its own words or neighbours say it is no date."""
        p = expr.parts
        if expr.kind == "month" and p.get("the") and not (p.get("rel") or p.get("mod")) and p["mon"] == "May":
            return None  # "the May government": a name before a noun, not the month
        if expr.kind == "bareyear" and self._not_a_year(text, expr):
            return None
        if expr.kind == "season":
            return self._season_vetted(expr, text)
        if expr.kind == "quarter" and (p.get("part") or "").lower() == "half" and not (p.get("y") or p.get("yrel")):
            return None  # "the first half" alone is a match's or a century's as often as a year's
        if expr.kind == "year" and self._counted_or_placed(text[expr.end : expr.end + 30]):
            return None
        if expr.kind == "idiom" and p["idiom"].lower() in _GENERIC and re.search(r"(?i)\w\s+of\s+$", text[max(0, expr.start - 6) : expr.start]):
            return replace(expr, kind="reference", parts={**p, "ref": _GENERIC[p["idiom"].lower()]})
            # "the cars of tomorrow", "the world of today", "the heroes of yesterday": no day
        if expr.kind == "weekday" and self._day_names.search(text[max(0, expr.start - 12) : expr.end]):
            return None  # "Black Monday", "Super Tuesday": a name, not a day of this week
        if expr.kind == "reference":
            after = text[expr.end : expr.end + 30]
            if p["ref"].lower().startswith("the ") and not _REF_NEXT.match(after):
                return None  # "the past three years" is a duration, "the future king" an adjective
            if p["ref"].lower() == "now" and re.match(r"^\s+that\b", after):
                return None  # "now that": a conjunction
        return expr

    def _counted_or_placed(self, after: str) -> bool:
        """What follows a number makes it a count ("2000 people"), a share ("2016%"), an address
        ("2017 Main Street") or a clock time ("1830 GMT")."""
        return bool(self._counted.match(after) or _SHARE.match(after) or _STREET.match(after) or _CLOCK.match(after))

    def _not_a_year(self, text: str, expr: Expression) -> bool:
        """A four-digit number with no date word before it is a year unless it is round (2000 is a
        count as often as a year), or what surrounds it makes it a count ("2013 people", "some 1987
        homes"), a share ("2016%"), an address ("2017 Main Street"), a clock time ("1830 GMT") or the
        number of a named thing ("Route 2017", "Resolution 2254", "No. 2013")."""
        before, after = text[max(0, expr.start - 30) : expr.start], text[expr.end : expr.end + 30]
        y = int(expr.parts["y"])
        if y % 100 == 0 and not expr.parts.get("y2"):
            return True
        if self._labels.search(before) or self._counted_or_placed(after):
            return True
        if _QUANTITY.search(before) and re.match(r"^\s+[a-z]", after):
            return True
        return bool(re.match(r"^[-–]\d", after) and not expr.parts.get("y2"))

    def _season_vetted(self, expr: Expression, text: str) -> Expression | None:
        """A season word is a date with a word before it that makes it one ("this summer", "in the
        fall", "early spring", "the summer") or a year after it. Without one ("Winter is making its
        presence known") the parse must show it is a noun phrase of its own (`weak`). "The fall of
        Kabul", "the fall in prices", "prices fall" and "the Arab Spring" are not seasons."""
        p = expr.parts
        name = p["season"].lower()
        after = text[expr.end : expr.end + 20]
        words = [w.strip(".,;:!?\"'()").lower() for w in text[max(0, expr.start - 24) : expr.start].split()]
        last_word = text[max(0, expr.start - 24) : expr.start].split()[-1:] or [""]
        if p["season"][0].isupper() and (re.match(r"^\s+[A-Z]", after) or (last_word[0][:1].isupper() and p.get("the") is None
                                                                           and not last_word[0].endswith((".", "!", "?", ":", '"')))):
            return None  # "the Arab Spring", "Summer Olympics": a name
        if p.get("y") or p.get("rel") or p.get("mod"):
            return expr
        prep = words[-2] if words[-1:] == ["the"] and len(words) > 1 else (words[-1] if words else "")
        if name == "fall":
            fits = prep in _SEASON_PREPS and _ends_phrase(after)
            return expr if fits and not re.match(r"^\s+(?:of|in|from|to|off|out|back|by|on|into|below|behind)\b", after) else None
        if prep in _SEASON_PREPS or p.get("the"):
            return expr
        return replace(expr, weak=True)

    def _cue_before(self, text: str, start: int) -> str | None:
        m = self._cue.search(text[max(0, start - 20) : start])
        return m.group(1).lower() if m else None

    def _merge_ranges(self, text: str, exprs: list[Expression]) -> list[Expression]:
        merged: list[Expression] = []
        for expr in exprs:
            if merged and self._range.match(text[merged[-1].end : expr.start]):
                first = merged[-1]
                between = text[first.end : expr.start].strip().lower()
                if first.kind == expr.kind == "weekday" and between in ("-", "–") and not first.parts.get("rel"):
                    merged[-1] = replace(first, end=expr.end, text=text[first.start : expr.end], kind="weekdays")
                    continue  # "open Monday-Saturday": a schedule (a TIMEX3 SET), not a date
                if between != "and" or first.cue == "between":
                    parts = dict(first.parts)
                    parts["range_end"] = expr
                    merged[-1] = Expression(first.start, expr.end, text[first.start : expr.end], first.kind, parts, first.cue, first.weak)
                    continue
            merged.append(expr)
        return merged

    # -- resolving -------------------------------------------------------------------------------

    def resolve(self, expr: Expression, published: date | None, tense: Tense = None) -> Resolved | None:
        """The value of an expression, or None when it cannot be pinned down (no publication date, bad day)."""
        try:
            resolved = self._resolve(expr, published, tense)
        except (ValueError, OverflowError, KeyError):
            return None
        if resolved is None:
            return None
        end = expr.parts.get("range_end")
        if isinstance(end, Expression):
            other = self.resolve(end, published, tense)
            if other is not None:
                return replace(resolved, end_value=other.end_value or other.value)
        elif expr.cue == "since" and published is not None and resolved.end_value is None and resolved.type != "DURATION":
            return replace(resolved, end_value=published.isoformat())
        return resolved

    def _resolve(self, expr: Expression, published: date | None, tense: Tense) -> Resolved | None:
        p = expr.parts
        if expr.cue == "since":
            tense = "past"  # what began "since" a date began before the report
        kind = expr.kind
        if kind == "iso":
            return Resolved(date(int(p["y"]), int(p["m"]), int(p["d"])).isoformat(), "day")
        if kind == "numeric":
            a, b = int(p["a"]), int(p["b"])
            month, day = (a, b) if p["sep"] == "/" and a <= 12 else (b, a)
            return Resolved(date(int(p["y"]), month, day).isoformat(), "day")
        if kind in ("mdy", "dmy"):
            month = self.months[p["mon"]]
            day = _day(p["d1"])
            year = int(p["y"]) if p.get("y") else None
            when = day_in_year(month, day, year, published, tense)
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
        if kind == "year":
            return Resolved(f"{int(p['y']):04d}", "year", f"{int(p['y2']):04d}" if p.get("y2") else None)
        if kind == "bareyear":
            return _years(int(p["y"]), p.get("y2"))
        if kind == "decade":
            first = int(p["dec"]) if p.get("dec") else 1900 + int(p["dd"])
            return century(first) if first % 100 == 0 else decade(first)
        if kind == "century" and p.get("cent"):
            n = self.ordinals.get(p["cent"].lower()) or _ORDINAL_CENTURIES.get(p["cent"].lower()) or _day(p["cent"])
            return century((n - 1) * 100)
        if kind == "weekdays":
            return None
        if published is None:
            return None
        if kind == "century":
            back = 1 if p["crel"].lower() in ("last", "the last", "the previous") else -1 if p["crel"].lower() == "next" else 0
            return century((published.year // 100 - back) * 100)
        if kind == "monthrel":
            offset = int(self.idioms[p["yrel"].lower()][1])
            return Resolved(f"{published.year + offset:04d}-{self.months[p['mon']]:02d}", "month")
        if kind == "month":
            if p.get("y"):  # "between September and October of 2007"
                first_month, last_month = self.months[p["mon"]], self.months[p["mon2"]]
                year = int(p["y"]) - (1 if last_month < first_month else 0)
                return Resolved(f"{year:04d}-{first_month:02d}", "month", f"{int(p['y']):04d}-{last_month:02d}")
            first = month_alone(self.months[p["mon"]], (p.get("rel") or "").lower(), published, tense)
            if first is not None and p.get("mon2"):
                year, month = int(first.value[:4]), self.months[p["mon2"]]
                year += 1 if month < self.months[p["mon"]] else 0
                return replace(first, end_value=f"{year:04d}-{month:02d}")
            return first
        if kind == "season":
            code, first_month = self.seasons[p["season"].lower()]

            def season_of(y: int) -> periods.Period:
                return periods.season(code, first_month, y)

            return _period(periods.chosen(season_of, published, (p.get("rel") or "").lower(), tense, int(p["y"]) if p.get("y") else None))
        if kind == "quarter":
            return self._quarter(p, published, tense)
        if kind == "weeknum":
            week = int(p["wk"])
            year = published.year
            return Resolved(iso_week(date.fromisocalendar(year, week, 1)), "week")
        if kind == "weekday":
            day = weekday_near(self.weekdays[p["wd"]], (p.get("rel") or "").lower(), published, tense).isoformat()
            part = _DAY_PARTS.get((p.get("part") or "").lower())
            return Resolved(day, "day", timex=f"{day}T{part}", type="TIME") if part else Resolved(day, "day")
        if kind == "idiom":
            unit, offset, precision, typed = self.idioms[p["idiom"].lower()]
            resolved = relative(unit, offset, precision, published, tense)
            if expr.cue == "the" and p["idiom"].lower().startswith("last ") and unit in _SPANS:
                return replace(resolved, timex=_SPANS[unit], type="DURATION")  # "in the last decade": the ten years to now
            if typed.startswith("TIME/"):
                return replace(resolved, timex=f"{resolved.value}T{typed[5:]}", type="TIME")
            if typed.startswith("DURATION/"):
                return replace(resolved, timex=typed[9:], type="DURATION")
            return resolved
        if kind == "holiday":
            when = periods.holiday(self.holidays[_apostrophes(p["holiday"].lower())], published, tense)
            return Resolved(when.isoformat(), "day")
        if kind == "dayofmonth":
            when = day_in_month(_day(p["dom"]), published, tense)
            return Resolved(when.isoformat(), "day") if when else None
        if kind == "anaphor":
            return self.counted_from(expr, published)
        if kind == "ago":
            n = (p.get("n") or "").lower()
            if n in ("", "a few", "a couple of", "several", "many", "some", "few"):
                return Resolved(published.isoformat(), "unknown", timex="PAST_REF")
            count = int(n) if n.isdigit() else self.number_words.get(n, 1)
            return ago(p["unit"].lower(), count, published)
        if kind == "reference":
            value = self.references[p["ref"].lower()]
            return Resolved(published.isoformat(), "day" if value == "PRESENT_REF" else "unknown", timex=value)
        return None  # ordinals need an anchor: see `ordinal_day`

    def _quarter(self, p: dict, published: date, tense: Tense) -> Resolved:
        """A quarter or a half: of the year given, else the one the publication date and tense choose."""
        if p.get("qrel"):
            index = published.year * 4 + periods.quarter_of(published) - 1 + {"this": 0, "last": -1, "next": 1}[p["qrel"].lower()]
            return _period(periods.quarter(index % 4 + 1, index // 4))
        if p.get("qn") or p.get("hn"):
            n, make_of, year = (int(p["qn"]), periods.quarter, p.get("qy")) if p.get("qn") else (int(p["hn"]), periods.half, p.get("hy"))
        else:
            is_half = p["part"].lower() == "half"
            nth = (p.get("nth") or "").lower()
            n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(nth, 2 if is_half else 4)
            make_of, year = (periods.half if is_half else periods.quarter), p.get("y")
            if p.get("yrel"):
                year = str(published.year + {"the year": 0, "this year": 0, "last year": -1, "next year": 1}[" ".join(p["yrel"].lower().split())])

        def period_of(y: int) -> periods.Period:
            return make_of(n, y)

        return _period(periods.chosen(period_of, published, "", tense, int(year) if year else None))

    def counted_from(self, expr: Expression, anchor: date) -> Resolved | None:
        """An anaphor ("the previous day", "two weeks earlier") counted from `anchor`, the date the
        text has just given (the publication date when it has given none); None past the calendar's
        years ("99999999 days later") or for a count of thousands of digits."""
        p = expr.parts
        if p.get("phrase"):
            return Resolved((anchor + timedelta(days=self.anaphors[p["phrase"].lower()])).isoformat(), "day")
        n = p["n"].lower()
        try:
            count = int(n) if n.isdigit() else self.number_words.get(n, 1)
            sign = 1 if p["dir"].lower() in ("later", "after") else -1
            if p["unit"].lower() == "week":
                return Resolved(iso_week(anchor + timedelta(weeks=sign * count)), "week")
            return Resolved((anchor + timedelta(days=sign * count)).isoformat(), "day")
        except (ValueError, OverflowError):
            return None

    def ordinal(self, expr: Expression) -> int | None:
        word = expr.parts.get("ord", "").lower()
        return self.ordinals.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)


# Words one of which every match of a pattern holds: a text without them is not scanned for it.
_NEEDLES = {
    "century": ("century",),
    "quarter": ("quarter", "half", "q1", "q2", "q3", "q4", "h1", "h2"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "decade": ("0s", "0\u2019s", "0's"),
    "weeknum": ("week",),
    "ago": ("ago",),
    "ordinal": (" day",),
    "numeric": ("/", "."),
}
_GENERIC = {"tomorrow": "the future", "today": "the present", "yesterday": "the past"}
_SPANS = {"week": "P1W", "month": "P1M", "year": "P1Y", "decade": "P10Y", "weekend": "P1WE"}
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midnight": "NI"}
_ORDINAL_CENTURIES = {"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
                      "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _ends_phrase(after: str) -> bool:
    return bool(re.match(r"^\s*(?:[,.;:!?)]|$)|^\s+(?:and|or|but|when|as|semester|term|session|season|election|elections|campaign)\b", after))


def _years(first: int, second: str | None) -> Resolved:
    """A year, or a range written "2018-2023" / "2012-18" when its end comes after its start."""
    if second:
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if first < last <= first + 60:
            return Resolved(f"{first:04d}", "year", f"{last:04d}")
    return Resolved(f"{first:04d}", "year")


def _period(period: periods.Period) -> Resolved:
    return Resolved(period.first, "month", period.last, timex=period.timex)


def _apostrophes(text: str) -> str:
    return text.replace("\u2019", "'")


def _holiday_alternation(names: list[str]) -> str:
    """Holiday names with either apostrophe ("New Year's", "New Year\u2019s")."""
    return _alternation(names, lambda char: "['\u2019]" if char == "'" else re.escape(char))


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    """The compiled calendar, once per process."""
    return Calendar()
