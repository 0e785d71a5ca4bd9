"""Numbers as news writes them, with the bounds their wording implies.

"five", "twenty-five", "a dozen", "1,200", "3 million", "at least 12" (a floor), "up to 30" (a
ceiling), "20 to 30" (a range), "dozens" (a vague count, read by the convention in
data/numbers/vague.tsv). Knowledge lives in data/numbers/; this module holds only the mechanism and
knows no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MAX_COUNT = 10**10  # more than there are people: a larger figure is no count of anyone (and fits a store's integer)


def _rows(name: str) -> list[list[str]]:
    text = resources.files("polemos.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count found in text: `best` is the figure to use, `low`/`high` the bounds the words give."""

    start: int
    end: int
    text: str
    best: int
    low: int | None
    high: int | None
    vague: bool = False


class Numerals:
    """The number words, vague quantities and bound modifiers of data/numbers/, compiled once."""

    def __init__(self) -> None:
        self.words = {row[0]: (int(row[1]), row[2]) for row in _rows("numbers/words.tsv")}
        self.vague = {
            row[0]: tuple(int(x) if x.strip() else None for x in row[1:4]) for row in _rows("numbers/vague.tsv")
        }
        self.bounds = {row[0]: row[1].strip() for row in _rows("numbers/modifiers.tsv")}
        # the nouns of "a dozen", "a number of", "a handful": a count, never one person
        self.vague_heads = frozenset(w.split()[1] for w in [*self.vague, *self.words] if w.startswith("a "))
        self.vague_heads |= frozenset(w for w, (_, kind) in self.words.items() if kind == "scale") | {"dozen", "score", "total"}
        small = _alternation([w for w, (_, kind) in self.words.items() if kind in ("unit", "ten")])
        scale = _alternation([w for w, (_, kind) in self.words.items() if kind == "scale"])
        digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
        compound = rf"(?:{small})(?:[- ](?:{small}))?"
        word_number = (
            rf"(?:{compound}(?:\s+(?:{scale})s?)*(?:\s+and\s+{compound})?|an?\s+(?:{scale})(?:\s+(?:{scale})s?)*)"
        )
        single = rf"(?:(?:{digits})(?:\s+(?:{scale}))?|{word_number})"
        vague = _alternation(list(self.vague))
        mods = _alternation(list(self.bounds))
        self.pattern = re.compile(
            rf"(?i)\b(?:"
            rf"between\s+(?P<a>{single})\s+and\s+(?P<b>{single})(?=\W|$)"
            rf"|(?P<c>{single})\s*(?:-|–|to|or)\s*(?P<d>{single})(?=\W|$)"
            rf"|(?P<v>{vague})\b"
            rf"|(?P<n>{single})(?=\W|$))"
        )
        # the bound words before a number are read from a short window: faster than a leading group
        self.lead = re.compile(rf"(?i)\b(?P<mod>{mods})\s+$")

    def value(self, text: str) -> int | None:
        """An integer from digits or number words; None for "a" alone, nonsense, or over MAX_COUNT."""
        found = self._value(text)
        return found if found is None or found <= MAX_COUNT else None

    def _value(self, text: str) -> int | None:
        text = text.strip().lower()
        m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(\w+))?", text)
        if m:
            if len(m.group(1)) > 20:  # hundreds of digits: float() would give infinity
                return None
            number = float(m.group(1).replace(",", ""))
            scale = self.words.get(m.group(2) or "", (1, "scale"))[0] if m.group(2) else 1
            return int(round(number * scale))
        total, current, seen = 0, 0, False
        for word in re.split(r"[\s-]+", text):
            word = word.rstrip("s") if word.rstrip("s") in self.words and word not in self.words else word
            if word == "and":
                continue
            if word in ("a", "an"):
                current = max(current, 1)
                continue
            if word not in self.words:
                return None
            number, kind = self.words[word]
            seen = True
            if kind in ("unit", "ten"):
                current += number
            elif number >= 1000:
                total += max(current, 1) * number
                current = 0
            else:
                current = max(current, 1) * number
        return total + current if seen else None

    def find(self, text: str) -> list[Quantity]:
        """Every count in `text` with its bounds; "a" alone and bare "one"-less articles are skipped."""
        found: list[Quantity] = []
        for m in self.pattern.finditer(text):
            lead = self.lead.search(text[max(0, m.start() - 24) : m.start()])
            bound = self.bounds.get(lead.group("mod").lower()) if lead else None
            begin = m.start() - (len(lead.group(0)) if lead else 0)
            if m.group("v"):
                low, best, high = self.vague[m.group("v").lower()]
                if best is None:
                    continue
                found.append(self._bounded(m, best, low, high, bound, vague=True, begin=begin))
                continue
            a, b = m.group("a") or m.group("c"), m.group("b") or m.group("d")
            if a:
                low, high = self.value(a), self.value(b)
                joined = self.value(m.group(0)[m.start("c") - m.start() :]) if m.group("c") else None
                if joined is not None:  # "twenty-five" is one number, not a range
                    found.append(self._bounded(m, joined, joined, joined, bound, begin=begin))
                elif low is not None and high is not None and high > low:
                    # a range: the lower figure is the best one, the most conservative reading
                    found.append(Quantity(begin, m.end(), text[begin : m.end()], low, low, high))
                elif low is not None:
                    end = m.end("a") if m.group("a") else m.end("c")
                    found.append(self._bounded(m, low, low, low, bound, end=end, begin=begin))
                continue
            n = self.value(m.group("n"))
            if n is None:
                continue
            found.append(self._bounded(m, n, n, n, bound, begin=begin))
        return found

    @staticmethod
    def _bounded(
        m: re.Match[str],
        best: int,
        low: int | None,
        high: int | None,
        bound: str | None,
        *,
        vague: bool = False,
        end: int | None = None,
        begin: int | None = None,
    ) -> Quantity:
        if bound == "low":
            low, high = best, (high if vague else None)
        elif bound == "high":
            low, high = None, best
        elif bound == "about":
            low, high = (low, high) if vague else (None, None)
        stop = end if end is not None else m.end()
        start = begin if begin is not None else m.start()
        return Quantity(start, stop, m.string[start:stop], best, low, high, vague)


@lru_cache(maxsize=1)
def numerals() -> Numerals:
    """The compiled number knowledge, once per process."""
    return Numerals()
