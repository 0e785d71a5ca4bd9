"""Direct quotes found by their quotation marks, before any parse is read.

Marks are read on the text, not on tokens, because quotes cross sentences and paragraphs:
- straight (") and curly (“ ”) double quotes; single quotes (‘ ’) are read as quotes only in a
  paragraph that has no double quotes (British style), and otherwise stay nested inside the
  double quote around them;
- a quote still open at the end of a paragraph goes on when the next paragraph opens with a quote
  mark (the wire convention for a quote running over several paragraphs), else it ends there;
- an apostrophe (Pakistan’s, soldiers’) is never a closing mark: a closing ’ must not be followed
  by a letter.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING_DOUBLE = frozenset("\u201c\"\u201e")
CLOSING_DOUBLE = frozenset("\u201d\"")
OPENING_SINGLE = frozenset("\u2018'")
CLOSING_SINGLE = frozenset("\u2019'")
_BEFORE_OPENING = frozenset(" \t\n([{/\u2014\u2013-:")


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """A quoted stretch: `start`/`end` bound the words inside the marks."""

    start: int
    end: int
    opened: int  # offset of the opening mark
    closed: int | None  # offset of the closing mark, None when the paragraph ended it
    paragraphs: int = 1  # how many paragraphs it runs over
    nested: tuple[tuple[int, int], ...] = ()


def _opens(text: str, i: int, start: int) -> bool:
    return i == start or text[i - 1] in _BEFORE_OPENING


def _closes_single(text: str, i: int) -> bool:
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if text[start:i].strip():
                spans.append((start, i))
            start = i + 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_quotes(text: str) -> list[QuoteMark]:
    """Every direct quote of a text, in order, with offsets into the text."""
    found: list[QuoteMark] = []
    paragraphs = _paragraphs(text)
    carried: tuple[int, int, int] | None = None  # (content start, opening mark, paragraphs so far)
    for index, (p_start, p_end) in enumerate(paragraphs):
        double = any(ch in OPENING_DOUBLE or ch in CLOSING_DOUBLE for ch in text[p_start:p_end])
        opening, closing = (OPENING_DOUBLE, CLOSING_DOUBLE) if double else (OPENING_SINGLE, CLOSING_SINGLE)
        i = p_start
        state = carried
        if state is not None:
            i = p_start + 1  # skip the continuation mark
        nested: list[tuple[int, int]] = []
        nested_open: int | None = None
        while i < p_end:
            ch = text[i]
            if state is None:
                if ch in opening and _opens(text, i, p_start):
                    state = (i + 1, i, 1)
                    nested = []
            elif ch in closing and (double or _closes_single(text, i)):
                start, end = _trimmed(text, state[0], i)
                if end > start:
                    found.append(QuoteMark(start, end, state[1], i, state[2], tuple(nested)))
                state = None
            elif double and ch == "\u2018" and _opens(text, i, p_start):
                nested_open = i + 1
            elif double and ch == "\u2019" and nested_open is not None and _closes_single(text, i):
                nested.append((nested_open, i))
                nested_open = None
            i += 1
        carried = None
        if state is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if following is not None and text[following] in opening:
                carried = (state[0], state[1], state[2] + 1)
            else:
                start, end = _trimmed(text, state[0], p_end)
                if end > start:
                    found.append(QuoteMark(start, end, state[1], None, state[2], tuple(nested)))
    return found
