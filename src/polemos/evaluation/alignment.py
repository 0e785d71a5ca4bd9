"""Offsets of polemos' clean text mapped back to the text it was made from.

`build_document` collapses spaces, drops captions, bylines and empty lines and takes the dateline
off the first line, so an offset into `Document.text` is not an offset into the input. Gold labels
index the input; this maps one onto the other, line by line (each clean line is a whitespace-
collapsed stretch of one input line), character by character inside a line.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right


class OffsetMap:
    """clean offset -> source offset (or None where the clean text has no counterpart)."""

    def __init__(self, clean: str, source: str) -> None:
        self.clean, self.source = clean, source
        self._starts: list[int] = []  # clean offsets where an aligned stretch begins
        self._pairs: list[list[int | None]] = []
        if clean == source:
            self.identity = True
            return
        self.identity = False
        norm_source = unicodedata.normalize("NFC", source)
        scan = 0
        position = 0
        for line in clean.split("\n"):
            if line.strip():
                mapped = self._align_line(line, norm_source, scan)
                if mapped is not None:
                    self._starts.append(position)
                    self._pairs.append(mapped)
                    last = next((m for m in reversed(mapped) if m is not None), None)
                    if last is not None:
                        scan = last + 1
            position += len(line) + 1

    @staticmethod
    def _align_line(line: str, source: str, scan: int) -> list[int | None] | None:
        words = line.split()
        if not words:
            return None
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        match = pattern.search(source, scan) or pattern.search(source)
        if match is None:
            return None
        mapped: list[int | None] = []
        i = match.start()
        for ch in line:
            if ch.isspace():
                while i < match.end() and not source[i].isspace():
                    i += 1
                mapped.append(i if i < match.end() else None)
                while i < match.end() and source[i].isspace():
                    i += 1
            else:
                while i < match.end() and source[i] != ch:
                    i += 1
                mapped.append(i if i < match.end() else None)
                i += 1
        return mapped

    def source_offset(self, clean_offset: int) -> int | None:
        if self.identity:
            return clean_offset
        index = bisect_right(self._starts, clean_offset) - 1
        if index < 0:
            return None
        inner = clean_offset - self._starts[index]
        pairs = self._pairs[index]
        if inner >= len(pairs):
            return None
        return pairs[inner]
